// Creating a vault, unlocking its header with a secret, and replacing the passphrase slot. What
// comes out is the store and the key session; the `Vault` facade is built from them.
import { Dexie } from 'dexie';
import { randomBytes, randomId, wipe } from './bytes';
import { DISTINCT, VaultDb, write } from './db';
import { VaultError } from './errors';
import { encodeHeader, parseHeader, verifyHeaderMac, type HeaderBody, type PassphraseSlot } from './header';
import { calibrateKdf, defaultKdf, type KdfRunner } from './kdf-client';
import { KeySession } from './key-session';
import { DEFAULT_VAULT_DB, packSizeOf, type VaultOptions, type VaultSettings } from './options';
import { PRODUCTION_KDF_POLICY, assertCreatablePolicy, type KdfParams, type KdfPolicy } from './policy';
import { RECOVERY_KEY_BYTES, formatRecoveryKey } from './recovery-key';
import { newPassphraseSlot, newRecoverySlot, openSlot, type VaultSecret } from './slots';
import { passphraseStrength } from './strength';

/** An unlocked store: what the `Vault` facade is made of. */
export interface UnlockedStore {
  db: VaultDb;
  session: KeySession;
  body: HeaderBody;
  clock: number;
  settings: VaultSettings;
}

/** Refuses a passphrase the strength check rejects (`weak-passphrase`). */
export async function assertStrong(passphrase: string): Promise<void> {
  if (!(await passphraseStrength(passphrase)).acceptable) throw new VaultError('weak-passphrase');
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
 * Writes the header of a new vault (a passphrase slot and a recovery slot) and returns the open
 * store with the recovery key, which is never stored. `vault-exists` if a header is there.
 */
export async function createStore(
  passphrase: string,
  options: VaultOptions,
): Promise<UnlockedStore & { recoveryKey: string }> {
  const policy = options.kdfPolicy ?? PRODUCTION_KDF_POLICY;
  assertCreatablePolicy(policy);
  await assertStrong(passphrase);
  const kdf = options.kdf ?? defaultKdf;
  const dbName = options.dbName ?? DEFAULT_VAULT_DB;
  if (await vaultExists(dbName)) throw new VaultError('vault-exists');
  const params = policy.params ?? (await calibrateKdf({ floor: policy.floor, kdf }));

  const vaultId = randomId();
  const vmk = randomBytes(32);
  const recovery = randomBytes(RECOVERY_KEY_BYTES);
  try {
    const passSlot = await newPassphraseSlot(kdf, vaultId, passphrase, params, vmk);
    const recoveryKey = await formatRecoveryKey(recovery);
    const recSlot = await newRecoverySlot(vaultId, recovery.slice(), vmk);
    const body: HeaderBody = { vaultId, createdAt: new Date().toISOString(), slots: [passSlot, recSlot] };
    const session = await KeySession.create(vmk.slice(), vaultId);
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
    // WARNING: a bad pack size throws only here, after the header is written (as it always has).
    const settings = { kdf, policy, packSize: packSizeOf(options) };
    return { db, session, body, clock: 0, settings, recoveryKey };
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
): Promise<{ header: Awaited<ReturnType<typeof parseHeader>>; session: KeySession }> {
  const header = await parseHeader(bytes, policy.floor);
  const vmk = await openSlot(header.body, secret, kdf);
  const session = await KeySession.create(vmk, header.body.vaultId);
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

/** Unlocks the stored header with `secret`. Reads only; the database is closed again on failure. */
export async function openStore(secret: VaultSecret, options: VaultOptions): Promise<UnlockedStore> {
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
    return {
      db,
      session,
      body: header.body,
      clock,
      settings: { kdf, policy, packSize: packSizeOf(options) },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The master key, if `passphrase` opens the passphrase slot of `header`; `wrong-passphrase`
 * otherwise. Reads nothing from the store and writes nothing. WARNING: the caller wipes the bytes.
 */
export function confirmPassphrase(
  header: HeaderBody,
  settings: VaultSettings,
  passphrase: string,
): Promise<Uint8Array<ArrayBuffer>> {
  return openSlot(header, { passphrase }, settings.kdf);
}

/** Writes `body` as the stored header, sealed under the session's header key (one atomic write). */
async function writeHeader(db: VaultDb, session: KeySession, body: HeaderBody): Promise<void> {
  const bytes = await encodeHeader(body, session.keys.header);
  await write(db, [db.meta], () => db.meta.put({ k: 'header', bytes }));
}

/**
 * Writes a header whose passphrase slot opens with `newPassphrase` (one atomic write; the recovery
 * slot and every envelope stay) and returns its body. `vmk` is the caller's to wipe; without it
 * the session's sealed copy is used.
 */
export async function replacePassphraseSlot(
  db: VaultDb,
  session: KeySession,
  header: HeaderBody,
  settings: VaultSettings,
  newPassphrase: string,
  vmk?: Uint8Array<ArrayBuffer>,
): Promise<HeaderBody> {
  await assertStrong(newPassphrase);
  const old = header.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
  const floor = settings.policy.floor;
  const params: KdfParams = old
    ? { m: Math.max(old.kdf.m, floor.m), t: Math.max(old.kdf.t, floor.t), p: Math.max(old.kdf.p, floor.p) }
    : (settings.policy.params ?? (await calibrateKdf({ floor, kdf: settings.kdf })));
  const raw = vmk ?? (await session.rawVmk());
  let slot: PassphraseSlot;
  try {
    slot = await newPassphraseSlot(settings.kdf, header.vaultId, newPassphrase, params, raw);
  } finally {
    if (!vmk) wipe(raw);
  }
  const body: HeaderBody = {
    ...header,
    slots: [slot, ...header.slots.filter((s) => s.kind !== 'passphrase')],
  };
  await writeHeader(db, session, body);
  return body;
}

/**
 * Writes a header with a new recovery slot (the old recovery key no longer opens this vault; one
 * atomic write, the passphrase slot and every envelope stay). Returns the body and the new
 * recovery key, which is never stored. `vmk` stays the caller's to wipe.
 */
export async function replaceRecoverySlot(
  db: VaultDb,
  session: KeySession,
  header: HeaderBody,
  vmk: Uint8Array<ArrayBuffer>,
): Promise<{ body: HeaderBody; recoveryKey: string }> {
  const recovery = randomBytes(RECOVERY_KEY_BYTES);
  let slot;
  let recoveryKey: string;
  try {
    recoveryKey = await formatRecoveryKey(recovery);
    slot = await newRecoverySlot(header.vaultId, recovery.slice(), vmk);
  } finally {
    wipe(recovery);
  }
  const body: HeaderBody = {
    ...header,
    slots: [...header.slots.filter((s) => s.kind !== 'recovery'), slot],
  };
  await writeHeader(db, session, body);
  return { body, recoveryKey };
}
