// The pack engine: seals planned packs (up to `packSize` records in one envelope), opens stored
// ones, writes `putMany`, and keeps what this session knows of the `packs` table: every manifest
// by pack id, whether the store carries the distinct mark, and the keys the packs hold.
import { randomId, wipe } from './bytes';
import type { VaultContext } from './context';
import { KEY_MEMBERS, KEY_RECORDS, detachedKeyId, openText, sealBytes, sealText } from './crypto';
import { DISTINCT, write, type PackRow } from './db';
import { VaultError } from './errors';
import {
  groupMembers,
  manifestOf,
  parseManifest,
  planPacks,
  type Manifest,
  type PackPlan,
  type PackRecord,
} from './pack';
import { SCHEMA_VERSION_DEFAULT, type PutItem } from './record-input';
import type { RawKeys, SubjectKeys } from './subject-keys';

/** A pack row known to this session: its id and parsed manifest (no ciphertext). */
export interface PackMeta {
  pid: string;
  man: Manifest;
}

/** A sealed pack: the row to store and what the index keeps of it. */
export interface SealedPack {
  meta: PackMeta;
  row: PackRow;
}

/** Packs sealed or opened per `Promise.all`: enough to keep WebCrypto's thread busy. */
const SEAL_BATCH = 256;
// Keys a `putMany` adds to the in-memory key set; above this it is rebuilt on demand instead.
const PACK_KEYS_GROW_LIMIT = 1000;
const recordDecoder = new TextDecoder();

/** The records of an authenticated pack plaintext, in manifest order; `record-tampered` otherwise. */
export function parseRecords(plain: Uint8Array, man: Manifest): unknown[] {
  let data: unknown;
  try {
    // The plaintext is authenticated, so it is the JSON array this code wrote.
    data = JSON.parse(recordDecoder.decode(plain));
  } catch {
    throw new VaultError('record-tampered');
  }
  if (!Array.isArray(data) || data.length !== man.k.length) throw new VaultError('record-tampered');
  return data as unknown[];
}

function packAd(vaultId: string, pid: string, m: string): string {
  // The manifest binds every record's table/id, clock, version, subject and tokens to its slot.
  return `scrigno/pack/2\u0000${vaultId}\u0000${pid}\u0000${m}`;
}

/** The packs of one unlocked vault (see the file comment). */
export class PackStore {
  #ctx: VaultContext;
  #subjects: SubjectKeys;
  /** Every pack's manifest, by pack id; built at cold open or on the first lookup. */
  #index: Map<string, PackMeta> | undefined;
  /** True while the store carries the distinct mark (known from cold open or creation). */
  #distinct = false;
  /** Every table/id held by a pack, built on the first `putMany` that must keep the mark. */
  #packKeys: Set<string> | undefined;

  /** `fresh`: a new, empty vault, so there is nothing to read before the first write. */
  constructor(ctx: VaultContext, subjects: SubjectKeys, fresh: boolean) {
    this.#ctx = ctx;
    this.#subjects = subjects;
    if (fresh) {
      this.#index = new Map();
      this.#distinct = true;
      this.#packKeys = new Set();
    }
  }

  /** Every pack's manifest; the first call without a cold open reads every pack row once. */
  index(): Promise<Map<string, PackMeta>> {
    // Built inside the write queue, so no pack committed meanwhile is missed.
    return this.#index ? Promise.resolve(this.#index) : this.#ctx.serial(() => this.indexLocked());
  }

