/**
 * The envelope of a passphrase-protected archive: a small plaintext header (magic, version, KDF
 * parameters, salt, nonce) followed by the AES-256-GCM ciphertext of the archive zip. The header
 * is the associated data, so changing any parameter fails authentication. Layout in
 * docs/archive-format.md; the cryptography itself runs in the app (WebCrypto + Argon2id worker).
 */
import { z } from 'zod';
import { FormatError } from './errors';

/** First 8 bytes of an encrypted archive: ASCII `SCRGNENC`. */
export const ENVELOPE_MAGIC = new Uint8Array([0x53, 0x43, 0x52, 0x47, 0x4e, 0x45, 0x4e, 0x43]);
/** Version byte of the envelope layout. */
export const ENVELOPE_VERSION = 1;

/** The envelope header, stored as JSON after the fixed prefix. */
export interface EnvelopeHeader {
  readonly kdf: 'argon2id';
  /** Argon2id memory in KiB, iterations, parallelism. */
  readonly m: number;
  readonly t: number;
  readonly p: number;
  /** Base64 salt (16 bytes) and AES-GCM nonce (12 bytes). */
  readonly salt: string;
  readonly cipher: 'aes-256-gcm';
  readonly nonce: string;
}

const headerSchema = z.object({
  kdf: z.literal('argon2id'),
  m: z.number().int().min(8).max(4_194_304),
  t: z.number().int().min(1).max(64),
  p: z.number().int().min(1).max(16),
  // Exactly 16 and 12 bytes in standard base64: anything else is damage, refused before decoding.
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  cipher: z.literal('aes-256-gcm'),
  nonce: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
});

/** True if the bytes start like an encrypted archive. */
export function isEncryptedArchive(bytes: Uint8Array): boolean {
  return bytes.length > ENVELOPE_MAGIC.length && ENVELOPE_MAGIC.every((b, i) => bytes[i] === b);
}

/** The prefix written before the ciphertext (also the AES-GCM associated data). */
export function encodeEnvelopePrefix(header: EnvelopeHeader): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(ENVELOPE_MAGIC.length + 3 + json.length);
  out.set(ENVELOPE_MAGIC, 0);
  out[8] = ENVELOPE_VERSION;
  out[9] = json.length >> 8;
  out[10] = json.length & 0xff;
  out.set(json, 11);
  return out;
}

/** Splits an encrypted archive into header, prefix (associated data) and ciphertext. */
export function decodeEnvelope(bytes: Uint8Array): {
  header: EnvelopeHeader;
  prefix: Uint8Array;
  ciphertext: Uint8Array;
} {
  if (!isEncryptedArchive(bytes) || bytes.length < 11) throw new FormatError('not-an-archive');
  if (bytes[8] !== ENVELOPE_VERSION) throw new FormatError('archive-version');
  const length = (bytes[9]! << 8) | bytes[10]!;
  const end = 11 + length;
  if (bytes.length < end + 16) throw new FormatError('archive-corrupt');
  let header: EnvelopeHeader;
  try {
    const parsed = headerSchema.safeParse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(11, end))),
    );
    if (!parsed.success) throw new FormatError('archive-corrupt');
    header = parsed.data;
  } catch {
    throw new FormatError('archive-corrupt');
  }
  return { header, prefix: bytes.subarray(0, end), ciphertext: bytes.subarray(end) };
}
