// The inbox's figures where the user looks first: overdue and due-soon requests on the privacy
// overview (always) and on the dashboard (only when there is something to do).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requestsNeedingAttention } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { useDateText, useToday } from './requests-shared';

/** Overdue and due-soon requests: a card of the privacy overview, or of the dashboard. */
export function RequestsAttention({ variant }: { variant: 'overview' | 'dashboard' }) {
  const { t } = useTranslation();
  const { model } = useWorkspace();
  const date = useDateText();
  const { overdue, dueSoon } = requestsNeedingAttention(useTable(model, 'requests'), useToday());
  const next = overdue[0] ?? dueSoon[0];
  if (variant === 'overview') {
    return (
      <li className="card">
        <Link to="/privacy/requests" data-testid="overview-requests">
          <span className={`privacy-count${overdue.length ? ' privacy-count-alert' : ''}`}>
            {overdue.length}
          </span>{' '}
          {t('requests.overview.count')}
        </Link>
        <p className="muted" data-testid="overview-requests-hint">
          {dueSoon.length
            ? t('requests.overview.hint', { count: dueSoon.length })
            : t('requests.overview.none')}
          {next && <> {t('requests.overview.next', { date: date(next.dueOn) })}</>}
        </p>
      </li>
    );
  }
  if (overdue.length === 0 && dueSoon.length === 0) return null;
  return (
    <section className="card dash-card dash-requests" aria-labelledby="dash-requests-title">
      <h2 id="dash-requests-title">
        <Link to="/privacy/requests">{t('requests.dashboard.title')}</Link>
      </h2>
      <dl className="dash-counts">
        <div
          className={`dash-count${overdue.length ? ' dash-count-overdue' : ''}`}
          data-testid="dash-requests-overdue"
        >
          <dt>{t('requests.dashboard.overdue', { count: overdue.length })}</dt>
          <dd>{overdue.length}</dd>
        </div>
        <div className="dash-count" data-testid="dash-requests-due-soon">
          <dt>{t('requests.dashboard.dueSoon', { count: dueSoon.length })}</dt>
          <dd>{dueSoon.length}</dd>
        </div>
      </dl>
    </section>
  );
}
