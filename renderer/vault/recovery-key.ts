// The printed recovery key: 160 random bits in Crockford base32, with a short check, grouped by 5.
import { sha256, wipe } from './bytes';
import { VaultError } from './errors';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random bytes in a recovery key. */
export const RECOVERY_KEY_BYTES = 20;
const DATA_CHARS = 32;
const CHECK_CHARS = 3;

function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of text) {
    buffer = (buffer << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 255;
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  return out;
}

async function checkChars(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return encodeBase32(await sha256(bytes)).slice(0, CHECK_CHARS);
}

/** Formats recovery key bytes for humans: `XXXXX-XXXXX-…` (7 groups of 5). */
export async function formatRecoveryKey(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const text = encodeBase32(bytes) + (await checkChars(bytes));
  return text.match(/.{1,5}/g)!.join('-');
}

/**
 * Parses a typed recovery key forgivingly (case, spaces, dashes, O/0 and I/L/1 confusions).
 * A malformed key or a failed check is `wrong-recovery-key`.
 */
export async function parseRecoveryKey(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const clean = text
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (clean.length !== DATA_CHARS + CHECK_CHARS || [...clean].some((ch) => !ALPHABET.includes(ch))) {
    throw new VaultError('wrong-recovery-key');
  }
  const bytes = decodeBase32(clean.slice(0, DATA_CHARS));
  if ((await checkChars(bytes)) !== clean.slice(DATA_CHARS)) {
    wipe(bytes);
    throw new VaultError('wrong-recovery-key');
  }
  return bytes;
}
