// The vault: unlock, key hierarchy in memory, encrypted record storage and blind-index lookups.
import { Dexie } from 'dexie';
import { fromUtf8, randomBytes, toBase64Url, fromBase64Url, utf8, wipe, concat } from './bytes';
import {
  KEY_RECORDS,
  KEY_SUBJECT,
  KEY_SUBJECT_PACK,
  derivePurposeKeys,
  envelopeKeyId,
  hkdfKey,
  importAesKey,
  importHkdfKey,
  open,
  seal,
  type PurposeKeys,
} from './crypto';
import { blindToken as computeBlindToken } from './blind-index';
import { VaultDb, type OverlayRow, type PackItem, type PackRow, type SubjectPackRow } from './db';
import { VaultError, isQuotaError } from './errors';
import { encodeHeader, parseHeader, slotAd, verifyHeaderMac, type HeaderBody, type PassphraseSlot, type RecoverySlot } from './header';
import { calibrateKdf, defaultKdf, type KdfRunner } from './kdf-client';
import { PRODUCTION_KDF_POLICY, assertCreatablePolicy, type KdfParams, type KdfPolicy } from './policy';
import { RECOVERY_KEY_BYTES, formatRecoveryKey, parseRecoveryKey } from './recovery-key';
import { passphraseStrength } from './strength';

/** Default IndexedDB database name of the vault. */
export const DEFAULT_VAULT_DB = 'scrigno-vault';
/** Default number of records per pack row (see README for the measurements behind it). */
export const DEFAULT_PACK_SIZE = 100;
const SCHEMA_VERSION_DEFAULT = 1;
const DECRYPT_BATCH = 2048;
const LOAD_BATCH = 2048;
const recordDecoder = new TextDecoder();

/** Options of `createVault` / `openVault`. */
export interface VaultOptions {
  dbName?: string;
  /** KDF floor and fixed parameters; below the production floor only with a test-only policy. */
  kdfPolicy?: KdfPolicy;
  /** Where Argon2id runs (default: a Worker in browsers, in-thread elsewhere). */
  kdf?: KdfRunner;
  /** Records per pack row written by `putMany`. */
  packSize?: number;
}

/** A secret that opens a key slot. */
export type VaultSecret = { passphrase: string } | { recoveryKey: string };

/** Optional index fields of a record. Never personal data: random ids and blind tokens only. */
export interface RecordMeta {
  subjectId?: string;
  blind?: string[];
  schemaVersion?: number;
}

/** One record for `putMany`. */
export interface PutItem extends RecordMeta {
  table: string;
  id: string;
  data: unknown;
}

/** One decrypted record from `loadAll`. */
export interface LoadedRecord {
  table: string;
  id: string;
  data: unknown;
  subjectId?: string;
  schemaVersion: number;
}

/** Purpose keys handed out to later features. */
export type ExportedPurpose = 'backups' | 'sync' | 'audit';

const TABLE_RE = /^[a-z][a-z0-9_-]{0,63}$/;
const ID_RE = /^[^\u0000/][^\u0000]{0,255}$/;
const SUBJECT_RE = /^[A-Za-z0-9_-]{1,128}$/;
const TOKEN_RE = /^[A-Za-z0-9_-]{1,128}$/;

// WARNING: these throw plain Errors: a bad table name or id is a programming error, not user data.
function recordKey(table: string, id: string): string {
  if (!TABLE_RE.test(table)) throw new Error('vault: invalid table name');
  if (!ID_RE.test(id)) throw new Error('vault: invalid record id');
  return `${table}/${id}`;
}
function checkMeta(meta: RecordMeta): void {
  if (meta.subjectId !== undefined && !SUBJECT_RE.test(meta.subjectId)) throw new Error('vault: invalid subject id');
  if (meta.blind?.some((t) => !TOKEN_RE.test(t))) throw new Error('vault: invalid blind token');
  if (meta.schemaVersion !== undefined && !(Number.isSafeInteger(meta.schemaVersion) && meta.schemaVersion >= 0)) {
    throw new Error('vault: invalid schema version');
  }
}
const splitKey = (k: string): [string, string] => {
  const slash = k.indexOf('/');
  return [k.slice(0, slash), k.slice(slash + 1)];
};
const newId = (): string => toBase64Url(randomBytes(16));
const normalisePassphrase = (passphrase: string): Uint8Array<ArrayBuffer> => utf8(passphrase.normalize('NFC'));

