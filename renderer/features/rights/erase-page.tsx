import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { displayName, type ErasureLedgerState } from '../../../shared/domain';
import { useHost } from '../../session/host-context';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { readBackupSettings } from '../backups';
import { planErasure, type ErasurePlan, type PlannedHold } from './erase-plan';
import { erasePerson, type ErasureOutcome, type ErasureStep } from './erase-service';

type T = ReturnType<typeof useTranslation>['t'];

// The preview's lines: what leaves with the key, by table, then the shared records and links.
function goesLines(plan: ErasurePlan, t: T): string[] {
  const c = plan.counts;
  const lines = [t('erasure.goes.person')];
  if ((plan.person.notes ?? '').trim() !== '') lines.push(t('erasure.goes.notes'));
  const counted: Array<[keyof ErasurePlan['counts'], string]> = [
    ['activities', 'activities'],
    ['tasks', 'tasks'],
    ['consents', 'consents'],
    ['person-purposes', 'purposes'],
    ['indirect-notices', 'notices'],
    ['retention-decisions', 'decisions'],
    ['history', 'history'],
  ];
  for (const [table, key] of counted) {
    const count = c[table] ?? 0;
    if (count > 0) lines.push(t(`erasure.goes.${key}`, { count }));
  }
  if ((c.organizations ?? 0) > 0) lines.push(t('erasure.goes.organizations', { count: c.organizations }));
  if (plan.shared.deals > 0) lines.push(t('erasure.goes.dealLinks', { count: plan.shared.deals }));
  if (plan.shared.activities > 0)
    lines.push(t('erasure.goes.sharedActivities', { count: plan.shared.activities }));
  if (plan.unlinks.length > 0) lines.push(t('erasure.goes.taskLinks', { count: plan.unlinks.length }));
  lines.push(t('erasure.goes.attachments'));
  return lines;
}

function HoldItem({ hold, t, date }: { hold: PlannedHold; t: T; date: (d: string) => string }) {
  const r = hold.record;
  const fields = (['name', 'taxCode', 'vatNumber', 'address'] as const)
    .filter((f) => r[f] !== undefined)
    .map((f) => t(`erasure.heldFields.${f}`))
    .join(', ');
  const reference = hold.purpose.retention.reference ? `; ${hold.purpose.retention.reference}` : '';
  return (
    <li>
      {t('erasure.heldItem', {
        purpose: hold.purpose.name,
        basis: t(`privacy.basis.${hold.purpose.legalBasis}`),
        reference,
        until: date(hold.until),
        fields,
      })}
      {hold.deals.length > 0 && (
        <>
          {' '}
          {t('erasure.heldDeals', {
            count: hold.deals.length,
            titles: hold.deals.map((d) => d.title).join(', '),
          })}
        </>
      )}
    </li>
  );
}

function Outcome(props: {
  outcome: ErasureOutcome;
  holds: readonly PlannedHold[];
  t: T;
  date: (d: string) => string;
}) {
  const { outcome, holds, t, date } = props;
  const state: ErasureLedgerState = outcome.backupLedger;
  return (
    <section className="card" aria-labelledby="erase-done" data-testid="erase-done">
      <h2 id="erase-done">{t('erasure.doneTitle')}</h2>
      <p role="status" className={state === 'pending' ? 'banner warning' : undefined} data-ledger={state}>
        {t(`erasure.ledger.${state}`)}
      </p>
      <ul className="privacy-list">
        <li>{t('erasure.doneErased', { count: outcome.erased })}</li>
        {outcome.holds > 0 && <li>{t('erasure.doneHeld', { count: outcome.holds })}</li>}
        {holds.map(({ record, purpose }) => (
          <li key={record.id} data-testid="erase-held-kept">
            {t('erasure.doneHeldItem', {
              identity: [record.name, record.taxCode, record.vatNumber, record.address]
                .filter((x) => x !== undefined)
                .join(', '),
              until: date(record.until),
              purpose: purpose.name,
            })}
          </li>
        ))}
        {outcome.suppressed > 0 && <li>{t('erasure.doneSuppressed', { count: outcome.suppressed })}</li>}
      </ul>
      <div className="form-actions">
        <Link className="button" to="/contacts">
          {t('erasure.backToContacts')}
        </Link>
      </div>
    </section>
  );
}

