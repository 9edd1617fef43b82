/**
 * Change history for rectification (Art. 16): which fields an edit changed, from what, to what.
 * WARNING: changes carry values, i.e. personal data. They belong in the encrypted local history
 * only; the audit log records field names (`changedFields`), never values.
 */
import type { EntityTable } from './registry';
import { metaFields, sameValue } from './record';

/** One field changed by an edit; `undefined` means absent before/after. */
export interface FieldChange {
  readonly field: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

/** Fields that differ between two versions of a record (all fields when `before` is null), sorted. */
export function diffRecords(before: object | null, after: object | null): FieldChange[] {
  const a = (after ?? {}) as Record<string, unknown>;
  // A creation: every field it sets (the common case at import, hundreds of thousands at once).
  if (before === null)
    return Object.keys(a)
      .filter((f) => !metaFields.has(f) && a[f] !== undefined)
      .sort()
      .map((field) => ({ field, oldValue: undefined, newValue: a[field] }));
  const b = before as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((f) => !metaFields.has(f))
    .sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!sameValue(b[field], a[field])) changes.push({ field, oldValue: b[field], newValue: a[field] });
  }
  return changes;
}

/** Names of the fields an edit changed: what the audit log may keep. */
export function changedFields(before: object | null, after: object | null): string[] {
  return diffRecords(before, after).map((c) => c.field);
}

/** One local history entry: which fields an edit changed, from what, to what (Art. 16). */
export interface HistoryEntry {
  readonly recordTable: EntityTable;
  readonly recordId: string;
  readonly at: string;
  readonly actor: string;
  readonly command: string;
  readonly changes: readonly FieldChange[];
}
