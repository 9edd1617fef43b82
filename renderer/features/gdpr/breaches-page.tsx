import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyChanges,
  breachClock,
  createRecord,
  notInformedReasons,
  type Breach,
  type NotInformedReason,
  type RecordBase,
} from '../../../shared/domain';
import { usePreferences } from '../../session/preferences';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { AreaField, saveRecord } from './privacy-layout';

type T = ReturnType<typeof useTranslation>['t'];

// `YYYY-MM-DDTHH:mm` (local) ⇄ ISO instant, for datetime-local inputs.
const pad = (n: number) => String(n).padStart(2, '0');
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null);
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The sentence of a breach's 72-hour clock at `now`, and how urgent it is. */
export function clockText(
  t: T,
  locale: string,
  breach: Breach,
  now = Date.now(),
): { text: string; urgent: boolean } {
  const clock = breachClock(breach, now);
  const deadline = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(clock.deadline),
  );
  const key = clock.state === 'notified' && clock.late ? 'notifiedLate' : clock.state;
  return {
    text: t(`privacy.breaches.clock.${key}`, { hours: clock.hours, deadline }),
    urgent: clock.state === 'warning' || clock.state === 'overdue',
  };
}

interface Form {
  title: string;
  facts: string;
  awareAt: string;
  occurredAt: string;
  peopleCategories: string;
  approxPeople: string;
  recordCategories: string;
  approxRecords: string;
  consequences: string;
  measures: string;
  garanteNotifiedAt: string;
  garanteReference: string;
  notNotifiedReason: string;
  delayReason: string;
  peopleInformedAt: string;
  notInformedReason: NotInformedReason | '';
  notInformedNote: string;
}

function formOf(b: Breach | null): Form {
  return {
    title: b?.title ?? '',
    facts: b?.facts ?? '',
    awareAt: b ? toLocal(b.awareAt) : toLocal(new Date().toISOString()),
    occurredAt: toLocal(b?.occurredAt ?? null),
    peopleCategories: b?.peopleCategories.join('\n') ?? '',
    approxPeople: b?.approxPeople?.toString() ?? '',
    recordCategories: b?.recordCategories.join('\n') ?? '',
    approxRecords: b?.approxRecords?.toString() ?? '',
    consequences: b?.consequences ?? '',
    measures: b?.measures ?? '',
    garanteNotifiedAt: toLocal(b?.garanteNotifiedAt ?? null),
    garanteReference: b?.garanteReference ?? '',
    notNotifiedReason: b?.notNotifiedReason ?? '',
    delayReason: b?.delayReason ?? '',
    peopleInformedAt: toLocal(b?.peopleInformedAt ?? null),
    notInformedReason: b?.notInformedReason ?? '',
    notInformedNote: b?.notInformedNote ?? '',
  };
}

/** The "lost laptop or USB drive" assistant: an entry filled in from what Scrigno knows of itself. */
function lostDeviceForm(t: T, autoLockMinutes: number): Form {
  return {
    ...formOf(null),
    title: t('privacy.breaches.lost.title'),
    facts: t('privacy.breaches.lost.facts'),
    peopleCategories: t('privacy.breaches.lost.people'),
    recordCategories: t('privacy.breaches.lost.records'),
    consequences: t('privacy.breaches.lost.consequences'),
    measures: t('privacy.breaches.lost.measures'),
    notInformedReason: 'encrypted',
    notInformedNote: t('privacy.breaches.lost.encryption', { minutes: autoLockMinutes }),
  };
}