/**
 * `/privacy/erase/:personId`: the preview of an erasure (what goes, what a legal hold keeps and
 * why, what happens to the backups), "erase and suppress", and a typed confirmation. Not undoable.
 */
export function ErasePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const ws = useWorkspace();
  const host = useHost();
  const { personId = '' } = useParams();
  const [suppress, setSuppress] = useState(false);
  const [typed, setTyped] = useState('');
  const [step, setStep] = useState<ErasureStep | null>(null);
  const [outcome, setOutcome] = useState<ErasureOutcome | null>(null);
  const [failed, setFailed] = useState(false);
  // Planned once per person: the preview must not change under the user while they read it.
  const plan = useMemo(() => planErasure(ws.model, ws.repo, personId), [ws, personId]);
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  if (outcome) return <Outcome outcome={outcome} holds={plan?.holds ?? []} t={t} date={date} />;
  if (!plan)
    return (
      <section className="card">
        <p className="empty-state">{t('erasure.notFound')}</p>
      </section>
    );
  const word = t('erasure.confirmWord');
  const backups = readBackupSettings(ws).folderId !== null;
  const run = async () => {
    setFailed(false);
    try {
      setOutcome(
        await erasePerson(ws, host, plan.person.id, {
          suppress,
          onStep: setStep,
          requestNote: t('erasure.requestNote'),
        }),
      );
    } catch {
      setFailed(true);
      setStep(null);
    }
  };
  const busy = step !== null;
  return (
    <div className="privacy-erase">
      <section className="card" aria-labelledby="erase-title">
        <h2 id="erase-title">{t('erasure.title', { name: displayName(plan.person) })}</h2>
        <p>{t('erasure.intro')}</p>
        <p className="banner warning" role="note">
          {t('erasure.notUndoable')}
        </p>
      </section>
      <section className="card" aria-labelledby="erase-goes">
        <h3 id="erase-goes">{t('erasure.goesTitle')}</h3>
        <ul className="privacy-list" data-testid="erase-goes">
          {goesLines(plan, t).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="erase-held">
        <h3 id="erase-held">{t('erasure.heldTitle')}</h3>
        {plan.holds.length === 0 ? (
          <p className="muted">{t('erasure.heldNone')}</p>
        ) : (
          <>
            <ul className="privacy-list" data-testid="erase-held">
              {plan.holds.map((hold) => (
                <HoldItem key={hold.record.id} hold={hold} t={t} date={date} />
              ))}
            </ul>
            <p className="muted">{t('erasure.heldWhy')}</p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="erase-backups">
        <h3 id="erase-backups">{t('erasure.backupsTitle')}</h3>
        <p>{backups ? t('erasure.backupsOn') : t('erasure.backupsOff')}</p>
      </section>
      <section className="card" aria-labelledby="erase-confirm">
        <h3 id="erase-confirm">{t('erasure.confirmTitle')}</h3>
        {plan.suppressible.length === 0 ? (
          <p className="muted">{t('erasure.suppressNone')}</p>
        ) : (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={suppress}
              disabled={busy}
              onChange={(e) => setSuppress(e.target.checked)}
            />
            <span>
              <strong>{t('erasure.suppress')}</strong> —{' '}
              {t('erasure.suppressHelp', { count: plan.suppressible.length })}
            </span>
          </label>
        )}
        <label className="field">
          <span>{t('erasure.confirmLabel', { word })}</span>
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            disabled={busy}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        {failed && (
          <p role="alert" className="form-error">
            {t('erasure.failed')}
          </p>
        )}
        {step && (
          <p role="status" className="muted">
            {t(`erasure.steps.${step}`)}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button danger"
            disabled={busy || typed.trim() !== word}
            onClick={() => void run()}
          >
            {t('erasure.confirm')}
          </button>
          <Link className="button secondary" to={`/contacts/${plan.person.id}`}>
            {t('erasure.cancel')}
          </Link>
        </div>
      </section>
    </div>
  );
}
