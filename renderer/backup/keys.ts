// Key derivation for backup and key-ledger files. The vault hands over its `backups` purpose
// key as a non-extractable AES-256-GCM key; an HKDF key is accepted too. Either way a fresh
// per-file key comes out of HKDF with the file's random salt, so no two files share a key.
import { KEY_CHECK_BYTES } from '../../shared/backup/format';

type Bytes = Uint8Array<ArrayBuffer>;

const utf8 = (text: string): Bytes => new TextEncoder().encode(text);

/** Domain-separation labels (HKDF `info`); part of the file format. */
export const kdfInfo = {
  ikm: 'scrigno/backup/v1/ikm',
  backupKey: 'scrigno/backup/v1/chunk-key',
  backupCheck: 'scrigno/backup/v1/key-check',
  ledgerKey: 'scrigno/keyledger/v1/key',
  ledgerCheck: 'scrigno/keyledger/v1/key-check',
  wrapKey: 'scrigno/backup/v1/subject-key-wrap',
  wrapCheck: 'scrigno/backup/v1/subject-key-wrap-check',
} as const;

/** A per-file key and the value that tells a wrong key from a damaged file. */
export interface FileKeys {
  key: CryptoKey;
  keyCheck: Uint8Array;
}

/**
 * The per-file input keying material. WebCrypto cannot run HKDF on an AES key, so an AES-GCM
 * base key is used as a PRF first: the GCM keystream for nonce `salt[0..12)` over 32 zero bytes.
 */
async function inputKeyMaterial(base: CryptoKey, salt: Bytes): Promise<CryptoKey> {
  let ikm: Bytes;
  if (base.algorithm.name === 'AES-GCM') {
    const out = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: salt.slice(0, 12) },
      base,
      new Uint8Array(32),
    );
    ikm = new Uint8Array(out, 0, 32).slice();
  } else if (base.algorithm.name === 'HKDF') {
    const params = { name: 'HKDF', hash: 'SHA-256', salt, info: utf8(kdfInfo.ikm) };
    ikm = new Uint8Array(await crypto.subtle.deriveBits(params, base, 256));
  } else {
    throw new TypeError('backup-key-unsupported');
  }
  try {
    return await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey', 'deriveBits']);
  } finally {
    ikm.fill(0);
  }
}

/**
 * Derives the AES-256-GCM key and the key-check value of one file (`wrap`: of the vault's own
 * copy of the subject backup keys).
 */
export async function deriveFileKeys(
  base: CryptoKey,
  salt: Uint8Array,
  purpose: 'backup' | 'ledger' | 'wrap',
): Promise<FileKeys> {
  const saltBytes = salt.slice();
  const ikm = await inputKeyMaterial(base, saltBytes);
  const info =
    purpose === 'backup'
      ? [kdfInfo.backupKey, kdfInfo.backupCheck]
      : purpose === 'ledger'
        ? [kdfInfo.ledgerKey, kdfInfo.ledgerCheck]
        : [kdfInfo.wrapKey, kdfInfo.wrapCheck];
  const [key, check] = await Promise.all([
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: saltBytes, info: utf8(info[0] ?? '') },
      ikm,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    ),
    crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: saltBytes, info: utf8(info[1] ?? '') },
      ikm,
      KEY_CHECK_BYTES * 8,
    ),
  ]);
  return { key, keyCheck: new Uint8Array(check) };
}

/** SHA-256 through WebCrypto, in the shape the shared format code expects. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Bytes));
}

/** Random bytes from the platform generator. */
export function randomBytes(length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}
