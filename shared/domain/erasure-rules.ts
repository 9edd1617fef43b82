/**
 * The rules that keep an erased person out, whatever the data come from (a command, an archive, a
 * backup): who the erasure ledger names, which people a record names, and a record stripped of
 * people who must stay out. Pure.
 */
import type { ErasureEntry } from './erasure';
import { recordRegistry, type TableName } from './registry';
import { partRules } from './shared-parts';

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
 * `record` of `table` without the people in `out` (and the sole-trader businesses in it, see
 * `erasedBusinesses`): null when the record is about one of them (their data subject, their own
 * history, a task linked to them, an activity left with no participant); a meeting or a deal
 * they were a party to comes as the others' skeleton: without them and without anything written
 * in it (the part rule of `shared-parts.ts`: what the store rebuilds once their key is gone), so
 * that notes about them never come back; otherwise the record as it is.
 */
export function withoutPeople<T>(table: TableName, record: T, out: ReadonlySet<string>): T | null {
  if (out.size === 0) return record;
  const r = record as unknown as Record<string, unknown>;
  const rule = recordRegistry[table].subject;
  if (rule.kind === 'self' && out.has(r.id as string)) return null;
  if (table === 'organizations' && out.has(r.id as string)) return null;
  if (rule.kind === 'person') {
    const id = (rule.personId as (x: unknown) => string | undefined)(record);
    if (id && out.has(id)) return null;
  }
  const link = r.link as { table?: string; id?: string } | undefined;
  if (table === 'tasks' && link?.id !== undefined && out.has(link.id)) return null;
  if (table === 'history' && out.has(r.recordId as string)) return null;
  if (table !== 'activities' && table !== 'deals') return record;
  const partRule = partRules[table];
  const people = (r[partRule.people] as string[] | undefined) ?? [];
  const org = r.organizationId as string | undefined;
  const orgOut = org !== undefined && out.has(org);
  if (!orgOut && !people.some((id) => out.has(id))) return record;
  const kept = people.filter((id) => !out.has(id));
  if (table === 'activities' && kept.length === 0) return null;
  const skeleton: Record<string, unknown> = {};
  for (const field of partRule.keep) if (r[field] !== undefined) skeleton[field] = r[field];
  skeleton[partRule.people] = kept;
  if (org !== undefined && !orgOut) skeleton.organizationId = org;
  for (const [field, value] of Object.entries(partRule.fill(skeleton)))
    if (value !== undefined) skeleton[field] = value;
  return skeleton as T;
}

/**
 * The sole-trader businesses (organizations marked `naturalPerson`) owned by the people in `out`:
 * the vault seals them for their owners too, so an owner's erasure shreds them; data coming in
 * (an archive made before) leaves them out with their owner.
 */
export function erasedBusinesses(
  people: Iterable<{
    readonly id: string;
    readonly kind?: string;
    readonly organizations?: readonly { readonly organizationId: string }[];
  }>,
  organizations: Iterable<{ readonly id: string; readonly naturalPerson?: boolean }>,
  out: ReadonlySet<string>,
): Set<string> {
  const natural = new Set<string>();
  for (const o of organizations) if (o.naturalPerson === true) natural.add(o.id);
  const found = new Set<string>();
  for (const p of people) {
    if (!out.has(p.id) || p.kind !== 'sole-trader') continue;
    for (const link of p.organizations ?? [])
      if (natural.has(link.organizationId)) found.add(link.organizationId);
  }
  return found;
}
