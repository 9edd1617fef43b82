// Passphrase protection of an archive: Argon2id (through the vault's KDF runner, in a worker in
// the app) derives an AES-256-GCM key; the envelope header is the associated data.
import {
  decodeEnvelope,
  encodeEnvelopePrefix,
  FormatError,
  type EnvelopeHeader,
} from '../../../shared/formats';
import {
  concat,
  randomBytes,
  utf8,
  defaultKdf,
  type KdfRunner,
  PRODUCTION_KDF_FLOOR,
  withinCeiling,
  type KdfParams,
} from '../../vault';

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function aesKey(
  passphrase: string,
  salt: Uint8Array,
  params: KdfParams,
  kdf: KdfRunner,
): Promise<CryptoKey> {
  const raw = await kdf(utf8(passphrase.normalize('NFC')), salt, params);
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

/** Encrypts archive bytes under a passphrase (Argon2id at the production floor by default). */
export async function encryptArchive(
  zip: Uint8Array,
  passphrase: string,
  options: { kdf?: KdfRunner; params?: KdfParams } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const params = options.params ?? PRODUCTION_KDF_FLOOR;
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const header: EnvelopeHeader = {
    kdf: 'argon2id',
    m: params.m,
    t: params.t,
    p: params.p,
    salt: b64(salt),
    cipher: 'aes-256-gcm',
    nonce: b64(nonce),
  };
  const prefix = new Uint8Array(encodeEnvelopePrefix(header));
  const key = await aesKey(passphrase, salt, params, options.kdf ?? defaultKdf);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: prefix },
    key,
    new Uint8Array(zip),
  );
  return concat(prefix, new Uint8Array(sealed));
}

/** Decrypts an encrypted archive; a wrong passphrase or any change gives `archive-passphrase`. */
export async function decryptArchive(
  bytes: Uint8Array,
  passphrase: string,
  kdf: KdfRunner = defaultKdf,
): Promise<Uint8Array<ArrayBuffer>> {
  const { header, prefix, ciphertext } = decodeEnvelope(bytes);
  const params = { m: header.m, t: header.t, p: header.p };
  // A crafted header must not make the app spend minutes and gigabytes before failing.
  if (!withinCeiling(params)) throw new FormatError('archive-corrupt');
  const key = await aesKey(passphrase, unb64(header.salt), params, kdf);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: unb64(header.nonce), additionalData: new Uint8Array(prefix) },
      key,
      new Uint8Array(ciphertext),
    );
    return new Uint8Array(plain);
  } catch {
    throw new FormatError('archive-passphrase');
  }
}
