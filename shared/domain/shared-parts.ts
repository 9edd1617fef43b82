/**
 * Shared records and the parts their parties keep. A record about several data subjects (a
 * meeting of two people, a deal with a person and a sole trader) is sealed under a key that needs
 * every one of their keys: erasing any of them shreds it whole, notes and title included. What
 * each party keeps is its *part*, a copy of the record's non-personal fields (when, what kind,
 * which stage and value) with the links to that party alone, sealed under that party's keys only;
 * a deal also has a *base* part under the records key (the business keeps its pipeline figures
 * when every party is gone). When the whole record cannot be read any more, the record is rebuilt
 * from the parts still readable (`mergeParts`): the surviving parties see that it took place, with
 * whom among them, and nothing written in it.
 */
import type { Activity } from './activity';
import type { Deal } from './deal';

/** The parties a record is about: people and organizations, by record id. */
export interface Parties {
  readonly people: readonly string[];
  readonly organizations: readonly string[];
}

/** No party: the record is about no natural person. */
export const noParties: Parties = { people: [], organizations: [] };

/** The tables whose records have parts. */
export type PartTable = 'activities' | 'deals';

/** How a table's records are split into parts. */
export interface PartRule {
  /** Fields every part keeps as they are: nothing anyone wrote about a person. */
  readonly keep: readonly string[];
  /** The field listing the people (each part lists its own person only). */
  readonly people: 'participantIds' | 'personIds';
  /** Content fields and what a rebuilt record holds in their place (`undefined`: left out). */
  readonly fill: (record: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;
  /** The record keeps a part under the records key too (it survives every party's erasure). */
  readonly base: boolean;
}

// Identity and bookkeeping: random ids, dates and clocks, never personal data.
const meta = ['id', 'schemaVersion', 'createdAt', 'updatedAt', 'deletedAt', 'clock'];

/** Placeholder title of a deal rebuilt from its parts (the title was about the erased party). */
export const REDACTED_TITLE = '—';

/** The part rules, by table. */
export const partRules: { readonly [T in PartTable]: PartRule } = {
  activities: {
    keep: [...meta, 'kind', 'at', 'durationMinutes', 'dealId'],
    people: 'participantIds',
    fill: () => ({ text: '' }),
    base: false,
  },
  deals: {
    keep: [...meta, 'pipelineId', 'stageId', 'value', 'expectedCloseDate', 'status', 'closedAt', 'tags'],
    people: 'personIds',
    fill: (d) => ({
      title: REDACTED_TITLE,
      customFields: {},
      ...(d.status === 'lost' ? { lostReason: REDACTED_TITLE } : {}),
    }),
    base: true,
  },
};

/** One stored part (table `shared-parts`). */
export interface SharedPart {
  readonly table: PartTable;
  readonly recordId: string;
  /** The subjects it is sealed for: its party's (empty for the base part, under the records key). */
  readonly subjectIds: readonly string[];
  /** The record's newest clock when the part was written: parts of older versions are ignored. */
  readonly version: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Which party a part belongs to: a person, an organization, or none (the base part). */
export type PartOwner = { readonly person: string } | { readonly organization: string } | null;

/** The stored id of a part: `table.recordId` for the base part, `table.recordId.partyId` otherwise. */
export function partId(table: PartTable, recordId: string, owner: PartOwner): string {
  if (owner === null) return `${table}.${recordId}`;
  return `${table}.${recordId}.${'person' in owner ? owner.person : owner.organization}`;
}

/** The newest stamp of a record's clock (the version its parts carry). */
export function newestClock(clock: Readonly<Record<string, string>> | string): string {
  if (typeof clock === 'string') return clock;
  let newest = '';
  for (const stamp of Object.values(clock)) if (stamp > newest) newest = stamp;
  return newest;
}

/**
 * The part of `record` that `owner` keeps: the non-personal fields, its own link and no other
 * party's. `organizationIsParty`: the record's organization is a data subject (a sole trader), so
 * only its own part names it.
 */
export function partOf(
  table: PartTable,
  record: Activity | Deal,
  owner: PartOwner,
  subjectIds: readonly string[],
  organizationIsParty: boolean,
): SharedPart {
  const rule = partRules[table];
  const source = record as unknown as Readonly<Record<string, unknown>>;
  const fields: Record<string, unknown> = {};
  for (const field of rule.keep) if (source[field] !== undefined) fields[field] = source[field];
  fields[rule.people] = owner !== null && 'person' in owner ? [owner.person] : [];
  const org = record.organizationId;
  if (org !== undefined && (!organizationIsParty || (owner !== null && 'organization' in owner)))
    fields.organizationId = org;
  return {
    table,
    recordId: record.id,
    subjectIds: [...subjectIds],
    version: newestClock(record.clock),
    fields,
  };
}

/**
 * The record rebuilt from the parts still readable (of its newest version): the kept fields, the
 * people and organization the parts name, content fields filled by the table's rule. undefined
 * when there is no part.
 */
export function mergeParts(parts: readonly SharedPart[]): Record<string, unknown> | undefined {
  let version = '';
  for (const p of parts) if (p.version > version) version = p.version;
  const current = parts.filter((p) => p.version === version);
  const first = current.find((p) => p.subjectIds.length === 0) ?? current[0];
  if (!first) return undefined;
  const rule = partRules[first.table];
  const out: Record<string, unknown> = { ...first.fields };
  const people: string[] = [];
  for (const p of current) {
    for (const id of (p.fields[rule.people] as readonly string[] | undefined) ?? [])
      if (!people.includes(id)) people.push(id);
    if (out.organizationId === undefined && p.fields.organizationId !== undefined)
      out.organizationId = p.fields.organizationId;
  }
  out[rule.people] = people;
  for (const [field, value] of Object.entries(rule.fill(out)))
    if (value === undefined) delete out[field];
    else out[field] = value;
  return out;
}

/** True when `value` has the shape of a stored part. */
export function isSharedPart(value: unknown): value is SharedPart {
  const p = value as Partial<SharedPart> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    (p.table === 'activities' || p.table === 'deals') &&
    typeof p.recordId === 'string' &&
    Array.isArray(p.subjectIds) &&
    typeof p.version === 'string' &&
    typeof p.fields === 'object' &&
    p.fields !== null
  );
}
