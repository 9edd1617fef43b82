/**
 * The rules that keep an erased person out, whatever the data come from (a command, an archive, a
 * backup): who the erasure ledger names, which people a record names, and a record stripped of
 * people who must stay out. Pure.
 */
import type { ErasureEntry } from './erasure';
import { recordRegistry, type TableName } from './registry';

/** The person and subject ids of every erasure in the ledger. */
export function erasedIds(model: { list(table: 'erasures'): readonly ErasureEntry[] }): {
  people: Set<string>;
  subjects: Set<string>;
} {
  const people = new Set<string>();
  const subjects = new Set<string>();
  for (const e of model.list('erasures')) {
    people.add(e.personId);
    subjects.add(e.subjectId);
  }
  return { people, subjects };
}

/** The people a record names (its data subject and any person it links to). */
export function peopleNamedBy(table: TableName, record: unknown): string[] {
  const after = record as Record<string, unknown>;
  const named: string[] = [];
  const rule = recordRegistry[table].subject;
  if (rule.kind === 'person') {
    const id = (rule.personId as (r: unknown) => string | undefined)(after);
    if (id) named.push(id);
  }
  for (const field of ['participantIds', 'personIds'] as const) {
    const ids = after[field];
    if (Array.isArray(ids)) named.push(...(ids as string[]));
  }
  const link = after.link as { table?: string; id?: string } | undefined;
  if (link?.table === 'person' && link.id) named.push(link.id);
  return named;
}

/**
 * `record` of `table` without the people in `out`: null when the record is about one of them
 * (their data subject, or an activity left with no participant), otherwise the record with their
 * ids removed from its participants and contacts.
 */
export function withoutPeople<T>(table: TableName, record: T, out: ReadonlySet<string>): T | null {
  if (out.size === 0) return record;
  const r = record as unknown as Record<string, unknown>;
  const rule = recordRegistry[table].subject;
  if (rule.kind === 'self' && out.has(r.id as string)) return null;
  if (rule.kind === 'person') {
    const id = (rule.personId as (x: unknown) => string | undefined)(record);
    if (id && out.has(id)) return null;
  }
  let changed: Record<string, unknown> | null = null;
  for (const field of ['participantIds', 'personIds'] as const) {
    const ids = r[field];
    if (!Array.isArray(ids) || !ids.some((id) => out.has(id as string))) continue;
    changed ??= { ...r };
    changed[field] = (ids as string[]).filter((id) => !out.has(id));
  }
  if (table === 'activities' && changed && (changed.participantIds as string[]).length === 0) return null;
  return (changed ?? record) as T;
}
