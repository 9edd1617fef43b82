import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  displayName,
  newDealId,
  setDealStatus,
  restoreRecord,
  trashRecord,
  type Deal,
  type DealStatus,
  type OrganizationId,
  type Person,
  type PersonId,
  type Pipeline,
  type StageId,
} from '../../../shared/domain';
import { formatMoney, parseAmount } from '../../ui/deal-money';
import {
  CustomFieldInputs,
  customDrafts,
  customValuesFromDrafts,
  useCustomFields,
  type CustomDrafts,
} from '../../ui/custom-fields';
import { Dialog } from '../../ui/dialog';
import { optional } from '../../ui/form-values';
import { issuesByField } from '../../ui/form-issues';
import { NotesField, TextField } from '../../ui/text-field';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { randomBytes, ValidationFailed } from '../../vault';
import { useTable } from '../../ui/model-hooks';

/** Currencies offered first; a deal's own currency is always offered too. */
const commonCurrencies = ['EUR', 'USD', 'GBP', 'CHF'] as const;

interface FormState {
  title: string;
  amount: string;
  currency: string;
  organizationId: string;
  personIds: PersonId[];
  expectedCloseDate: string;
  stageId: string;
  notes: string;
}

/**
 * Creates or edits a deal: title, value and currency, organization, people, expected close date,
 * stage. An existing deal can be marked won, lost (with a reason) or reopened from here.
 */
