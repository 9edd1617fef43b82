import {
  applyChanges,
  createRecord,
  newActivityId,
  newTaskId,
  restoreRecord,
  setTaskDone,
  trashRecord,
  type Activity,
  type Editable,
  type Task,
} from '../../../shared/domain';
import { randomBytes } from '../../vault';
import type { Workspace } from '../../session/workspace';

/** What the actions need from the workspace: the clock and the write commands. */
type Writer = Pick<Workspace, 'repo' | 'run'>;

/** The editable fields of an activity, as a form produces them. */
export type ActivityFields = Omit<Editable<Activity>, 'deletedAt'>;
/** The editable fields of a task, as a form produces them (completion has its own command). */
export type TaskFields = Omit<Editable<Task>, 'deletedAt' | 'done' | 'doneAt'>;

/** The same object without keys whose value is `undefined` (a new record stores no empty fields). */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

// Every function below returns the command's undo token, or undefined when nothing changed.
// WARNING: they throw `ValidationFailed` from the repository when a record breaks the schema.

/** Logs a new activity (`activities.log`) or edits one (`activities.update`). */
export async function saveActivity(
  { repo, run }: Writer,
  before: Activity | null,
  fields: ActivityFields,
): Promise<number | undefined> {
  const stamp = repo.stamp();
  const after = before
    ? applyChanges<Activity>(before, fields, stamp)
    : createRecord('activities', newActivityId(randomBytes), defined(fields), stamp);
  if (after === before) return undefined;
  return run(before ? 'activities.update' : 'activities.log', {
    changes: [{ table: 'activities', before, after }],
  });
}

/** Creates a task (`tasks.create`) or edits one (`tasks.update`). */
export async function saveTask(
  { repo, run }: Writer,
  before: Task | null,
  fields: TaskFields,
): Promise<number | undefined> {
  const stamp = repo.stamp();
  // Fields left out of `fields` are cleared on edit, so an emptied due date really goes away.
  const cleared: Partial<TaskFields> = {
    dueDate: undefined,
    dueTime: undefined,
    reminderAt: undefined,
    link: undefined,
    notes: undefined,
  };
  const after = before
    ? applyChanges<Task>(before, { ...cleared, ...fields }, stamp)
    : createRecord('tasks', newTaskId(randomBytes), defined({ ...fields, done: false }), stamp);
  if (after === before) return undefined;
  return run(before ? 'tasks.update' : 'tasks.create', { changes: [{ table: 'tasks', before, after }] });
}

/** Completes or reopens a task (`tasks.complete` / `tasks.reopen`). */
export async function completeTask(
  { repo, run }: Writer,
  task: Task,
  done: boolean,
): Promise<number | undefined> {
  const after = setTaskDone(task, done, repo.stamp());
  if (after === task) return undefined;
  return run(done ? 'tasks.complete' : 'tasks.reopen', {
    changes: [{ table: 'tasks', before: task, after }],
  });
}

/** Moves an activity or a task to the trash, or takes it out (`<table>.trash` / `<table>.restore`). */
export async function toggleTrash(
  { repo, run }: Writer,
  table: 'activities' | 'tasks',
  record: Activity | Task,
): Promise<number> {
  const stamp = repo.stamp();
  const trashing = record.deletedAt === null;
  const after = trashing ? trashRecord(record, stamp) : restoreRecord(record, stamp);
  return run(`${table}.${trashing ? 'trash' : 'restore'}`, { changes: [{ table, before: record, after }] });
}
