// Key derivation and the AEAD envelope (AES-256-GCM through WebCrypto).
//
// Envelope bytes: version(1) | key id(1) | nonce(12) | ciphertext+tag(≥16).
// The version and key id bytes are part of the associated data, so neither can be edited.
import { concat, randomBytes, utf8, wipe } from './bytes';
import { VaultError } from './errors';

/** Envelope format written by this code. */
export const ENVELOPE_VERSION = 1;
/** Key id: the records purpose key (organisation-level data). */
export const KEY_RECORDS = 1;
/** Key id: a key derived from the data-subject key of the row's subject id. */
export const KEY_SUBJECT = 2;
/** Key id: the subject-keys purpose key (wrapped data-subject keys). */
export const KEY_SUBJECT_PACK = 3;
/** Key id: a pack key derived from the data-subject keys of all the pack's member subjects. */
export const KEY_MEMBERS = 4;
/** Key id: a single-record key derived from the data-subject keys of every subject of a shared record. */
export const KEY_SHARED = 5;

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEAD_BYTES = 2 + NONCE_BYTES;

/** Purpose keys derived from the vault master key. */
export type Purpose = 'records' | 'audit' | 'backups' | 'blind' | 'sync' | 'header' | 'subject-keys';

/** Imports raw bytes as a non-extractable AES-256-GCM key and wipes them. */
export async function importAesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  } finally {
    wipe(raw);
  }
}

/** Imports key material for HKDF (non-extractable) and wipes it. */
export async function importHkdfKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey', 'deriveBits']);
  } finally {
    wipe(raw);
  }
}

/** HKDF-SHA-256 to a non-extractable AES-GCM or HMAC key. */
export function hkdfKey(
  base: CryptoKey,
  salt: Uint8Array<ArrayBuffer>,
  info: string,
  kind: 'aes' | 'hmac',
): Promise<CryptoKey> {
  const params = { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(info) };
  return kind === 'aes'
    ? crypto.subtle.deriveKey(params, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    : crypto.subtle.deriveKey(params, base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
        'sign',
        'verify',
      ]);
}

/**
 * An AES-GCM key derived from the concatenated data-subject keys `ikm` (wiped here) with HKDF.
 * Without any one of those keys the result cannot be computed: that is what crypto-shredding of
 * one member relies on.
 */
export async function subjectDerivedKey(
  ikm: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  info: string,
): Promise<CryptoKey> {
  return hkdfKey(await importHkdfKey(ikm), salt, info, 'aes');
}

/** All purpose keys of one unlocked vault. */
export type PurposeKeys = Record<Purpose, CryptoKey>;

/** Derives every purpose key from the master key; the vault id is the HKDF salt. */
export async function derivePurposeKeys(vmk: CryptoKey, vaultId: string): Promise<PurposeKeys> {
  const salt = utf8(`scrigno/vault/${vaultId}`);
  const info = (p: Purpose) => `scrigno/v1/purpose/${p}`;
  const hmac = new Set<Purpose>(['blind', 'header']);
  const purposes: Purpose[] = ['records', 'audit', 'backups', 'blind', 'sync', 'header', 'subject-keys'];
  const keys = await Promise.all(
    purposes.map((p) => hkdfKey(vmk, salt, info(p), hmac.has(p) ? 'hmac' : 'aes')),
  );
  return Object.fromEntries(purposes.map((p, i) => [p, keys[i]!])) as PurposeKeys;
}

/**
 * A purpose key as bytes: the same HKDF output `derivePurposeKeys` makes that key of (the blind
 * index's in-thread HMAC; a retired backups key kept after a rotation). WARNING: the caller wipes it.
 */
export async function derivePurposeBytes(
  vmk: CryptoKey,
  vaultId: string,
  purpose: Purpose,
): Promise<Uint8Array<ArrayBuffer>> {
  const params = {
    name: 'HKDF',
    hash: 'SHA-256',
    salt: utf8(`scrigno/vault/${vaultId}`),
    info: utf8(`scrigno/v1/purpose/${purpose}`),
  };
  return new Uint8Array(await crypto.subtle.deriveBits(params, vmk, 256));
}

/** The blind-index key as bytes (see `derivePurposeBytes`). WARNING: the caller must wipe it. */
export const deriveBlindKeyBytes = (vmk: CryptoKey, vaultId: string): Promise<Uint8Array<ArrayBuffer>> =>
  derivePurposeBytes(vmk, vaultId, 'blind');

/** Encrypts `plaintext` into an envelope bound to `ad`. `nonce` is for known-answer tests only. */
export async function seal(
  key: CryptoKey,
  keyId: number,
  plaintext: Uint8Array<ArrayBuffer>,
  ad: Uint8Array<ArrayBuffer>,
  nonce: Uint8Array<ArrayBuffer> = randomBytes(NONCE_BYTES),
): Promise<Uint8Array<ArrayBuffer>> {
  const head = new Uint8Array(HEAD_BYTES);
  head[0] = ENVELOPE_VERSION;
  head[1] = keyId;
  head.set(nonce, 2);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: concat(head.subarray(0, 2), ad) },
    key,
    plaintext,
  );
  return concat(head, new Uint8Array(ct));
}

/** The key id of an envelope, or `record-tampered` when it is not a well-formed envelope. */
export function envelopeKeyId(envelope: Uint8Array): number {
  if (
    !(envelope instanceof Uint8Array) ||
    envelope.length < HEAD_BYTES + TAG_BYTES ||
    envelope[0] !== ENVELOPE_VERSION
  ) {
    throw new VaultError('record-tampered');
  }
  return envelope[1]!;
}

