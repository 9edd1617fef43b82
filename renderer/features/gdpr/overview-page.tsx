import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName, openBreaches } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { readBackupSettings } from '../backups';
import { RequestsAttention, useHolidayCalendar } from '../rights';
import { clockText } from './breaches-page';
import { privacyOverview } from './privacy-plan';
import { useRetentionQueue } from './retention-job';

/** The Privacy section's home: what needs attention, each count opening its list. */
export function PrivacyOverviewPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const workspace = useWorkspace();
  const { model } = workspace;
  // Re-render when any table the figures come from changes.
  useTable(model, 'people');
  useTable(model, 'person-purposes');
  useTable(model, 'consents');
  useTable(model, 'settings');
  useTable(model, 'indirect-notices');
  const purposes = useTable(model, 'purposes').filter((p) => p.deletedAt === null);
  const controller = useTable(model, 'privacy-controller').find((c) => c.deletedAt === null);
  const overview = privacyOverview(model, undefined, useHolidayCalendar() ?? undefined);
  const lastBackup = readBackupSettings(workspace).lastSuccess;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const open = openBreaches(useTable(model, 'breaches'));
  const urgent = open[0] ? clockText(t, locale, open[0]) : null;
  const dueCount = useRetentionQueue(model).queue?.scan.due.length ?? 0;

  return (
    <div className="privacy-overview">
      <p className="muted">{t('privacy.overview.intro')}</p>
      {!controller && (
        <p className="notice">
          {t('privacy.overview.noController')}{' '}
          <Link to="/privacy/controller">{t('privacy.overview.setController')}</Link>
        </p>
      )}
      {purposes.length === 0 && (
        <p className="notice">
          {t('privacy.overview.noPurposes')}{' '}
          <Link to="/privacy/purposes">{t('privacy.purposes.acceptPresets')}</Link>
        </p>
      )}
      <ul className="privacy-counts">
        <li className="card">
          <Link to="/privacy/without-purpose">
            <span className={`privacy-count${overview.withoutPurpose.length ? ' privacy-count-alert' : ''}`}>
              {overview.withoutPurpose.length}
            </span>{' '}
            {t('privacy.overview.withoutPurpose')}
          </Link>
          <p className="muted">{t('privacy.overview.withoutPurposeHint')}</p>
        </li>
        <li className="card">
          <Link to="/privacy/to-review">
            <span className={`privacy-count${overview.toReview.length ? ' privacy-count-alert' : ''}`}>
              {overview.toReview.length}
            </span>{' '}
            {t('privacy.overview.toReview')}
          </Link>
          <p className="muted">{t('privacy.overview.toReviewHint')}</p>
        </li>
        <li className="card">
          <Link to="/privacy/informing" data-testid="overview-informing">
            <span
              className={`privacy-count${overview.informing.some((d) => d.overdue) ? ' privacy-count-alert' : ''}`}
            >
              {overview.informing.length}
            </span>{' '}
            {t('privacy.overview.informing')}
          </Link>
          <p className="muted">
            {t('privacy.overview.informingHint', {
              count: overview.informing.filter((d) => d.overdue).length,
            })}
          </p>
        </li>
        <li className="card">
          <Link to="/privacy/retention">
            <span className={`privacy-count${dueCount ? ' privacy-count-alert' : ''}`}>{dueCount}</span>{' '}
            {t('privacy.retention.overviewCount')}
          </Link>
          <p className="muted">{t('privacy.retention.overviewHint')}</p>
        </li>
        <RequestsAttention variant="overview" />
        <li className="card">
          <Link to="/privacy/breaches">
            <span className={`privacy-count${urgent?.urgent ? ' privacy-count-alert' : ''}`}>
              {open.length}
            </span>{' '}
            {t('privacy.overview.openBreaches')}
          </Link>
          <p className="muted" data-testid="overview-breach-clock">
            {urgent
              ? t('privacy.overview.openBreachesHint', { clock: urgent.text })
              : t('privacy.overview.noOpenBreaches')}
          </p>
        </li>
        <li className="card">
          <Link to="/backups">
            <span className="privacy-count privacy-count-text">
              {lastBackup ? when.format(new Date(lastBackup.at)) : t('privacy.overview.noBackup')}
            </span>{' '}
            {t('privacy.overview.lastBackup')}
          </Link>
        </li>
      </ul>
    </div>
  );
}

/** The people with no purpose, each opening their page (where a purpose is added). */
export function WithoutPurposeList() {
  const { t } = useTranslation();
  const { model } = useWorkspace();
  useTable(model, 'people');
  useTable(model, 'person-purposes');
  const people = privacyOverview(model).withoutPurpose;
  return (
    <section className="card" aria-labelledby="without-purpose-title">
      <h2 id="without-purpose-title">{t('privacy.overview.listWithoutPurpose')}</h2>
      {people.length === 0 ? (
        <p className="empty-state">{t('privacy.overview.none')}</p>
      ) : (
        <ul className="privacy-list">
          {[...people]
            .sort((a, b) => displayName(a).localeCompare(displayName(b)))
            .map((p) => (
              <li key={p.id}>
                <Link to={`/contacts/${p.id}`}>{displayName(p)}</Link>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

/** The consents in force whose review date has come. */
export function ToReviewList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model } = useWorkspace();
  useTable(model, 'consents');
  const entries = privacyOverview(model).toReview;
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  return (
    <section className="card" aria-labelledby="to-review-title">
      <h2 id="to-review-title">{t('privacy.overview.listToReview')}</h2>
      {entries.length === 0 ? (
        <p className="empty-state">{t('privacy.overview.none')}</p>
      ) : (
        <ul className="privacy-list">
          {entries.map((e) => {
            const person = model.get('people', e.personId);
            return (
              <li key={e.id}>
                <Link to={`/contacts/${e.personId}`}>{person ? displayName(person) : '—'}</Link> ·{' '}
                {model.get('purposes', e.purposeId)?.name ?? '—'} ·{' '}
                {t('privacy.overview.reviewOn', { date: date(e.reviewOn!) })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
