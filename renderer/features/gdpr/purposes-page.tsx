import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  legalBases,
  retentionEvents,
  trashRecord,
  type LegalBasis,
  type Purpose,
  type RetentionEvent,
} from '../../../shared/domain';
import { catalogs } from '../../../shared/i18n';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { AreaField, reportPrivacyError, saveRecord } from './privacy-layout';
import { NoticesPanel } from './notices-panel';
import { missingPresets } from './privacy-plan';

interface Form {
  name: string;
  description: string;
  legalBasis: LegalBasis | '';
  balancingNote: string;
  dataCategories: string;
  subjectCategories: string;
  recipients: string;
  transfers: string;
  transferSafeguards: string;
  months: string;
  from: RetentionEvent;
  reference: string;
  securityMeasures: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function formOf(p: Purpose | null): Form {
  return {
    name: p?.name ?? '',
    description: p?.description ?? '',
    legalBasis: p?.legalBasis ?? '',
    balancingNote: p?.balancingNote ?? '',
    dataCategories: p?.dataCategories.join('\n') ?? '',
    subjectCategories: p?.subjectCategories.join('\n') ?? '',
    recipients: p?.recipients.join('\n') ?? '',
    transfers: p?.transfers ?? '',
    transferSafeguards: p?.transferSafeguards ?? '',
    months: p ? String(p.retention.months) : '',
    from: p?.retention.from ?? 'last-contact',
    reference: p?.retention.reference ?? '',
    securityMeasures: p?.securityMeasures ?? '',
  };
}

/** The purposes catalogue: accept the presets, add, edit and delete purposes. */
export function PurposesPage() {
  const { t, i18n } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const purposes = useTable(model, 'purposes').filter((p) => p.deletedAt === null);
  const links = useTable(model, 'person-purposes');
  const [editing, setEditing] = useState<Purpose | 'new' | null>(null);
  const language = i18n.language === 'it' ? 'it' : 'en';

  const acceptPresets = async () => {
    const added = missingPresets(repo, model, catalogs[language].privacy);
    if (added.length === 0) return void toast.info(t('privacy.purposes.presetsNone'));
    try {
      await run('purposes.accept-preset', {
        changes: added.map((after) => ({ table: 'purposes' as const, before: null, after })),
      });
      toast.success(t('privacy.purposes.presetsAdded', { count: added.length }));
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };

  const remove = async (purpose: Purpose) => {
    try {
      await run('purposes.delete', {
        changes: [{ table: 'purposes', before: purpose, after: trashRecord(purpose, repo.stamp()) }],
      });
      toast.success(t('privacy.purposes.deleted'));
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };

  const linked = (id: string) => links.filter((l) => l.purposeId === id && l.deletedAt === null).length;
  return (
    <div className="privacy-purposes">
      <p className="muted">{t('privacy.purposes.intro')}</p>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => void acceptPresets()}>
          {t('privacy.purposes.acceptPresets')}
        </button>
        <button type="button" className="button secondary" onClick={() => setEditing('new')}>
          {t('privacy.purposes.add')}
        </button>
        <span className="muted">{t('privacy.purposes.acceptPresetsHint')}</span>
      </div>
      {editing && (
        <PurposeForm
          key={editing === 'new' ? 'new' : editing.id}
          purpose={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {purposes.length === 0 ? (
        <p className="empty-state">{t('privacy.purposes.empty')}</p>
      ) : (
        <table className="privacy-table">
          <caption className="dash-sr-only">{t('privacy.purposes.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('privacy.purposes.name')}</th>
              <th scope="col">{t('privacy.purposes.legalBasis')}</th>
              <th scope="col">{t('privacy.purposes.retentionMonths')}</th>
              <th scope="col">{t('privacy.purposes.peopleColumn')}</th>
              <th scope="col">
                <span className="dash-sr-only">{t('privacy.purposes.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...purposes]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    {p.preset && <span className="badge">{t('privacy.purposes.fromPreset')}</span>}
                  </th>
                  <td>{t(`privacy.basis.${p.legalBasis}`)}</td>
                  <td>
                    {t('privacy.purposes.retention', {
                      months: p.retention.months,
                      event: t(`privacy.retentionFrom.${p.retention.from}`),
                    })}
                  </td>
                  <td>{linked(p.id)}</td>
                  <td className="privacy-row-actions">
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={`${t('privacy.purposes.edit')}: ${p.name}`}
                      onClick={() => setEditing(p)}
                    >
                      {t('privacy.purposes.edit')}
                    </button>
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={`${t('privacy.purposes.delete')}: ${p.name}`}
                      onClick={() => void remove(p)}
                    >
                      {t('privacy.purposes.delete')}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <NoticesPanel />
    </div>
  );
}

/** The form of one purpose; the record's schema decides what is refused, field by field. */
function PurposeForm({ purpose, onDone }: { purpose: Purpose | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [form, setForm] = useState<Form>(() => formOf(purpose));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bind = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const area = (key: keyof Form, label: string, hint?: string) => (
    <AreaField label={label} hint={hint} error={errors[key]} {...bind(key)} />
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const months = form.months.trim() === '' ? Number.NaN : Number(form.months);
    const fields = {
      name: form.name.trim(),
      description: form.description.trim(),
      legalBasis: form.legalBasis as LegalBasis,
      balancingNote: form.balancingNote.trim(),
      dataCategories: lines(form.dataCategories),
      subjectCategories: lines(form.subjectCategories),
      recipients: lines(form.recipients),
      transfers: form.transfers.trim(),
      transferSafeguards: form.transferSafeguards.trim(),
      retention: { months, from: form.from, reference: form.reference.trim() },
      securityMeasures: form.securityMeasures.trim(),
    };
    const stamp = repo.stamp();
    const after: Purpose = purpose
      ? applyChanges(purpose, fields, stamp)
      : createRecord('purposes', repo.newId() as Purpose['id'], { ...fields, preset: null }, stamp);
    const saved = await saveRecord(
      t,
      run,
      purpose ? 'purposes.update' : 'purposes.create',
      { table: 'purposes', before: purpose, after },
      setErrors,
      t('privacy.purposes.saved'),
    );
    if (saved) onDone();
  };

  return (
    <form className="card privacy-form" onSubmit={(e) => void save(e)} noValidate>
      <h2>{purpose ? purpose.name : t('privacy.purposes.add')}</h2>
      <div className="form-grid">
        <TextField label={t('privacy.purposes.name')} error={errors.name} {...bind('name')} />
        <div className="field">
          <SelectField
            label={t('privacy.purposes.legalBasis')}
            aria-invalid={errors.legalBasis ? true : undefined}
            {...bind('legalBasis')}
          >
            <option value="">{t('privacy.purposes.chooseBasis')}</option>
            {legalBases.map((b) => (
              <option key={b} value={b}>
                {t(`privacy.basis.${b}`)}
              </option>
            ))}
          </SelectField>
          {errors.legalBasis && (
            <small className="field-error">{t(`crm.validation.${errors.legalBasis}`)}</small>
          )}
        </div>
        {area('description', t('privacy.purposes.description'))}
        {form.legalBasis === 'legitimate-interests' &&
          area('balancingNote', t('privacy.purposes.balancingNote'), t('privacy.purposes.balancingNoteHint'))}
        {area('dataCategories', t('privacy.purposes.dataCategories'))}
        {area('subjectCategories', t('privacy.purposes.subjectCategories'))}
        {area('recipients', t('privacy.purposes.recipients'))}
        {area('transfers', t('privacy.purposes.transfers'))}
        {form.transfers.trim() !== '' && area('transferSafeguards', t('privacy.purposes.transferSafeguards'))}
        <TextField
          label={t('privacy.purposes.retentionMonths')}
          type="number"
          inputMode="numeric"
          error={errors.retention}
          {...bind('months')}
        />
        <SelectField label={t('privacy.purposes.retentionFrom')} {...bind('from')}>
          {retentionEvents.map((e) => (
            <option key={e} value={e}>
              {t(`privacy.retentionFrom.${e}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('privacy.purposes.retentionReference')} {...bind('reference')} />
        {area('securityMeasures', t('privacy.purposes.securityMeasures'))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('privacy.purposes.save')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('privacy.purposes.cancel')}
        </button>
      </div>
    </form>
  );
}
