// The Dexie schema of the vault store. Rows hold envelopes and non-personal index fields only.
import { Dexie, type Table } from 'dexie';

/** One record version inside a pack. `k` is `table/id`, `c` the vault clock, `v` the schema version. */
export interface PackItem {
  k: string;
  c: number;
  v: number;
  s?: string;
  b?: string[];
  e: Uint8Array;
}

/** Many record envelopes in one row: one IndexedDB write per pack instead of per record. */
export interface PackRow {
  pid: string;
  keys: string[];
  blind: string[];
  items: PackItem[];
}

/** One record written by a single edit; supersedes pack items with a lower clock. `e: null` = deleted. */
export interface OverlayRow {
  k: string;
  c: number;
  v: number;
  s?: string;
  b: string[];
  e: Uint8Array | null;
}

/** Data-subject keys, many per row, sealed together under the subject-keys purpose key. */
export interface SubjectPackRow {
  pid: string;
  sids: string[];
  e: Uint8Array;
}

/** Header bytes (`k: 'header'`) and the vault clock high-water mark (`k: 'clock'`). */
export interface MetaRow {
  k: string;
  bytes?: Uint8Array;
  c?: number;
}

/** The vault's IndexedDB database. */
export class VaultDb extends Dexie {
  meta!: Table<MetaRow, string>;
  packs!: Table<PackRow, string>;
  overlay!: Table<OverlayRow, string>;
  subjectPacks!: Table<SubjectPackRow, string>;

  constructor(name: string) {
    // 'strict' makes Chromium flush before reporting completion: an acknowledged write survives a crash.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    this.version(1).stores({
      meta: 'k',
      packs: 'pid, *keys, *blind',
      overlay: 'k, *b',
      subjectPacks: 'pid, *sids',
    });
  }
}