async function assertStrong(passphrase: string): Promise<void> {
  if (!(await passphraseStrength(passphrase)).acceptable) throw new VaultError('weak-passphrase');
}

/** Runs a write transaction; a quota failure aborts it and becomes `quota-exceeded`. */
async function write<T>(db: VaultDb, tables: Dexie.Table[], body: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', tables, body);
  } catch (error) {
    if (isQuotaError(error)) throw new VaultError('quota-exceeded');
    throw error;
  }
}

async function recoveryKek(recovery: Uint8Array<ArrayBuffer>, slot: RecoverySlot): Promise<CryptoKey> {
  // The recovery key is already 160 random bits: HKDF is enough, no password hashing needed.
  const base = await importHkdfKey(recovery);
  return hkdfKey(base, fromBase64Url(slot.salt), 'scrigno/v1/recovery-slot', 'aes');
}

async function passphraseKek(kdf: KdfRunner, passphrase: string, slot: PassphraseSlot): Promise<CryptoKey> {
  const pass = normalisePassphrase(passphrase);
  try {
    const raw = await kdf(pass, fromBase64Url(slot.salt), { m: slot.kdf.m, t: slot.kdf.t, p: slot.kdf.p });
    return await importAesKey(raw);
  } finally {
    wipe(pass);
  }
}

async function wrapSlot<S extends PassphraseSlot | RecoverySlot>(
  vaultId: string,
  slot: Omit<S, 'nonce' | 'wrapped'>,
  kek: CryptoKey,
  vmk: Uint8Array<ArrayBuffer>,
): Promise<S> {
  const nonce = randomBytes(12);
  const full = { ...slot, nonce: toBase64Url(nonce), wrapped: '' } as S;
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: slotAd(vaultId, full) }, kek, vmk);
  full.wrapped = toBase64Url(new Uint8Array(ct));
  return full;
}

/** Unwraps a slot; undefined when the key does not fit (wrong secret or edited slot fields). */
async function unwrapSlot(vaultId: string, slot: PassphraseSlot | RecoverySlot, kek: CryptoKey): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(slot.nonce), additionalData: slotAd(vaultId, slot) },
      kek,
      fromBase64Url(slot.wrapped),
    );
    return pt.byteLength === 32 ? new Uint8Array(pt) : undefined;
  } catch {
    return undefined;
  }
}

async function newPassphraseSlot(kdf: KdfRunner, vaultId: string, passphrase: string, params: KdfParams, vmk: Uint8Array<ArrayBuffer>): Promise<PassphraseSlot> {
  const base = { id: newId(), kind: 'passphrase' as const, kdf: { alg: 'argon2id' as const, v: 19 as const, ...params }, salt: toBase64Url(randomBytes(16)) };
  const kek = await passphraseKek(kdf, passphrase, { ...base, nonce: '', wrapped: '' });
  return wrapSlot<PassphraseSlot>(vaultId, base, kek, vmk);
}

/** True when the database holds a vault header. Never creates or changes anything. */
export async function vaultExists(dbName: string = DEFAULT_VAULT_DB): Promise<boolean> {
  if (!(await Dexie.exists(dbName))) return false;
  const db = new VaultDb(dbName);
  try {
    return (await db.meta.get('header')) !== undefined;
  } finally {
    db.close();
  }
}

/**
 * Creates a vault with a passphrase slot and a recovery slot. The recovery key is returned once
 * and never stored. Refuses (`vault-exists`) to touch a database that already has a header.
 */