export function DealDialog(props: {
  deal?: Deal;
  pipeline: Pipeline;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const { repo, run, model, search } = useWorkspace();
  const organizations = useTable(model, 'organizations');
  const deal = props.deal;
  const [form, setForm] = useState<FormState>(() => ({
    title: deal?.title ?? '',
    amount: deal
      ? formatMoney(deal.value.amountMinor, deal.value.currency, i18n.language).replace(/[^\d.,]/g, '')
      : '',
    currency: deal?.value.currency ?? 'EUR',
    organizationId: deal?.organizationId ?? '',
    personIds: [...(deal?.personIds ?? [])],
    expectedCloseDate: deal?.expectedCloseDate ?? '',
    stageId: deal?.stageId ?? props.pipeline.stages[0]!.id,
    notes: deal?.notes ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const customFields = useCustomFields('deal');
  const [drafts, setDrafts] = useState<CustomDrafts>(() => customDrafts(customFields, deal?.customFields));
  const [customErrors, setCustomErrors] = useState<Record<string, string>>({});
  const [personQuery, setPersonQuery] = useState('');
  const [losing, setLosing] = useState(false);
  const [lostReason, setLostReason] = useState('');
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const liveOrgs = useMemo(
    () =>
      organizations
        .filter((o) => o.deletedAt === null || o.id === deal?.organizationId)
        .toSorted((a, b) => a.name.localeCompare(b.name, i18n.language)),
    [organizations, deal?.organizationId, i18n.language],
  );
  const candidates = useMemo(() => {
    if (personQuery.trim() === '') return [];
    return search
      .allHits(personQuery, 'person')
      .map((h) => model.get('people', h.id))
      .filter((p): p is Person => !!p && p.deletedAt === null && !form.personIds.includes(p.id))
      .slice(0, 6);
  }, [personQuery, search, model, form.personIds]);
  const personName = (id: string) => {
    const p = model.get('people', id);
    return p ? displayName(p) : '—';
  };

  const showIssues = (err: unknown): void => {
    if (!(err instanceof ValidationFailed)) throw err;
    const byField = issuesByField(err.issues);
    setErrors({ ...byField, amount: byField.value ?? '', organizationId: byField.organizationId ?? '' });
    toast.error(t('crm.formHasErrors'));
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const amountMinor =
      form.amount.trim() === '' ? 0 : parseAmount(form.amount, form.currency, i18n.language);
    if (amountMinor === null) {
      setErrors({ amount: 'invalid-amount' });
      toast.error(t('crm.formHasErrors'));
      return;
    }
    const custom = customValuesFromDrafts(customFields, drafts, deal?.customFields);
    setCustomErrors(custom.errors);
    if (Object.keys(custom.errors).length > 0) {
      toast.error(t('crm.formHasErrors'));
      return;
    }
    setBusy(true);
    try {
      const stamp = repo.stamp();
      const fields = {
        title: form.title.trim(),
        value: { amountMinor, currency: form.currency },
        organizationId: (optional(form.organizationId) as OrganizationId | undefined) ?? undefined,
        personIds: form.personIds,
        expectedCloseDate: optional(form.expectedCloseDate),
        stageId: form.stageId as StageId,
        notes: optional(form.notes),
        customFields: custom.values,
      };
      const before = deal ?? null;
      const after: Deal = before
        ? applyChanges<Deal>(before, fields, stamp)
        : createRecord(
            'deals',
            newDealId(randomBytes),
            {
              ...fields,
              pipelineId: props.pipeline.id,
              status: 'open',
              tags: [],
            } as never,
            stamp,
          );
      if (after !== before) {
        await run(before ? 'deals.update' : 'deals.create', { changes: [{ table: 'deals', before, after }] });
      }
      toast.success(before ? t('crm.saved') : t('deals.created'));
      props.onOpenChange(false);
    } catch (err) {
      showIssues(err);
    } finally {
      setBusy(false);
    }
  };

  const changeStatus = async (status: DealStatus): Promise<void> => {
    if (!deal) return;
    setBusy(true);
    try {
      const after = setDealStatus(
        deal,
        status,
        repo.stamp(),
        status === 'lost' ? lostReason.trim() : undefined,
      );
      const token = await run(`deals.${status === 'open' ? 'reopen' : status}`, {
        changes: [{ table: 'deals', before: deal, after }],
      });
      const key = status === 'won' ? 'markedWon' : status === 'lost' ? 'markedLost' : 'reopened';
      toastWithUndo(repo, token, t(`deals.${key}`), t);
      props.onOpenChange(false);
    } catch (err) {
      showIssues(err);
    } finally {
      setBusy(false);
    }
  };

  const moveToTrash = async (): Promise<void> => {
    if (!deal) return;
    setBusy(true);
    try {
      // A deal opened from the list's trash view goes back instead.
      const trashed = deal.deletedAt !== null;
      const token = await run(trashed ? 'deals.restore' : 'deals.trash', {
        changes: [
          {
            table: 'deals',
            before: deal,
            after: trashed ? restoreRecord(deal, repo.stamp()) : trashRecord(deal, repo.stamp()),
          },
        ],
      });
      toastWithUndo(repo, token, t(trashed ? 'crm.restored' : 'deals.trashed'), t);
      props.onOpenChange(false);
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string): string | undefined => errors[field] || undefined;
  const currencies = [...new Set([...commonCurrencies, form.currency])];

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={deal ? t('deals.editDeal') : t('deals.newDeal')}
    >
      {deal && deal.status !== 'open' && (
        <p>
          <span className="badge">{t(`deals.status.${deal.status}`)}</span>
          {deal.lostReason ? <span className="muted"> · {deal.lostReason}</span> : null}
        </p>
      )}
      {/* autoComplete off: the browser must not keep what was typed (autofill, session restore). */}
      <form className="deal-form" onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        <div className="form-grid">
          <div className="wide">
            <TextField
              label={t('deals.title')}
              value={form.title}
              onChange={(e) => update({ title: e.target.value })}
              autoFocus
              error={err('title')}
            />
          </div>
          <TextField
            label={t('deals.value')}
            inputMode="decimal"
            value={form.amount}
            onChange={(e) => update({ amount: e.target.value })}
            error={err('amount')}
          />
          <label className="field">
            <span>{t('deals.currency')}</span>
            <select value={form.currency} onChange={(e) => update({ currency: e.target.value })}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('deals.organization')}</span>
            <select value={form.organizationId} onChange={(e) => update({ organizationId: e.target.value })}>
              <option value="">{t('deals.noOrganization')}</option>
              {liveOrgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('deals.stage')}</span>
            <select value={form.stageId} onChange={(e) => update({ stageId: e.target.value })}>
              {props.pipeline.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('deals.expectedCloseDate')}
            type="date"
            value={form.expectedCloseDate}
            onChange={(e) => update({ expectedCloseDate: e.target.value })}
            error={err('expectedCloseDate')}
          />
          <fieldset className="wide deal-people">
            <legend>{t('deals.people')}</legend>
            {form.personIds.length === 0 ? (
              <p className="muted">{t('deals.noPeople')}</p>
            ) : (
              <ul>
                {form.personIds.map((id) => (
                  <li key={id}>
                    {personName(id)}{' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('deals.removePerson', { name: personName(id) })}
                      onClick={() => update({ personIds: form.personIds.filter((p) => p !== id) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <input
              type="search"
              aria-label={t('deals.findPerson')}
              placeholder={t('deals.findPerson')}
              value={personQuery}
              onChange={(e) => setPersonQuery(e.target.value)}
            />
            {candidates.length > 0 && (
              <ul>
                {candidates.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        update({ personIds: [...form.personIds, p.id] });
                        setPersonQuery('');
                      }}
                    >
                      {t('deals.addPerson', { name: displayName(p) })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <NotesField label={t('deals.notes')} value={form.notes} onChange={(notes) => update({ notes })} />
          <CustomFieldInputs
            fields={customFields}
            drafts={drafts}
            onChange={setDrafts}
            errors={customErrors}
          />
        </div>
        {losing && (
          <div className="deal-lost">
            <TextField
              label={t('deals.lostReason')}
              value={lostReason}
              onChange={(e) => setLostReason(e.target.value)}
              error={err('lostReason')}
              autoFocus
            />
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void changeStatus('lost')}
            >
              {t('deals.confirmLost')}
            </button>
          </div>
        )}
        <div className="form-actions">
          {deal && deal.status === 'open' && (
            <>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => void changeStatus('won')}
              >
                {t('deals.markWon')}
              </button>
              {!losing && (
                <button type="button" className="button secondary" onClick={() => setLosing(true)}>
                  {t('deals.markLost')}
                </button>
              )}
            </>
          )}
          {deal && deal.status !== 'open' && (
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void changeStatus('open')}
            >
              {t('deals.reopen')}
            </button>
          )}
          {deal && (
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void moveToTrash()}
            >
              {t(deal.deletedAt !== null ? 'crm.restore' : 'crm.trash')}
            </button>
          )}
          <span style={{ marginLeft: 'auto' }} />
          <button type="button" className="button secondary" onClick={() => props.onOpenChange(false)}>
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
