import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  activeRestriction,
  DomainError,
  isCalendarDate,
  restrictionReasons,
  type Person,
  type RestrictionReason,
} from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { Dialog } from '../../ui/dialog';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { policyRefusalText } from '../../ui/policy-feedback';
import { SelectField, TextField } from '../../ui/text-field';
import { toastWithUndo } from '../../ui/undo-toast';
import { ValidationFailed } from '../../vault';
import { planLift, planObjectionWithSuppression, planRestriction } from './restriction-actions';

// Today as `YYYY-MM-DD` in local time (what a date input holds).
function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A failed restriction or objection command as one message in the user's language. */
function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    const refused = policyRefusalText(error, t);
    if (refused) return refused;
    if (error instanceof DomainError)
      return t(`restriction.errors.${error.code}`, { defaultValue: t('restriction.errors.unknown') });
    if (error instanceof ValidationFailed) {
      const issue = error.issues[0];
      if (issue?.path.join('.') === 'liftNote') return t('restriction.liftDialog.noteRequired');
      return t('restriction.errors.invalid-date');
    }
    return t('restriction.errors.unknown');
  };
}

/** The restriction and objection state of one person, kept live. */
function useRights(person: Person) {
  const { model } = useWorkspace();
  const restrictions = useTable(model, 'restrictions');
  const objections = useTable(model, 'objections');
  return {
    restriction: activeRestriction(restrictions, person.id),
    objection: objections.find((o) => o.personId === person.id && o.deletedAt === null),
  };
}

/** The banners of a restricted person (Art. 18) and of an objection to marketing (Art. 21). */
export function RestrictionBanner({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { restriction, objection } = useRights(person);
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  return (
    <>
      {restriction && (
        <p className="banner warning restriction-banner" role="status" data-testid="restriction-banner">
          {t('restriction.banner', {
            date: date(restriction.since),
            reason: t(`restriction.reasons.${restriction.reason}`),
          })}
        </p>
      )}
      {objection && (
        <p className="banner objection-banner" role="status" data-testid="objection-banner">
          {t('restriction.objectedBanner', { date: date(objection.objectedOn) })}
        </p>
      )}
    </>
  );
}

/** The small "Restricted" badge lists and headers show beside a person's name. */
export function RestrictedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge restricted-badge" title={t('restriction.badgeTitle')}>
      {t('restriction.badge')}
    </span>
  );
}

/**
 * The person page's actions: "Restrict processing…" or "Lift restriction…", and "Record
 * objection…", each opening its dialog. Restricting can be undone from its toast; lifting
 * creates the task to inform the person (Art. 18(3)); an objection is not undone.
 */
export function RestrictionActions({ person }: { person: Person }) {
  const { t } = useTranslation();
  const { restriction, objection } = useRights(person);
  const [open, setOpen] = useState<'restrict' | 'lift' | 'object' | null>(null);
  if (person.deletedAt !== null) return null;
  const close = (value: boolean) => !value && setOpen(null);
  return (
    <>
      {restriction ? (
        <button type="button" className="button secondary" onClick={() => setOpen('lift')}>
          {t('restriction.lift')}
        </button>
      ) : (
        <button type="button" className="button secondary" onClick={() => setOpen('restrict')}>
          {t('restriction.restrict')}
        </button>
      )}
      {!objection && (
        <button type="button" className="button secondary" onClick={() => setOpen('object')}>
          {t('restriction.object')}
        </button>
      )}
      {open === 'restrict' && <RestrictDialog person={person} onOpenChange={close} />}
      {open === 'lift' && restriction && <LiftDialog person={person} onOpenChange={close} />}
      {open === 'object' && <ObjectDialog person={person} onOpenChange={close} />}
    </>
  );
}

interface DialogProps {
  readonly person: Person;
  readonly onOpenChange: (open: boolean) => void;
}

/** Runs `submit`; shows its failure inside the dialog (nothing was written) and keeps the form. */
function useSubmit(onOpenChange: (open: boolean) => void) {
  const errorText = useErrorText();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // `action` resolves to false to keep the dialog open (it said why with `setError`).
  const submit = (action: () => Promise<boolean | void>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      if ((await action()) !== false) onOpenChange(false);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, submit };
}