export async function createVault(passphrase: string, options: VaultOptions = {}): Promise<{ vault: Vault; recoveryKey: string }> {
  const policy = options.kdfPolicy ?? PRODUCTION_KDF_POLICY;
  assertCreatablePolicy(policy);
  await assertStrong(passphrase);
  const kdf = options.kdf ?? defaultKdf;
  const dbName = options.dbName ?? DEFAULT_VAULT_DB;
  if (await vaultExists(dbName)) throw new VaultError('vault-exists');
  const params = policy.params ?? (await calibrateKdf({ floor: policy.floor, kdf }));

  const vaultId = newId();
  const vmk = randomBytes(32);
  const recovery = randomBytes(RECOVERY_KEY_BYTES);
  try {
    const passSlot = await newPassphraseSlot(kdf, vaultId, passphrase, params, vmk);
    const recBase = { id: newId(), kind: 'recovery' as const, kdf: { alg: 'hkdf-sha256' as const }, salt: toBase64Url(randomBytes(16)) };
    const recoveryKey = await formatRecoveryKey(recovery);
    const recSlot = await wrapSlot<RecoverySlot>(vaultId, recBase, await recoveryKek(recovery.slice(), { ...recBase, nonce: '', wrapped: '' }), vmk);
    const body: HeaderBody = { vaultId, createdAt: new Date().toISOString(), slots: [passSlot, recSlot] };
    const session = await Session.create(vmk.slice(), vaultId);
    const header = await encodeHeader(body, session.keys.header);
    const db = new VaultDb(dbName);
    try {
      // `add`, not `put`: a header that appeared meanwhile is never overwritten.
      await write(db, [db.meta], async () => {
        await db.meta.add({ k: 'header', bytes: header });
        await db.meta.put({ k: 'clock', c: 0 });
      });
    } catch (error) {
      db.close();
      if (error instanceof Dexie.ConstraintError || (error as { name?: string }).name === 'ConstraintError') throw new VaultError('vault-exists');
      throw error;
    }
    const vault = new Vault(db, session, body, 0, { kdf, policy, packSize: options.packSize ?? DEFAULT_PACK_SIZE });
    return { vault, recoveryKey };
  } finally {
    wipe(vmk, recovery);
  }
}

/**
 * Opens the vault with the passphrase or the recovery key. Reads only: a failed attempt never
 * writes anything. Errors: `no-vault`, `header-damaged`, `newer-version`, `header-tampered`,
 * `wrong-passphrase`, `wrong-recovery-key`.
 */
