// The vault's public API: create, open and unlock, and `Vault`, a thin facade over the parts of an
// unlocked vault (see README, "Files"). The facade checks arguments, refuses to work once locked
// and queues writes; the work itself happens in the parts.
import { compact } from './compact';
import { VaultContext } from './context';
import type { VaultDb } from './db';
import { destroySubjectKey } from './erase';
import type { HeaderBody } from './header';
import type { ExportedPurpose, KeySession } from './key-session';
import { loadAll, type LoadedRecord } from './load';
import { findByBlind, getRecord } from './lookup';
import type { VaultOptions, VaultSettings } from './options';
import { Overlay } from './overlay';
import { PackStore } from './pack-store';
import type { VaultParts } from './parts';
import { checkMeta, recordKey, withSubjectGroup, type PutItem, type RecordMeta } from './record-input';
import type { VaultSecret } from './slots';
import { SubjectKeys } from './subject-keys';
import {
  assertStrong,
  confirmPassphrase,
  createStore,
  openStore,
  replacePassphraseSlot,
  replaceRecoverySlot,
} from './unlock';
import { VaultError } from './errors';
import { wipeScratch } from './crypto';
import { wipe } from './bytes';
import { defaultKdf } from './kdf-client';
import { DEFAULT_VAULT_DB } from './options';
import {
  boundKdf,
  kdfForOpen,
  readPortableSlots,
  writePortableSlots,
  type SlotBinding,
} from './slot-binding';
import { rotateParts, type Reblind, type RotationProgress } from './rotate';
import { readRetiredBackupKeys, type RetiredBackupKey } from './retired-keys';

export { DEFAULT_PACK_SIZE, DEFAULT_VAULT_DB, type VaultOptions } from './options';
export { openKeySlots, vaultExists } from './unlock';
export type { ExportedPurpose } from './key-session';
export type { LoadedRecord } from './load';
export type { PutItem, RecordMeta } from './record-input';
export type { VaultSecret } from './slots';
export type { Reblind, RotationProgress } from './rotate';
export type { RetiredBackupKey } from './retired-keys';

/**
 * Creates a vault with a passphrase slot and a recovery slot. The recovery key is returned once
 * and never stored. Refuses (`vault-exists`) to touch a database that already has a header.
 */
export async function createVault(
  passphrase: string,
  options: VaultOptions = {},
): Promise<{ vault: Vault; recoveryKey: string }> {
  const plainKdf = options.kdf ?? defaultKdf;
  const binding = options.binding ? { secret: options.binding, plainKdf } : undefined;
  const kdf = binding ? boundKdf(plainKdf, binding.secret) : plainKdf;
  const store = await createStore(passphrase, { ...options, kdf });
  if (binding) await writePortableSlots(store.db, store.session, store.body, passphrase, binding);
  const vault = new Vault(store.db, store.session, store.body, store.clock, store.settings, true, binding);
  return { vault, recoveryKey: store.recoveryKey };
}

/**
 * Opens the vault with the passphrase or the recovery key. Reads only: a failed attempt never
 * writes anything. Errors: `no-vault`, `header-damaged`, `newer-version`, `header-tampered`,
 * `wrong-passphrase`, `wrong-recovery-key`.
 */
export async function openVault(secret: VaultSecret, options: VaultOptions = {}): Promise<Vault> {
  const plainKdf = options.kdf ?? defaultKdf;
  // A bound vault refuses (`bound-elsewhere`) a passphrase where its secret is not: no KDF runs.
  const kdf = await kdfForOpen(options.dbName ?? DEFAULT_VAULT_DB, secret, plainKdf, options.binding);
  const store = await openStore(secret, { ...options, kdf });
  const binding = options.binding ? { secret: options.binding, plainKdf } : undefined;
  return new Vault(store.db, store.session, store.body, store.clock, store.settings, false, binding);
}

/**
 * Opens with the recovery key and sets a new passphrase; returns the opened vault. The recovery
 * key stands in for the current passphrase here: it has just opened the vault.
 */
