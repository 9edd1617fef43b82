/**
 * Merging two records of the same party (two people, or two organizations) that turned out to
 * be duplicates. Pure: it returns the merged record, the trashed loser and the relation
 * rewrites; the command applies them in one write, logs it and can undo it from the trash.
 */
import type { Activity } from './activity';
import type { Deal } from './deal';
import type { Organization } from './organization';
import type { Person } from './person';
import { normalizeEmail } from './normalize';
import {
  applyChanges,
  canonicalJson,
  metaFields,
  trashRecord,
  type Editable,
  type RecordBase,
  type Stamp,
} from './record';
import type { Task } from './task';
import { DomainError } from './validation';

/** Per field, which side wins; fields not listed use the default rule (see `planMerge`). */
export type MergeChoices = Readonly<Record<string, 'winner' | 'loser'>>;

/** Records that may point at the loser and need rewriting. */
export interface MergeRelated {
  readonly deals?: readonly Deal[];
  readonly activities?: readonly Activity[];
  readonly tasks?: readonly Task[];
  /** For organization merges: people linked to the loser organization. */
  readonly people?: readonly Person[];
}

/** One reference to rewrite from the loser's id to the winner's. */
export interface RelationRewrite {
  readonly table: 'deal' | 'activity' | 'task' | 'person';
  readonly recordId: string;
  readonly field: 'personIds' | 'participantIds' | 'organizationId' | 'link' | 'organizations';
  readonly from: string;
  readonly to: string;
}

/** What a merge will do. */
export interface MergePlan<T extends Person | Organization> {
  /** The winner with the merged fields (same id, same subject id). */
  readonly merged: T;
  /** The loser moved to the trash, restorable to undo the merge. */
  readonly trashedLoser: T;
  readonly rewrites: readonly RelationRewrite[];
}

// List fields are united (winner's entries first) unless a side is chosen; the key says when
// two entries are the same.
const listKeys: Readonly<Record<string, (item: never) => string>> = {
  emails: (e: { address: string }) => normalizeEmail(e.address),
  phones: (p: { number: string }) => p.number,
  addresses: (a: object) => canonicalJson({ ...a, kind: undefined }),
  organizations: (o: { organizationId: string }) => o.organizationId,
  tags: (t: string) => t,
};
// Identity fields always come from the winner.
const winnerOnly = new Set(['subjectId', 'kind', 'deletedAt']);

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function unite(field: string, a: unknown, b: unknown): unknown {
  const key = listKeys[field] as ((item: unknown) => string) | undefined;
  if (!key || !Array.isArray(a) || !Array.isArray(b)) return a;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const item of [...(a as unknown[]), ...(b as unknown[])]) {
    const k = key(item);
    if (!seen.has(k)) out.push(item);
    seen.add(k);
  }
  return out;
}

/**
 * Plans merging `loser` into `winner`. Default rule per field: lists (emails, phones, addresses,
 * organization links, tags) are united; custom fields are united key by key with the winner's
 * value first; any other field keeps the winner's value unless it is empty. `choices` overrides a
 * field with one side's value as is. `subjectId`, `kind` and the id are always the winner's.
 * WARNING: the loser's data remains encrypted under the loser's subject key; the vault re-encrypts
 * the merged record under the winner's key before the loser's key is destroyed.
 */
