/**
 * The byte layout of backup and key-ledger files (see docs/backup-format.md), without any
 * cryptography: building and parsing the plaintext header, walking the chunk frames, checking
 * the checksums. The host uses it to verify a file it cannot decrypt; the renderer builds on it.
 */
import { z } from 'zod';
import { fromBase64, readU16, readU32, toBase64, toHex, equalBytes, writeU16, writeU32 } from './bytes';
import { BackupError } from './errors';

/** SHA-256 as both runtimes provide it (WebCrypto in the renderer, node:crypto on the host). */
export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

/** First bytes of every backup file. */
export const BACKUP_MAGIC = new TextEncoder().encode('SCRIGNOB');
/** First bytes of every key-ledger file. */
export const LEDGER_MAGIC = new TextEncoder().encode('SCRIGNOL');
/** The backup format version this code writes and reads. */
export const BACKUP_FORMAT_VERSION = 1;
/** The key-ledger format version this code writes and reads. */
export const LEDGER_FORMAT_VERSION = 1;
/** Plaintext bytes per data chunk unless the writer chooses otherwise. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** Smallest chunk size a reader accepts (tests use small chunks to get many of them). */
export const MIN_CHUNK_SIZE = 64;
/** Largest chunk size a reader accepts. */
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** Largest sealed trailer chunk a reader accepts. */
export const MAX_TRAILER_BYTES = 1024 * 1024;
/** AES-GCM tag length. */
export const TAG_BYTES = 16;
/** Random bytes of the per-file nonce prefix; index (4) and final flag (1) complete the 12. */
export const NONCE_PREFIX_BYTES = 7;
/** Random bytes of the per-file HKDF salt. */
export const SALT_BYTES = 32;
/** Bytes of the key-check value in the header. */
export const KEY_CHECK_BYTES = 16;
/** Length of a SHA-256 digest (header checksum and file footer). */
export const CHECKSUM_BYTES = 32;
/** magic (8) + version (2) + header length (4). */
export const PREAMBLE_BYTES = 14;
/** Flags (1) + sealed length (4) before every chunk. */
export const CHUNK_FRAME_BYTES = 5;
const MAX_HEADER_JSON = 16 * 1024 * 1024;

/** The plaintext header of a backup: readable without the key. */
export interface BackupHeader {
  formatVersion: number;
  vaultId: string;
  /** ISO 8601 UTC creation time. */
  createdAt: string;
  generation: number;
  /** SHA-256 (hex) of the previous backup file of this vault, or null for the first. */
  previousSha256: string | null;
  /** Plaintext bytes per data chunk. */
  chunkSize: number;
  salt: Uint8Array;
  noncePrefix: Uint8Array;
  keyCheck: Uint8Array;
  /** The vault's key-slot material, opaque here: what opens the vault with passphrase or recovery key. */
  keySlots: Uint8Array;
}

const b64 = (length?: number) =>
  z.string().transform((text, ctx) => {
    const bytes = fromBase64(text);
    if (!bytes || (length !== undefined && bytes.length !== length)) {
      ctx.addIssue({ code: 'custom', message: 'bad bytes' });
      return z.NEVER;
    }
    return bytes;
  });

const backupHeaderJsonSchema = z.object({
  vaultId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  createdAt: z.string().datetime(),
  generation: z.number().int().nonnegative(),
  previousSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  chunkSize: z.number().int().min(MIN_CHUNK_SIZE).max(MAX_CHUNK_SIZE),
  cipher: z.literal('AES-256-GCM'),
  kdf: z.literal('HKDF-SHA-256'),
  salt: b64(SALT_BYTES),
  noncePrefix: b64(NONCE_PREFIX_BYTES),
  keyCheck: b64(KEY_CHECK_BYTES),
  keySlots: b64(),
});

/** A parsed container head: the JSON it carries and where the body starts. */
export interface ContainerHead {
  formatVersion: number;
  json: unknown;
  /** The stored SHA-256 of magic..JSON; also the associated data of every sealed part. */
  checksum: Uint8Array;
  /** Offset of the first byte after the checksum. */
  bodyStart: number;
}

/** Builds magic, version, length-prefixed JSON and its SHA-256 checksum. */
export async function encodeContainerHead(
  magic: Uint8Array,
  version: number,
  json: unknown,
  sha256: Sha256,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; checksum: Uint8Array }> {
  const text = new TextEncoder().encode(JSON.stringify(json));
  const bytes = new Uint8Array(PREAMBLE_BYTES + text.length + CHECKSUM_BYTES);
  bytes.set(magic, 0);
  writeU16(bytes, 8, version);
  writeU32(bytes, 10, text.length);
  bytes.set(text, PREAMBLE_BYTES);
  const checksum = await sha256(bytes.subarray(0, PREAMBLE_BYTES + text.length));
  bytes.set(checksum, PREAMBLE_BYTES + text.length);
  return { bytes, checksum };
}