  /**
   * `index` for code already running in the write queue. WARNING: the map itself, not a copy:
   * compaction and erasure update it in place once their transaction committed.
   */
  async indexLocked(): Promise<Map<string, PackMeta>> {
    if (this.#index) return this.#index;
    const rows = await this.#ctx.db.packs.toArray();
    const index = new Map<string, PackMeta>();
    for (const row of rows) {
      const man = parseManifest(row.m);
      if (man) index.set(row.pid, { pid: row.pid, man });
    }
    this.#index = index;
    return index;
  }

  /** Takes the index a cold open built, and whether the store carried the distinct mark. */
  useIndex(index: Map<string, PackMeta>, distinct: boolean): void {
    this.#index = index;
    this.#distinct = distinct;
    this.#packKeys = undefined;
  }

  /** Forgets the index: the next lookup reads every pack row again (another window changed them). */
  dropIndex(): void {
    this.#index = undefined;
  }

  /** True while the store is known to carry the distinct mark. */
  get distinct(): boolean {
    return this.#distinct;
  }

  /** Records that the store carries the distinct mark (or not) now; the key set stays. */
  set distinct(distinct: boolean) {
    this.#distinct = distinct;
  }

  /** Forgets the distinct mark and the key set built for it. */
  forgetDistinct(): void {
    this.#distinct = false;
    this.#packKeys = undefined;
  }

  /** Forgets everything known of the packs (on lock). */
  clear(): void {
    this.forgetDistinct();
    this.#index = undefined;
  }

  async #packKeySet(): Promise<Set<string>> {
    if (this.#packKeys) return this.#packKeys;
    const keys = new Set<string>();
    for (const { man } of (await this.indexLocked()).values()) for (const k of man.k) keys.add(k);
    return (this.#packKeys = keys);
  }

  /** Seals planned packs (records of subjects under a key derived from all members' keys). */
  async seal(plans: readonly PackPlan[], raw: RawKeys): Promise<SealedPack[]> {
    const out: SealedPack[] = [];
    const records = this.#ctx.keys().records;
    const { vaultId } = this.#ctx;
    for (let at = 0; at < plans.length; at += SEAL_BATCH) {
      const batch = plans.slice(at, at + SEAL_BATCH).map(async (plan) => {
        const pid = randomId();
        const man = manifestOf(plan);
        const m = JSON.stringify(man);
        const key = plan.members.length ? await this.#subjects.packKey(pid, plan.members, raw) : records;
        if (!key) throw new Error('vault: missing subject key');
        const plain = JSON.stringify(plan.records.map((r) => r.data));
        const { h, e } = await sealText(
          key,
          plan.members.length ? KEY_MEMBERS : KEY_RECORDS,
          plain,
          packAd(vaultId, pid, m),
        );
        return { meta: { pid, man }, row: { pid, m, h, e } };
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  /**
   * Decrypts a pack's records, in manifest order. undefined when a member's key is missing
   * (erased, or its key row tampered); `record-tampered` when the pack does not authenticate.
   */
  async open(row: PackRow, man: Manifest, raw: RawKeys): Promise<unknown[] | undefined> {
    const plain = await this.openPlain(row, man, raw);
    if (!plain) return undefined;
    return parseRecords(plain, man);
  }

  /**
   * A pack's plaintext as stored (the JSON array of its records' data), for re-sealing it as it
   * is. Same outcomes as `open`. WARNING: the caller wipes the bytes.
   */
  async openPlain(row: PackRow, man: Manifest, raw: RawKeys): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const keyId = detachedKeyId(row);
    let key: CryptoKey | undefined;
    if (man.s.length === 0) {
      if (keyId !== KEY_RECORDS) throw new VaultError('record-tampered');
      key = this.#ctx.keys().records;
    } else {
      if (keyId !== KEY_MEMBERS) throw new VaultError('record-tampered');
      key = await this.#subjects.packKey(row.pid, man.s, raw);
      if (!key) return undefined;
    }
    return openText(key, row, packAd(this.#ctx.vaultId, row.pid, row.m));
  }

  /** Seals an already encoded pack plaintext with `man` as a new pack (a key rotation). */
  async sealPlain(man: Manifest, plain: Uint8Array<ArrayBuffer>, raw: RawKeys): Promise<SealedPack> {
    const pid = randomId();
    const m = JSON.stringify(man);
    const key = man.s.length ? await this.#subjects.packKey(pid, man.s, raw) : this.#ctx.keys().records;
    if (!key) throw new Error('vault: missing subject key');
    const { h, e } = await sealBytes(
      key,
      man.s.length ? KEY_MEMBERS : KEY_RECORDS,
      plain,
      packAd(this.#ctx.vaultId, pid, m),
    );
    return { meta: { pid, man }, row: { pid, m, h, e } };
  }

  /**
   * Seals `items` (already checked; `keysOf` their table/ids) as packs and writes them in one
   * transaction, once `ready` resolves. Runs in the write queue.
   */
  async putMany(items: readonly PutItem[], keysOf: readonly string[], ready?: Promise<void>): Promise<void> {
    const ctx = this.#ctx;
    const sids = new Set<string>();
    for (const item of items) {
      const s = item.subjectId;
      if (s === undefined) continue;
      if (s.includes(',')) for (const one of groupMembers(s)) sids.add(one);
      else sids.add(s);
    }
    const { raw, rows } = await this.#subjects.forWrite([...sids]);
    try {
      const first = ctx.clock + 1;
      ctx.clock += items.length;
      const records = items.map((item, n): PackRecord => {
        const r: PackRecord = {
          k: keysOf[n]!,
          c: first + n,
          v: item.schemaVersion ?? SCHEMA_VERSION_DEFAULT,
          data: item.data,
        };
        if (item.subjectId !== undefined) r.s = item.subjectId;
        if (item.blind?.length) r.b = item.blind;
        return r;
      });
      const sealed = await this.seal(planPacks(records, ctx.settings.packSize), raw);
      // Encrypted while a check of the same records ran elsewhere: write only if it passed.
      await ready;
      // The distinct mark survives only writes of keys no pack holds yet (creations, imports).
      const packKeys = this.#distinct ? await this.#packKeySet() : undefined;
      const keepsDistinct =
        packKeys !== undefined && (packKeys.size === 0 || !keysOf.some((k) => packKeys.has(k)));
      const db = ctx.db;
      await write(db, [db.packs, db.meta, db.subjectPacks], async () => {
        if (rows.length) await db.subjectPacks.bulkAdd(rows);
        await db.packs.bulkAdd(sealed.map((p) => p.row));
        await db.meta.put({ k: 'clock', c: ctx.clock });
        if (!keepsDistinct) await db.meta.delete(DISTINCT);
      });
      await this.#subjects.add(rows);
      for (const { meta } of sealed) this.#index?.set(meta.pid, meta);
      if (!keepsDistinct) this.forgetDistinct();
      // A large write (an import) drops the set rather than growing it: the next write that
      // needs it rebuilds it from the manifests, off the import's clock.
      else if (keysOf.length > PACK_KEYS_GROW_LIMIT) this.#packKeys = undefined;
      else for (const k of keysOf) packKeys.add(k);
    } finally {
      wipe(raw.bytes);
    }
  }
}
