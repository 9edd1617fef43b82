import { localDateTime, localEpoch, parseLocalDateTime } from './local-time';

/** How a task's reminder is chosen in the form: relative to the due moment, or a custom time. */
export const reminderChoices = ['none', 'at-due', '15m', '1h', '1d', 'custom'] as const;
/** One of `reminderChoices`. */
export type ReminderChoice = (typeof reminderChoices)[number];

const offsets: Partial<Record<ReminderChoice, number>> = {
  'at-due': 0,
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '1d': 24 * 60 * 60_000,
};

/** A due date without a time is due at this local time for reminders. */
export const defaultDueTime = '09:00';

/** The due moment as epoch ms (date-only tasks at `defaultDueTime`), or NaN without a date. */
export function dueEpoch(dueDate: string, dueTime: string): number {
  return dueDate === '' ? Number.NaN : localEpoch(dueDate, dueTime === '' ? defaultDueTime : dueTime);
}

/**
 * The reminder instant a form describes, `undefined` for none, or `null` when the choice needs a
 * due date (or a custom time) the form does not have.
 */
export function resolveReminder(
  choice: ReminderChoice,
  dueDate: string,
  dueTime: string,
  custom: string,
): string | undefined | null {
  if (choice === 'none') return undefined;
  const epoch =
    choice === 'custom' ? parseLocalDateTime(custom) : dueEpoch(dueDate, dueTime) - (offsets[choice] ?? 0);
  return Number.isNaN(epoch) ? null : new Date(epoch).toISOString();
}

/** The form's view of a stored reminder: the matching relative choice, else a custom time. */
export function reminderChoiceOf(
  reminderAt: string | undefined,
  dueDate: string,
  dueTime: string,
): { choice: ReminderChoice; custom: string } {
  if (reminderAt === undefined) return { choice: 'none', custom: '' };
  const at = Date.parse(reminderAt);
  const due = dueEpoch(dueDate, dueTime);
  for (const [choice, offset] of Object.entries(offsets)) {
    if (due - offset === at) return { choice: choice as ReminderChoice, custom: '' };
  }
  return { choice: 'custom', custom: localDateTime(at) };
}