export async function resetPassphraseWithRecoveryKey(
  recoveryKey: string,
  newPassphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  await assertStrong(newPassphrase);
  const plainKdf = options.kdf ?? defaultKdf;
  const kdf = await kdfForOpen(
    options.dbName ?? DEFAULT_VAULT_DB,
    { recoveryKey },
    plainKdf,
    options.binding,
  );
  const store = await openStore({ recoveryKey }, { ...options, kdf });
  const binding = options.binding ? { secret: options.binding, plainKdf } : undefined;
  try {
    // Where there is a host secret the new passphrase slot is bound to it, with a portable copy.
    if (binding) store.settings.kdf = boundKdf(plainKdf, binding.secret);
    store.body = await replacePassphraseSlot(
      store.db,
      store.session,
      store.body,
      store.settings,
      newPassphrase,
    );
    if (binding) await writePortableSlots(store.db, store.session, store.body, newPassphrase, binding);
  } catch (error) {
    store.db.close();
    throw error;
  }
  return new Vault(store.db, store.session, store.body, store.clock, store.settings, false, binding);
}

/** An unlocked vault. Every method throws `VaultError('locked')` after `lock()`. */
export class Vault {
  #header: HeaderBody;
  /** Rotations so far in this session: a write queued before one gets its tokens re-keyed. */
  #epoch = 0;
  #reblind: Reblind | undefined;
  #ctx: VaultContext;
  #subjects: SubjectKeys;
  #packs: PackStore;
  #overlay: Overlay;
  #parts: VaultParts;
  #binding: SlotBinding | undefined;

  /** @internal use createVault/openVault. */
  constructor(
    db: VaultDb,
    session: KeySession,
    header: HeaderBody,
    clock: number,
    settings: VaultSettings,
    fresh = false,
    binding?: SlotBinding,
  ) {
    this.#binding = binding;
    this.#header = header;
    this.#ctx = new VaultContext(db, header.vaultId, session, clock, settings);
    this.#subjects = new SubjectKeys(this.#ctx, fresh);
    this.#packs = new PackStore(this.#ctx, this.#subjects, fresh);
    this.#overlay = new Overlay(this.#ctx, this.#subjects);
    this.#parts = { ctx: this.#ctx, subjects: this.#subjects, packs: this.#packs, overlay: this.#overlay };
  }

  /** Random id of this vault, bound into every envelope (a new one after `rotateMasterKey`). */
  get vaultId(): string {
    return this.#ctx.vaultId;
  }

  /** True until `lock()`. */
  get unlocked(): boolean {
    return this.#ctx.session !== undefined;
  }

  // ── writes ──────────────────────────────────────────────────────────────────────────────