/** The breach register: entries with their 72-hour clock, a form, and the lost-device assistant. */
export function BreachesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model } = useWorkspace();
  const { autoLockMinutes } = usePreferences();
  const breaches = useTable(model, 'breaches').filter((b) => b.deletedAt === null);
  const [editing, setEditing] = useState<{ breach: Breach | null; form: Form } | null>(null);
  const sorted = [...breaches].sort((a, b) => (a.awareAt < b.awareAt ? 1 : -1));
  return (
    <div className="privacy-breaches">
      <p className="muted">{t('privacy.breaches.intro')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ breach: null, form: lostDeviceForm(t, autoLockMinutes) })}
        >
          {t('privacy.breaches.lostDevice')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => setEditing({ breach: null, form: formOf(null) })}
        >
          {t('privacy.breaches.add')}
        </button>
        <span className="muted">{t('privacy.breaches.lostDeviceHint')}</span>
      </div>
      {editing && (
        <BreachForm
          key={editing.breach?.id ?? 'new'}
          breach={editing.breach}
          initial={editing.form}
          onDone={() => setEditing(null)}
        />
      )}
      {sorted.length === 0 ? (
        <p className="empty-state">{t('privacy.breaches.empty')}</p>
      ) : (
        <ul className="privacy-list breach-list">
          {sorted.map((b) => {
            const clock = clockText(t, locale, b);
            return (
              <li key={b.id} className="card">
                <strong>{b.title}</strong>{' '}
                <span className={clock.urgent ? 'badge breach-urgent' : 'badge'} data-testid="breach-clock">
                  {clock.text}
                </span>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`${t('privacy.breaches.edit')}: ${b.title}`}
                  onClick={() => setEditing({ breach: b, form: formOf(b) })}
                >
                  {t('privacy.breaches.edit')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function BreachForm({
  breach,
  initial,
  onDone,
}: {
  breach: Breach | null;
  initial: Form;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bind = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const area = (key: keyof Form, label: string) => (
    <AreaField label={label} error={errors[key]} {...bind(key)} />
  );
  const number = (v: string) => (v.trim() === '' ? null : Number(v));

  const save = async (event: FormEvent | null, close: boolean) => {
    event?.preventDefault();
    const fields = {
      title: form.title.trim(),
      facts: form.facts.trim(),
      awareAt: fromLocal(form.awareAt) ?? undefined,
      occurredAt: fromLocal(form.occurredAt),
      peopleCategories: lines(form.peopleCategories),
      approxPeople: number(form.approxPeople),
      recordCategories: lines(form.recordCategories),
      approxRecords: number(form.approxRecords),
      consequences: form.consequences.trim(),
      measures: form.measures.trim(),
      garanteNotifiedAt: fromLocal(form.garanteNotifiedAt),
      garanteReference: form.garanteReference.trim(),
      notNotifiedReason: form.notNotifiedReason.trim(),
      delayReason: form.delayReason.trim(),
      peopleInformedAt: fromLocal(form.peopleInformedAt),
      notInformedReason: form.notInformedReason || null,
      notInformedNote: form.notInformedNote.trim(),
      closedAt: close ? new Date().toISOString() : (breach?.closedAt ?? null),
    } as Omit<Breach, keyof RecordBase>;
    const stamp = repo.stamp();
    const after: Breach = breach
      ? applyChanges(breach, fields, stamp)
      : createRecord('breaches', repo.newId() as Breach['id'], fields, stamp);
    const saved = await saveRecord(
      t,
      run,
      close ? 'breaches.close' : breach ? 'breaches.update' : 'breaches.record',
      { table: 'breaches', before: breach, after },
      setErrors,
      t(close ? 'privacy.breaches.closed' : 'privacy.breaches.saved'),
    );
    if (saved) onDone();
  };

  return (
    <form className="card privacy-form" onSubmit={(e) => void save(e, false)} noValidate>
      <h2>{breach ? breach.title : t('privacy.breaches.add')}</h2>
      <div className="form-grid">
        <TextField label={t('privacy.breaches.name')} error={errors.title} {...bind('title')} />
        <TextField
          label={t('privacy.breaches.awareAt')}
          type="datetime-local"
          error={errors.awareAt}
          {...bind('awareAt')}
        />
        {area('facts', t('privacy.breaches.facts'))}
        <TextField label={t('privacy.breaches.occurredAt')} type="datetime-local" {...bind('occurredAt')} />
        <span />
        {area('peopleCategories', t('privacy.breaches.peopleCategories'))}
        <TextField
          label={t('privacy.breaches.approxPeople')}
          type="number"
          min={0}
          error={errors.approxPeople}
          {...bind('approxPeople')}
        />
        <TextField
          label={t('privacy.breaches.approxRecords')}
          type="number"
          min={0}
          error={errors.approxRecords}
          {...bind('approxRecords')}
        />
        {area('recordCategories', t('privacy.breaches.recordCategories'))}
        {area('consequences', t('privacy.breaches.consequences'))}
        {area('measures', t('privacy.breaches.measures'))}
        <TextField
          label={t('privacy.breaches.garanteNotifiedAt')}
          type="datetime-local"
          {...bind('garanteNotifiedAt')}
        />
        <TextField label={t('privacy.breaches.garanteReference')} {...bind('garanteReference')} />
        {area('notNotifiedReason', t('privacy.breaches.notNotifiedReason'))}
        {area('delayReason', t('privacy.breaches.delayReason'))}
        <TextField
          label={t('privacy.breaches.peopleInformedAt')}
          type="datetime-local"
          {...bind('peopleInformedAt')}
        />
        <SelectField label={t('privacy.breaches.notInformedReason')} {...bind('notInformedReason')}>
          <option value="">{t('privacy.breaches.notInformedNone')}</option>
          {notInformedReasons.map((r) => (
            <option key={r} value={r}>
              {t(`privacy.breaches.reasons.${r}`)}
            </option>
          ))}
        </SelectField>
        {area('notInformedNote', t('privacy.breaches.notInformedNote'))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('privacy.breaches.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => void save(null, true)}>
          {t('privacy.breaches.close')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('privacy.breaches.cancel')}
        </button>
      </div>
    </form>
  );
}