export async function openVault(secret: VaultSecret, options: VaultOptions = {}): Promise<Vault> {
  const policy = options.kdfPolicy ?? PRODUCTION_KDF_POLICY;
  const kdf = options.kdf ?? defaultKdf;
  const dbName = options.dbName ?? DEFAULT_VAULT_DB;
  if (!(await Dexie.exists(dbName))) throw new VaultError('no-vault');
  const db = new VaultDb(dbName);
  try {
    const row = await db.meta.get('header');
    if (!row?.bytes) throw new VaultError('no-vault');
    const header = await parseHeader(row.bytes, policy.floor);
    const { vaultId } = header.body;
    let vmk: Uint8Array<ArrayBuffer> | undefined;
    if ('passphrase' in secret) {
      const slot = header.body.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
      if (slot) vmk = await unwrapSlot(vaultId, slot, await passphraseKek(kdf, secret.passphrase, slot));
      if (!vmk) throw new VaultError('wrong-passphrase');
    } else {
      const slot = header.body.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
      const recovery = await parseRecoveryKey(secret.recoveryKey);
      if (slot) vmk = await unwrapSlot(vaultId, slot, await recoveryKek(recovery, slot));
      else wipe(recovery);
      if (!vmk) throw new VaultError('wrong-recovery-key');
    }
    const session = await Session.create(vmk, vaultId);
    // The slot opened, so the secret is right: a MAC failure now can only be an edited header.
    if (!(await verifyHeaderMac(header, session.keys.header))) throw new VaultError('header-tampered');
    const clock = (await db.meta.get('clock'))?.c ?? 0;
    return new Vault(db, session, header.body, clock, { kdf, policy, packSize: options.packSize ?? DEFAULT_PACK_SIZE });
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens with the recovery key and sets a new passphrase; returns the opened vault. */
export async function resetPassphraseWithRecoveryKey(recoveryKey: string, newPassphrase: string, options: VaultOptions = {}): Promise<Vault> {
  await assertStrong(newPassphrase);
  const vault = await openVault({ recoveryKey }, options);
  await vault.changePassphrase(newPassphrase);
  return vault;
}

/** In-memory key material of an unlocked vault. */
class Session {
  private constructor(
    readonly keys: PurposeKeys,
    /** The master key sealed under a random in-memory key, kept only to rewrap slots. */
    private readonly sealedVmk: Uint8Array<ArrayBuffer>,
    private readonly sessionKey: CryptoKey,
  ) {}

  /** Takes ownership of `vmk` and wipes it. */
  static async create(vmk: Uint8Array<ArrayBuffer>, vaultId: string): Promise<Session> {
    try {
      const sessionKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const sealed = await seal(sessionKey, 0, vmk, new Uint8Array(0));
      const keys = await derivePurposeKeys(await importHkdfKey(vmk.slice()), vaultId);
      return new Session(keys, sealed, sessionKey);
    } finally {
      wipe(vmk);
    }
  }

  /** The raw master key for rewrapping a slot. WARNING: the caller must wipe it. */
  rawVmk(): Promise<Uint8Array<ArrayBuffer>> {
    return open(this.sessionKey, this.sealedVmk, new Uint8Array(0));
  }
}

interface VaultSettings {
  kdf: KdfRunner;
  policy: KdfPolicy;
  packSize: number;
}

type Current = { c: number; v: number; s?: string; b: string[]; e: Uint8Array | null };

/** An unlocked vault. Every method throws `VaultError('locked')` after `lock()`. */
export class Vault {
  /** Random id of this vault, bound into every envelope. */
  readonly vaultId: string;
  #db: VaultDb;
  #session: Session | undefined;
  #header: HeaderBody;
  #clock: number;
  #settings: VaultSettings;
  #subjectKeys: Promise<Map<string, CryptoKey>> | undefined;
  /** Subjects whose key pack failed to authenticate: their records report as tampered. */
  #tamperedSubjects = new Set<string>();
  #subjectMutex: Promise<unknown> = Promise.resolve();

  /** @internal use createVault/openVault. */
  constructor(db: VaultDb, session: Session, header: HeaderBody, clock: number, settings: VaultSettings) {
    this.vaultId = header.vaultId;
    this.#db = db;
    this.#session = session;
    this.#header = header;
    this.#clock = clock;
    this.#settings = settings;
  }

  /** True until `lock()`. */
  get unlocked(): boolean {
    return this.#session !== undefined;
  }

  #keys(): PurposeKeys {
    if (!this.#session) throw new VaultError('locked');
    return this.#session.keys;
  }

  #recordAd(k: string, v: number, c: number, s: string | undefined, b: readonly string[] | undefined): Uint8Array<ArrayBuffer> {
    // Vault, table/id, schema version, clock, subject and blind tokens: moving or editing any fails.
    return utf8(`scrigno/record/1\u0000${this.vaultId}\u0000${k}\u0000${v}\u0000${c}\u0000${s ?? ''}\u0000${(b ?? []).join(',')}`);
  }

  #subjectPackAd(pid: string, sids: readonly string[]): Uint8Array<ArrayBuffer> {
    return utf8(`scrigno/subject-keys/1\u0000${this.vaultId}\u0000${pid}\u0000${sids.join(',')}`);
  }

  /** Loads every data-subject key once per unlock. */
  #subjects(): Promise<Map<string, CryptoKey>> {
    this.#subjectKeys ??= (async () => {
      const keys = this.#keys();
      const rows = await this.#db.subjectPacks.toArray();
      const map = new Map<string, CryptoKey>();
      await Promise.all(
        rows.map(async (row) => {
          let raw: Uint8Array<ArrayBuffer>;
          try {
            raw = await open(keys['subject-keys'], row.e, this.#subjectPackAd(row.pid, row.sids));
            if (raw.length !== row.sids.length * 32) throw new VaultError('record-tampered');
          } catch {
            for (const sid of row.sids) this.#tamperedSubjects.add(sid);
            return;
          }
          const imported = await Promise.all(row.sids.map((_, i) => importAesKey(raw.slice(i * 32, i * 32 + 32))));
          wipe(raw);
          row.sids.forEach((sid, i) => map.set(sid, imported[i]!));
        }),
      );
      return map;
    })();
    return this.#subjectKeys;
  }

  /** Makes fresh subject-key packs for `sids`; the keys join the map only once the rows are stored. */
  async #newSubjectPacks(sids: string[]): Promise<{ rows: SubjectPackRow[]; keys: Map<string, CryptoKey> }> {
    const keys = new Map<string, CryptoKey>();
    const rows: SubjectPackRow[] = [];
    const size = this.#settings.packSize;
    for (let i = 0; i < sids.length; i += size) {
      const chunk = sids.slice(i, i + size);
      const raw = randomBytes(32 * chunk.length);
      const imported = await Promise.all(chunk.map((_, j) => importAesKey(raw.slice(j * 32, j * 32 + 32))));
      chunk.forEach((sid, j) => keys.set(sid, imported[j]!));
      const pid = newId();
      rows.push({ pid, sids: chunk, e: await seal(this.#keys()['subject-keys'], KEY_SUBJECT_PACK, raw, this.#subjectPackAd(pid, chunk)) });
      wipe(raw);
    }
    return { rows, keys };
  }

  async #keyFor(subjectId: string | undefined, map: Map<string, CryptoKey>, fresh: Map<string, CryptoKey>): Promise<CryptoKey> {
    if (subjectId === undefined) return this.#keys().records;
    const key = map.get(subjectId) ?? fresh.get(subjectId);
    if (!key) throw new Error('vault: missing subject key');
    return key;
  }

  async #encrypt(item: PutItem, k: string, c: number, map: Map<string, CryptoKey>, fresh: Map<string, CryptoKey>): Promise<PackItem> {
    const v = item.schemaVersion ?? SCHEMA_VERSION_DEFAULT;
    const key = await this.#keyFor(item.subjectId, map, fresh);
    const e = await seal(key, item.subjectId === undefined ? KEY_RECORDS : KEY_SUBJECT, utf8(JSON.stringify(item.data)), this.#recordAd(k, v, c, item.subjectId, item.blind));
    const out: PackItem = { k, c, v, e };
    if (item.subjectId !== undefined) out.s = item.subjectId;
    if (item.blind?.length) out.b = [...item.blind];
    return out;
  }

  /** Decrypts one resolved record version. undefined = its subject was erased. */
  #decrypt(k: string, cur: Current & { e: Uint8Array }, map: Map<string, CryptoKey>): Promise<unknown> {
    // Not async on purpose: this is the cold-open hot path, one promise per record is enough.
    let key: CryptoKey | undefined;
    try {
      const keyId = envelopeKeyId(cur.e);
      if (cur.s === undefined) {
        if (keyId !== KEY_RECORDS) throw new VaultError('record-tampered');
        key = this.#keys().records;
      } else {
        if (keyId !== KEY_SUBJECT || this.#tamperedSubjects.has(cur.s)) throw new VaultError('record-tampered');
        key = map.get(cur.s);
        if (!key) return Promise.resolve(undefined);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return open(key, cur.e, this.#recordAd(k, cur.v, cur.c, cur.s, cur.b)).then((pt) => {
      try {
        // The plaintext is authenticated, so it is the UTF-8 JSON this code wrote.
        return JSON.parse(recordDecoder.decode(pt)) as unknown;
      } catch {
        throw new VaultError('record-tampered');
      }
    });
  }

  async #persistNewSubjects(sids: Iterable<string>): Promise<{ map: Map<string, CryptoKey>; rows: SubjectPackRow[]; fresh: Map<string, CryptoKey> }> {
    const map = await this.#subjects();
    const missing = [...new Set(sids)].filter((s) => !map.has(s));
    if (missing.some((s) => this.#tamperedSubjects.has(s))) throw new VaultError('record-tampered');
    const { rows, keys } = missing.length ? await this.#newSubjectPacks(missing) : { rows: [], keys: new Map<string, CryptoKey>() };
    return { map, rows, fresh: keys };
  }

  /**
   * Encrypts and stores one record (created or replaced), durable when the promise resolves.
   * A subject id without a key gets a new data-subject key in the same transaction.
   */
  async put(table: string, id: string, data: unknown, meta: RecordMeta = {}): Promise<void> {
    const k = recordKey(table, id);
    checkMeta(meta);
    const { map, rows, fresh } = await this.#persistNewSubjects(meta.subjectId === undefined ? [] : [meta.subjectId]);
    const c = ++this.#clock;
    const item = await this.#encrypt({ table, id, data, ...meta }, k, c, map, fresh);
    const db = this.#db;
    // Everything is encrypted above: no WebCrypto call happens inside the transaction.
    await write(db, [db.overlay, db.meta, db.subjectPacks], async () => {
      if (rows.length) await db.subjectPacks.bulkAdd(rows);
      await db.overlay.put({ k, c, v: item.v, ...(item.s !== undefined ? { s: item.s } : {}), b: item.b ?? [], e: item.e });
      await db.meta.put({ k: 'clock', c: this.#clock });
    });
    for (const [sid, key] of fresh) map.set(sid, key);
  }

  /** Encrypts and stores many records in one transaction, packed `packSize` to a row. */
  async putMany(items: PutItem[]): Promise<void> {
    if (items.length === 0) return;
    const keysOf = items.map((item) => {
      checkMeta(item);
      return recordKey(item.table, item.id);
    });
    const { map, rows, fresh } = await this.#persistNewSubjects(items.flatMap((i) => (i.subjectId === undefined ? [] : [i.subjectId])));
    const first = this.#clock + 1;
    this.#clock += items.length;
    const sealed: PackItem[] = new Array(items.length);
    for (let i = 0; i < items.length; i += DECRYPT_BATCH) {
      const batch = items.slice(i, i + DECRYPT_BATCH);
      const done = await Promise.all(batch.map((item, j) => this.#encrypt(item, keysOf[i + j]!, first + i + j, map, fresh)));
      done.forEach((p, j) => (sealed[i + j] = p));
    }
    const packs: PackRow[] = [];
    for (let i = 0; i < sealed.length; i += this.#settings.packSize) packs.push(makePack(sealed.slice(i, i + this.#settings.packSize)));
    const db = this.#db;
    await write(db, [db.packs, db.meta, db.subjectPacks], async () => {
      if (rows.length) await db.subjectPacks.bulkAdd(rows);
      await db.packs.bulkAdd(packs);
      await db.meta.put({ k: 'clock', c: this.#clock });
    });
    for (const [sid, key] of fresh) map.set(sid, key);
  }

  /** The current version of every key in `ks` (highest clock across overlay and packs). */
  async #current(ks: string[]): Promise<Map<string, Current>> {
    const out = new Map<string, Current>();
    const consider = (k: string, cur: Current) => {
      const prev = out.get(k);
      if (!prev || cur.c > prev.c) out.set(k, cur);
    };
    const wanted = new Set(ks);
    const [overlay, packs] = await Promise.all([this.#db.overlay.bulkGet(ks), this.#db.packs.where('keys').anyOf(ks).toArray()]);
    for (const row of overlay) if (row) consider(row.k, row);
    for (const pack of packs) for (const it of pack.items) if (wanted.has(it.k)) consider(it.k, { ...it, b: it.b ?? [] });
    return out;
  }

  /** Decrypts one record; undefined when absent, deleted or its subject erased. `record-tampered` on failure. */
  async get(table: string, id: string): Promise<unknown> {
    const k = recordKey(table, id);
    this.#keys();
    const cur = (await this.#current([k])).get(k);
    if (!cur || cur.e === null) return undefined;
    const map = cur.s === undefined ? new Map<string, CryptoKey>() : await this.#subjects();
    return this.#decrypt(k, { ...cur, e: cur.e }, map);
  }

  /** Deletes a record (a tombstone until the next `compact`), durable when the promise resolves. */
  async delete(table: string, id: string): Promise<void> {
    const k = recordKey(table, id);
    this.#keys();
    const c = ++this.#clock;
    const db = this.#db;
    await write(db, [db.overlay, db.meta], async () => {
      await db.overlay.put({ k, c, v: 0, b: [], e: null });
      await db.meta.put({ k: 'clock', c: this.#clock });
    });
  }

  /**
   * Reads and decrypts every live record. Records that fail to authenticate are reported through
   * `onTampered` and skipped; records of erased subjects are skipped silently.
   */
  async loadAll(onTampered?: (table: string, id: string) => void): Promise<LoadedRecord[]> {
    this.#keys();
    const [packs, overlay, map] = await Promise.all([this.#db.packs.toArray(), this.#db.overlay.toArray(), this.#subjects()]);
    const latest = new Map<string, Current>();
    let maxClock = 0;
    for (const pack of packs) {
      for (const it of pack.items) {
        const prev = latest.get(it.k);
        if (!prev || it.c > prev.c) latest.set(it.k, it as Current);
        if (it.c > maxClock) maxClock = it.c;
      }
    }
    for (const row of overlay) {
      const prev = latest.get(row.k);
      if (!prev || row.c > prev.c) latest.set(row.k, row);
      if (row.c > maxClock) maxClock = row.c;
    }
    // A clock row rolled back on disk must not make new writes lose against old ones.
    if (maxClock > this.#clock) this.#clock = maxClock;

    const entries = [...latest].filter((entry): entry is [string, Current & { e: Uint8Array }] => entry[1].e !== null);
    const out: LoadedRecord[] = [];
    for (let i = 0; i < entries.length; i += LOAD_BATCH) {
      const batch = entries.slice(i, i + LOAD_BATCH);
      const results = await Promise.allSettled(batch.map(([k, cur]) => this.#decrypt(k, cur, map)));
      results.forEach((result, j) => {
        const [k, cur] = batch[j]!;
        const [table, id] = splitKey(k);
        if (result.status === 'rejected') {
          onTampered?.(table, id);
        } else if (result.value !== undefined) {
          const rec: LoadedRecord = { table, id, data: result.value, schemaVersion: cur.v };
          if (cur.s !== undefined) rec.subjectId = cur.s;
          out.push(rec);
        }
      });
    }
    return out;
  }

  /**
   * Records whose current version carries `token`, without decrypting anything. The token list is
   * authenticated when the record is decrypted (it is part of the associated data).
   */
  async findByBlind(token: string): Promise<Array<{ table: string; id: string }>> {
    this.#keys();
    const [overlay, packs] = await Promise.all([
      this.#db.overlay.where('b').equals(token).toArray(),
      this.#db.packs.where('blind').equals(token).toArray(),
    ]);
    const candidates = new Set<string>(overlay.map((r) => r.k));
    for (const pack of packs) for (const it of pack.items) if (it.b?.includes(token)) candidates.add(it.k);
    if (candidates.size === 0) return [];
    const current = await this.#current([...candidates]);
    const out: Array<{ table: string; id: string }> = [];
    for (const [k, cur] of current) {
      if (cur.e !== null && cur.b.includes(token)) {
        const [table, id] = splitKey(k);
        out.push({ table, id });
      }
    }
    return out.sort((a, b) => (a.table + a.id < b.table + b.id ? -1 : 1));
  }

  /** The blind-index token of a normalised value (the domain layer decides normalisation). */
  blindToken(kind: string, normalisedValue: string): Promise<string> {
    return computeBlindToken(this.#keys().blind, kind, normalisedValue);
  }

  /** Creates the data-subject key of a new person (idempotent). */
  async createSubjectKey(subjectId: string): Promise<void> {
    checkMeta({ subjectId });
    await this.#serialSubjects(async () => {
      const { map, rows, fresh } = await this.#persistNewSubjects([subjectId]);
      if (!rows.length) return;
      const db = this.#db;
      await write(db, [db.subjectPacks], () => db.subjectPacks.bulkAdd(rows));
      for (const [sid, key] of fresh) map.set(sid, key);
    });
  }

  /**
   * Erases a person cryptographically: their key is removed from its pack (rewritten without it),
   * so every envelope under it, here and in copies, becomes unreadable.
   */
  async destroySubjectKey(subjectId: string): Promise<void> {
    checkMeta({ subjectId });
    await this.#serialSubjects(async () => {
      const map = await this.#subjects();
      const keys = this.#keys();
      const rows = await this.#db.subjectPacks.where('sids').equals(subjectId).toArray();
      const updates: SubjectPackRow[] = [];
      const deletions: string[] = [];
      for (const row of rows) {
        // A pack that does not authenticate is left untouched: never destroy data on a key mismatch.
        const raw = await open(keys['subject-keys'], row.e, this.#subjectPackAd(row.pid, row.sids));
        const keep = row.sids.flatMap((sid, i) => (sid === subjectId ? [] : [i]));
        if (keep.length === 0) {
          deletions.push(row.pid);
        } else {
          const rest = concat(...keep.map((i) => raw.subarray(i * 32, i * 32 + 32)));
          const sids = keep.map((i) => row.sids[i]!);
          updates.push({ pid: row.pid, sids, e: await seal(keys['subject-keys'], KEY_SUBJECT_PACK, rest, this.#subjectPackAd(row.pid, sids)) });
          wipe(rest);
        }
        wipe(raw);
      }
      const db = this.#db;
      await write(db, [db.subjectPacks], async () => {
        if (updates.length) await db.subjectPacks.bulkPut(updates);
        if (deletions.length) await db.subjectPacks.bulkDelete(deletions);
      });
      map.delete(subjectId);
    });
  }

  #serialSubjects<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#subjectMutex.then(body, body);
    this.#subjectMutex = run.catch(() => undefined);
    return run;
  }

  /**
   * Folds overlay rows into packs: packs holding superseded versions are rewritten, tombstones
   * dropped. Moves envelopes as they are (no crypto), in one transaction. Returns rows folded.
   */
  async compact(): Promise<number> {
    this.#keys();
    const db = this.#db;
    return write(db, [db.overlay, db.packs], async () => {
      const overlay = await db.overlay.toArray();
      if (overlay.length === 0) return 0;
      const latest = new Map(overlay.map((r) => [r.k, r]));
      const touched = await db.packs.where('keys').anyOf([...latest.keys()]).toArray();
      const rewritten: PackRow[] = [];
      const emptied: string[] = [];
      for (const pack of touched) {
        const keep = pack.items.filter((it) => {
          const o = latest.get(it.k);
          return !o || it.c > o.c;
        });
        if (keep.length === 0) emptied.push(pack.pid);
        else rewritten.push({ ...makePack(keep), pid: pack.pid });
      }
      const survivors: PackItem[] = [];
      for (const r of overlay) {
        if (r.e === null) continue;
        const it: PackItem = { k: r.k, c: r.c, v: r.v, e: r.e };
        if (r.s !== undefined) it.s = r.s;
        if (r.b.length) it.b = r.b;
        survivors.push(it);
      }
      const fresh: PackRow[] = [];
      for (let i = 0; i < survivors.length; i += this.#settings.packSize) fresh.push(makePack(survivors.slice(i, i + this.#settings.packSize)));
      await db.packs.bulkPut([...rewritten, ...fresh]);
      await db.packs.bulkDelete(emptied);
      await db.overlay.clear();
      return overlay.length;
    });
  }

  /** Number of overlay rows waiting for `compact` (a hint for scheduling it when idle). */
  overlaySize(): Promise<number> {
    this.#keys();
    return this.#db.overlay.count();
  }

  /**
   * Replaces the passphrase slot with one for `newPassphrase` in a single atomic header write; the
   * recovery slot and every record envelope stay as they are.
   */
  async changePassphrase(newPassphrase: string): Promise<void> {
    const session = this.#session;
    if (!session) throw new VaultError('locked');
    await assertStrong(newPassphrase);
    const old = this.#header.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
    const floor = this.#settings.policy.floor;
    const params: KdfParams = old
      ? { m: Math.max(old.kdf.m, floor.m), t: Math.max(old.kdf.t, floor.t), p: Math.max(old.kdf.p, floor.p) }
      : (this.#settings.policy.params ?? (await calibrateKdf({ floor, kdf: this.#settings.kdf })));
    const vmk = await session.rawVmk();
    let slot: PassphraseSlot;
    try {
      slot = await newPassphraseSlot(this.#settings.kdf, this.vaultId, newPassphrase, params, vmk);
    } finally {
      wipe(vmk);
    }
    const body: HeaderBody = { ...this.#header, slots: [slot, ...this.#header.slots.filter((s) => s.kind !== 'passphrase')] };
    const bytes = await encodeHeader(body, session.keys.header);
    const db = this.#db;
    await write(db, [db.meta], () => db.meta.put({ k: 'header', bytes }));
    this.#header = body;
  }

  /** A purpose key for a later feature (backups, sync, audit): non-extractable AES-256-GCM. */
  purposeKey(purpose: ExportedPurpose): CryptoKey {
    return this.#keys()[purpose];
  }

  /** Drops every key and closes the database; later calls throw `locked`. */
  lock(): void {
    this.#session = undefined;
    this.#subjectKeys = undefined;
    this.#tamperedSubjects.clear();
    this.#db.close();
  }
}

function makePack(items: PackItem[]): PackRow {
  const blind = new Set<string>();
  for (const it of items) for (const t of it.b ?? []) blind.add(t);
  return { pid: newId(), keys: [...new Set(items.map((it) => it.k))], blind: [...blind], items };
}
