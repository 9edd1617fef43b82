/**
 * Schema versions and migrations. Stored records carry `schemaVersion`; reading an older record
 * runs its numbered migrations (`person/1 → person/2`, …) before validation. A record from a
 * newer version of the app is refused, never guessed at.
 */
import type { z } from 'zod';
import { activitySchema, activitySchemaVersion, type Activity } from './activity';
import { customFieldSchema, customFieldSchemaVersion, type CustomField } from './custom-field';
import { dealSchema, dealSchemaVersion, type Deal } from './deal';
import { organizationSchema, organizationSchemaVersion, type Organization } from './organization';
import { personSchema, personSchemaVersion, type Person } from './person';
import { pipelineSchema, pipelineSchemaVersion, type Pipeline } from './pipeline';
import { tagSchema, tagSchemaVersion, type Tag } from './tag';
import { taskSchema, taskSchemaVersion, type Task } from './task';
import { DomainError } from './validation';

/** Kinds of stored record. */
export const recordTables = [
  'organization',
  'person',
  'deal',
  'pipeline',
  'activity',
  'task',
  'tag',
  'custom-field',
] as const;
/** One of `recordTables`. */
export type RecordTable = (typeof recordTables)[number];

/** The record type of each table. */
export interface RecordByTable {
  organization: Organization;
  person: Person;
  deal: Deal;
  pipeline: Pipeline;
  activity: Activity;
  task: Task;
  tag: Tag;
  'custom-field': CustomField;
}

/** Current schema version per table. */
export const currentSchemaVersions: Readonly<Record<RecordTable, number>> = {
  organization: organizationSchemaVersion,
  person: personSchemaVersion,
  deal: dealSchemaVersion,
  pipeline: pipelineSchemaVersion,
  activity: activitySchemaVersion,
  task: taskSchemaVersion,
  tag: tagSchemaVersion,
  'custom-field': customFieldSchemaVersion,
};

/** The schema of each table. */
export const recordSchemas: { readonly [K in RecordTable]: z.ZodType<RecordByTable[K]> } = {
  organization: organizationSchema,
  person: personSchema,
  deal: dealSchema,
  pipeline: pipelineSchema,
  activity: activitySchema,
  task: taskSchema,
  tag: tagSchema,
  'custom-field': customFieldSchema,
};

/** One step: turns a raw record of version `from` into version `from + 1`. Must be pure. */
export interface Migration {
  readonly from: number;
  readonly up: (raw: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/** Migrations per table, in order. */
export type MigrationRegistry = { readonly [K in RecordTable]?: readonly Migration[] };

/** The app's migrations. Every table is still at version 1, so there are none yet. */
export const migrations: MigrationRegistry = {};

/** Options of `createMigrator` (tests pass their own registry and versions). */
export interface MigratorConfig {
  readonly registry: MigrationRegistry;
  readonly versions: Readonly<Record<RecordTable, number>>;
  readonly schemas: { readonly [K in RecordTable]: z.ZodType<unknown> };
}

/** A migration runner: raw stored record in, validated current record out. */
export type Migrator = <K extends RecordTable>(table: K, raw: unknown) => RecordByTable[K];

/**
 * Builds a runner for `config`. It throws `DomainError` with `unknown-table`, `unknown-version`
 * (missing or malformed version), `future-version` (written by a newer app), `migration-missing`,
 * `migration-invalid` (a step did not advance the version by one) or `invalid-record`.
 */
export function createMigrator(config: MigratorConfig): Migrator {
  return <K extends RecordTable>(table: K, raw: unknown): RecordByTable[K] => {
    const current = config.versions[table] as number | undefined;
    if (current === undefined) throw new DomainError('unknown-table');
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new DomainError('invalid-record');
    let record = raw as Record<string, unknown>;
    const stored = record.schemaVersion;
    if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) {
      throw new DomainError('unknown-version');
    }
    let version = stored;
    if (version > current) throw new DomainError('future-version');
    const steps = config.registry[table] ?? [];
    while (version < current) {
      const from: number = version;
      const step = steps.find((m) => m.from === from);
      if (!step) throw new DomainError('migration-missing');
      record = step.up(record);
      if (record.schemaVersion !== from + 1) throw new DomainError('migration-invalid');
      version = from + 1;
    }
    const parsed = config.schemas[table].safeParse(record);
    if (!parsed.success) throw new DomainError('invalid-record');
    return parsed.data as RecordByTable[K];
  };
}

/** Upgrades and validates a stored record of `table` with the app's migrations. */
export const migrate: Migrator = createMigrator({
  registry: migrations,
  versions: currentSchemaVersions,
  schemas: recordSchemas,
});
