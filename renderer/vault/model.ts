import {
  expandClock,
  isSharedPart,
  isTableName,
  mergeParts,
  tableNames,
  upgradeRecord,
  type RecordOf,
  type SharedPart,
  type TableName,
} from '../../shared/domain';
import type { LoadedRecord } from './vault';

/** The stored tables, in registry order. */
export const tables = tableNames;
export type { TableName };

/** Appends an id to its table's list (in place: bulk writes touch hundreds of thousands). */
function addTo(touched: Map<TableName, string[]>, table: TableName, id: string): void {
  const ids = touched.get(table);
  if (ids) ids.push(id);
  else touched.set(table, [id]);
}

/**
 * The in-memory model: every decrypted record, by table and id. Built once at unlock from the
 * store and dropped at lock; reads are synchronous. Each table has a version so a list view
 * re-renders only when its own table changes.
 */
export class Model {
  readonly #tables = new Map<TableName, Map<string, unknown>>();
  readonly #versions = new Map<TableName, number>();
  readonly #arrays = new Map<TableName, { version: number; rows: readonly unknown[] }>();
  readonly #listeners = new Set<ModelListener>();

  /**
   * A model holding the records decrypted at unlock (unknown tables are ignored), each brought to
   * its table's current schema version by the registry's migrations.
   * WARNING: throws `DomainError` (`future-version`, `invalid-record`, …) for a record that cannot
   * be upgraded: the vault is then not opened rather than opened with data it misreads.
   */
  static fromRecords(records: Iterable<LoadedRecord>): Model {
    const model = new Model();
    for (const r of records) {
      if (isTableName(r.table)) model.#table(r.table).set(r.id, expandClock(upgradeRecord(r.table, r.data)));
    }
    model.#rebuildFromParts();
    return model;
  }

  /**
   * Rebuilds, from their parts, the shared records that are no longer in the model (after an
   * erasure removed them), and notifies their tables. Returns how many came back.
   */
  rebuildFromParts(): number {
    const rebuilt = this.#rebuildFromParts();
    const byTable = new Map<TableName, string[]>();
    for (const { table, id } of rebuilt) {
      const ids = byTable.get(table);
      if (ids) ids.push(id);
      else byTable.set(table, [id]);
    }
    for (const [table, ids] of byTable) this.#changed(table, ids);
    return rebuilt.length;
  }

  /**
   * Shared records that could not be read (one of their subjects was erased) come back as their
   * surviving parties' parts merged (see `shared-parts.ts`): that they took place, when, with whom
   * among those left, and nothing that was written in them.
   */
  #rebuildFromParts(): Array<{ table: TableName; id: string }> {
    const parts = this.#tables.get('shared-parts');
    const rebuilt: Array<{ table: TableName; id: string }> = [];
    if (!parts?.size) return rebuilt;
    const orphans = new Map<string, SharedPart[]>();
    for (const part of parts.values()) {
      if (!isSharedPart(part) || this.#tables.get(part.table)?.has(part.recordId)) continue;
      const key = `${part.table}/${part.recordId}`;
      const list = orphans.get(key);
      if (list) list.push(part);
      else orphans.set(key, [part]);
    }
    for (const list of orphans.values()) {
      const merged = mergeParts(list);
      if (!merged) continue;
      const table = list[0]!.table;
      this.#table(table).set(list[0]!.recordId, expandClock(upgradeRecord(table, merged)));
      rebuilt.push({ table, id: list[0]!.recordId });
    }
    return rebuilt;
  }

  #table(table: TableName): Map<string, unknown> {
    let map = this.#tables.get(table);
    if (!map) this.#tables.set(table, (map = new Map<string, unknown>()));
    return map;
  }

  #changed(table: TableName, ids: readonly string[], written?: readonly unknown[]): void {
    this.#versions.set(table, (this.#versions.get(table) ?? 0) + 1);
    for (const listener of this.#listeners) listener(table, ids, written);
  }

  /** One record, or undefined. */
  get<K extends TableName>(table: K, id: string): RecordOf<K> | undefined {
    return this.#tables.get(table)?.get(id) as RecordOf<K> | undefined;
  }

  /** Every record of a table; the same array until the table changes. */
  list<K extends TableName>(table: K): readonly RecordOf<K>[] {
    const version = this.version(table);
    const cached = this.#arrays.get(table);
    if (cached?.version === version) return cached.rows as readonly RecordOf<K>[];
    const rows = [...(this.#tables.get(table)?.values() ?? [])];
    this.#arrays.set(table, { version, rows });
    return rows as readonly RecordOf<K>[];
  }

  /** Every record of a table with its stored id (records like history entries carry no id field). */
  entries<K extends TableName>(table: K): Array<[string, RecordOf<K>]> {
    return [...(this.#tables.get(table) ?? new Map<string, unknown>())] as Array<[string, RecordOf<K>]>;
  }

  /** Number of records in a table. */
  count(table: TableName): number {
    return this.#tables.get(table)?.size ?? 0;
  }

  /** The table's change counter. */
  version(table: TableName): number {
    return this.#versions.get(table) ?? 0;
  }

  /** Stores records after they were written durably; notifies once per table. */
  upsert(entries: ReadonlyArray<{ table: TableName; id: string; data: unknown }>): void {
    const touched = new Map<TableName, { ids: string[]; written: unknown[] }>();
    for (const e of entries) {
      this.#table(e.table).set(e.id, e.data);
      let t = touched.get(e.table);
      if (!t) touched.set(e.table, (t = { ids: [], written: [] }));
      t.ids.push(e.id);
      t.written.push(e.data);
    }
    for (const [t, { ids, written }] of touched) this.#changed(t, ids, written);
  }

  /** Forgets records after they were deleted from the store. */
  remove(entries: ReadonlyArray<{ table: TableName; id: string }>): void {
    const touched = new Map<TableName, string[]>();
    for (const e of entries) {
      if (this.#tables.get(e.table)?.delete(e.id)) addTo(touched, e.table, e.id);
    }
    for (const [t, ids] of touched) this.#changed(t, ids);
  }

  /** Listens to changes (see `ModelListener`); returns the unsubscribe. */
  subscribe(listener: ModelListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Drops every record (at lock). */
  clear(): void {
    const all = [...this.#tables].map(([t, map]) => [t, [...map.keys()]] as const);
    this.#tables.clear();
    this.#arrays.clear();
    for (const [t, ids] of all) this.#changed(t, ids);
  }
}

/**
 * A change to one table: the ids written or removed and, for writes, the records written (in the
 * same order), so a listener need not look each one up again after a large import.
 */
export type ModelListener = (table: TableName, ids: readonly string[], written?: readonly unknown[]) => void;
