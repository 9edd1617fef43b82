import type { Task } from '../../../shared/domain';

/**
 * Identifies one reminder of one task: moving the reminder to another time arms it again,
 * while the same reminder never fires twice.
 */
export function reminderKey(task: Task): string {
  return `${task.id}@${task.reminderAt ?? ''}`;
}

/** Open, live tasks whose reminder time has passed and that have not been shown yet, oldest first. */
export function dueReminders(tasks: readonly Task[], now: number, shown: ReadonlySet<string>): Task[] {
  return tasks
    .filter(
      (t) =>
        t.reminderAt !== undefined &&
        !t.done &&
        t.deletedAt === null &&
        Date.parse(t.reminderAt) <= now &&
        !shown.has(reminderKey(t)),
    )
    .sort((a, b) => (a.reminderAt ?? '').localeCompare(b.reminderAt ?? ''));
}

/**
 * Checks for due reminders and hands each one over exactly once. Remembers what was shown in
 * memory only (task ids and times, no content), for as long as the page lives.
 */
export class ReminderWatcher {
  readonly #shown = new Set<string>();

  constructor(private readonly deliver: (due: readonly Task[]) => void) {}

  /** Delivers the reminders due at `now` that were not delivered before; returns them. */
  check(tasks: readonly Task[], now: number): Task[] {
    const due = dueReminders(tasks, now, this.#shown);
    for (const task of due) this.#shown.add(reminderKey(task));
    if (due.length > 0) this.deliver(due);
    return due;
  }
}

/**
 * What the system notification for due reminders carries: the count, and the task's title only
 * for a single task when the user allowed titles (the host still drops it on a locked screen).
 */
export function reminderNotification(
  due: readonly Task[],
  allowTitles: boolean,
  language: 'it' | 'en',
): { count: number; language: 'it' | 'en'; taskTitle?: string } {
  const title = due.length === 1 ? due[0]!.title.trim().slice(0, 200) : '';
  return allowTitles && title !== ''
    ? { count: due.length, language, taskTitle: title }
    : { count: due.length, language };
}
