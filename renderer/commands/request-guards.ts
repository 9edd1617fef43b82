/**
 * The rules of the requests inbox (Art. 12(3) GDPR) that every request command runs on what it is
 * about to store, whoever planned the change: each command takes exactly its own step
 * (`checkRequestStep` in `shared/domain/data-request.ts`), against the record as the model holds
 * it, the deadline is recomputed with the public holidays, and the only tasks it may write are
 * the request's own reminders.
 */
import {
  checkRequestStep,
  DomainError,
  type DataRequest,
  type HolidayCalendar,
  type RequestStep,
} from '../../shared/domain';
import type { Guard } from './privacy-guards';

let holidays: (() => Promise<HolidayCalendar>) | null = null;

/**
 * Installs the public holidays the deadlines skip (the app gives the Italian ones, loaded on
 * first use); returns the function that puts the previous loader back.
 * WARNING: process-wide. Until one is installed, every request command is refused
 * (`holidays-unavailable`): a deadline computed without the holidays could be too early or late.
 */
export function setHolidayCalendar(loader: () => Promise<HolidayCalendar>): () => void {
  const previous = holidays;
  holidays = loader;
  return () => void (holidays = previous);
}

/** The calendar date of `epochMs` where the user is (a request's dates are the user's days). */
export function localToday(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The guard of one step of a request (`record`, `link`, `identity`, `pause`, `resume`, `extend`, `close`). */
export function requestRules(step: RequestStep, now: () => number = () => Date.now()): Guard {
  return async (changes, model) => {
    if (!holidays) throw new DomainError('holidays-unavailable');
    const isHoliday = await holidays();
    const today = localToday(now());
    const reminders = new Set<string>();
    let requests = 0;
    for (const change of changes) {
      if (change.table !== 'requests') continue;
      requests++;
      // The stored record, not the caller's `before`: a step is judged against what is there.
      const before = model.get('requests', change.after.id) ?? null;
      const after = change.after as DataRequest;
      checkRequestStep(step, before, after, today, isHoliday);
      for (const id of after.reminderTaskIds) reminders.add(id);
    }
    if (requests !== 1) throw new DomainError('request-step');
    for (const change of changes)
      if (change.table === 'tasks' && !reminders.has(change.after.id)) throw new DomainError('request-step');
  };
}