export function planMerge<T extends Person | Organization>(
  winner: T,
  loser: T,
  choices: MergeChoices,
  stamp: Stamp,
  related: MergeRelated = {},
): MergePlan<T> {
  if (winner.id === loser.id) throw new DomainError('self-merge');
  const isPerson = 'subjectId' in winner;
  if (isPerson !== 'subjectId' in loser) throw new DomainError('kind-mismatch');
  const w = winner as unknown as Record<string, unknown>;
  const l = loser as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(w), ...Object.keys(l)])) {
    if (metaFields.has(field) || winnerOnly.has(field)) continue;
    const choice = choices[field];
    if (choice !== undefined) patch[field] = choice === 'winner' ? w[field] : l[field];
    else if (field === 'customFields') {
      const wc = (w[field] ?? {}) as Record<string, unknown>;
      const lc = (l[field] ?? {}) as Record<string, unknown>;
      const merged: Record<string, unknown> = { ...lc };
      for (const [k, v] of Object.entries(wc)) if (!isEmpty(v) || !(k in lc)) merged[k] = v;
      patch[field] = merged;
    } else if (field in listKeys) patch[field] = unite(field, w[field], l[field]);
    else patch[field] = isEmpty(w[field]) ? l[field] : w[field];
  }
  // The patch is built field by field from the two records themselves, so it has their shape.
  const merged = applyChanges<T>(winner, patch as Partial<Editable<T>>, stamp);
  const trashedLoser = trashRecord(loser, stamp);
  const rewrites = isPerson
    ? personRewrites(loser.id, winner.id, related)
    : organizationRewrites(loser.id, winner.id, related);
  return { merged, trashedLoser, rewrites };
}

function personRewrites(from: string, to: string, related: MergeRelated): RelationRewrite[] {
  const out: RelationRewrite[] = [];
  for (const d of related.deals ?? [])
    if ((d.personIds as readonly string[]).includes(from))
      out.push({ table: 'deal', recordId: d.id, field: 'personIds', from, to });
  for (const a of related.activities ?? [])
    if ((a.participantIds as readonly string[]).includes(from))
      out.push({ table: 'activity', recordId: a.id, field: 'participantIds', from, to });
  for (const t of related.tasks ?? [])
    if (t.link?.table === 'person' && t.link.id === from)
      out.push({ table: 'task', recordId: t.id, field: 'link', from, to });
  return out;
}

function organizationRewrites(from: string, to: string, related: MergeRelated): RelationRewrite[] {
  const out: RelationRewrite[] = [];
  for (const d of related.deals ?? [])
    if (d.organizationId === from)
      out.push({ table: 'deal', recordId: d.id, field: 'organizationId', from, to });
  for (const a of related.activities ?? [])
    if (a.organizationId === from)
      out.push({ table: 'activity', recordId: a.id, field: 'organizationId', from, to });
  for (const t of related.tasks ?? [])
    if (t.link?.table === 'organization' && t.link.id === from)
      out.push({ table: 'task', recordId: t.id, field: 'link', from, to });
  for (const p of related.people ?? [])
    if (p.organizations.some((o) => o.organizationId === from))
      out.push({ table: 'person', recordId: p.id, field: 'organizations', from, to });
  return out;
}

/** Applies one rewrite to the record it names (ids in lists are replaced and not repeated). */
export function applyRewrite<T extends Deal | Activity | Task | Person>(
  record: T,
  rewrite: RelationRewrite,
  stamp: Stamp,
): T {
  if (record.id !== rewrite.recordId) throw new DomainError('id-mismatch');
  const r = record as unknown as Record<string, unknown>;
  const value = r[rewrite.field];
  const swap = (id: string) => (id === rewrite.from ? rewrite.to : id);
  let next: unknown;
  if (rewrite.field === 'link') {
    const link = value as { table: string; id: string } | undefined;
    next = link ? { ...link, id: swap(link.id) } : link;
  } else if (rewrite.field === 'organizationId') {
    next = typeof value === 'string' ? swap(value) : value;
  } else if (rewrite.field === 'organizations') {
    const seen = new Set<string>();
    next = (value as { organizationId: string }[]).flatMap((o) => {
      const id = swap(o.organizationId);
      if (seen.has(id)) return [];
      seen.add(id);
      return [{ ...o, organizationId: id }];
    });
  } else {
    next = [...new Set((value as string[]).map(swap))];
  }
  const patch: Record<string, unknown> = { [rewrite.field]: next };
  return applyChanges<RecordBase>(record, patch, stamp) as T;
}
