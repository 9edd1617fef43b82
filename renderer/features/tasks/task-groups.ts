import { isOverdue, type Task } from '../../../shared/domain';

/** The sections of the task list, in display order. */
export const taskGroups = ['overdue', 'today', 'upcoming', 'no-date', 'done'] as const;
/** One of `taskGroups`. */
export type TaskGroup = (typeof taskGroups)[number];

const priorityRank = { high: 0, normal: 1, low: 2 } as const;

/** The group of a live task on the local day `today` (`YYYY-MM-DD`). */
export function taskGroupOf(task: Task, today: string): TaskGroup {
  if (task.done) return 'done';
  if (task.dueDate === undefined) return 'no-date';
  if (isOverdue(task, today)) return 'overdue';
  return task.dueDate === today ? 'today' : 'upcoming';
}

/** Dated tasks by date, then time (a timed task before an all-day one), then priority. */
function byDue(a: Task, b: Task): number {
  const date = (a.dueDate ?? '').localeCompare(b.dueDate ?? '');
  if (date !== 0) return date;
  const time = (a.dueTime ?? '99:99').localeCompare(b.dueTime ?? '99:99');
  return time !== 0 ? time : priorityRank[a.priority] - priorityRank[b.priority];
}

/**
 * Splits live tasks into the list's groups, each sorted: dated groups by due moment and
 * priority, undated by priority then newest, done by most recently completed.
 */
export function groupTasks(tasks: readonly Task[], today: string): Record<TaskGroup, Task[]> {
  const out: Record<TaskGroup, Task[]> = { overdue: [], today: [], upcoming: [], 'no-date': [], done: [] };
  for (const task of tasks) if (task.deletedAt === null) out[taskGroupOf(task, today)].push(task);
  out.overdue.sort(byDue);
  out.today.sort(byDue);
  out.upcoming.sort(byDue);
  out['no-date'].sort(
    (a, b) => priorityRank[a.priority] - priorityRank[b.priority] || b.createdAt.localeCompare(a.createdAt),
  );
  out.done.sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
  return out;
}
