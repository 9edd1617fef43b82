// The vault: unlock, key hierarchy in memory, encrypted record storage and blind-index lookups.
import { Dexie } from 'dexie';
import { randomBytes, toBase64Url, fromBase64Url, utf8, wipe, concat, sha256 } from './bytes';
import {
  KEY_RECORDS,
  KEY_SUBJECT,
  KEY_SUBJECT_PACK,
  KEY_MEMBERS,
  deriveBlindKeyBytes,
  derivePurposeKeys,
  envelopeKeyId,
  hkdfKey,
  importAesKey,
  importHkdfKey,
  open,
  seal,
  sealText,
  openText,
  detachedKeyId,
  subjectDerivedKey,
  type PurposeKeys,
} from './crypto';
import { BlindIndexer } from './blind-index';
import { VaultDb, type OverlayRow, type PackRow, type SubjectPackRow } from './db';
import {
  hasToken,
  manifestOf,
  parseManifest,
  planPacks,
  tokensOf,
  type Manifest,
  type PackPlan,
  type PackRecord,
} from './pack';
import { VaultError, isQuotaError } from './errors';
import {
  encodeHeader,
  parseHeader,
  slotAd,
  verifyHeaderMac,
  type HeaderBody,
  type PassphraseSlot,
  type RecoverySlot,
} from './header';
import { calibrateKdf, defaultKdf, type KdfRunner } from './kdf-client';
import { PRODUCTION_KDF_POLICY, assertCreatablePolicy, type KdfParams, type KdfPolicy } from './policy';
import { RECOVERY_KEY_BYTES, formatRecoveryKey, parseRecoveryKey } from './recovery-key';
import { passphraseStrength } from './strength';

/** Default IndexedDB database name of the vault. */
export const DEFAULT_VAULT_DB = 'scrigno-vault';
/** Default number of records per pack row (see README for the measurements behind it). */
export const DEFAULT_PACK_SIZE = 100;
const SCHEMA_VERSION_DEFAULT = 1;
/** Packs sealed or opened per `Promise.all`: enough to keep WebCrypto's thread busy. */
const SEAL_BATCH = 256;
// Pack rows per IndexedDB read at cold open (up to `packSize` records each).
const LOAD_RANGE = 250;
// Keys a `putMany` adds to the in-memory key set; above this it is rebuilt on demand instead.
const PACK_KEYS_GROW_LIMIT = 1000;
// Meta row present while no table/id is stored in more than one pack (see `putMany`, `compact`).
const DISTINCT = 'distinct';
/** Position codes in `loadAll`: pack index × CODE + record index (manifests are capped below it). */
const CODE = 1 << 20;
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
const SUBJECT_RE = /^[A-Za-z0-9_-]{1,128}$/;
const TOKEN_RE = /^[A-Za-z0-9_-]{1,128}$/;

// WARNING: these throw plain Errors: a bad table name or id is a programming error, not user data.
// Table names already checked: a bulk write names a handful of tables for many records.
const checkedTables = new Set<string>();

function recordKey(table: string, id: string): string {
  if (!checkedTables.has(table)) {
    if (!TABLE_RE.test(table)) throw new Error('vault: invalid table name');
    checkedTables.add(table);
  }
  if (id.length === 0 || id.length > 256 || id[0] === '/' || id.includes('\u0000'))
    throw new Error('vault: invalid record id');
  return `${table}/${id}`;
}
function checkMeta(meta: RecordMeta): void {
  if (meta.subjectId !== undefined && !SUBJECT_RE.test(meta.subjectId))
    throw new Error('vault: invalid subject id');
  if (meta.blind?.some((t) => !TOKEN_RE.test(t))) throw new Error('vault: invalid blind token');
  if (
    meta.schemaVersion !== undefined &&
    !(Number.isSafeInteger(meta.schemaVersion) && meta.schemaVersion >= 0)
  ) {
    throw new Error('vault: invalid schema version');
  }
}
function packSizeOf(options: VaultOptions): number {
  const size = options.packSize ?? DEFAULT_PACK_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > 10_000) throw new Error('vault: invalid pack size');
  return size;
}
const splitKey = (k: string): [string, string] => {
  const slash = k.indexOf('/');
  return [k.slice(0, slash), k.slice(slash + 1)];
};
const newId = (): string => toBase64Url(randomBytes(16));
const normalisePassphrase = (passphrase: string): Uint8Array<ArrayBuffer> =>
  utf8(passphrase.normalize('NFC'));

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
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: slotAd(vaultId, full) },
    kek,
    vmk,
  );
  full.wrapped = toBase64Url(new Uint8Array(ct));
  return full;
}

