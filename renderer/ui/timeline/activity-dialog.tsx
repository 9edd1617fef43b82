import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { displayName, type Activity } from '../../../shared/domain';
import { useTable } from '../model-hooks';
import { ValidationFailed } from '../../vault';
import { useWorkspace } from '../../session/workspace';
import { Dialog } from '../dialog';
import { issuesByField } from '../form-issues';
import { toastWithUndo } from '../undo-toast';
import { saveActivity, toggleTrash } from './actions';
import { ActivityFieldsEditor } from './activity-fields';
import { activityFieldsFromForm, activityForm, type ActivityForm } from './activity-form';

/** Edits a logged activity: every field, its links, its participants; or moves it to the trash. */
export function ActivityDialog({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useTranslation();
  const { repo, run, model } = useWorkspace();
  const organizations = useTable(model, 'organizations');
  const deals = useTable(model, 'deals');
  const [form, setForm] = useState<ActivityForm>(() => activityForm(activity));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<ActivityForm>): void => setForm((f) => ({ ...f, ...patch }));
  // A trashed organization or deal stays listed while this activity still points at it.
  const live = <T extends { id: string; deletedAt: string | null }>(rows: readonly T[], current: string) =>
    rows.filter((r) => r.deletedAt === null || r.id === current);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = activityFieldsFromForm(form, Date.now());
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setBusy(true);
    try {
      await saveActivity({ repo, run }, activity, result.fields);
      toast.success(t('crm.saved'));
      onClose();
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setErrors(issuesByField(err.issues));
      toast.error(t('crm.formHasErrors'));
    } finally {
      setBusy(false);
    }
  };

  const trash = async (): Promise<void> => {
    toastWithUndo(repo, await toggleTrash({ repo, run }, 'activities', activity), t('crm.trashed'), t);
    onClose();
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('activities.editTitle')}>
      <form onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        <div className="form-grid">
          <ActivityFieldsEditor form={form} update={update} errors={errors} autoFocus />
          <label className="field">
            <span>{t('activities.organization')}</span>
            <select value={form.organizationId} onChange={(e) => update({ organizationId: e.target.value })}>
              <option value="">{t('activities.none')}</option>
              {live(organizations, form.organizationId).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('activities.deal')}</span>
            <select value={form.dealId} onChange={(e) => update({ dealId: e.target.value })}>
              <option value="">{t('activities.none')}</option>
              {live(deals, form.dealId).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          {form.participantIds.length > 0 && (
            <fieldset className="wide timeline-participants">
              <legend>{t('activities.participants')}</legend>
              <ul>
                {form.participantIds.map((id) => {
                  const person = model.get('people', id);
                  const name = person ? displayName(person) : '—';
                  return (
                    <li key={id}>
                      <span>{name}</span>
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('activities.removeParticipant', { name })}
                        onClick={() =>
                          update({ participantIds: form.participantIds.filter((p) => p !== id) })
                        }
                      >
                        ×
                      </button>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={() => void trash()}>
            {t('crm.trash')}
          </button>
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
