import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { type Model, ValidationFailed } from '../../vault';
import { useCommandHandler } from '../commands';
import { useWorkspace } from '../../session/workspace';
import { issuesByField } from '../form-issues';
import { toastWithUndo } from '../undo-toast';
import { saveActivity } from './actions';
import { ActivityFieldsEditor } from './activity-fields';
import { activityFieldsFromForm, activityForm, type ActivityForm } from './activity-form';
import { localDateTime } from './local-time';
import type { TimelineSubject } from './timeline-entries';

/** The links a new activity about `subject` starts with. */
function linksFor(subject: TimelineSubject, model: Model) {
  if (subject.table === 'people') {
    const person = model.get('people', subject.id);
    return { participantIds: [subject.id], organizationId: person?.organizations[0]?.organizationId ?? '' };
  }
  if (subject.table === 'organizations') return { organizationId: subject.id };
  const deal = model.get('deals', subject.id);
  return {
    dealId: subject.id,
    organizationId: deal?.organizationId ?? '',
    participantIds: deal?.personIds ?? [],
  };
}

/**
 * A compact form that logs a call, meeting, email, visit or note about a record, at "now"
 * unless the user changes the time. Handles the `activities.log` command while shown (the
 * cursor goes to the kind).
 */
export function QuickAddActivity({ subject }: { subject: TimelineSubject }) {
  const { t } = useTranslation();
  const { repo, run, model } = useWorkspace();
  const [form, setForm] = useState<ActivityForm>(() => ({
    ...activityForm(),
    when: localDateTime(Date.now()),
  }));
  const [whenEdited, setWhenEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useCommandHandler('activities.log', () =>
    formRef.current?.querySelector<HTMLSelectElement>('[data-activity-kind]')?.focus(),
  );

  const update = (patch: Partial<ActivityForm>): void => {
    if (patch.when !== undefined) setWhenEdited(true);
    setForm((f) => ({ ...f, ...patch }));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const now = Date.now();
    const result = activityFieldsFromForm(
      {
        ...form,
        ...linksFor(subject, model),
        when: whenEdited ? form.when : '',
      },
      now,
    );
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setBusy(true);
    try {
      const token = await saveActivity({ repo, run }, null, result.fields);
      setErrors({});
      setForm({ ...activityForm(), kind: form.kind, when: localDateTime(Date.now()) });
      setWhenEdited(false);
      if (token !== undefined) toastWithUndo(repo, token, t('activities.logged'), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setErrors(issuesByField(err.issues));
      toast.error(t('crm.formHasErrors'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card timeline-quick-add" aria-labelledby="quick-add-activity-title">
      <h2 id="quick-add-activity-title">{t('activities.logTitle')}</h2>
      {/* autoComplete off: what happened with a person is personal data; the browser must not keep it. */}
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
        <div className="form-grid">
          <ActivityFieldsEditor form={form} update={update} errors={errors} compact />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('activities.log')}
          </button>
        </div>
      </form>
    </section>
  );
}
