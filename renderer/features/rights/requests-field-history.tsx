// Rectification (Art. 16): a person's data field by field, each change with its old and new
// value, when and on which device, from the person's encrypted history; each change is matched
// with its entry in the audit log (which names the fields, never the values).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, HistoryEntry } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';

type T = ReturnType<typeof useTranslation>['t'];

/** A person field's label in the user's language (the field name when the catalog has none). */
export function fieldLabel(t: T, field: string): string {
  return t(`people.fields.${field}`, { defaultValue: field });
}

/** A field value as short text: nested entries (emails, addresses) by their values; empty as "—". */
export function valueText(t: T, value: unknown, field?: string): string {
  const show = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return v.map(show).filter(Boolean).join(', ');
    if (typeof v === 'object') return Object.values(v).map(show).filter(Boolean).join(' ');
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  if (field === 'kind' && typeof value === 'string') return t(`people.kinds.${value}`);
  if (field === 'preferredChannel' && typeof value === 'string') return t(`people.channels.${value}`);
  return show(value) || t('crm.empty');
}

/** One change of one field. */
export interface FieldChangeRow {
  readonly at: string;
  readonly device: string;
  readonly command: string;
  readonly from: unknown;
  readonly to: unknown;
  /** The audit log has the matching entry (same command, instant, record and field). */
  readonly audited: boolean;
}

/**
 * The changes of a record by field, newest first in each field; fields in the order of their
 * latest change. Creations are left out (they set every field; the record shows those values).
 */
export function changesByField(
  recordId: string,
  history: readonly HistoryEntry[],
  audit: Iterable<AuditEntry>,
): { field: string; changes: FieldChangeRow[] }[] {
  const audited = new Set<string>();
  for (const e of audit) {
    if (e.recordId !== recordId && !e.recordIds?.includes(recordId)) continue;
    for (const f of e.fields) audited.add(`${e.command}\u0000${e.at}\u0000${f}`);
  }
  const groups = new Map<string, FieldChangeRow[]>();
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  for (const entry of entries) {
    if (entry.recordId !== recordId) continue;
    for (const c of entry.changes) {
      if (c.field === 'clock') continue;
      const rows = groups.get(c.field) ?? [];
      rows.push({
        at: entry.at,
        device: entry.actor,
        command: entry.command,
        from: c.oldValue,
        to: c.newValue,
        audited: audited.has(`${entry.command}\u0000${entry.at}\u0000${c.field}`),
      });
      groups.set(c.field, rows);
    }
  }
  return [...groups].map(([field, changes]) => ({ field, changes }));
}

/** The person's changes by field, on their page. */
export function PersonFieldHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model } = useWorkspace();
  const history = useTable(model, 'history');
  const audit = useTable(model, 'audit');
  // The person's entries of the history table (its current list: a new entry recomputes).
  const fields = useMemo(
    () =>
      changesByField(
        personId,
        history.filter((h) => h.recordId === personId),
        audit,
      ),
    [personId, history, audit],
  );
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card field-history" aria-labelledby="field-history-title">
      <h2 id="field-history-title">{t('requests.history.title')}</h2>
      <p className="muted">{t('requests.history.intro')}</p>
      {fields.length === 0 ? (
        <p className="muted">{t('requests.history.empty')}</p>
      ) : (
        <ul className="field-history-list" data-testid="field-history">
          {fields.map(({ field, changes }) => (
            <li key={field}>
              <strong>{fieldLabel(t, field)}</strong>
              <ul>
                {changes.map((c, i) => (
                  <li key={i}>
                    <span>
                      {t('requests.history.change', {
                        from: valueText(t, c.from, field),
                        to: valueText(t, c.to, field),
                      })}
                    </span>{' '}
                    <small className="muted">
                      {t('requests.history.by', { when: when.format(new Date(c.at)), device: c.device })}{' '}
                      <span
                        title={c.audited ? t('requests.history.audited') : t('requests.history.notAudited')}
                      >
                        {c.audited ? '✓' : '?'}
                      </span>
                    </small>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
