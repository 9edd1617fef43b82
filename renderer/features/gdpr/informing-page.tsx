import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import {
  applyChanges,
  displayName,
  informedMethods,
  toCalendarDate,
  type InformedMethod,
  type InformingDue,
} from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { privacyOverview } from './privacy-plan';
import { reportPrivacyError } from './privacy-layout';

/**
 * The queue of Art. 14 notices owed (people whose data were not obtained from them), due and
 * overdue, each marked informed in one step with the day and the means.
 */
export function InformingList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model } = useWorkspace();
  // Re-render when people or their Art. 14 records change.
  useTable(model, 'people');
  useTable(model, 'indirect-notices');
  const queue = privacyOverview(model).informing;
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  return (
    <section className="card" aria-labelledby="informing-title">
      <h2 id="informing-title">{t('privacy.informing.title')}</h2>
      <p className="muted">{t('privacy.informing.intro')}</p>
      {queue.length === 0 ? (
        <p className="empty-state">{t('privacy.overview.none')}</p>
      ) : (
        <ul className="privacy-list informing-list" data-testid="informing-list">
          {queue.map((due) => {
            const person = model.get('people', due.notice.personId);
            return (
              <li key={due.notice.id} className={due.overdue ? 'informing-overdue' : undefined}>
                <Link to={`/contacts/${due.notice.personId}`}>{person ? displayName(person) : '—'}</Link> ·{' '}
                {due.notice.source} · {t('privacy.informing.obtained', { date: date(due.notice.obtainedOn) })}{' '}
                ·{' '}
                <strong>
                  {t(due.overdue ? 'privacy.informing.overdue' : 'privacy.informing.due', {
                    date: date(due.deadline),
                  })}
                </strong>
                <MarkInformed due={due} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function MarkInformed({ due }: { due: InformingDue }) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [how, setHow] = useState<InformedMethod>('email');
  const [today] = useState(() => toCalendarDate(Date.now()));
  const [on, setOn] = useState(today);
  const mark = async () => {
    if (on > toCalendarDate(Date.now())) return void toast.error(t('privacy.informing.future'));
    const after = applyChanges(due.notice, { informedOn: on, informedHow: how }, repo.stamp());
    try {
      await run('indirect-notices.mark-informed', {
        changes: [{ table: 'indirect-notices', before: due.notice, after }],
      });
      toast.success(t('privacy.informing.marked'));
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };
  return (
    <span className="informing-mark no-print">
      <select
        aria-label={t('privacy.informing.how')}
        value={how}
        onChange={(e) => setHow(e.target.value as InformedMethod)}
      >
        {informedMethods.map((m) => (
          <option key={m} value={m}>
            {t(`privacy.informing.methods.${m}`)}
          </option>
        ))}
      </select>
      <input
        type="date"
        aria-label={t('privacy.informing.on')}
        value={on}
        max={today}
        onChange={(e) => setOn(e.target.value)}
      />
      <button type="button" className="button secondary" onClick={() => void mark()}>
        {t('privacy.informing.mark')}
      </button>
    </span>
  );
}