/**
 * Parses and checks a container head. Order matters for the error codes: a file that is not
 * ours is `foreign`, a newer one `newer-version`, a short one `truncated`, a damaged one `corrupt`.
 */
export async function parseContainerHead(
  bytes: Uint8Array,
  magic: Uint8Array,
  supportedVersion: number,
  sha256: Sha256,
): Promise<ContainerHead> {
  const seen = bytes.subarray(0, magic.length);
  if (!equalBytes(seen, magic.subarray(0, seen.length))) throw new BackupError('foreign');
  if (bytes.length < PREAMBLE_BYTES) throw new BackupError('truncated');
  const formatVersion = readU16(bytes, 8);
  const jsonLength = readU32(bytes, 10);
  if (jsonLength > MAX_HEADER_JSON) throw new BackupError('corrupt');
  const jsonEnd = PREAMBLE_BYTES + jsonLength;
  if (bytes.length < jsonEnd + CHECKSUM_BYTES) throw new BackupError('truncated');
  const checksum = bytes.slice(jsonEnd, jsonEnd + CHECKSUM_BYTES);
  // The preamble and checksum layout is the same in every version, so a flipped version
  // number reads as damage, and only an intact newer header as `newer-version`.
  if (!equalBytes(await sha256(bytes.subarray(0, jsonEnd)), checksum)) throw new BackupError('corrupt');
  if (formatVersion > supportedVersion) throw new BackupError('newer-version');
  if (formatVersion < 1) throw new BackupError('corrupt');
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE_BYTES, jsonEnd)),
    );
  } catch {
    throw new BackupError('corrupt');
  }
  return { formatVersion, json, checksum, bodyStart: jsonEnd + CHECKSUM_BYTES };
}

/** Header fields a writer supplies (the version is implied). */
export type BackupHeaderInput = Omit<BackupHeader, 'formatVersion'>;

/** Serialises a backup header block (preamble, JSON, checksum). */
export function encodeBackupHeader(
  header: BackupHeaderInput,
  sha256: Sha256,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; checksum: Uint8Array }> {
  const json = {
    vaultId: header.vaultId,
    createdAt: header.createdAt,
    generation: header.generation,
    previousSha256: header.previousSha256,
    chunkSize: header.chunkSize,
    cipher: 'AES-256-GCM',
    kdf: 'HKDF-SHA-256',
    salt: toBase64(header.salt),
    noncePrefix: toBase64(header.noncePrefix),
    keyCheck: toBase64(header.keyCheck),
    keySlots: toBase64(header.keySlots),
  };
  return encodeContainerHead(BACKUP_MAGIC, BACKUP_FORMAT_VERSION, json, sha256);
}

/** Reads and checks the plaintext header of a backup file; no key needed. */
export async function readBackupHeaderBlock(
  bytes: Uint8Array,
  sha256: Sha256,
): Promise<{ header: BackupHeader; checksum: Uint8Array; bodyStart: number }> {
  const head = await parseContainerHead(bytes, BACKUP_MAGIC, BACKUP_FORMAT_VERSION, sha256);
  const parsed = backupHeaderJsonSchema.safeParse(head.json);
  if (!parsed.success) throw new BackupError('corrupt');
  const { cipher: _c, kdf: _k, ...fields } = parsed.data;
  return {
    header: { formatVersion: head.formatVersion, ...fields },
    checksum: head.checksum,
    bodyStart: head.bodyStart,
  };
}

/** Where one sealed chunk lies in the file. */
export interface ChunkFrame {
  index: number;
  final: boolean;
  /** Offset of the sealed bytes (ciphertext and tag). */
  offset: number;
  length: number;
}

/**
 * Walks the chunk frames after the header and checks the footer position. Detects truncation
 * (no final chunk, a frame cut short, a short footer) and structural damage, not bit flips
 * inside the ciphertext: those are found by the footer checksum or by authentication.
 */
export function scanBackupChunks(bytes: Uint8Array, bodyStart: number, chunkSize: number): ChunkFrame[] {
  const frames: ChunkFrame[] = [];
  const fullSealed = chunkSize + TAG_BYTES;
  let offset = bodyStart;
  let shortSeen = false;
  for (;;) {
    if (bytes.length - offset < CHUNK_FRAME_BYTES) throw new BackupError('truncated');
    const flags = bytes[offset] ?? 0;
    if ((flags & ~1) !== 0) throw new BackupError('corrupt');
    const final = flags === 1;
    const length = readU32(bytes, offset + 1);
    const valid = final
      ? length >= TAG_BYTES + 2 && length <= MAX_TRAILER_BYTES
      : length > TAG_BYTES && length <= fullSealed && !shortSeen;
    if (!valid) throw new BackupError('corrupt');
    if (offset + CHUNK_FRAME_BYTES + length > bytes.length) throw new BackupError('truncated');
    frames.push({ index: frames.length, final, offset: offset + CHUNK_FRAME_BYTES, length });
    offset += CHUNK_FRAME_BYTES + length;
    // Only the last data chunk may be shorter than a full one.
    if (!final && length < fullSealed) shortSeen = true;
    if (final) break;
  }
  const rest = bytes.length - offset;
  if (rest < CHECKSUM_BYTES) throw new BackupError('truncated');
  if (rest > CHECKSUM_BYTES) throw new BackupError('corrupt');
  return frames;
}

