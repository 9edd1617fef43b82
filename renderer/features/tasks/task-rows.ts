import type { Task, TaskLink, TaskPriority } from '../../../shared/domain';
import { localeFor } from '../../ui/i18n';
import { filterRows, sortRows, type KeyedRow, type ListSort } from '../../ui/list-rows';

/** Columns of the task list (tasks carry no tags). */
export const taskColumns = ['title', 'due', 'priority', 'done', 'link'] as const;
/** One of `taskColumns`. */
export type TaskColumn = (typeof taskColumns)[number];

/** What the list shows: filter text, trash or live tasks, sort, UI language. */
export interface TaskRowQuery {
  readonly query: string;
  readonly showTrash: boolean;
  readonly sort: ListSort<TaskColumn>;
  readonly language: string;
  /** The tasks the search index matched for `query` (live tasks), or null to match cell text. */
  readonly matches: ReadonlySet<string> | null;
}

/** The tasks and the translated texts the rows need. */
export interface TaskRowSource {
  readonly tasks: readonly Task[];
  /** The display name of a linked record ('' when it is gone). */
  readonly linkName: (link: TaskLink) => string;
  readonly priorityLabel: (priority: TaskPriority) => string;
  readonly doneLabel: (done: boolean) => string;
}

const priorityRank: Record<TaskPriority, number> = { low: 0, normal: 1, high: 2 };

/**
 * The rows of the task list. Due sorts by date then time (an all-day task after the timed ones
 * of its day) with undated tasks last, priority by rank (low to high), "done" open tasks first.
 */
export function taskRows(source: TaskRowSource, q: TaskRowQuery): KeyedRow<TaskColumn>[] {
  // A calendar date: formatted at UTC midnight so no time zone shifts the day.
  const dateFormat = new Intl.DateTimeFormat(localeFor(q.language), { dateStyle: 'medium', timeZone: 'UTC' });
  const rows: KeyedRow<TaskColumn>[] = [];
  for (const task of source.tasks) {
    if ((task.deletedAt !== null) !== q.showTrash) continue;
    const date = task.dueDate;
    const due = date
      ? `${dateFormat.format(Date.parse(`${date}T00:00:00Z`))}${task.dueTime ? ` ${task.dueTime}` : ''}`
      : '';
    const link = task.link ? source.linkName(task.link) : '';
    const priority = source.priorityLabel(task.priority);
    const done = source.doneLabel(task.done);
    rows.push({
      id: task.id,
      cells: { title: task.title, due, priority, done, link },
      keys: {
        title: task.title,
        due: date ? `${date}T${task.dueTime ?? '99:99'}` : '',
        priority: priorityRank[task.priority],
        done: task.done ? 1 : 0,
        link,
      },
    });
  }
  const collator = new Intl.Collator(localeFor(q.language), { sensitivity: 'base', numeric: true });
  return sortRows(filterRows(rows, q.query, q.showTrash ? null : q.matches), q.sort, collator);
}
