/**
 * The trash purge: a record trashed `trashRetentionDays` ago becomes a tombstone. The tombstone
 * keeps the record's identity and bookkeeping (id, schema version, clock, creation, update and
 * trash instants) and a `purgedAt` marker, and nothing else: every content field is gone. It is
 * kept, not deleted, so a later peer sync can tell "purged here" from "never seen".
 */
import { z } from 'zod';
import { instantSchema, instantToEpoch, toInstant, type Instant } from './dates';
import type { HlcString } from './hlc';
import { idPattern } from './ids';
import {
  isPurgeable,
  metaFields,
  recordBaseShape,
  trashRetentionDays,
  type RecordBase,
  type Stamp,
} from './record';

/** The tables whose trashed records are purged (tags, pipelines and custom fields are not trashed). */
export const purgeTables = ['people', 'organizations', 'deals', 'activities', 'tasks'] as const;
/** One of `purgeTables`. */
export type PurgeTable = (typeof purgeTables)[number];

const dayMs = 86_400_000;

/**
 * Empty lists a tombstone keeps because the vault's write path reads them from every record of
 * the table (dedupe keys of parties, the subject of an activity). They hold nothing.
 * WARNING: drop these once that write path skips tombstones.
 */
const skeleton: Readonly<Record<PurgeTable, Readonly<Record<string, readonly never[]>>>> = {
  people: { emails: [], phones: [] },
  organizations: { emails: [], phones: [] },
  deals: {},
  activities: { participantIds: [] },
  tasks: {},
};

const emptyList = z.array(z.never()).optional();

/** A purged record: bookkeeping and the purge instant, no content (strict: any other field fails). */
export const tombstoneSchema = z.strictObject({
  ...recordBaseShape,
  id: z.string().regex(idPattern, { error: 'invalid-id' }),
  deletedAt: instantSchema,
  purgedAt: instantSchema,
  emails: emptyList,
  phones: emptyList,
  participantIds: emptyList,
});
/** The parsed type of `tombstoneSchema`. */
export type Tombstone = Readonly<z.infer<typeof tombstoneSchema>>;

/** True for a stored record that was purged (cheap: looks at the marker only, in either clock form). */
export function isTombstone(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'purgedAt' in value;
}

/** The instant a trashed record becomes purgeable (`deletedAt` + the retention period). */
export function purgeDate(deletedAt: Instant): number {
  return instantToEpoch(deletedAt) + trashRetentionDays * dayMs;
}

/**
 * Days left before a trashed record is purged, counted up: 30 just after trashing, 1 on the last
 * day, 0 once it is due.
 */
export function daysLeftInTrash(deletedAt: Instant, now: number): number {
  return Math.max(0, Math.ceil((purgeDate(deletedAt) - now) / dayMs));
}

/** The tombstone of a trashed record, every removed field clocked at `stamp`. */
export function tombstoneOf(table: PurgeTable, record: RecordBase, stamp: Stamp): Tombstone {
  if (record.deletedAt === null) throw new Error('purge: record is not in the trash');
  const clock: Record<string, HlcString> = { ...record.clock };
  const fill = skeleton[table];
  // A removed field keeps a clock entry at the purge stamp, so a merge with an older copy that
  // still has the value does not bring it back.
  for (const key of Object.keys(record)) {
    if (metaFields.has(key) || key === 'deletedAt') continue;
    clock[key] = stamp.clock;
  }
  for (const key of Object.keys(fill)) clock[key] = stamp.clock;
  clock.purgedAt = stamp.clock;
  return {
    ...fill,
    id: record.id,
    schemaVersion: record.schemaVersion,
    clock,
    createdAt: record.createdAt,
    updatedAt: toInstant(stamp.at),
    deletedAt: record.deletedAt,
    purgedAt: toInstant(stamp.at),
  };
}

/**
 * The record with every content value replaced by `null`: the "before" of a purge change. A diff
 * against the tombstone then names every removed field without carrying a single value.
 */
export function redactedRecord(record: RecordBase): RecordBase {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    out[key] = metaFields.has(key) || key === 'deletedAt' ? value : null;
  return out as unknown as RecordBase;
}

/** One record to purge: what the history and audit may see before, and the tombstone after. */
export interface PurgeChange {
  readonly table: PurgeTable;
  /** `redactedRecord` of the stored record: field names, no values. */
  readonly before: RecordBase;
  readonly after: Tombstone;
}

/** What the purge reads: the entity tables and the local history with its stored ids. */
export interface PurgeInput {
  readonly records: Readonly<Record<PurgeTable, readonly RecordBase[]>>;
  readonly history: ReadonlyArray<readonly [string, { readonly recordId: string }]>;
}

/** The purge of one run: the tombstones to write, and the history entries to delete. */
export interface PurgePlan {
  readonly changes: readonly PurgeChange[];
  /** Ids of the history entries of purged records (old values: personal data). */
  readonly historyIds: readonly string[];
}

/**
 * Plans the purge at `stamp.at`: every trashed record whose retention period is over becomes a
 * tombstone, and its history entries go. Tombstones already written are left alone, so running it
 * twice plans nothing the second time. An empty plan means there is nothing to do.
 */
export function planPurge(input: PurgeInput, stamp: Stamp): PurgePlan {
  const changes: PurgeChange[] = [];
  const purged = new Set<string>();
  for (const table of purgeTables) {
    for (const record of input.records[table]) {
      if (isTombstone(record) || !isPurgeable(record, stamp.at)) continue;
      changes.push({ table, before: redactedRecord(record), after: tombstoneOf(table, record, stamp) });
      purged.add(record.id);
    }
  }
  const historyIds = input.history.flatMap(([id, entry]) => (purged.has(entry.recordId) ? [id] : []));
  return { changes, historyIds };
}
