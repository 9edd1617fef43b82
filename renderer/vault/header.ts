// The plaintext vault header: layout, checksum, MAC and the associated data of each key slot.
//
// Bytes: MAGIC(4) | format version(1) | body length(u32 BE) | body (UTF-8 JSON) | MAC(32) | SHA-256(32)
// The checksum covers everything before it and detects accidental damage. The MAC is
// HMAC-SHA-256 under a key derived from the vault master key over the body bytes, and detects
// deliberate edits once a slot has been opened. See README.md for the error matrix.
import { z } from 'zod';
import { concat, equalBytes, fromUtf8, sha256, utf8 } from './bytes';
import { VaultError } from './errors';
import { meetsFloor, withinCeiling, type KdfParams } from './policy';

/** Header format written by this code; a higher one on disk is `newer-version`. */
export const HEADER_VERSION = 1;
const MAGIC = utf8('SCRV');
const PREFIX = 4 + 1 + 4;
const MAC_BYTES = 32;
const SUM_BYTES = 32;

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const passphraseSlotSchema = z.strictObject({
  id,
  kind: z.literal('passphrase'),
  kdf: z.strictObject({
    alg: z.literal('argon2id'),
    v: z.literal(19),
    m: z.number(),
    t: z.number(),
    p: z.number(),
  }),
  salt: b64url,
  nonce: b64url,
  wrapped: b64url,
});
const recoverySlotSchema = z.strictObject({
  id,
  kind: z.literal('recovery'),
  kdf: z.strictObject({ alg: z.literal('hkdf-sha256') }),
  salt: b64url,
  nonce: b64url,
  wrapped: b64url,
});
const headerBodySchema = z.strictObject({
  vaultId: id,
  createdAt: z.string().max(40),
  slots: z
    .array(z.discriminatedUnion('kind', [passphraseSlotSchema, recoverySlotSchema]))
    .min(1)
    .max(8),
});

/** A key slot holding the master key wrapped under an Argon2id-derived key. */
export type PassphraseSlot = z.infer<typeof passphraseSlotSchema>;
/** A key slot holding the master key wrapped under a key derived from the recovery key. */
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
/** Any key slot. */
export type Slot = PassphraseSlot | RecoverySlot;
/** The authenticated header fields. */
export type HeaderBody = z.infer<typeof headerBodySchema>;

/** A header whose checksum and structure are valid; its MAC is checked after a slot opens. */
export interface ParsedHeader {
  body: HeaderBody;
  bodyBytes: Uint8Array<ArrayBuffer>;
  mac: Uint8Array<ArrayBuffer>;
}

/** Serialises a header body and seals it with MAC and checksum. */
export async function encodeHeader(body: HeaderBody, macKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const bodyBytes = utf8(JSON.stringify(body));
  const prefix = new Uint8Array(PREFIX);
  prefix.set(MAGIC, 0);
  prefix[4] = HEADER_VERSION;
  new DataView(prefix.buffer).setUint32(5, bodyBytes.length);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', macKey, bodyBytes));
  const sealed = concat(prefix, bodyBytes, mac);
  return concat(sealed, await sha256(sealed));
}

/**
 * Checks magic, version, length and checksum (`header-damaged` / `newer-version`), then the
 * structure and KDF bounds. A header with a valid checksum but an impossible structure, or with
 * KDF parameters below `floor`, was written deliberately: `header-tampered`.
 */
export async function parseHeader(bytes: Uint8Array, floor: KdfParams): Promise<ParsedHeader> {
  if (!(bytes instanceof Uint8Array) || bytes.length < PREFIX + MAC_BYTES + SUM_BYTES)
    throw new VaultError('header-damaged');
  if (!equalBytes(bytes.subarray(0, 4), MAGIC)) throw new VaultError('header-damaged');
  const version = bytes[4]!;
  // Checked before the checksum: a newer format may lay the rest out differently.
  if (version > HEADER_VERSION) throw new VaultError('newer-version');
  if (version < 1) throw new VaultError('header-damaged');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5);
  if (PREFIX + length + MAC_BYTES + SUM_BYTES !== bytes.length) throw new VaultError('header-damaged');
  const sealed = bytes.slice(0, bytes.length - SUM_BYTES);
  if (!equalBytes(await sha256(sealed), bytes.subarray(bytes.length - SUM_BYTES)))
    throw new VaultError('header-damaged');

  const bodyBytes = bytes.slice(PREFIX, PREFIX + length);
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bodyBytes));
  } catch {
    throw new VaultError('header-tampered');
  }
  const parsed = headerBodySchema.safeParse(json);
  if (!parsed.success) throw new VaultError('header-tampered');
  const body = parsed.data;
  const kinds = body.slots.map((s) => s.kind);
  if (
    kinds.filter((k) => k === 'passphrase').length > 1 ||
    kinds.filter((k) => k === 'recovery').length > 1
  ) {
    throw new VaultError('header-tampered');
  }
  for (const slot of body.slots) {
    // A valid checksum over parameters we would never write means someone recomputed it.
    if (slot.kind === 'passphrase' && (!withinCeiling(slot.kdf) || !meetsFloor(slot.kdf, floor))) {
      throw new VaultError('header-tampered');
    }
  }
  return { body, bodyBytes, mac: bytes.slice(PREFIX + length, PREFIX + length + MAC_BYTES) };
}

/** Verifies the header MAC with the key derived from the just-unwrapped master key. */
export function verifyHeaderMac(header: ParsedHeader, macKey: CryptoKey): Promise<boolean> {
  return crypto.subtle.verify('HMAC', macKey, header.mac, header.bodyBytes);
}

/**
 * Associated data of one slot: the vault id, the header version and every field of the slot that
 * influences its key. Per slot (not the whole header) so one slot can be rewritten without the
 * secret of the others.
 */
export function slotAd(vaultId: string, slot: Slot): Uint8Array<ArrayBuffer> {
  const kdf =
    slot.kind === 'passphrase'
      ? `argon2id:${slot.kdf.v}:${slot.kdf.m}:${slot.kdf.t}:${slot.kdf.p}`
      : 'hkdf-sha256';
  return utf8(['scrigno/slot/1', HEADER_VERSION, vaultId, slot.id, slot.kind, kdf, slot.salt].join('\u0000'));
}
