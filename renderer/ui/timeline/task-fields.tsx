import { useTranslation } from 'react-i18next';
import { taskPriorities, type TaskPriority } from '../../../shared/domain';
import { TextField } from '../text-field';
import { reminderChoices, type ReminderChoice } from './reminder-choice';
import type { TaskForm } from './task-form';

/** Title, due date and time, reminder and priority: the inputs every task form has. */
export function TaskFieldsEditor({
  form,
  update,
  errors,
  autoFocus,
}: {
  form: TaskForm;
  update: (patch: Partial<TaskForm>) => void;
  errors: Record<string, string>;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  // Relative reminders need a due date; without one only "none" and a chosen time make sense.
  const choices: readonly ReminderChoice[] =
    form.dueDate === '' ? reminderChoices.filter((c) => c === 'none' || c === 'custom') : reminderChoices;
  return (
    <>
      <TextField
        label={t('tasks.title')}
        value={form.title}
        autoFocus={autoFocus}
        onChange={(e) => update({ title: e.target.value })}
        error={errors.title || undefined}
        data-task-title
      />
      <TextField
        label={t('tasks.dueDate')}
        type="date"
        value={form.dueDate}
        onChange={(e) => update({ dueDate: e.target.value })}
        error={errors.dueDate || undefined}
      />
      <TextField
        label={t('tasks.dueTime')}
        type="time"
        value={form.dueTime}
        onChange={(e) => update({ dueTime: e.target.value })}
        error={errors.dueTime || undefined}
      />
      <label className="field">
        <span>{t('tasks.reminder')}</span>
        <select
          value={form.reminder}
          onChange={(e) => update({ reminder: e.target.value as ReminderChoice })}
        >
          {(choices.includes(form.reminder) ? choices : [...choices, form.reminder]).map((c) => (
            <option key={c} value={c}>
              {t(`tasks.reminders.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('tasks.priority')}</span>
        <select value={form.priority} onChange={(e) => update({ priority: e.target.value as TaskPriority })}>
          {taskPriorities.map((p) => (
            <option key={p} value={p}>
              {t(`tasks.priorities.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {form.reminder === 'custom' && (
        <TextField
          label={t('tasks.remindAt')}
          type="datetime-local"
          value={form.remindAt}
          onChange={(e) => update({ remindAt: e.target.value })}
          error={errors.reminderAt || undefined}
        />
      )}
    </>
  );
}