function FormError({ text }: { text: string }) {
  return text ? (
    <p className="form-error" role="alert">
      {text}
    </p>
  ) : null;
}

function RestrictDialog({ person, onOpenChange }: DialogProps) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [reason, setReason] = useState<RestrictionReason>('accuracy-contested');
  const [since, setSince] = useState(today());
  const [note, setNote] = useState('');
  const { error, busy, submit } = useSubmit(onOpenChange);
  const onSubmit = submit(async () => {
    const changes = planRestriction(person.id, reason, note, since, repo.stamp());
    const token = await run('restrictions.set', { changes });
    toastWithUndo(repo, token, t('restriction.restrictDialog.done'), t);
  });
  return (
    <Dialog open onOpenChange={onOpenChange} title={t('restriction.restrictDialog.title')}>
      <form onSubmit={(e) => void onSubmit(e)} className="restriction-form">
        <p className="muted">{t('restriction.restrictDialog.intro')}</p>
        <SelectField
          label={t('restriction.restrictDialog.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value as RestrictionReason)}
          autoFocus
        >
          {restrictionReasons.map((r) => (
            <option key={r} value={r}>
              {t(`restriction.reasons.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('restriction.restrictDialog.since')}
          type="date"
          value={since}
          required
          onChange={(e) => setSince(e.target.value)}
        />
        <label className="field wide">
          <span>{t('restriction.restrictDialog.note')}</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <FormError text={error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !isCalendarDate(since)}>
            {t('restriction.restrictDialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function LiftDialog({ person, onOpenChange }: DialogProps) {
  const { t } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const [note, setNote] = useState('');
  const [informBy, setInformBy] = useState(today());
  const { error, setError, busy, submit } = useSubmit(onOpenChange);
  const onSubmit = submit(async () => {
    const restriction = activeRestriction(model.list('restrictions'), person.id);
    if (!restriction) throw new DomainError('not-restricted');
    if (note.trim() === '') {
      setError(t('restriction.liftDialog.noteRequired'));
      return false;
    }
    const changes = planLift(
      restriction,
      note,
      today(),
      informBy,
      t('restriction.liftDialog.taskTitle'),
      repo.stamp(),
    );
    const token = await run('restrictions.lift', { changes });
    toastWithUndo(repo, token, t('restriction.liftDialog.done'), t);
  });
  return (
    <Dialog open onOpenChange={onOpenChange} title={t('restriction.liftDialog.title')}>
      <form onSubmit={(e) => void onSubmit(e)} className="restriction-form">
        <p className="muted">{t('restriction.liftDialog.intro')}</p>
        <label className="field wide">
          <span>{t('restriction.liftDialog.note')}</span>
          <textarea value={note} required autoFocus onChange={(e) => setNote(e.target.value)} />
        </label>
        <TextField
          label={t('restriction.liftDialog.due')}
          type="date"
          value={informBy}
          min={today()}
          required
          onChange={(e) => setInformBy(e.target.value)}
        />
        <FormError text={error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !isCalendarDate(informBy)}>
            {t('restriction.liftDialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ObjectDialog({ person, onOpenChange }: DialogProps) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [objectedOn, setObjectedOn] = useState(today());
  const [note, setNote] = useState('');
  const { error, busy, submit } = useSubmit(onOpenChange);
  const onSubmit = submit(async () => {
    // One command: the objection and the person's suppressed hashes (reason `objection`).
    await ws.run('objections.record', {
      changes: planObjectionWithSuppression(ws, person, objectedOn, note),
    });
    toast.success(t('restriction.objectDialog.done'));
  });
  return (
    <Dialog open onOpenChange={onOpenChange} title={t('restriction.objectDialog.title')}>
      <form onSubmit={(e) => void onSubmit(e)} className="restriction-form">
        <p className="muted">{t('restriction.objectDialog.intro')}</p>
        <TextField
          label={t('restriction.objectDialog.objectedOn')}
          type="date"
          value={objectedOn}
          max={today()}
          required
          autoFocus
          onChange={(e) => setObjectedOn(e.target.value)}
        />
        <label className="field wide">
          <span>{t('restriction.objectDialog.note')}</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <FormError text={error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || !isCalendarDate(objectedOn)}>
            {t('restriction.objectDialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
