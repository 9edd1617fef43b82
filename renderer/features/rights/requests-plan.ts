// The requests inbox's planning: the changes each step writes (the request, and the reminder
// task kept in step with its deadline), the holiday calendar as a hook, and the read of a
// person's page for the audit log.
import { useEffect, useState } from 'react';
import {
  applyChanges,
  createRecord,
  daysBetween,
  newRequestFields,
  setTaskDone,
  type DataRequest,
  type HolidayCalendar,
  type NewRequestFields,
  type Task,
} from '../../../shared/domain';
import { localToday, recordRead } from '../../commands';
import type { Change, Model, Repository } from '../../vault';
import { loadHolidayCalendar } from './holiday-calendar';

/** Days before the deadline the reminder task fires (or at once, when fewer are left). */
export const reminderDaysBefore = 5;

/** The Italian public holidays, once loaded (null until then: show no deadline rather than a wrong one). */
export function useHolidayCalendar(): HolidayCalendar | null {
  const [calendar, setCalendar] = useState<HolidayCalendar | null>(null);
  useEffect(() => {
    let live = true;
    void loadHolidayCalendar().then((c) => live && setCalendar(() => c));
    return () => {
      live = false;
    };
  }, []);
  return calendar;
}

/** The day `n` days before `date`. */
function daysBefore(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return localToday(new Date(y, m - 1, d - n, 12).getTime());
}

/** The reminder's fields for a deadline: due on it, reminding at 09:00 some days before (never before today). */
function reminderFields(dueOn: string, title: string, today: string) {
  const remindOn =
    daysBetween(today, dueOn) > reminderDaysBefore ? daysBefore(dueOn, reminderDaysBefore) : today;
  const [y, m, d] = remindOn.split('-').map(Number) as [number, number, number];
  return {
    title,
    dueDate: dueOn,
    reminderAt: new Date(y, m - 1, d, 9, 0).toISOString(),
  };
}

/** The title of a request's reminder task, in the user's language (it names no person). */
export type ReminderTitle = (request: Pick<DataRequest, 'type' | 'dueOn'>) => string;

/** A new request and its reminder task. */
export function planNewRequest(
  repo: Repository,
  fields: NewRequestFields,
  isHoliday: HolidayCalendar,
  title: ReminderTitle,
  today: string,
): { request: DataRequest; changes: Change[] } {
  const taskId = repo.newId() as Task['id'];
  const stamp = repo.stamp();
  const request = createRecord(
    'requests',
    repo.newId() as DataRequest['id'],
    newRequestFields({ ...fields, reminderTaskIds: [taskId] }, isHoliday),
    stamp,
  );
  const task = createRecord(
    'tasks',
    taskId,
    { ...reminderFields(request.dueOn, title(request), today), priority: 'high', done: false },
    stamp,
  );
  return {
    request,
    changes: [
      { table: 'requests', before: null, after: request },
      { table: 'tasks', before: null, after: task },
    ],
  };
}

/**
 * The changes of one step on a request: the request itself, and its live reminder tasks moved to
 * the new deadline, or completed when the request is closed.
 */
export function planStep(
  model: Model,
  repo: Repository,
  before: DataRequest,
  after: DataRequest,
  title: ReminderTitle,
  today: string,
): Change[] {
  const changes: Change[] = [{ table: 'requests', before, after }];
  for (const id of after.reminderTaskIds) {
    const task = model.get('tasks', id);
    if (!task || task.deletedAt !== null || task.done) continue;
    const next =
      after.closure !== null
        ? setTaskDone(task, true, repo.stamp())
        : after.dueOn !== before.dueOn
          ? applyChanges(task, reminderFields(after.dueOn, title(after), today), repo.stamp())
          : task;
    if (next !== task) changes.push({ table: 'tasks', before: task, after: next });
  }
  return changes;
}

// Opening the same person's page again within this time counts once (React may mount an effect
// twice in development; a user cannot open a page twice that fast).
const sameOpenMs = 1000;
let lastViewed: { id: string; at: number } | null = null;

/**
 * Records that the person's page was opened: one `people.viewed` audit entry per opening (not per
 * render), written in the background with other reads.
 */
export function usePersonViewed(personId: string | undefined): void {
  useEffect(() => {
    if (!personId) return;
    const now = Date.now();
    if (lastViewed && lastViewed.id === personId && now - lastViewed.at < sameOpenMs) return;
    lastViewed = { id: personId, at: now };
    try {
      recordRead('viewed', personId);
    } catch {
      // Not a record id (a mistyped address): nothing was read, nothing to record.
    }
  }, [personId]);
}