/** Unwraps a slot; undefined when the key does not fit (wrong secret or edited slot fields). */
async function unwrapSlot(
  vaultId: string,
  slot: PassphraseSlot | RecoverySlot,
  kek: CryptoKey,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
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

async function newPassphraseSlot(
  kdf: KdfRunner,
  vaultId: string,
  passphrase: string,
  params: KdfParams,
  vmk: Uint8Array<ArrayBuffer>,
): Promise<PassphraseSlot> {
  const base = {
    id: newId(),
    kind: 'passphrase' as const,
    kdf: { alg: 'argon2id' as const, v: 19 as const, ...params },
    salt: toBase64Url(randomBytes(16)),
  };
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
export async function createVault(
  passphrase: string,
  options: VaultOptions = {},
): Promise<{ vault: Vault; recoveryKey: string }> {
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
    const recBase = {
      id: newId(),
      kind: 'recovery' as const,
      kdf: { alg: 'hkdf-sha256' as const },
      salt: toBase64Url(randomBytes(16)),
    };
    const recoveryKey = await formatRecoveryKey(recovery);
    const recSlot = await wrapSlot<RecoverySlot>(
      vaultId,
      recBase,
      await recoveryKek(recovery.slice(), { ...recBase, nonce: '', wrapped: '' }),
      vmk,
    );
    const body: HeaderBody = { vaultId, createdAt: new Date().toISOString(), slots: [passSlot, recSlot] };
    const session = await Session.create(vmk.slice(), vaultId);
    const header = await encodeHeader(body, session.keys.header);
    const db = new VaultDb(dbName);
    try {
      // `add`, not `put`: a header that appeared meanwhile is never overwritten.
      await write(db, [db.meta], async () => {
        await db.meta.add({ k: 'header', bytes: header });
        await db.meta.put({ k: 'clock', c: 0 });
        await db.meta.put({ k: DISTINCT });
      });
    } catch (error) {
      db.close();
      if (error instanceof Dexie.ConstraintError || (error as { name?: string }).name === 'ConstraintError')
        throw new VaultError('vault-exists');
      throw error;
    }
    const vault = new Vault(db, session, body, 0, { kdf, policy, packSize: packSizeOf(options) }, true);
    return { vault, recoveryKey };
  } finally {
    wipe(vmk, recovery);
  }
}

/** Opens a key slot of a serialised header and checks the header's MAC: the shared unlock step. */
async function unlockHeader(
  bytes: Uint8Array,
  secret: VaultSecret,
  kdf: KdfRunner,
  policy: KdfPolicy,
): Promise<{ header: Awaited<ReturnType<typeof parseHeader>>; session: Session }> {
  const header = await parseHeader(bytes, policy.floor);
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
  return { header, session };
}

/**
 * Opens the key slots carried in a backup (a serialised vault header) with the passphrase or
 * the recovery key, on any machine, and returns the vault id and its `backups` purpose key.
 * Same errors as `openVault`.
 */
export async function openKeySlots(
  keySlots: Uint8Array,
  secret: VaultSecret,
  options: Pick<VaultOptions, 'kdf' | 'kdfPolicy'> = {},
): Promise<{ vaultId: string; backupsKey: CryptoKey }> {
  const { header, session } = await unlockHeader(
    keySlots,
    secret,
    options.kdf ?? defaultKdf,
    options.kdfPolicy ?? PRODUCTION_KDF_POLICY,
  );
  return { vaultId: header.body.vaultId, backupsKey: session.keys.backups };
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
    const { header, session } = await unlockHeader(row.bytes, secret, kdf, policy);
    const clock = (await db.meta.get('clock'))?.c ?? 0;
    return new Vault(db, session, header.body, clock, { kdf, policy, packSize: packSizeOf(options) });
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens with the recovery key and sets a new passphrase; returns the opened vault. */
export async function resetPassphraseWithRecoveryKey(
  recoveryKey: string,
  newPassphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  await assertStrong(newPassphrase);
  const vault = await openVault({ recoveryKey }, options);
  await vault.changePassphrase(newPassphrase);
  return vault;
}

/** In-memory key material of an unlocked vault. */
class Session {
  private constructor(
    readonly keys: PurposeKeys,
    readonly blind: BlindIndexer,
    /** The master key sealed under a random in-memory key, kept only to rewrap slots. */
    private readonly sealedVmk: Uint8Array<ArrayBuffer>,
    private readonly sessionKey: CryptoKey,
  ) {}

  /** Takes ownership of `vmk` and wipes it. */
  static async create(vmk: Uint8Array<ArrayBuffer>, vaultId: string): Promise<Session> {
    try {
      const sessionKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      const sealed = await seal(sessionKey, 0, vmk, new Uint8Array(0));
      const base = await importHkdfKey(vmk.slice());
      const [keys, blind] = await Promise.all([
        derivePurposeKeys(base, vaultId),
        deriveBlindKeyBytes(base, vaultId).then((bytes) => BlindIndexer.create(bytes)),
      ]);
      return new Session(keys, blind, sealed, sessionKey);
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

/** A pack row known to this session: its id and parsed manifest (no ciphertext). */
interface PackMeta {
  pid: string;
  man: Manifest;
}

/** Subject-key rows as stored (ciphertext only) and which row holds each subject's key. */
interface SubjectState {
  rows: Map<string, SubjectPackRow>;
  where: Map<string, string>;
}

/**
 * Raw data-subject keys opened for one operation: 32 bytes each in one buffer, `at` gives the
 * offset. WARNING: short-lived; the owner wipes `bytes` as soon as the keys are derived.
 */
interface RawKeys {
  bytes: Uint8Array<ArrayBuffer>;
  at: Map<string, number>;
}

const noRawKeys = (): RawKeys => ({ bytes: new Uint8Array(0), at: new Map() });

function mergeRaw(a: RawKeys, b: RawKeys): RawKeys {
  if (b.at.size === 0) return a;
  if (a.at.size === 0) return b;
  const bytes = concat(a.bytes, b.bytes);
  const at = new Map(a.at);
  for (const [sid, off] of b.at) at.set(sid, off + a.bytes.length);
  wipe(a.bytes, b.bytes);
  return { bytes, at };
}

/** A record version located in a pack. */
interface Located {
  meta: PackMeta;
  j: number;
  c: number;
}

/** An unlocked vault. Every method throws `VaultError('locked')` after `lock()`. */
export class Vault {
  /** Random id of this vault, bound into every envelope. */
  readonly vaultId: string;
  #db: VaultDb;
  #session: Session | undefined;
  #header: HeaderBody;
  #clock: number;
  #settings: VaultSettings;
  #salt: Uint8Array<ArrayBuffer>;
  /** Every pack's manifest, by pack id; built at `loadAll` or on the first lookup. */
  #index: Map<string, PackMeta> | undefined;
  /** True while the store carries the distinct mark (known from `loadAll` or creation). */
  #distinct = false;
  /** Every table/id held by a pack, built on the first `putMany` that must keep the mark. */
  #packKeys: Set<string> | undefined;
  #subjectState: Promise<SubjectState> | undefined;
  /** Per-subject keys of single-record envelopes, derived on first use. */
  #recordKeys = new Map<string, CryptoKey>();
  /** Subjects whose key pack failed to authenticate: their records report as tampered. */
  #tamperedSubjects = new Set<string>();
  #mutex: Promise<unknown> = Promise.resolve();

  /** @internal use createVault/openVault. */
  constructor(
    db: VaultDb,
    session: Session,
    header: HeaderBody,
    clock: number,
    settings: VaultSettings,
    fresh = false,
  ) {
    this.vaultId = header.vaultId;
    this.#db = db;
    this.#session = session;
    this.#header = header;
    this.#clock = clock;
    this.#settings = settings;
    this.#salt = utf8(`scrigno/vault/${header.vaultId}`);
    if (fresh) {
      // A new vault is empty: nothing to read before the first write.
      this.#index = new Map();
      this.#subjectState = Promise.resolve({ rows: new Map(), where: new Map() });
      this.#distinct = true;
      this.#packKeys = new Set();
    }
  }

  /** True until `lock()`. */
  get unlocked(): boolean {
    return this.#session !== undefined;
  }

  #keys(): PurposeKeys {
    if (!this.#session) throw new VaultError('locked');
    return this.#session.keys;
  }

  #recordAd(
    k: string,
    v: number,
    c: number,
    s: string | undefined,
    b: readonly string[] | undefined,
  ): Uint8Array<ArrayBuffer> {
    // Vault, table/id, schema version, clock, subject and blind tokens: moving or editing any fails.
    return utf8(
      `scrigno/record/1\u0000${this.vaultId}\u0000${k}\u0000${v}\u0000${c}\u0000${s ?? ''}\u0000${(b ?? []).join(',')}`,
    );
  }

  #packAd(pid: string, m: string): string {
    // The manifest binds every record's table/id, clock, version, subject and tokens to its slot.
    return `scrigno/pack/2\u0000${this.vaultId}\u0000${pid}\u0000${m}`;
  }

  #subjectPackAd(pid: string, sids: readonly string[]): Uint8Array<ArrayBuffer> {
    return utf8(`scrigno/subject-keys/1\u0000${this.vaultId}\u0000${pid}\u0000${sids.join(',')}`);
  }

  /** Runs writes and maintenance one at a time, so clocks, subjects and packs stay consistent. */
  #serial<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#mutex.then(body, body);
    this.#mutex = run.catch(() => undefined);
    return run;
  }

  // ── data-subject keys ────────────────────────────────────────────────────────────────────

  #useSubjectRows(rows: SubjectPackRow[]): SubjectState {
    const state: SubjectState = { rows: new Map(), where: new Map() };
    for (const row of rows) {
      state.rows.set(row.pid, row);
      for (const sid of row.sids) state.where.set(sid, row.pid);
    }
    this.#subjectState = Promise.resolve(state);
    return state;
  }

  /** The stored subject-key rows, read once per unlock (no decryption). */
  #subjects(): Promise<SubjectState> {
    this.#subjectState ??= this.#db.subjectPacks.toArray().then((rows) => this.#useSubjectRows(rows));
    return this.#subjectState;
  }

  /** Opens subject-key rows; the subjects of a row that does not authenticate become tampered. */
  async #openSubjectRows(rows: readonly SubjectPackRow[]): Promise<RawKeys> {
    const key = this.#keys()['subject-keys'];
    const opened = await Promise.all(
      rows.map((row) =>
        open(key, row.e, this.#subjectPackAd(row.pid, row.sids)).then(
          (raw) => (raw.length === row.sids.length * 32 ? raw : (wipe(raw), undefined)),
          () => undefined,
        ),
      ),
    );
    let total = 0;
    for (const raw of opened) total += raw?.length ?? 0;
    const out: RawKeys = { bytes: new Uint8Array(total), at: new Map() };
    let offset = 0;
    rows.forEach((row, n) => {
      const raw = opened[n];
      if (!raw) {
        for (const sid of row.sids) this.#tamperedSubjects.add(sid);
        return;
      }
      out.bytes.set(raw, offset);
      for (let j = 0; j < row.sids.length; j++) out.at.set(row.sids[j]!, offset + j * 32);
      offset += raw.length;
      wipe(raw);
    });
    return out;
  }

  /** Raw keys of the given subjects that exist (missing ones are erased or never created). */
  async #rawKeys(sids: Iterable<string>): Promise<RawKeys> {
    const state = await this.#subjects();
    const pids = new Set<string>();
    for (const sid of sids) {
      const pid = state.where.get(sid);
      if (pid !== undefined) pids.add(pid);
    }
    if (pids.size === 0) return noRawKeys();
    return this.#openSubjectRows([...pids].map((pid) => state.rows.get(pid)!));
  }

  /**
   * Raw keys for writing records of `sids`, creating keys (and their sealed rows, to be stored in
   * the same transaction) for subjects that have none. `record-tampered` for a tampered subject.
   */
  async #keysForWrite(sids: readonly string[]): Promise<{ raw: RawKeys; rows: SubjectPackRow[] }> {
    if (sids.length === 0) return { raw: noRawKeys(), rows: [] };
    const state = await this.#subjects();
    const missing = sids.filter((s) => !state.where.has(s));
    const existing = await this.#rawKeys(sids);
    if (sids.some((s) => this.#tamperedSubjects.has(s))) {
      wipe(existing.bytes);
      throw new VaultError('record-tampered');
    }
    const fresh = missing.length ? await this.#newSubjectRows(missing) : { raw: noRawKeys(), rows: [] };
    return { raw: mergeRaw(existing, fresh.raw), rows: fresh.rows };
  }

  /** Fresh random keys for `sids`, sealed `packSize` to a row. */
  async #newSubjectRows(sids: string[]): Promise<{ raw: RawKeys; rows: SubjectPackRow[] }> {
    const size = this.#settings.packSize;
    const raw: RawKeys = {
      bytes: randomBytes(32 * sids.length),
      at: new Map(sids.map((sid, n) => [sid, n * 32])),
    };
    const key = this.#keys()['subject-keys'];
    const rows = await Promise.all(
      Array.from({ length: Math.ceil(sids.length / size) }, async (_, n) => {
        const chunk = sids.slice(n * size, n * size + size);
        const pid = newId();
        const plain = raw.bytes.slice(n * size * 32, (n * size + chunk.length) * 32);
        try {
          return {
            pid,
            sids: chunk,
            e: await seal(key, KEY_SUBJECT_PACK, plain, this.#subjectPackAd(pid, chunk)),
          };
        } finally {
          wipe(plain);
        }
      }),
    );
    return { raw, rows };
  }

  /** Input keying material for a pack of `members`; undefined when a member's key is missing. */
  #ikm(raw: RawKeys, members: readonly string[]): Uint8Array<ArrayBuffer> | undefined {
    const ikm = new Uint8Array(32 * members.length);
    for (let n = 0; n < members.length; n++) {
      const at = raw.at.get(members[n]!);
      if (at === undefined) return (wipe(ikm), undefined);
      ikm.set(raw.bytes.subarray(at, at + 32), n * 32);
    }
    return ikm;
  }

  #packKey(pid: string, members: readonly string[], raw: RawKeys): Promise<CryptoKey> | undefined {
    const ikm = this.#ikm(raw, members);
    if (!ikm) return undefined;
    // The member list is bound through its hash, so a pack cannot be re-labelled with other
    // members; hashing keeps HKDF's `info` short (Node's WebCrypto refuses more than 1024 bytes).
    return sha256(utf8(members.join(','))).then((digest) =>
      subjectDerivedKey(ikm, this.#salt, `scrigno/v2/pack\u0000${pid}\u0000${toBase64Url(digest)}`),
    );
  }

  /** The key of a subject's single-record envelopes; undefined when the subject has no key. */
  async #recordKey(sid: string, raw?: RawKeys): Promise<CryptoKey | undefined> {
    const cached = this.#recordKeys.get(sid);
    if (cached) return cached;
    const own = raw?.at.has(sid) ? undefined : await this.#rawKeys([sid]);
    try {
      const ikm = this.#ikm(own ?? raw!, [sid]);
      if (!ikm) return undefined;
      const key = await subjectDerivedKey(ikm, this.#salt, `scrigno/v2/record\u0000${sid}`);
      this.#recordKeys.set(sid, key);
      return key;
    } finally {
      if (own) wipe(own.bytes);
    }
  }

  // ── packs ───────────────────────────────────────────────────────────────────────────────

  /** Every pack's manifest; the first call without `loadAll` reads every pack row once. */
  #packIndex(): Promise<Map<string, PackMeta>> {
    // Built inside the write queue, so no pack committed meanwhile is missed.
    return this.#index ? Promise.resolve(this.#index) : this.#serial(() => this.#packIndexLocked());
  }

  /** `#packIndex` for code already running in the write queue. */
  async #packIndexLocked(): Promise<Map<string, PackMeta>> {
    if (this.#index) return this.#index;
    const rows = await this.#db.packs.toArray();
    const index = new Map<string, PackMeta>();
    for (const row of rows) {
      const man = parseManifest(row.m);
      if (man) index.set(row.pid, { pid: row.pid, man });
    }
    this.#index = index;
    return index;
  }

  /** Seals planned packs (records of subjects under a key derived from all members' keys). */
  async #sealPacks(
    plans: readonly PackPlan[],
    raw: RawKeys,
  ): Promise<Array<{ meta: PackMeta; row: PackRow }>> {
    const out: Array<{ meta: PackMeta; row: PackRow }> = [];
    const records = this.#keys().records;
    for (let at = 0; at < plans.length; at += SEAL_BATCH) {
      const batch = plans.slice(at, at + SEAL_BATCH).map(async (plan) => {
        const pid = newId();
        const man = manifestOf(plan);
        const m = JSON.stringify(man);
        const key = plan.members.length ? await this.#packKey(pid, plan.members, raw) : records;
        if (!key) throw new Error('vault: missing subject key');
        const plain = JSON.stringify(plan.records.map((r) => r.data));
        const { h, e } = await sealText(
          key,
          plan.members.length ? KEY_MEMBERS : KEY_RECORDS,
          plain,
          this.#packAd(pid, m),
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
  async #openPack(row: PackRow, man: Manifest, raw: RawKeys): Promise<unknown[] | undefined> {
    const keyId = detachedKeyId(row);
    let key: CryptoKey | undefined;
    if (man.s.length === 0) {
      if (keyId !== KEY_RECORDS) throw new VaultError('record-tampered');
      key = this.#keys().records;
    } else {
      if (keyId !== KEY_MEMBERS) throw new VaultError('record-tampered');
      key = await this.#packKey(row.pid, man.s, raw);
      if (!key) return undefined;
    }
    const plain = await openText(key, row, this.#packAd(row.pid, row.m));
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

  /** True when a record that could not be read belongs to an erased subject (skip it silently). */
  #erased(sid: string | undefined, raw: RawKeys): boolean {
    return sid !== undefined && !raw.at.has(sid) && !this.#tamperedSubjects.has(sid);
  }

  /** Decrypts a single-record envelope. undefined = its subject was erased. */
  async #openOverlay(row: OverlayRow & { e: Uint8Array }, raw?: RawKeys): Promise<unknown> {
    const keyId = envelopeKeyId(row.e);
    let key: CryptoKey | undefined;
    if (row.s === undefined) {
      if (keyId !== KEY_RECORDS) throw new VaultError('record-tampered');
      key = this.#keys().records;
    } else {
      if (keyId !== KEY_SUBJECT || this.#tamperedSubjects.has(row.s)) throw new VaultError('record-tampered');
      key = await this.#recordKey(row.s, raw);
      if (!key) {
        if (this.#tamperedSubjects.has(row.s)) throw new VaultError('record-tampered');
        return undefined;
      }
    }
    const plain = await open(key, row.e, this.#recordAd(row.k, row.v, row.c, row.s, row.b));
    try {
      return JSON.parse(recordDecoder.decode(plain)) as unknown;
    } catch {
      throw new VaultError('record-tampered');
    }
  }

  /** The newest pack version of every key in `wanted` (one pass over the manifests). */
  static #locate(index: Map<string, PackMeta>, wanted: ReadonlySet<string>): Map<string, Located> {
    const out = new Map<string, Located>();
    for (const meta of index.values()) {
      const { k, c } = meta.man;
      for (let j = 0; j < k.length; j++) {
        if (!wanted.has(k[j]!)) continue;
        const prev = out.get(k[j]!);
        if (!prev || c[j]! > prev.c) out.set(k[j]!, { meta, j, c: c[j]! });
      }
    }
    return out;
  }

  // ── writes ──────────────────────────────────────────────────────────────────────────────

  /**
   * Encrypts and stores one record (created or replaced), durable when the promise resolves.
   * A subject id without a key gets a new data-subject key in the same transaction.
   */
  async put(table: string, id: string, data: unknown, meta: RecordMeta = {}): Promise<void> {
    const k = recordKey(table, id);
    checkMeta(meta);
    this.#keys();
    await this.#serial(async () => {
      const sid = meta.subjectId;
      const { raw, rows } = await this.#keysForWrite(sid === undefined ? [] : [sid]);
      try {
        const c = ++this.#clock;
        const v = meta.schemaVersion ?? SCHEMA_VERSION_DEFAULT;
        const key = sid === undefined ? this.#keys().records : await this.#recordKey(sid, raw);
        if (!key) throw new Error('vault: missing subject key');
        const b = meta.blind ? [...meta.blind] : [];
        const e = await seal(
          key,
          sid === undefined ? KEY_RECORDS : KEY_SUBJECT,
          utf8(JSON.stringify(data)),
          this.#recordAd(k, v, c, sid, b),
        );
        const db = this.#db;
        // Everything is encrypted above: no WebCrypto call happens inside the transaction.
        await write(db, [db.overlay, db.meta, db.subjectPacks], async () => {
          if (rows.length) await db.subjectPacks.bulkAdd(rows);
          await db.overlay.put({ k, c, v, ...(sid !== undefined ? { s: sid } : {}), b, e });
          await db.meta.put({ k: 'clock', c: this.#clock });
        });
        await this.#addSubjectRows(rows);
      } catch (error) {
        // A key derived for a subject whose creation did not commit must not be reused.
        if (rows.length && sid !== undefined) this.#recordKeys.delete(sid);
        throw error;
      } finally {
        wipe(raw.bytes);
      }
    });
  }

  /**
   * Encrypts and stores many records in one transaction, about `packSize` to a sealed pack. With
   * `ready`, the records are encrypted at once but written only if `ready` resolves; if it
   * rejects, nothing is written and its error is thrown.
   */
  async putMany(items: PutItem[], options: { ready?: Promise<void> } = {}): Promise<void> {
    // Awaited after sealing; a failure that comes earlier is not an unhandled rejection meanwhile.
    options.ready?.catch(() => undefined);
    if (items.length === 0) return options.ready;
    const keysOf = items.map((item) => {
      checkMeta(item);
      return recordKey(item.table, item.id);
    });
    this.#keys();
    await this.#serial(async () => {
      const sids = new Set<string>();
      for (const item of items) if (item.subjectId !== undefined) sids.add(item.subjectId);
      const { raw, rows } = await this.#keysForWrite([...sids]);
      try {
        const first = this.#clock + 1;
        this.#clock += items.length;
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
        const sealed = await this.#sealPacks(planPacks(records, this.#settings.packSize), raw);
        // Encrypted while a check of the same records ran elsewhere: write only if it passed.
        await options.ready;
        // The distinct mark survives only writes of keys no pack holds yet (creations, imports).
        const packKeys = this.#distinct ? await this.#packKeySet() : undefined;
        const keepsDistinct =
          packKeys !== undefined && (packKeys.size === 0 || !keysOf.some((k) => packKeys.has(k)));
        const db = this.#db;
        await write(db, [db.packs, db.meta, db.subjectPacks], async () => {
          if (rows.length) await db.subjectPacks.bulkAdd(rows);
          await db.packs.bulkAdd(sealed.map((p) => p.row));
          await db.meta.put({ k: 'clock', c: this.#clock });
          if (!keepsDistinct) await db.meta.delete(DISTINCT);
        });
        await this.#addSubjectRows(rows);
        for (const { meta } of sealed) this.#index?.set(meta.pid, meta);
        if (!keepsDistinct) this.#forgetDistinct();
        // A large write (an import) drops the set rather than growing it: the next write that
        // needs it rebuilds it from the manifests, off the import's clock.
        else if (keysOf.length > PACK_KEYS_GROW_LIMIT) this.#packKeys = undefined;
        else for (const k of keysOf) packKeys.add(k);
      } finally {
        wipe(raw.bytes);
      }
    });
  }

  async #packKeySet(): Promise<Set<string>> {
    if (this.#packKeys) return this.#packKeys;
    const keys = new Set<string>();
    for (const { man } of (await this.#packIndexLocked()).values()) for (const k of man.k) keys.add(k);
    return (this.#packKeys = keys);
  }

  #forgetDistinct(): void {
    this.#distinct = false;
    this.#packKeys = undefined;
  }

  async #addSubjectRows(rows: readonly SubjectPackRow[]): Promise<void> {
    if (!rows.length) return;
    const state = await this.#subjects();
    for (const row of rows) {
      state.rows.set(row.pid, row);
      for (const sid of row.sids) state.where.set(sid, row.pid);
    }
  }

  /** Deletes a record (a tombstone until the next `compact`), durable when the promise resolves. */
  delete(table: string, id: string): Promise<void> {
    return this.deleteMany([{ table, id }]);
  }

  /** Deletes many records in one transaction (tombstones until the next `compact`). */
  async deleteMany(records: ReadonlyArray<{ table: string; id: string }>): Promise<void> {
    if (records.length === 0) return;
    const keys = records.map((r) => recordKey(r.table, r.id));
    this.#keys();
    await this.#serial(async () => {
      const first = this.#clock + 1;
      this.#clock += keys.length;
      const db = this.#db;
      await write(db, [db.overlay, db.meta], async () => {
        await db.overlay.bulkPut(keys.map((k, n) => ({ k, c: first + n, v: 0, b: [], e: null })));
        await db.meta.put({ k: 'clock', c: this.#clock });
      });
    });
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────

  /** Decrypts one record; undefined when absent, deleted or its subject erased. `record-tampered` on failure. */
  async get(table: string, id: string): Promise<unknown> {
    const k = recordKey(table, id);
    this.#keys();
    for (let attempt = 0; ; attempt++) {
      const [row, index] = await Promise.all([this.#db.overlay.get(k), this.#packIndex()]);
      const found = Vault.#locate(index, new Set([k])).get(k);
      if (row && (!found || row.c > found.c))
        return row.e === null ? undefined : this.#openOverlay({ ...row, e: row.e });
      if (!found) return undefined;
      const stored = await this.#db.packs.get(found.meta.pid);
      const man = parseManifest(stored?.m);
      if (!stored || !man || man.k[found.j] !== k || man.c[found.j] !== found.c) {
        // The pack changed since it was indexed (another window compacted): index again, once.
        this.#index = undefined;
        if (attempt === 0) continue;
        throw new VaultError('record-tampered');
      }
      const raw = await this.#rawKeys(man.s);
      try {
        const data = await this.#openPack(stored, man, raw);
        if (data) return data[found.j];
        const sid = man.i[found.j]! >= 0 ? man.s[man.i[found.j]!] : undefined;
        if (this.#erased(sid, raw)) return undefined;
        throw new VaultError('record-tampered');
      } finally {
        wipe(raw.bytes);
      }
    }
  }

  /**
   * Reads and decrypts every live record. Records that fail to authenticate are reported through
   * `onTampered` and skipped (a pack that fails reports each of its records; a pack whose manifest
   * cannot be read at all is reported once as table `#pack` with its row id); records of erased
   * subjects are skipped silently.
   */
  loadAll(onTampered?: (table: string, id: string) => void): Promise<LoadedRecord[]> {
    this.#keys();
    // In the write queue: the index it leaves behind must match what it read.
    return this.#serial(() => this.#loadAll(onTampered));
  }

  async #loadAll(onTampered?: (table: string, id: string) => void): Promise<LoadedRecord[]> {
    const db = this.#db;
    const [overlay, subjectRows, distinct] = await db.transaction(
      'r',
      [db.overlay, db.subjectPacks, db.meta],
      () => Promise.all([db.overlay.toArray(), db.subjectPacks.toArray(), db.meta.get(DISTINCT)]),
    );
    this.#useSubjectRows(subjectRows);
    // Packs are read in ranges: while IndexedDB reads the next range, the page decrypts and parses
    // this one (the two used to run one after the other). Which version of a key is the newest is
    // only known once every manifest is in, so opened packs wait for that.
    const range = (after: string | undefined) =>
      (after === undefined ? db.packs.orderBy('pid') : db.packs.where('pid').above(after))
        .limit(LOAD_RANGE)
        .toArray();
    let pending: Promise<PackRow[]> | undefined = range(undefined);
    const raw = await this.#openSubjectRows(subjectRows);
    const report = (k: string) => {
      const [table, id] = splitKey(k);
      onTampered?.(table, id);
    };
    const out: LoadedRecord[] = [];
    try {
      const metas: Array<PackMeta | undefined> = [];
      const opened: Array<Promise<unknown[] | undefined | null>> = [];
      while (pending) {
        const rows: PackRow[] = await pending;
        pending = rows.length === LOAD_RANGE ? range(rows.at(-1)!.pid) : undefined;
        for (const row of rows) {
          const man = parseManifest(row.m);
          if (!man || man.k.length >= CODE) {
            onTampered?.('#pack', row.pid);
            metas.push(undefined);
            opened.push(Promise.resolve(null));
            continue;
          }
          metas.push({ pid: row.pid, man });
          // null: the pack did not authenticate; undefined: a member's key is gone (erased).
          opened.push(this.#openPack(row, man, raw).catch(() => null));
        }
      }
      // Newest clock wins per key. Codes: pack p, item j → p * CODE + j; overlay row n → -(n + 1).
      const latest = new Map<string, number>();
      const clockOf = (code: number) =>
        code < 0 ? overlay[-code - 1]!.c : metas[Math.floor(code / CODE)]!.man.c[code % CODE]!;
      const seen = { superseded: false, maxClock: 0 };
      const consider = (k: string, code: number, c: number) => {
        if (c > seen.maxClock) seen.maxClock = c;
        const prev = latest.get(k);
        if (prev === undefined) latest.set(k, code);
        else {
          seen.superseded = true;
          if (c > clockOf(prev)) latest.set(k, code);
        }
      };
      // With the distinct mark no key is in two packs: only keys also in the overlay (one row
      // per key) need comparing, which spares a map of every key of the vault.
      const inOverlay = distinct ? new Set(overlay.map((row) => row.k)) : undefined;
      metas.forEach((meta, p) => {
        if (!meta) return;
        const { k, c } = meta.man;
        // (Hashing every key for an empty set alone cost ~90 ms at 400k keys.)
        if (inOverlay?.size === 0) {
          for (const clock of c) if (clock > seen.maxClock) seen.maxClock = clock;
          return;
        }
        for (let j = 0; j < k.length; j++) {
          if (!inOverlay || inOverlay.has(k[j]!)) consider(k[j]!, p * CODE + j, c[j]!);
          else if (c[j]! > seen.maxClock) seen.maxClock = c[j]!;
        }
      });
      overlay.forEach((row, n) => consider(row.k, -(n + 1), row.c));
      // A clock row rolled back on disk must not make new writes lose against old ones.
      if (seen.maxClock > this.#clock) this.#clock = seen.maxClock;

      // Records come grouped by table: reuse the last table name instead of slicing one per record.
      let table = '';
      const emit = (k: string, data: unknown, v: number, sid: string | undefined) => {
        const slash = k.indexOf('/');
        if (slash !== table.length || !k.startsWith(table)) table = k.slice(0, slash);
        const rec: LoadedRecord = { table, id: k.slice(slash + 1), data, schemaVersion: v };
        if (sid !== undefined) rec.subjectId = sid;
        out.push(rec);
      };
      const results = await Promise.all(opened);
      metas.forEach((meta, p) => {
        if (!meta) return;
        const { man } = meta;
        const data = results[p];
        const subjectOf = (j: number) => (man.i[j]! >= 0 ? man.s[man.i[j]!] : undefined);
        for (let j = 0; j < man.k.length; j++) {
          // Keys left out of `latest` (distinct mark, not in the overlay) are in this pack only.
          const newest = seen.superseded ? latest.get(man.k[j]!) : undefined;
          if (newest !== undefined && newest !== p * CODE + j) continue;
          if (data) emit(man.k[j]!, data[j], man.v[j]!, subjectOf(j));
          else if (!this.#erased(subjectOf(j), raw)) report(man.k[j]!);
        }
      });
      const winners = overlay.filter(
        (row, n): row is OverlayRow & { e: Uint8Array } => row.e !== null && latest.get(row.k) === -(n + 1),
      );
      await Promise.all(
        winners.map((row) =>
          this.#openOverlay(row, raw).then(
            (data) => {
              if (data !== undefined) emit(row.k, data, row.v, row.s);
            },
            () => report(row.k),
          ),
        ),
      );
      this.#index = new Map(metas.flatMap((meta) => (meta ? [[meta.pid, meta] as const] : [])));
      this.#distinct = distinct !== undefined;
      this.#packKeys = undefined;
    } finally {
      wipe(raw.bytes);
    }
    return out;
  }

  /**
   * Records whose current version carries `token`, without decrypting anything. The token list is
   * authenticated when the record is decrypted (it is part of the associated data).
   */
  async findByBlind(token: string): Promise<Array<{ table: string; id: string }>> {
    this.#keys();
    const [overlayHits, index] = await Promise.all([
      this.#db.overlay.where('b').equals(token).toArray(),
      this.#packIndex(),
    ]);
    const candidates = new Set<string>(overlayHits.map((r) => r.k));
    for (const { man } of index.values())
      for (let j = 0; j < man.k.length; j++) if (hasToken(man.b[j]!, token)) candidates.add(man.k[j]!);
    if (candidates.size === 0) return [];
    const keys = [...candidates];
    const rows = await this.#db.overlay.bulkGet(keys);
    const located = Vault.#locate(index, candidates);
    const out: Array<{ table: string; id: string }> = [];
    keys.forEach((k, n) => {
      const row = rows[n];
      const found = located.get(k);
      const carries =
        row && (!found || row.c > found.c)
          ? row.e !== null && row.b.includes(token)
          : found !== undefined && hasToken(found.meta.man.b[found.j]!, token);
      if (carries) {
        const [table, id] = splitKey(k);
        out.push({ table, id });
      }
    });
    return out.sort((a, b) => (a.table + a.id < b.table + b.id ? -1 : 1));
  }

  /** The blind-index token of a normalised value (the domain layer decides normalisation). */
  blindToken(kind: string, normalisedValue: string): Promise<string> {
    return Promise.resolve(this.blindTokenNow(kind, normalisedValue));
  }

  /** `blindToken`, computed in-thread at once (for imports: hundreds of thousands of tokens). */
  blindTokenNow(kind: string, normalisedValue: string): string {
    this.#keys();
    return this.#session!.blind.token(kind, normalisedValue);
  }

  // ── subjects and maintenance ────────────────────────────────────────────────────────────

  /** Creates the data-subject key of a new person (idempotent). */
  async createSubjectKey(subjectId: string): Promise<void> {
    checkMeta({ subjectId });
    this.#keys();
    await this.#serial(async () => {
      const { raw, rows } = await this.#keysForWrite([subjectId]);
      wipe(raw.bytes);
      if (!rows.length) return;
      const db = this.#db;
      await write(db, [db.subjectPacks], () => db.subjectPacks.bulkAdd(rows));
      await this.#addSubjectRows(rows);
    });
  }

  /**
   * Erases a person cryptographically, in one transaction: their key is removed from its row
   * (rewritten without it), the packs holding their records are re-sealed without them, and their
   * single-record rows are deleted. Every envelope under their key, here and in copies, becomes
   * unreadable. WARNING: a copy of a pack taken before erasure needs every member's key, so in
   * such a copy the other members' records of that pack are lost too.
   */
  async destroySubjectKey(subjectId: string): Promise<void> {
    checkMeta({ subjectId });
    const keys = this.#keys();
    await this.#serial(async () => {
      const state = await this.#subjects();
      const index = await this.#packIndexLocked();
      const holders = [...state.rows.values()].filter((row) => row.sids.includes(subjectId));
      const packs = [...index.values()].filter((meta) => meta.man.s.includes(subjectId));
      const members = new Set<string>();
      for (const { man } of packs) for (const sid of man.s) members.add(sid);
      const [packRows, overlay] = await Promise.all([
        this.#db.packs.bulkGet(packs.map((p) => p.pid)),
        this.#db.overlay.toArray(),
      ]);
      const raw = await this.#rawKeys(members);
      const updates: SubjectPackRow[] = [];
      const deletions: string[] = [];
      let resealed: Array<{ meta: PackMeta; row: PackRow }> = [];
      const replaced: string[] = [];
      try {
        for (const row of holders) {
          // A row that does not authenticate is left untouched: never destroy data on a key mismatch.
          const plain = await open(keys['subject-keys'], row.e, this.#subjectPackAd(row.pid, row.sids));
          const keep = row.sids.flatMap((sid, i) => (sid === subjectId ? [] : [i]));
          if (keep.length === 0) deletions.push(row.pid);
          else {
            const rest = concat(...keep.map((i) => plain.subarray(i * 32, i * 32 + 32)));
            const sids = keep.map((i) => row.sids[i]!);
            updates.push({
              pid: row.pid,
              sids,
              e: await seal(keys['subject-keys'], KEY_SUBJECT_PACK, rest, this.#subjectPackAd(row.pid, sids)),
            });
            wipe(rest);
          }
          wipe(plain);
        }
        // The other members' records move to new packs; a pack that cannot be opened stays as it
        // is (the erased records in it are unreadable once the key is gone).
        const kept: PackRecord[] = [];
        for (let n = 0; n < packs.length; n++) {
          const stored = packRows[n];
          const man = parseManifest(stored?.m);
          if (!stored || !man) continue;
          const data = await this.#openPack(stored, man, raw).catch(() => undefined);
          if (!data) continue;
          replaced.push(stored.pid);
          for (let j = 0; j < man.k.length; j++) {
            const sid = man.i[j]! >= 0 ? man.s[man.i[j]!] : undefined;
            if (sid === subjectId) continue;
            kept.push(packRecord(man, j, data[j]));
          }
        }
        resealed = await this.#sealPacks(planPacks(kept, this.#settings.packSize), raw);
      } finally {
        wipe(raw.bytes);
      }
      const ownRows = overlay.filter((row) => row.s === subjectId).map((row) => row.k);
      const db = this.#db;
      await write(db, [db.subjectPacks, db.packs, db.overlay], async () => {
        if (updates.length) await db.subjectPacks.bulkPut(updates);
        if (deletions.length) await db.subjectPacks.bulkDelete(deletions);
        if (replaced.length) await db.packs.bulkDelete(replaced);
        if (resealed.length) await db.packs.bulkAdd(resealed.map((p) => p.row));
        if (ownRows.length) await db.overlay.bulkDelete(ownRows);
      });
      for (const row of updates) state.rows.set(row.pid, row);
      for (const pid of deletions) state.rows.delete(pid);
      state.where.delete(subjectId);
      this.#recordKeys.delete(subjectId);
      for (const pid of replaced) index.delete(pid);
      for (const { meta } of resealed) index.set(meta.pid, meta);
    });
  }

  /**
   * Folds overlay rows into packs and re-seals the packs that hold superseded versions, together
   * with small packs (left by small `putMany` calls), in one transaction. Tombstones are dropped.
   * Rows and packs that do not authenticate are left as they are. Returns overlay rows folded.
   */
  async compact(): Promise<number> {
    this.#keys();
    return this.#serial(async () => {
      const db = this.#db;
      const [overlay, index] = await Promise.all([db.overlay.toArray(), this.#packIndexLocked()]);
      const latest = new Map<string, number>();
      for (const { man } of index.values())
        for (let j = 0; j < man.k.length; j++)
          latest.set(man.k[j]!, Math.max(latest.get(man.k[j]!) ?? 0, man.c[j]!));
      for (const row of overlay) latest.set(row.k, Math.max(latest.get(row.k) ?? 0, row.c));
      const small = this.#settings.packSize / 4;
      const smallPacks = [...index.values()].filter((meta) => meta.man.k.length < small);
      const rewrite = new Set(smallPacks.length > 1 ? smallPacks : []);
      for (const meta of index.values())
        if (meta.man.k.some((k, j) => meta.man.c[j]! < latest.get(k)!)) rewrite.add(meta);
      if (overlay.length === 0 && rewrite.size === 0) {
        // Nothing superseded anywhere: the packs hold each key once.
        if (!this.#distinct) await write(db, [db.meta], () => db.meta.put({ k: DISTINCT }));
        this.#distinct = true;
        return 0;
      }

      const metas = [...rewrite];
      const members = new Set<string>();
      for (const { man } of metas) for (const sid of man.s) members.add(sid);
      for (const row of overlay) if (row.s !== undefined) members.add(row.s);
      const rows = await db.packs.bulkGet(metas.map((m) => m.pid));
      const raw = await this.#rawKeys(members);
      const live: PackRecord[] = [];
      const replaced: string[] = [];
      const folded: OverlayRow[] = [];
      const stuck = new Set<string>();
      let sealed: Array<{ meta: PackMeta; row: PackRow }>;
      try {
        for (let n = 0; n < metas.length; n++) {
          const stored = rows[n];
          const man = parseManifest(stored?.m);
          if (!stored || !man) continue;
          const data = await this.#openPack(stored, man, raw).catch(() => undefined);
          if (!data) {
            for (const k of man.k) stuck.add(k);
            continue;
          }
          replaced.push(stored.pid);
          for (let j = 0; j < man.k.length; j++)
            if (man.c[j] === latest.get(man.k[j]!)) live.push(packRecord(man, j, data[j]));
        }
        for (const row of overlay) {
          if (row.c !== latest.get(row.k) || row.e === null) {
            // A tombstone stays while an older version sits in a pack that could not be re-sealed.
            if (!(row.e === null && stuck.has(row.k))) folded.push(row);
            continue;
          }
          const data = await this.#openOverlay({ ...row, e: row.e }, raw).catch(() => undefined);
          // Unreadable rows stay; rows of erased subjects are garbage and go.
          if (data === undefined && !this.#erased(row.s, raw)) continue;
          folded.push(row);
          if (data === undefined) continue;
          const r: PackRecord = { k: row.k, c: row.c, v: row.v, data };
          if (row.s !== undefined) r.s = row.s;
          if (row.b.length) r.b = row.b;
          live.push(r);
        }
        sealed = await this.#sealPacks(planPacks(live, this.#settings.packSize), raw);
      } finally {
        wipe(raw.bytes);
      }
      await write(db, [db.overlay, db.packs, db.meta], async () => {
        // Only rows still exactly as read are removed (a concurrent window may have written).
        const now = await db.overlay.bulkGet(folded.map((r) => r.k));
        const gone = folded.filter((r, n) => now[n]?.c === r.c).map((r) => r.k);
        if (replaced.length) await db.packs.bulkDelete(replaced);
        if (sealed.length) await db.packs.bulkAdd(sealed.map((p) => p.row));
        if (gone.length) await db.overlay.bulkDelete(gone);
        // Every superseded version was in a re-sealed pack: now each key is in one pack at most.
        if (stuck.size === 0) await db.meta.put({ k: DISTINCT });
        else await db.meta.delete(DISTINCT);
      });
      for (const pid of replaced) index.delete(pid);
      for (const { meta } of sealed) index.set(meta.pid, meta);
      this.#forgetDistinct();
      this.#distinct = stuck.size === 0;
      return folded.length;
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
    const body: HeaderBody = {
      ...this.#header,
      slots: [slot, ...this.#header.slots.filter((s) => s.kind !== 'passphrase')],
    };
    const bytes = await encodeHeader(body, session.keys.header);
    const db = this.#db;
    await write(db, [db.meta], () => db.meta.put({ k: 'header', bytes }));
    this.#header = body;
  }

  /** The serialised header with its key slots: what a backup needs to be opened elsewhere. */
  async exportKeySlots(): Promise<Uint8Array> {
    const row = await this.#db.meta.get('header');
    if (!row?.bytes) throw new VaultError('no-vault');
    return row.bytes;
  }

  /** A purpose key for a later feature (backups, sync, audit): non-extractable AES-256-GCM. */
  purposeKey(purpose: ExportedPurpose): CryptoKey {
    return this.#keys()[purpose];
  }

  /** Drops every key and closes the database; later calls throw `locked`. */
  lock(): void {
    this.#session?.blind.wipe();
    this.#forgetDistinct();
    this.#session = undefined;
    this.#subjectState = undefined;
    this.#index = undefined;
    this.#recordKeys.clear();
    this.#tamperedSubjects.clear();
    this.#db.close();
  }
}

/** Entry `j` of a manifest with its decrypted data, ready to be packed again as it was. */
function packRecord(man: Manifest, j: number, data: unknown): PackRecord {
  const r: PackRecord = { k: man.k[j]!, c: man.c[j]!, v: man.v[j]!, data };
  if (man.i[j]! >= 0) r.s = man.s[man.i[j]!]!;
  if (man.b[j]) r.b = tokensOf(man.b[j]);
  return r;
}
