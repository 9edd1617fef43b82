import { useTranslation } from 'react-i18next';
import type { BackupRanking } from '../../backup';

/**
 * Files set aside by the ranking, each with its reason: shown on the Backups page and on the
 * restore screen, so a user sees why a file that looks like a backup is neither counted nor offered.
 */
export function QuarantineList(props: { items: BackupRanking['quarantined'] }) {
  const { t } = useTranslation();
  return (
    <section className="quarantine" aria-labelledby="quarantine-title" data-testid="quarantine">
      <h3 id="quarantine-title">{t('backups.quarantine.title')}</h3>
      <p className="muted">{t('backups.quarantine.intro')}</p>
      <ul>
        {props.items.map((q) => (
          <li key={q.name}>
            <code>{q.name}</code> — {t(`backups.quarantine.reasons.${q.reason}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
