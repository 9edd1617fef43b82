import { useTranslation } from 'react-i18next';
import { useLocale } from './i18n';
import type { HistoryEntry } from '../vault';

/** A field value as short text: nested entries (emails, addresses) by their values. */
function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(show).filter(Boolean).join(', ');
  if (typeof value === 'object') return Object.values(value).map(show).filter(Boolean).join(' ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The change history of a record (field, old → new, when, who): the basis of rectification. */
export function HistoryList({
  entries,
  labelOf,
}: {
  entries: readonly HistoryEntry[];
  labelOf: (field: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <aside className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('crm.history')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('crm.historyEmpty')}</p>
      ) : (
        <ol className="history">
          {entries.map((entry, i) => (
            <li key={i}>
              <small>{t('crm.historyBy', { when: when.format(new Date(entry.at)), who: entry.actor })}</small>
              {entry.command.endsWith('.create') ? (
                <span>{t('crm.historyCreated')}</span>
              ) : (
                entry.changes
                  .filter((c) => c.field !== 'clock')
                  .map((c) => (
                    <div key={c.field}>
                      {t('crm.historyChange', {
                        field: labelOf(c.field),
                        from: show(c.oldValue) || t('crm.empty'),
                        to: show(c.newValue) || t('crm.empty'),
                      })}
                    </div>
                  ))
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
