import { useDeferredValue, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Task, TaskLink } from '../../../shared/domain';
import { ValidationFailed } from '../../vault';
import { useWorkspace } from '../../session/workspace';
import { Dialog } from '../dialog';
import { issuesByField } from '../form-issues';
import { toastWithUndo } from '../undo-toast';
import { saveTask, toggleTrash } from './actions';
import { linkLabel } from './record-label';
import { TaskFieldsEditor } from './task-fields';
import { taskFieldsFromForm, taskForm, type TaskForm, type TaskLinkChoice } from './task-form';
import { NotesField } from '../text-field';

const linkChoices: readonly TaskLinkChoice[] = ['', 'person', 'organization', 'deal'];
/** How many matches the record picker offers; the filter narrows a large address book. */
const pickerLimit = 50;

/** Chooses the record a task is about: a kind, then one record found through the search index. */
function LinkPicker({ form, update }: { form: TaskForm; update: (patch: Partial<TaskForm>) => void }) {
  const { t } = useTranslation();
  const { model, search } = useWorkspace();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const table = form.linkTable;
  const options: { id: string; label: string }[] = [];
  if (table !== '') {
    const current = form.linkId ? linkLabel(model, { table, id: form.linkId }) : undefined;
    if (form.linkId && current !== undefined) options.push({ id: form.linkId, label: current });
    if (deferred.trim() !== '') {
      for (const hit of search.allHits(deferred, table).slice(0, pickerLimit)) {
        const label = linkLabel(model, { table, id: hit.id });
        if (hit.id !== form.linkId && label !== undefined) options.push({ id: hit.id, label });
      }
    }
  }
  return (
    <>
      <label className="field">
        <span>{t('tasks.link')}</span>
        <select
          value={table}
          onChange={(e) => update({ linkTable: e.target.value as TaskLinkChoice, linkId: '' })}
        >
          {linkChoices.map((c) => (
            <option key={c} value={c}>
              {t(`tasks.linkKinds.${c === '' ? 'none' : c}`)}
            </option>
          ))}
        </select>
      </label>
      {table !== '' && (
        <div className="task-link-picker">
          <label className="field">
            <span>{t('tasks.linkFilter')}</span>
            <input
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('tasks.linkRecord')}</span>
            <select value={form.linkId} onChange={(e) => update({ linkId: e.target.value })}>
              <option value="">{t('tasks.linkPick')}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </>
  );
}

/**
 * Creates or edits a task: title, due date and optional time, reminder, priority, the record it
 * is about, notes; an existing task can go to the trash, or back from it (undoable).
 */
export function TaskDialog({
  task,
  link,
  onClose,
}: {
  task?: Task;
  /** The record a new task is about, preselected. */
  link?: TaskLink;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [form, setForm] = useState<TaskForm>(() => taskForm(task, link));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<TaskForm>): void => setForm((f) => ({ ...f, ...patch }));

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const keep = task?.link?.table === 'activity' ? task.link : undefined;
    const result = taskFieldsFromForm(form, keep);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setBusy(true);
    try {
      const token = await saveTask({ repo, run }, task ?? null, result.fields);
      if (task) toast.success(t('crm.saved'));
      else if (token !== undefined) toastWithUndo(repo, token, t('tasks.created'), t);
      onClose();
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setErrors(issuesByField(err.issues));
      toast.error(t('crm.formHasErrors'));
    } finally {
      setBusy(false);
    }
  };

  const trash = async (existing: Task): Promise<void> => {
    // A task opened from the trash view goes back instead.
    const message = existing.deletedAt === null ? t('crm.trashed') : t('crm.restored');
    toastWithUndo(repo, await toggleTrash({ repo, run }, 'tasks', existing), message, t);
    onClose();
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={task ? t('tasks.editTask') : t('tasks.newTask')}
    >
      {/* autoComplete off: task titles and notes often name people. */}
      <form onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        <div className="form-grid task-form-grid">
          <TaskFieldsEditor form={form} update={update} errors={errors} autoFocus />
          <LinkPicker form={form} update={update} />
          <NotesField label={t('tasks.notes')} value={form.notes} onChange={(notes) => update({ notes })} />
        </div>
        <div className="form-actions">
          {task && (
            <button type="button" className="button secondary" onClick={() => void trash(task)}>
              {t(task.deletedAt === null ? 'crm.trash' : 'crm.restore')}
            </button>
          )}
          <span className="timeline-spacer" />
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
