import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { displayName } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { Dialog } from '../../ui/dialog';
import { useLocale } from '../../ui/i18n';
import { toastWithUndo } from '../../ui/undo-toast';
import { reportPrivacyError } from './privacy-layout';
import { anonymisePeople, extendPeople } from './retention-actions';
import { useRetentionQueue } from './retention-job';

/**
 * The retention review: the people the daily job found due, with a preview of what a decision
 * does; anonymise (after a confirmation) or keep longer with a reason (undoable). The people
 * held by a legal obligation, kept by an extension, or without a purpose are listed apart.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const ws = useWorkspace();
  const { queue, refresh } = useRetentionQueue(ws.model);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [extending, setExtending] = useState(false);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  const when = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  if (!queue) return <p className="muted">{t('privacy.retention.intro')}</p>;
  const nameOf = (id: string) => {
    const p = ws.model.get('people', id);
    return p ? displayName(p) : '—';
  };
  const due = [...queue.scan.due].sort((a, b) => nameOf(a.personId).localeCompare(nameOf(b.personId)));
  const chosen = due.filter((v) => selected.has(v.personId)).map((v) => v.personId);
  const today = queue.today;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  async function anonymise() {
    setBusy(true);
    try {
      const count = await anonymisePeople(ws, chosen, t('privacy.retention.placeholder'));
      toast.success(t('privacy.retention.anonymised', { count }));
      setSelected(new Set());
      setConfirming(false);
    } catch (error) {
      reportPrivacyError(t, error);
    } finally {
      refresh();
      setBusy(false);
    }
  }

  async function extend() {
    setBusy(true);
    try {
      const token = await extendPeople(ws, chosen, until, reason.trim());
      toastWithUndo(
        ws.repo,
        token,
        t('privacy.retention.extended', { count: chosen.length, date: date(until) }),
        t,
      );
      setSelected(new Set());
      setExtending(false);
      setReason('');
    } catch (error) {
      reportPrivacyError(t, error);
    } finally {
      refresh();
      setBusy(false);
    }
  }

  return (
    <div className="privacy-retention">
      <section className="card" aria-labelledby="retention-title">
        <h2 id="retention-title">{t('privacy.retention.due')}</h2>
        <p className="muted">
          {t('privacy.retention.intro')} {t('privacy.retention.scannedAt', { when: when(queue.scannedAt) })}
        </p>
        {due.length === 0 ? (
          <p className="empty-state">{t('privacy.retention.none')}</p>
        ) : (
          <>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={chosen.length === due.length}
                onChange={(e) => setSelected(new Set(e.target.checked ? due.map((v) => v.personId) : []))}
              />{' '}
              {t('privacy.retention.selectAll')}
            </label>
            <ul className="privacy-list" data-testid="retention-due">
              {due.map((v) => (
                <li key={v.personId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.has(v.personId)}
                      onChange={() => toggle(v.personId)}
                      aria-label={t('privacy.retention.select', { name: nameOf(v.personId) })}
                    />{' '}
                    <Link to={`/contacts/${v.personId}`}>{nameOf(v.personId)}</Link>
                  </label>{' '}
                  · <span className="muted">{t('privacy.retention.dueOn', { date: date(v.dueOn!) })}</span> ·{' '}
                  <Link to={`/privacy/erase/${v.personId}`} title={t('privacy.retention.eraseHint')}>
                    {t('privacy.retention.erase')}
                  </Link>
                </li>
              ))}
            </ul>
            {chosen.length > 0 && (
              <p className="notice" data-testid="retention-preview">
                {t('privacy.retention.preview', { count: chosen.length, date: date(today) })}
              </p>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="button danger"
                disabled={chosen.length === 0 || busy}
                onClick={() => setConfirming(true)}
              >
                {t('privacy.retention.anonymise')}
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={chosen.length === 0 || busy}
                onClick={() => setExtending(true)}
              >
                {t('privacy.retention.extend')}
              </button>
            </div>
          </>
        )}
        {queue.scan.noPurpose.length > 0 && (
          <p className="notice">
            {t('privacy.retention.noPurpose', { count: queue.scan.noPurpose.length })}{' '}
            <Link to="/privacy/without-purpose">{t('privacy.retention.noPurposeLink')}</Link>
          </p>
        )}
      </section>
      {queue.scan.held.length > 0 && (
        <section className="card" aria-labelledby="retention-held">
          <h2 id="retention-held">{t('privacy.retention.held')}</h2>
          <ul className="privacy-list">
            {queue.scan.held.map((v) => (
              <li key={v.personId}>
                <Link to={`/contacts/${v.personId}`}>{nameOf(v.personId)}</Link> ·{' '}
                {t('privacy.retention.heldReason', {
                  purpose: ws.model.get('purposes', v.holdPurposeId!)?.name ?? '—',
                  date: date(v.holdUntil!),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {queue.scan.extended.length > 0 && (
        <section className="card" aria-labelledby="retention-extended">
          <h2 id="retention-extended">{t('privacy.retention.extendedList')}</h2>
          <ul className="privacy-list">
            {queue.scan.extended.map((v) => (
              <li key={v.personId}>
                <Link to={`/contacts/${v.personId}`}>{nameOf(v.personId)}</Link> ·{' '}
                {t('privacy.retention.extendedUntil', { date: date(v.extendedUntil!) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('privacy.retention.confirmTitle', { count: chosen.length })}
      >
        <p>{t('privacy.retention.preview', { count: chosen.length, date: date(today) })}</p>
        <p>{t('privacy.retention.confirmBody')}</p>
        <div className="form-actions">
          <button type="button" className="button danger" disabled={busy} onClick={() => void anonymise()}>
            {t('privacy.retention.confirm')}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            {t('privacy.retention.cancel')}
          </button>
        </div>
      </Dialog>
      <Dialog
        open={extending}
        onOpenChange={setExtending}
        title={t('privacy.retention.extendTitle', { count: chosen.length })}
      >
        <label className="field">
          <span>{t('privacy.retention.until')}</span>
          <input type="date" min={today} value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <label className="field wide">
          <span>{t('privacy.retention.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
          <small>{t('privacy.retention.reasonHint')}</small>
        </label>
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={busy || until === '' || reason.trim() === ''}
            onClick={() => void extend()}
          >
            {t('privacy.retention.extendConfirm')}
          </button>
          <button type="button" className="button secondary" onClick={() => setExtending(false)}>
            {t('privacy.retention.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
