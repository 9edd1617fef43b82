import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ValidationFailed } from '../../vault';
import { useCommandHandler } from '../commands';
import { useWorkspace } from '../../session/workspace';
import { issuesByField } from '../form-issues';
import { toastWithUndo } from '../undo-toast';
import { saveTask } from './actions';
import { TaskFieldsEditor } from './task-fields';
import { taskFieldsFromForm, taskForm, type TaskForm } from './task-form';
import { taskLinkOf, type TimelineSubject } from './timeline-entries';

/**
 * A compact form that adds a task about a record (title, due date and time, reminder,
 * priority). Handles the `tasks.create` command while shown, which focuses the title.
 */
export function QuickAddTask({ subject }: { subject: TimelineSubject }) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const link = taskLinkOf(subject);
  const [form, setForm] = useState<TaskForm>(() => taskForm(undefined, link));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const update = (patch: Partial<TaskForm>): void => setForm((f) => ({ ...f, ...patch }));

  useCommandHandler('tasks.create', () =>
    formRef.current?.querySelector<HTMLInputElement>('[data-task-title]')?.focus(),
  );

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = taskFieldsFromForm(form);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setBusy(true);
    try {
      const token = await saveTask({ repo, run }, null, result.fields);
      setErrors({});
      setForm(taskForm(undefined, link));
      if (token !== undefined) toastWithUndo(repo, token, t('tasks.created'), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setErrors(issuesByField(err.issues));
      toast.error(t('crm.formHasErrors'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card timeline-quick-add" aria-labelledby="quick-add-task-title">
      <h2 id="quick-add-task-title">{t('tasks.addTitle')}</h2>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <div className="form-grid task-form-grid">
          <TaskFieldsEditor form={form} update={update} errors={errors} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('tasks.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
