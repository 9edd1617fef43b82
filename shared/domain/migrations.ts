/**
 * Running migrations. Stored records carry `schemaVersion`; a record of an older version runs its
 * table's numbered migrations (`people/1 → people/2`, …, declared in the record registry) and is
 * validated. A record from a newer version of the app is refused, never guessed at.
 */
import type { z } from 'zod';
import type { Migration } from './migration-steps';
import {
  entityTables,
  isEntityTable,
  recordRegistry,
  type EntityRecords,
  type EntityTable,
} from './registry';
import { DomainError } from './validation';

export type { Migration } from './migration-steps';

/** Migrations per table, in order. */
export type MigrationRegistry = { readonly [K in EntityTable]?: readonly Migration[] };

/** Options of `createMigrator` (tests pass their own registry and versions). */
export interface MigratorConfig {
  readonly registry: MigrationRegistry;
  readonly versions: Readonly<Record<EntityTable, number>>;
  readonly schemas: { readonly [K in EntityTable]: Pick<z.ZodType<unknown>, 'safeParse'> };
}

/** A migration runner: raw stored record in, validated current record out. */
export type Migrator = <K extends EntityTable>(table: K, raw: unknown) => EntityRecords[K];

/** The app's migrations, from the registry. */
export const migrations: MigrationRegistry = Object.fromEntries(
  entityTables.map((t) => [t, recordRegistry[t].migrations]),
);
/** Current schema version per table, from the registry. */
export const currentSchemaVersions = Object.fromEntries(
  entityTables.map((t) => [t, recordRegistry[t].version]),
) as Readonly<Record<EntityTable, number>>;
/** The schema of each table, from the registry. */
export const recordSchemas = Object.fromEntries(entityTables.map((t) => [t, recordRegistry[t].schema])) as {
  readonly [K in EntityTable]: z.ZodType<EntityRecords[K]>;
};

/** The version a raw record says it has, or throws `unknown-version`. */
function storedVersion(raw: unknown): number {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DomainError('invalid-record');
  const stored = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1) {
    throw new DomainError('unknown-version');
  }
  return stored;
}

/** Runs the steps from `version` up to `current`. */
function runSteps(
  steps: readonly Migration[],
  raw: Record<string, unknown>,
  version: number,
  current: number,
): Record<string, unknown> {
  let record = raw;
  while (version < current) {
    const from: number = version;
    const step = steps.find((m) => m.from === from);
    if (!step) throw new DomainError('migration-missing');
    record = step.up(record);
    if (record.schemaVersion !== from + 1) throw new DomainError('migration-invalid');
    version = from + 1;
  }
  return record;
}

/**
 * Builds a runner for `config`. It throws `DomainError` with `unknown-table`, `unknown-version`
 * (missing or malformed version), `future-version` (written by a newer app), `migration-missing`,
 * `migration-invalid` (a step did not advance the version by one) or `invalid-record`.
 */
export function createMigrator(config: MigratorConfig): Migrator {
  return <K extends EntityTable>(table: K, raw: unknown): EntityRecords[K] => {
    const current = config.versions[table] as number | undefined;
    if (current === undefined) throw new DomainError('unknown-table');
    const version = storedVersion(raw);
    if (version > current) throw new DomainError('future-version');
    const record = runSteps(config.registry[table] ?? [], raw as Record<string, unknown>, version, current);
    const parsed = config.schemas[table].safeParse(record);
    if (!parsed.success) throw new DomainError('invalid-record');
    return parsed.data as EntityRecords[K];
  };
}

/** Upgrades and validates a stored record of `table` with the app's migrations. */
export const migrate: Migrator = createMigrator({
  registry: migrations,
  versions: currentSchemaVersions,
  schemas: recordSchemas,
});

/**
 * Brings a stored record of any table up to date where data comes in (unlock, archive import,
 * backup restore). Records already at the current version pass through untouched and unchecked
 * (they were checked when written); older ones are migrated and validated; newer ones, and
 * records without a version, throw (`future-version`, `unknown-version`). Records of the app's
 * own tables (history, settings, …) and tombstones (no content to migrate) pass through. With
 * `validate: false` the migrated record is not checked (the caller checks every record anyway).
 * WARNING: `raw` must be in the expanded or compact stored form; the result may share objects
 * with it.
 */
export function upgradeRecord(table: string, raw: unknown, options: { validate?: boolean } = {}): unknown {
  if (!isEntityTable(table)) return raw;
  const current = recordRegistry[table].version;
  const version = storedVersion(raw);
  if (version === current) return raw;
  if (version > current) throw new DomainError('future-version');
  if ((raw as { purgedAt?: unknown }).purgedAt !== undefined) return raw;
  const record = runSteps(recordRegistry[table].migrations, raw as Record<string, unknown>, version, current);
  if (options.validate === false) return record;
  // Records in the stored form may carry a compact clock: check the content, not the clock form.
  const check = typeof record.clock === 'string' ? { ...record, clock: {} } : record;
  const parsed = recordRegistry[table].schema.safeParse(check);
  if (!parsed.success) throw new DomainError('invalid-record');
  return record;
}
