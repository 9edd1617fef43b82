import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  chainOf,
  consentChannels,
  consentKey,
  consentMethods,
  consentState,
  createRecord,
  trashRecord,
  verifyConsentChain,
  type ChainReport,
  type ConsentChannel,
  type ConsentMethod,
  type Person,
  type PersonPurpose,
} from '../../../shared/domain';
import { webSha256 } from '../../commands/privacy-guards';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { PersonInforming } from './informing-page';
import { reportPrivacyError } from './privacy-layout';
import { planConsentEntry } from './privacy-plan';

// `YYYY-MM-DDTHH:mm` in local time, what a datetime-local input holds.
function localNow(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/**
 * A person's privacy: the purposes that apply to them (and so the legal basis), the consents of
 * the consent-based ones — giving and withdrawing are one action each — and the ledger with the
 * result of its chain check.
 */
export function PersonPrivacyPanel({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model, repo, run } = useWorkspace();
  const purposes = useTable(model, 'purposes').filter((p) => p.deletedAt === null);
  const links = useTable(model, 'person-purposes').filter(
    (l) => l.personId === person.id && l.deletedAt === null,
  );
  const allConsents = useTable(model, 'consents');
  const notices = useTable(model, 'notices');
  const chain = chainOf(allConsents, person.id);
  const state = consentState(chain);
  const [report, setReport] = useState<ChainReport | null>(null);
  const [adding, setAdding] = useState('');
  const consentPurposes = purposes.filter((p) => p.legalBasis === 'consent');
  const [form, setForm] = useState({
    purposeId: '',
    channel: 'email' as ConsentChannel,
    method: 'form' as ConsentMethod,
    at: localNow(),
    evidence: '',
    reviewOn: '',
    noticeId: '',
  });
  const [dateError, setDateError] = useState<string | undefined>();
  const formId = useId();
  const purposeId = form.purposeId || consentPurposes[0]?.id || '';

  useEffect(() => {
    let live = true;
    void verifyConsentChain(chainOf(allConsents, person.id), webSha256).then((r) => live && setReport(r));
    return () => void (live = false);
  }, [allConsents, person.id]);

  const linked = new Set(links.map((l) => l.purposeId));
  const link = async () => {
    if (!adding) return;
    const after = createRecord(
      'person-purposes',
      repo.newId() as PersonPurpose['id'],
      { personId: person.id, purposeId: adding as PersonPurpose['purposeId'], note: '' },
      repo.stamp(),
    );
    try {
      await run('person-purposes.link', { changes: [{ table: 'person-purposes', before: null, after }] });
      setAdding('');
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };
  const unlink = async (l: PersonPurpose) => {
    try {
      await run('person-purposes.unlink', {
        changes: [{ table: 'person-purposes', before: l, after: trashRecord(l, repo.stamp()) }],
      });
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };
  const record = async (action: 'given' | 'withdrawn') => {
    setDateError(form.at ? undefined : 'consent-date-required');
    try {
      const after = await planConsentEntry(repo, model, person, action, { ...form, purposeId });
      await run(action === 'given' ? 'consents.give' : 'consents.withdraw', {
        changes: [{ table: 'consents', before: null, after }],
      });
      toast.success(t('privacy.person.recorded'));
    } catch (error) {
      const fields = reportPrivacyError(t, error);
      if (fields.at) setDateError(fields.at);
    }
  };

  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const current = purposeId ? state.get(consentKey(purposeId, form.channel)) : undefined;
  const status = current ? (current.action === 'given' ? 'given' : 'withdrawn') : 'never';
  const firstProblem = report?.problems[0];
  return (
    <section className="card person-privacy" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('privacy.person.title')}</h2>
      <h3>{t('privacy.person.purposes')}</h3>
      {links.length === 0 ? (
        <p className="notice">{t('privacy.person.noPurpose')}</p>
      ) : (
        <ul className="privacy-list">
          {links.map((l) => {
            const p = model.get('purposes', l.purposeId);
            return (
              <li key={l.id}>
                {p?.name ?? '—'} · {p ? t(`privacy.basis.${p.legalBasis}`) : ''}{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`${t('privacy.person.unlink')}: ${p?.name ?? ''}`}
                  onClick={() => void unlink(l)}
                >
                  {t('privacy.person.unlink')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="inline-field no-print">
        <SelectField
          label={t('privacy.person.link')}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
        >
          <option value="">{t('privacy.person.choosePurpose')}</option>
          {purposes
            .filter((p) => !linked.has(p.id))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </SelectField>
        <button type="button" className="button secondary" disabled={!adding} onClick={() => void link()}>
          {t('privacy.person.link')}
        </button>
      </div>

      <h3>{t('privacy.person.consents')}</h3>
      {consentPurposes.length === 0 ? (
        <p className="muted">{t('privacy.person.noConsentPurposes')}</p>
      ) : (
        <div className="form-grid consent-form no-print">
          <SelectField
            label={t('privacy.person.consentPurpose')}
            value={purposeId}
            onChange={(e) => setForm({ ...form, purposeId: e.target.value })}
          >
            {consentPurposes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('privacy.person.channel')}
            value={form.channel}
            onChange={(e) => setForm({ ...form, channel: e.target.value as ConsentChannel })}
          >
            {consentChannels.map((c) => (
              <option key={c} value={c}>
                {t(`privacy.channels.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('privacy.person.method')}
            value={form.method}
            onChange={(e) => setForm({ ...form, method: e.target.value as ConsentMethod })}
          >
            {consentMethods.map((m) => (
              <option key={m} value={m}>
                {t(`privacy.methods.${m}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('privacy.person.date')}
            type="datetime-local"
            value={form.at}
            error={dateError}
            onChange={(e) => setForm({ ...form, at: e.target.value })}
          />
          <TextField
            label={t('privacy.person.evidence')}
            value={form.evidence}
            onChange={(e) => setForm({ ...form, evidence: e.target.value })}
          />
          <TextField
            label={t('privacy.person.reviewOn')}
            type="date"
            value={form.reviewOn}
            onChange={(e) => setForm({ ...form, reviewOn: e.target.value })}
          />
          {notices.length > 0 && (
            <SelectField
              label={t('privacy.person.notice')}
              value={form.noticeId}
              onChange={(e) => setForm({ ...form, noticeId: e.target.value })}
            >
              <option value="">{t('privacy.person.noNotice')}</option>
              {notices.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.title} · {n.version}
                </option>
              ))}
            </SelectField>
          )}
          <p className="wide consent-status" role="status">
            <strong>{t(`privacy.person.${status}`)}</strong>
          </p>
          <div className="wide form-actions">
            <button type="button" className="button" onClick={() => void record('given')}>
              {t('privacy.person.give')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={status !== 'given'}
              onClick={() => void record('withdrawn')}
            >
              {t('privacy.person.withdraw')}
            </button>
          </div>
        </div>
      )}

      <h3>{t('privacy.person.ledger')}</h3>
      {report && chain.length > 0 && (
        <p className={report.ok ? 'muted' : 'notice'} data-testid="ledger-status">
          {report.ok || !firstProblem
            ? t('privacy.person.chainOk', { count: report.length })
            : t('privacy.person.chainBroken', {
                seq: firstProblem.seq + 1,
                problem: t(`privacy.problems.${firstProblem.kind}`),
              })}
        </p>
      )}
      {chain.length === 0 ? (
        <p className="muted">{t('privacy.person.ledgerEmpty')}</p>
      ) : (
        <ol className="consent-ledger" data-testid="consent-ledger">
          {chain.map((e) => (
            <li key={e.id}>
              {t('privacy.person.entry', {
                action: t(`privacy.actions.${e.action}`),
                purpose: model.get('purposes', e.purposeId)?.name ?? '—',
                channel: t(`privacy.channels.${e.channel}`),
                method: t(`privacy.methods.${e.method}`),
                date: when.format(new Date(e.at)),
                by: e.recordedBy,
              })}
              {e.noticeId &&
                ` · ${t('privacy.person.noticeShown', { version: model.get('notices', e.noticeId)?.version ?? '—' })}`}
            </li>
          ))}
        </ol>
      )}
      <PersonInforming personId={person.id} />
    </section>
  );
}
