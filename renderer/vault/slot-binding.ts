// Binding of the passphrase slot to a host secret (the web mode's `web-secret`). In web mode the
// vault lives in the browser profile under the server's origin, and anything that gets to serve
// a page on that port (another user's process while Scrigno is stopped) can read it and show a
// fake unlock form. A bound slot's key is HKDF(Argon2id output ‖ secret), so the passphrase alone
// opens nothing: the secret is only on the real server's disk (0600) and reaches a page only
// after the launch-token check. See README.md, "Binding".
import { Dexie } from 'dexie';
import { concat, equalBytes, randomBytes, sha256, utf8, wipe } from './bytes';
import { VaultDb, write } from './db';
import { VaultError } from './errors';
import { encodeHeader, type HeaderBody, type PassphraseSlot } from './header';
import type { KdfRunner } from './kdf-client';
import type { KeySession } from './key-session';
import { newPassphraseSlot, type VaultSecret } from './slots';

/** Meta row of a bound vault: binding id (16) | nonce (12) | sealed portable header. */
export const BINDING_ROW = 'binding';
const ID_BYTES = 16;
const NONCE_BYTES = 12;

/** A host secret the vault is, or is to be, bound to. */
export interface SlotBinding {
  /** The secret (32 bytes); never stored by the vault. */
  readonly secret: Uint8Array<ArrayBuffer>;
  /** The plain Argon2id runner, for the portable slot that backups carry. */
  readonly plainKdf: KdfRunner;
}

/** The secret from its hex form (`app:key-binding`). */
export function bindingSecretFromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new VaultError('bound-elsewhere');
  return new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

/** A public name of a secret (it says which secret, and nothing that helps find it). */
async function bindingId(secret: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return (await sha256(concat(utf8('scrigno/v1/binding-id\0'), secret))).slice(0, ID_BYTES);
}

async function hkdfBase(ikm: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits', 'deriveKey']);
}

/** A KDF runner whose output is HKDF-SHA-256(Argon2id output ‖ secret): the bound slot's key. */
export function boundKdf(kdf: KdfRunner, secret: Uint8Array<ArrayBuffer>): KdfRunner {
  return async (pass, salt, params) => {
    const raw = await kdf(pass, salt, params);
    const ikm = concat(raw, secret);
    try {
      const base = await hkdfBase(ikm);
      const bits = await crypto.subtle.deriveBits(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: utf8('scrigno/v1/bound-passphrase-slot'),
        },
        base,
        256,
      );
      return new Uint8Array(bits);
    } finally {
      wipe(raw, ikm);
    }
  };
}

/** The key that seals the portable header in the binding row: only the secret's holder reads it. */
async function portableKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8('scrigno/v1/portable-slots') },
    await hkdfBase(secret.slice()),
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function readRow(db: VaultDb): Promise<Uint8Array | undefined> {
  return (await db.meta.get(BINDING_ROW))?.bytes;
}

/**
 * The KDF runner to open the vault in `dbName` with: a bound vault opens with the bound runner, an
 * unbound one (created before binding, or outside web mode) with the plain one; it becomes bound
 * at its next passphrase change. Refuses with
 * `bound-elsewhere`, before any Argon2id runs, a passphrase for a vault bound to another secret
 * or opened where there is none (a page served by someone else). The recovery key is never
 * bound: it opens the vault anywhere.
 */
export async function kdfForOpen(
  dbName: string,
  secret: VaultSecret,
  plainKdf: KdfRunner,
  binding: Uint8Array<ArrayBuffer> | undefined,
): Promise<KdfRunner> {
  if (!(await Dexie.exists(dbName))) return plainKdf;
  const db = new VaultDb(dbName);
  let row: Uint8Array | undefined;
  try {
    row = await readRow(db);
  } finally {
    db.close();
  }
  if (!row) return plainKdf;
  const matches = binding !== undefined && equalBytes(row.subarray(0, ID_BYTES), await bindingId(binding));
  if (!matches && 'passphrase' in secret) throw new VaultError('bound-elsewhere');
  // With the recovery key (which needs no KDF) the runner is the one a new passphrase gets.
  return binding ? boundKdf(plainKdf, binding) : plainKdf;
}

/**
 * Writes the binding row: the vault's header with an *unbound* passphrase slot for the same
 * passphrase (and the same recovery slot), sealed under the secret. Backups carry that header, so
 * a backup opens on a fresh machine with the passphrase alone. Run whenever the bound slot is
 * written (creation, a passphrase change), never otherwise: it needs the passphrase.
 */
export async function writePortableSlots(
  db: VaultDb,
  session: KeySession,
  body: HeaderBody,
  passphrase: string,
  binding: SlotBinding,
): Promise<void> {
  const bound = body.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
  if (!bound) return;
  const vmk = await session.rawVmk();
  let slot: PassphraseSlot;
  try {
    const params = { m: bound.kdf.m, t: bound.kdf.t, p: bound.kdf.p };
    slot = await newPassphraseSlot(binding.plainKdf, body.vaultId, passphrase, params, vmk);
  } finally {
    wipe(vmk);
  }
  const portable: HeaderBody = {
    ...body,
    slots: [slot, ...body.slots.filter((s) => s.kind !== 'passphrase')],
  };
  const header = await encodeHeader(portable, session.keys.header);
  const id = await bindingId(binding.secret);
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: id },
      await portableKey(binding.secret),
      header,
    ),
  );
  const bytes = concat(id, nonce, sealed);
  await write(db, [db.meta], () => db.meta.put({ k: BINDING_ROW, bytes }));
}

/**
 * The portable header of a bound vault (for backups), or null for an unbound vault. A row that
 * does not open under the secret reads as `bound-elsewhere`.
 */
export async function readPortableSlots(
  db: VaultDb,
  secret: Uint8Array<ArrayBuffer> | undefined,
): Promise<Uint8Array | null> {
  const row = await readRow(db);
  if (!row) return null;
  if (!secret) throw new VaultError('bound-elsewhere');
  const id = row.slice(0, ID_BYTES);
  if (!equalBytes(id, await bindingId(secret))) throw new VaultError('bound-elsewhere');
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: row.slice(ID_BYTES, ID_BYTES + NONCE_BYTES), additionalData: id },
        await portableKey(secret),
        row.slice(ID_BYTES + NONCE_BYTES),
      ),
    );
  } catch {
    throw new VaultError('bound-elsewhere');
  }
}