/** Decrypts an envelope; any mismatch (bytes, key, associated data) is `record-tampered`. */
export function open(
  key: CryptoKey,
  envelope: Uint8Array,
  ad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    envelopeKeyId(envelope);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new VaultError('record-tampered'));
  }
  const full = new Uint8Array(2 + ad.length);
  full[0] = envelope[0]!;
  full[1] = envelope[1]!;
  full.set(ad, 2);
  // Views, not copies: WebCrypto copies its inputs itself.
  const view = envelope as Uint8Array<ArrayBuffer>;
  return crypto.subtle
    .decrypt(
      { name: 'AES-GCM', iv: view.subarray(2, HEAD_BYTES), additionalData: full },
      key,
      view.subarray(HEAD_BYTES),
    )
    .then(
      (pt) => new Uint8Array(pt),
      () => {
        throw new VaultError('record-tampered');
      },
    );
}

/**
 * A growable buffer that text is encoded into just before a WebCrypto call. WebCrypto copies its
 * inputs when it is called, so one buffer serves every call; this spares the garbage collector
 * hundreds of megabytes of short-lived buffers at 100k records. WARNING: the view it returns is
 * only valid until the next `fill`: pass it to WebCrypto before anything awaits.
 */
class Scratch {
  #buffer = new Uint8Array(1 << 16);
  #encoder = new TextEncoder();

  fill(text: string, head?: Uint8Array): Uint8Array<ArrayBuffer> {
    const offset = head?.length ?? 0;
    const need = offset + text.length * 3;
    if (this.#buffer.length < need) this.#buffer = new Uint8Array(Math.max(need, this.#buffer.length * 2));
    if (head) this.#buffer.set(head);
    const { written } = this.#encoder.encodeInto(text, this.#buffer.subarray(offset));
    return this.#buffer.subarray(0, offset + written);
  }

  /** Zeroes what the last calls left in the buffer. */
  wipe(): void {
    this.#buffer.fill(0);
  }

  /** A copy of the whole buffer, for the tests that prove a lock leaves nothing in it. */
  contents(): Uint8Array {
    return this.#buffer.slice();
  }
}

const plainScratch = new Scratch();
const adScratch = new Scratch();

/**
 * Zeroes the shared encoding buffers, which hold the plaintext of the last record sealed until
 * the next one. Called on lock. Safe at any time between calls: a filled view is used at once.
 */
export function wipeScratch(): void {
  plainScratch.wipe();
  adScratch.wipe();
}

/** The shared encoding buffers' bytes (tests only: the lock must leave no plaintext there). */
export function scratchContents(): Uint8Array[] {
  return [plainScratch.contents(), adScratch.contents()];
}

/** An envelope kept in two parts: `h` = version(1) | key id(1) | nonce(12), `e` = ciphertext+tag. */
export interface DetachedEnvelope {
  h: Uint8Array;
  e: Uint8Array;
}

/**
 * `seal` for large texts: encrypts the UTF-8 of `plaintext` bound to the UTF-8 of `ad`, without
 * copying the ciphertext into one buffer with its head (the two are stored side by side).
 */
export function sealText(
  key: CryptoKey,
  keyId: number,
  plaintext: string,
  ad: string,
): Promise<DetachedEnvelope> {
  return sealDetached(key, keyId, () => plainScratch.fill(plaintext), ad);
}

/** `sealText` for a plaintext already encoded (a pack re-sealed as it was, by a key rotation). */
export function sealBytes(
  key: CryptoKey,
  keyId: number,
  plaintext: Uint8Array<ArrayBuffer>,
  ad: string,
): Promise<DetachedEnvelope> {
  return sealDetached(key, keyId, () => plaintext, ad);
}

function sealDetached(
  key: CryptoKey,
  keyId: number,
  plaintext: () => Uint8Array<ArrayBuffer>,
  ad: string,
): Promise<DetachedEnvelope> {
  const h = new Uint8Array(HEAD_BYTES);
  h[0] = ENVELOPE_VERSION;
  h[1] = keyId;
  crypto.getRandomValues(h.subarray(2));
  const additionalData = adScratch.fill(ad, h.subarray(0, 2));
  return crypto.subtle
    .encrypt({ name: 'AES-GCM', iv: h.subarray(2), additionalData }, key, plaintext())
    .then((ct) => ({ h, e: new Uint8Array(ct) }));
}

/** The key id of a detached envelope, or `record-tampered` when it is malformed. */
export function detachedKeyId(envelope: DetachedEnvelope): number {
  const { h, e } = envelope;
  if (
    !(h instanceof Uint8Array) ||
    !(e instanceof Uint8Array) ||
    h.length !== HEAD_BYTES ||
    e.length < TAG_BYTES ||
    h[0] !== ENVELOPE_VERSION
  ) {
    throw new VaultError('record-tampered');
  }
  return h[1]!;
}

/** Opens a `sealText` envelope; any mismatch is `record-tampered`. */
export function openText(
  key: CryptoKey,
  envelope: DetachedEnvelope,
  ad: string,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    detachedKeyId(envelope);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new VaultError('record-tampered'));
  }
  const h = envelope.h as Uint8Array<ArrayBuffer>;
  const additionalData = adScratch.fill(ad, h.subarray(0, 2));
  return crypto.subtle
    .decrypt(
      { name: 'AES-GCM', iv: h.subarray(2), additionalData },
      key,
      envelope.e as Uint8Array<ArrayBuffer>,
    )
    .then(
      (pt) => new Uint8Array(pt),
      () => {
        throw new VaultError('record-tampered');
      },
    );
}