  /**
   * Encrypts and stores one record (created or replaced), durable when the promise resolves.
   * A subject id without a key gets a new data-subject key in the same transaction.
   */
  async put(table: string, id: string, data: unknown, meta: RecordMeta = {}): Promise<void> {
    const k = recordKey(table, id);
    checkMeta(meta);
    this.#ctx.keys();
    const epoch = this.#epoch;
    await this.#ctx.serial(() =>
      this.#overlay.put(k, data, withSubjectGroup(this.#current(epoch, { table, id, data, ...meta }))),
    );
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
    this.#ctx.keys();
    const epoch = this.#epoch;
    await this.#ctx.serial(() =>
      this.#packs.putMany(
        items.map((item) => withSubjectGroup(this.#current(epoch, item))),
        keysOf,
        options.ready,
      ),
    );
  }

  /** Deletes a record (a tombstone until the next `compact`), durable when the promise resolves. */
  delete(table: string, id: string): Promise<void> {
    return this.deleteMany([{ table, id }]);
  }

  /** Deletes many records in one transaction (tombstones until the next `compact`). */
  async deleteMany(records: ReadonlyArray<{ table: string; id: string }>): Promise<void> {
    if (records.length === 0) return;
    const keys = records.map((r) => recordKey(r.table, r.id));
    this.#ctx.keys();
    await this.#ctx.serial(() => this.#overlay.delete(keys));
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────

  /** Decrypts one record; undefined when absent, deleted or its subject erased. `record-tampered` on failure. */
  async get(table: string, id: string): Promise<unknown> {
    const k = recordKey(table, id);
    this.#ctx.keys();
    return getRecord(this.#parts, k);
  }

  /**
   * Reads and decrypts every live record. Records that fail to authenticate are reported through
   * `onTampered` and skipped (a pack that fails reports each of its records; a pack whose manifest
   * cannot be read at all is reported once as table `#pack` with its row id); records of erased
   * subjects are skipped silently.
   */
  loadAll(onTampered?: (table: string, id: string) => void): Promise<LoadedRecord[]> {
    this.#ctx.keys();
    // In the write queue: the index it leaves behind must match what it read.
    return this.#ctx.serial(() => loadAll(this.#parts, onTampered));
  }

  /**
   * Records whose current version carries `token`, without decrypting anything. The token list is
   * authenticated when the record is decrypted (it is part of the associated data).
   */
  async findByBlind(token: string): Promise<Array<{ table: string; id: string }>> {
    this.#ctx.keys();
    return findByBlind(this.#parts, token);
  }

  /** The blind-index token of a normalised value (the domain layer decides normalisation). */
  blindToken(kind: string, normalisedValue: string): Promise<string> {
    return Promise.resolve(this.blindTokenNow(kind, normalisedValue));
  }

  /** `blindToken`, computed in-thread at once (for imports: hundreds of thousands of tokens). */
  blindTokenNow(kind: string, normalisedValue: string): string {
    this.#ctx.keys();
    return this.#ctx.session!.blind.token(kind, normalisedValue);
  }

  // ── subjects and maintenance ────────────────────────────────────────────────────────────

  /** Creates the data-subject key of a new person (idempotent). */
  async createSubjectKey(subjectId: string): Promise<void> {
    checkMeta({ subjectId });
    this.#ctx.keys();
    await this.#ctx.serial(() => this.#subjects.create(subjectId));
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
    this.#ctx.keys();
    // The key is taken when the erasure runs: a rotation queued before it replaces every key.
    await this.#ctx.serial(() => destroySubjectKey(this.#parts, subjectId, this.#ctx.keys()['subject-keys']));
  }

  /**
   * Folds overlay rows into packs and re-seals the packs that hold superseded versions, together
   * with small packs (left by small `putMany` calls), in one transaction. Tombstones are dropped.
   * Rows and packs that do not authenticate are left as they are. Returns overlay rows folded.
   */
  async compact(): Promise<number> {
    this.#ctx.keys();
    return this.#ctx.serial(() => compact(this.#parts));
  }

  /** Number of overlay rows waiting for `compact` (a hint for scheduling it when idle). */
  overlaySize(): Promise<number> {
    this.#ctx.keys();
    return this.#ctx.db.overlay.count();
  }

  /**
   * Replaces the passphrase slot with one for `newPassphrase` in a single atomic header write; the
   * recovery slot and every record envelope stay as they are. `currentPassphrase` must open the
   * current slot: otherwise `wrong-passphrase`, and nothing is written.
   */
  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    const session = this.#session();
    await this.#ctx.serial(async () => {
      const vmk = await confirmPassphrase(this.#header, this.#ctx.settings, currentPassphrase);
      try {
        // Where there is a host secret the new slot is bound to it, also in a vault that was not yet.
        if (this.#binding) this.#ctx.settings.kdf = boundKdf(this.#binding.plainKdf, this.#binding.secret);
        this.#header = await replacePassphraseSlot(
          this.#ctx.db,
          session,
          this.#header,
          this.#ctx.settings,
          newPassphrase,
          vmk,
        );
        // The new slot is bound to this host's secret (settings.kdf is the bound runner): the
        // backups' portable copy follows it, so no backup made from now on opens with the old
        // passphrase.
        if (this.#binding) {
          await writePortableSlots(this.#ctx.db, session, this.#header, newPassphrase, this.#binding);
        }
      } finally {
        wipe(vmk);
      }
    });
  }

  /**
   * Replaces the recovery slot with one for a new recovery key, returned once and never stored:
   * the old recovery key no longer opens this vault (backups made before keep the slots of their
   * day, so it still opens those). `currentPassphrase` must open the passphrase slot: otherwise
   * `wrong-passphrase`, and nothing is written.
   */
  async replaceRecoveryKey(currentPassphrase: string): Promise<string> {
    const session = this.#session();
    return this.#ctx.serial(async () => {
      const vmk = await confirmPassphrase(this.#header, this.#ctx.settings, currentPassphrase);
      try {
        const { body, recoveryKey } = await replaceRecoverySlot(this.#ctx.db, session, this.#header, vmk);
        this.#header = body;
        // A bound vault's portable copy (what backups carry) gets the new recovery slot too.
        if (this.#binding) {
          await writePortableSlots(this.#ctx.db, session, this.#header, currentPassphrase, this.#binding);
        }
        return recoveryKey;
      } finally {
        wipe(vmk);
      }
    });
  }

  /**
   * `item` with its blind tokens computed again under the current blind key when a rotation ran
   * since the write was issued (its tokens were made with the retired key).
   */
  #current<T extends PutItem>(epoch: number, item: T): T {
    if (epoch === this.#epoch || !item.blind?.length || !this.#reblind) return item;
    const blind = this.#ctx.session!.blind;
    return { ...item, blind: this.#reblind(item, (kind, value) => blind.token(kind, value)) };
  }

  /**
   * Rotates the master key: every record re-sealed under a new vault master key, a new vault id
   * and new data-subject keys, blind tokens recomputed through `reblind`, a new passphrase slot
   * (same passphrase) and a new recovery slot, whose key is returned once. One transaction after a
   * compaction: a failure at any point leaves the store exactly as it was. Writes issued meanwhile
   * wait and then apply to the rotated vault. `wrong-passphrase` (nothing done) when
   * `currentPassphrase` does not open the passphrase slot; `record-tampered` when a record
   * cannot be read (it would be lost).
   */
  async rotateMasterKey(
    currentPassphrase: string,
    options: { reblind: Reblind; onProgress?: (progress: RotationProgress) => void },
  ): Promise<string> {
    this.#session();
    return this.#ctx.serial(async () => {
      const vmk = await confirmPassphrase(this.#header, this.#ctx.settings, currentPassphrase);
      let rotated;
      try {
        rotated = await rotateParts(
          this.#parts,
          this.#header,
          vmk,
          currentPassphrase,
          options.reblind,
          options.onProgress,
        );
      } finally {
        wipe(vmk);
      }
      this.#parts = rotated.parts;
      this.#ctx = rotated.parts.ctx;
      this.#subjects = rotated.parts.subjects;
      this.#packs = rotated.parts.packs;
      this.#overlay = rotated.parts.overlay;
      this.#header = rotated.header;
      this.#reblind = options.reblind;
      this.#epoch++;
      // A bound vault's portable copy (what backups carry) follows the new master key and slots.
      if (this.#binding) {
        await writePortableSlots(
          this.#ctx.db,
          this.#session(),
          this.#header,
          currentPassphrase,
          this.#binding,
        );
      }
      return rotated.recoveryKey;
    });
  }

  /**
   * The backups keys of the vault ids earlier rotations retired, newest first, with those ids:
   * backups made before a rotation are sealed under them (and open with the secrets of their day
   * through the slots they carry). Empty before the first rotation.
   */
  retiredBackupKeys(): Promise<RetiredBackupKey[]> {
    const records = this.#ctx.keys().records;
    return readRetiredBackupKeys(this.#ctx.db, records, this.#ctx.vaultId);
  }

  /** The key session, or `locked`. */
  #session(): KeySession {
    const session = this.#ctx.session;
    if (!session) throw new VaultError('locked');
    return session;
  }

  /** The serialised header with its key slots: what a backup needs to be opened elsewhere. */
  async exportKeySlots(): Promise<Uint8Array> {
    // A bound vault exports its portable copy (unbound passphrase slot): backups open anywhere.
    const portable = await readPortableSlots(this.#ctx.db, this.#binding?.secret);
    if (portable) return portable;
    const row = await this.#ctx.db.meta.get('header');
    if (!row?.bytes) throw new VaultError('no-vault');
    return row.bytes;
  }

  /** A purpose key for a later feature (backups, sync, audit): non-extractable AES-256-GCM. */
  purposeKey(purpose: ExportedPurpose): CryptoKey {
    return this.#ctx.keys()[purpose];
  }

  /** Drops every key and closes the database; later calls throw `locked`. */
  lock(): void {
    this.#ctx.session?.blind.wipe();
    wipeScratch();
    this.#ctx.dropSession();
    this.#packs.clear();
    this.#subjects.clear();
    this.#ctx.db.close();
  }
}
