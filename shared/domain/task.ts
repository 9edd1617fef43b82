/** Tasks: things to do by a date, optionally about one record. */
import { z } from 'zod';
import { calendarDateSchema, instantSchema, timeOfDaySchema, toInstant } from './dates';
import { longText, shortText } from './fields';
import { idPattern, taskIdSchema } from './ids';
import { applyChanges, recordBaseShape, type Stamp } from './record';

/** Current schema version of task records. */
export const taskSchemaVersion = 1;

/** Task priorities, lowest first. */
export const taskPriorities = ['low', 'normal', 'high'] as const;
/** One of `taskPriorities`. */
export type TaskPriority = (typeof taskPriorities)[number];

/** Kinds of record a task may be about. */
export const taskLinkTables = ['person', 'organization', 'deal', 'activity'] as const;

/** The record a task is about. */
export const taskLinkSchema = z.object({
  table: z.enum(taskLinkTables),
  id: z.string().regex(idPattern, { error: 'invalid-id' }),
});
/** The parsed type of `taskLinkSchema`. */
export type TaskLink = Readonly<z.infer<typeof taskLinkSchema>>;

/** A task record. */
export const taskSchema = z
  .object({
    ...recordBaseShape,
    id: taskIdSchema,
    schemaVersion: z.literal(taskSchemaVersion),
    title: shortText().trim().min(1, { error: 'required' }),
    dueDate: calendarDateSchema.optional(),
    /** Local wall-clock time on `dueDate`; only with a due date. */
    dueTime: timeOfDaySchema.optional(),
    /** When to remind, as an instant (already resolved from the user's time zone). */
    reminderAt: instantSchema.optional(),
    priority: z.enum(taskPriorities),
    done: z.boolean(),
    doneAt: instantSchema.optional(),
    link: taskLinkSchema.optional(),
    notes: longText().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.dueTime !== undefined && t.dueDate === undefined) {
      ctx.addIssue({ code: 'custom', message: 'required', path: ['dueDate'] });
    }
    if (t.done && t.doneAt === undefined) {
      ctx.addIssue({ code: 'custom', message: 'done-at-required', path: ['doneAt'] });
    }
  });
/** The parsed type of `taskSchema`. */
export type Task = Readonly<z.infer<typeof taskSchema>>;

/** True if `value` parses as a task record. */
export function isTask(value: unknown): value is Task {
  return taskSchema.safeParse(value).success;
}

/** Marks a task done (recording when) or not done. */
export function setTaskDone(task: Task, done: boolean, stamp: Stamp): Task {
  return applyChanges(task, { done, doneAt: done ? toInstant(stamp.at) : undefined }, stamp);
}

/** True if an open task's due date is before `today` (`YYYY-MM-DD`, in the user's time zone). */
export function isOverdue(task: Task, today: string): boolean {
  return !task.done && task.deletedAt === null && task.dueDate !== undefined && task.dueDate < today;
}
