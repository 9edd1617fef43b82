import type { Task, TaskLink, TaskPriority } from '../../../shared/domain';
import type { TaskFields } from './actions';
import { reminderChoiceOf, resolveReminder, type ReminderChoice } from './reminder-choice';

/** Record kinds a task form can link to (activities are linked by code, not by the form). */
export type TaskLinkChoice = '' | 'person' | 'organization' | 'deal';

/** What a task form holds, as typed. */
export interface TaskForm {
  title: string;
  dueDate: string;
  dueTime: string;
  reminder: ReminderChoice;
  /** datetime-local value for the custom reminder. */
  remindAt: string;
  priority: TaskPriority;
  linkTable: TaskLinkChoice;
  linkId: string;
  notes: string;
}

/** The form for an existing task, or a new one (optionally about `link`). */
export function taskForm(task?: Task, link?: TaskLink): TaskForm {
  const dueDate = task?.dueDate ?? '';
  const dueTime = task?.dueTime ?? '';
  const reminder = reminderChoiceOf(task?.reminderAt, dueDate, dueTime);
  const l = task ? task.link : link;
  return {
    title: task?.title ?? '',
    dueDate,
    dueTime,
    reminder: reminder.choice,
    remindAt: reminder.custom,
    priority: task?.priority ?? 'normal',
    linkTable: l && l.table !== 'activity' ? l.table : '',
    linkId: l && l.table !== 'activity' ? l.id : '',
    notes: task?.notes ?? '',
  };
}

const optional = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

/**
 * The record fields a form describes, or errors (field → validation code) for choices the schema
 * cannot judge: a reminder relative to a missing due date, a custom reminder without a time.
 * WARNING: a link to an activity (set by code) is kept only if `keepLink` is given.
 */
export function taskFieldsFromForm(
  form: TaskForm,
  keepLink?: TaskLink,
): { fields: TaskFields } | { errors: Record<string, string> } {
  const reminderAt = resolveReminder(form.reminder, form.dueDate, form.dueTime, form.remindAt);
  if (reminderAt === null) {
    return {
      errors: form.reminder === 'custom' ? { reminderAt: 'invalid-datetime' } : { dueDate: 'required' },
    };
  }
  const link: TaskLink | undefined =
    form.linkTable !== '' && form.linkId !== '' ? { table: form.linkTable, id: form.linkId } : keepLink;
  return {
    fields: {
      title: form.title.trim(),
      dueDate: optional(form.dueDate),
      dueTime: optional(form.dueTime),
      reminderAt,
      priority: form.priority,
      link,
      notes: optional(form.notes),
    },
  };
}
