// The Dexie schema of the vault store and the one way to write to it. Rows hold envelopes and
// non-personal index fields only.
import { Dexie, type Table } from 'dexie';
import { VaultError, isQuotaError } from './errors';

/**
 * Many records sealed as one AEAD envelope: one IndexedDB row and one decryption per pack instead
 * of per record. `m` is the manifest (see pack.ts), authenticated as associated data; `h` is the
 * envelope head (version, key id, nonce) and `e` the ciphertext with its tag.
 */
export interface PackRow {
  pid: string;
  m: string;
  h: Uint8Array;
  e: Uint8Array;
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

/**
 * Header bytes (`k: 'header'`), the vault clock high-water mark (`k: 'clock'`), while no
 * table/id is stored in more than one pack the distinct mark (`k: DISTINCT`, no value), and after
 * a rotation the retired backups keys (`k: RETIRED`).
 */
export interface MetaRow {
  k: string;
  bytes?: Uint8Array;
  c?: number;
  /** `k: RETIRED`: the vault ids whose backups keys `bytes` holds, newest first. */
  ids?: string[];
}

/** Key of the meta row holding the backups keys of the vault ids a rotation retired. */
export const RETIRED = 'retired';

/** Key of the meta row present while no table/id is in two packs (see the README). */
export const DISTINCT = 'distinct';

/** The vault's IndexedDB database. */
export class VaultDb extends Dexie {
  meta!: Table<MetaRow, string>;
  packs!: Table<PackRow, string>;
  overlay!: Table<OverlayRow, string>;
  subjectPacks!: Table<SubjectPackRow, string>;

  constructor(name: string) {
    // 'strict' makes Chromium flush before reporting completion: an acknowledged write survives a crash.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    // Version 2: packs are single envelopes, and no multi-entry index costs one entry per record
    // (locators are built in memory from the manifests). Version-1 rows are not migrated.
    this.version(2).stores({
      meta: 'k',
      packs: 'pid',
      overlay: 'k, *b',
      subjectPacks: 'pid',
    });
  }
}

/** Runs a write transaction; a quota failure aborts it and becomes `quota-exceeded`. */
export async function write<T>(db: VaultDb, tables: Dexie.Table[], body: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', tables, body);
  } catch (error) {
    if (isQuotaError(error)) throw new VaultError('quota-exceeded');
    throw error;
  }
}