/** The result of a keyless structural check of a backup file. */
export interface BackupInspection {
  header: BackupHeader;
  /** Header checksum: associated data of every chunk. */
  checksum: Uint8Array;
  frames: ChunkFrame[];
  /** Whether the footer (SHA-256 of everything before it) matches. */
  footerValid: boolean;
  /** SHA-256 (hex) of the whole file. */
  sha256: string;
}

/**
 * Checks everything that can be checked without the key: magic, version, header checksum, chunk
 * framing and the footer checksum. Throws a {@link BackupError}; a bad footer is reported as
 * `footerValid: false` so the renderer can first look for a more precise cause.
 */
export async function inspectBackup(bytes: Uint8Array, sha256: Sha256): Promise<BackupInspection> {
  const { header, checksum, bodyStart } = await readBackupHeaderBlock(bytes, sha256);
  const frames = scanBackupChunks(bytes, bodyStart, header.chunkSize);
  const footerAt = bytes.length - CHECKSUM_BYTES;
  const [footer, whole] = await Promise.all([sha256(bytes.subarray(0, footerAt)), sha256(bytes)]);
  return {
    header,
    checksum,
    frames,
    footerValid: equalBytes(footer, bytes.subarray(footerAt)),
    sha256: toHex(whole),
  };
}

/** Keyless check for the host: throws `corrupt` on a bad footer as well. */
export async function verifyBackupStructure(bytes: Uint8Array, sha256: Sha256): Promise<BackupInspection> {
  const inspection = await inspectBackup(bytes, sha256);
  if (!inspection.footerValid) throw new BackupError('corrupt');
  return inspection;
}

/** The plaintext head of a key-ledger file. */
export interface LedgerHead {
  formatVersion: number;
  vaultId: string;
  /** Grows by one on every rewrite; a reader takes the valid copy with the highest. */
  generation: number;
  writtenAt: string;
  salt: Uint8Array;
  nonce: Uint8Array;
  keyCheck: Uint8Array;
}

const ledgerHeadJsonSchema = z.object({
  vaultId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  generation: z.number().int().nonnegative(),
  writtenAt: z.string().datetime(),
  cipher: z.literal('AES-256-GCM'),
  kdf: z.literal('HKDF-SHA-256'),
  salt: b64(SALT_BYTES),
  nonce: b64(12),
  keyCheck: b64(KEY_CHECK_BYTES),
});

/** Serialises a key-ledger head block (preamble, JSON, checksum). */
export function encodeLedgerHead(
  head: Omit<LedgerHead, 'formatVersion'>,
  sha256: Sha256,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; checksum: Uint8Array }> {
  const json = {
    vaultId: head.vaultId,
    generation: head.generation,
    writtenAt: head.writtenAt,
    cipher: 'AES-256-GCM',
    kdf: 'HKDF-SHA-256',
    salt: toBase64(head.salt),
    nonce: toBase64(head.nonce),
    keyCheck: toBase64(head.keyCheck),
  };
  return encodeContainerHead(LEDGER_MAGIC, LEDGER_FORMAT_VERSION, json, sha256);
}

/**
 * Reads a key-ledger file's head and locates its sealed body (`u32` length, then exactly that
 * many bytes to the end of the file). No key needed.
 */
export async function readLedgerStructure(
  bytes: Uint8Array,
  sha256: Sha256,
): Promise<{ head: LedgerHead; checksum: Uint8Array; sealedOffset: number; sealedLength: number }> {
  const block = await parseContainerHead(bytes, LEDGER_MAGIC, LEDGER_FORMAT_VERSION, sha256);
  const parsed = ledgerHeadJsonSchema.safeParse(block.json);
  if (!parsed.success) throw new BackupError('corrupt');
  const { cipher: _c, kdf: _k, ...fields } = parsed.data;
  if (bytes.length < block.bodyStart + 4) throw new BackupError('truncated');
  const sealedLength = readU32(bytes, block.bodyStart);
  const sealedOffset = block.bodyStart + 4;
  if (sealedLength < TAG_BYTES) throw new BackupError('corrupt');
  if (sealedOffset + sealedLength > bytes.length) throw new BackupError('truncated');
  if (sealedOffset + sealedLength < bytes.length) throw new BackupError('corrupt');
  return {
    head: { formatVersion: block.formatVersion, ...fields },
    checksum: block.checksum,
    sealedOffset,
    sealedLength,
  };
}
