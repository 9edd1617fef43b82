// The space key and the keys derived from it, and the space key's local storage under the
// vault's `sync` purpose key. The space key is shared by the paired devices (pairing hands it
// over) and never by the relay.
import { concat, randomBytes, utf8, wipe, type Vault } from '../vault';

/** What the bridge derives from one space key (all non-extractable). */
export interface SpaceKey {
  /** Envelopes of records about no single person. */
  readonly records: CryptoKey;
  /** Wraps the sync subject keys kept in the doc's `keys` map. */
  readonly wrap: CryptoKey;
  /** HMAC: record locators and subject tags (opaque ids on the wire). */
  readonly locator: CryptoKey;
  /** Seals the meta map and the erasure entries. */
  readonly meta: CryptoKey;
}

const SPACE_KEY_BYTES = 32;

async function derive(base: CryptoKey, salt: Uint8Array<ArrayBuffer>, info: string, hmac: boolean) {
  const params = { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(`scrigno/sync/1/${info}`) };
  return hmac
    ? crypto.subtle.deriveKey(params, base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign'])
    : crypto.subtle.deriveKey(params, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/**
 * Imports a space key's 32 bytes (wiped here) and derives its purpose keys. The space id is the
 * HKDF salt, so the same bytes give unrelated keys in another space.
 */
export async function importSpaceKey(raw: Uint8Array<ArrayBuffer>, spaceId: string): Promise<SpaceKey> {
  try {
    if (raw.length !== SPACE_KEY_BYTES) throw new Error('sync: a space key has 32 bytes');
    const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
    const salt = utf8(`scrigno/sync/space/${spaceId}`);
    const [records, wrap, locator, meta] = await Promise.all([
      derive(base, salt, 'records', false),
      derive(base, salt, 'wrap', false),
      derive(base, salt, 'locator', true),
      derive(base, salt, 'meta', false),
    ]);
    return { records, wrap, locator, meta };
  } finally {
    wipe(raw);
  }
}

/**
 * A new random space key (the first device of a space). `raw` is for pairing to hand over and
 * for `sealSpaceKey`. WARNING: the caller wipes `raw`.
 */
export async function createSpaceKey(
  spaceId: string,
): Promise<{ key: SpaceKey; raw: Uint8Array<ArrayBuffer> }> {
  const raw = randomBytes(SPACE_KEY_BYTES);
  return { key: await importSpaceKey(raw.slice(), spaceId), raw };
}

const storedAd = (vault: Vault, spaceId: string) =>
  utf8(`scrigno/sync/1/space-key\u0000${vault.vaultId}\u0000${spaceId}`);

/**
 * The space key sealed for local storage under the vault's `sync` purpose key: `nonce(12) | ct`,
 * bound to the vault id and the space id. It opens only in this vault while unlocked.
 */
export async function sealSpaceKey(
  vault: Vault,
  raw: Uint8Array<ArrayBuffer>,
  spaceId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const nonce = randomBytes(12);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: storedAd(vault, spaceId) },
    vault.purposeKey('sync'),
    raw,
  );
  return concat(nonce, new Uint8Array(ct));
}

/** Opens what `sealSpaceKey` stored; a plain Error when it does not authenticate. */
export async function openSpaceKey(vault: Vault, sealed: Uint8Array, spaceId: string): Promise<SpaceKey> {
  const view = sealed as Uint8Array<ArrayBuffer>;
  let raw: ArrayBuffer;
  try {
    raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: view.subarray(0, 12), additionalData: storedAd(vault, spaceId) },
      vault.purposeKey('sync'),
      view.subarray(12),
    );
  } catch {
    throw new Error('sync: the stored space key does not open');
  }
  return importSpaceKey(new Uint8Array(raw), spaceId);
}
