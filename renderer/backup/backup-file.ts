// Writing and opening backup files in the renderer (WebCrypto). The layout is documented in
// docs/backup-format.md; the keyless parts live in shared/backup/format.ts.
import { equalBytes, toHex, writeU32 } from '../../shared/backup/bytes';
import { BackupError } from '../../shared/backup/errors';
import {
  CHECKSUM_BYTES,
  CHUNK_FRAME_BYTES,
  DEFAULT_CHUNK_SIZE,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  NONCE_PREFIX_BYTES,
  SALT_BYTES,
  encodeBackupHeader,
  inspectBackup,
  readBackupHeaderBlock,
  type BackupHeader,
  type ChunkFrame,
} from '../../shared/backup/format';
import { backupFileName } from '../../shared/backup/names';
import type { BackupCheck } from '../../shared/backup/ranking';
import { deriveFileKeys, randomBytes, sha256 } from './keys';
import { readRecords, RecordWriter, type BackupRecord } from './records';

type Bytes = Uint8Array<ArrayBuffer>;

/** What a backup is made of; records come already in their backup form (see {@link BackupRecord}). */
export interface EncodeBackupParams {
  /** The vault's `backups` purpose key (AES-256-GCM or HKDF). */
  key: CryptoKey;
  vaultId: string;
  generation: number;
  /** SHA-256 (hex) of the previous backup file, or null for the first. */
  previousSha256: string | null;
  /** The vault's key slots, serialised by the vault: opens it with the passphrase or recovery key. */
  keySlots: Uint8Array;
  records: Iterable<BackupRecord> | AsyncIterable<BackupRecord>;
  createdAt?: Date;
  /** Plaintext bytes per chunk; the default (1 MiB) suits real use, tests pick small ones. */
  chunkSize?: number;
}

/** Records per table, as written in the trailer. */
export type BackupCounts = Record<string, number>;

/** An encoded backup, ready to hand to the host. */
export interface EncodedBackup {
  bytes: Bytes;
  /** SHA-256 (hex) of `bytes`: the host checks it after writing, the next backup chains to it. */
  sha256: string;
  counts: BackupCounts;
  recordCount: number;
  fileName: string;
  header: BackupHeader;
}

interface Trailer {
  records: number;
  counts: BackupCounts;
  plaintextBytes: number;
  contentSha256: string;
}

/** The 12-byte nonce of chunk `index`: prefix (7), index (u32 big-endian), final flag (1). */
function chunkNonce(prefix: Uint8Array, index: number, final: boolean): Bytes {
  const nonce = new Uint8Array(12);
  nonce.set(prefix.subarray(0, NONCE_PREFIX_BYTES), 0);
  writeU32(nonce, NONCE_PREFIX_BYTES, index);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

/**
 * Encodes and encrypts a backup. All chunks are encrypted concurrently (WebCrypto works off the
 * main thread in Chromium); one pass of JSON encoding, one SHA-256 of the plaintext, two of the file.
 */
export async function encodeBackup(params: EncodeBackupParams): Promise<EncodedBackup> {
  const chunkSize = params.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError('backup-chunk-size-invalid');
  }
  const createdAt = params.createdAt ?? new Date();
  const fileName = backupFileName(params.vaultId, params.generation, createdAt);

  const writer = new RecordWriter();
  for await (const record of params.records) writer.add(record);
  const plain = writer.bytes();

  const salt = randomBytes(SALT_BYTES);
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const [{ key, keyCheck }, contentHash] = await Promise.all([
    deriveFileKeys(params.key, salt, 'backup'),
    sha256(plain),
  ]);
  const headerInput = {
    vaultId: params.vaultId,
    createdAt: createdAt.toISOString(),
    generation: params.generation,
    previousSha256: params.previousSha256,
    chunkSize,
    salt,
    noncePrefix,
    keyCheck,
    keySlots: params.keySlots,
  };
  const head = await encodeBackupHeader(headerInput, sha256);
  const ad = head.checksum as Bytes;

  const trailer: Trailer = {
    records: writer.count,
    counts: { ...writer.counts },
    plaintextBytes: plain.length,
    contentSha256: toHex(contentHash),
  };
  const dataChunks = Math.ceil(plain.length / chunkSize);
  const sealed = await Promise.all([
    ...Array.from({ length: dataChunks }, (_, i) =>
      crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: chunkNonce(noncePrefix, i, false), additionalData: ad },
        key,
        plain.subarray(i * chunkSize, Math.min(plain.length, (i + 1) * chunkSize)),
      ),
    ),
    crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: chunkNonce(noncePrefix, dataChunks, true), additionalData: ad },
      key,
      new TextEncoder().encode(JSON.stringify(trailer)),
    ),
  ]);

  const total =
    head.bytes.length + sealed.reduce((sum, s) => sum + CHUNK_FRAME_BYTES + s.byteLength, 0) + CHECKSUM_BYTES;
  const bytes = new Uint8Array(total);
  bytes.set(head.bytes, 0);
  let offset = head.bytes.length;
  sealed.forEach((chunk, i) => {
    bytes[offset] = i === dataChunks ? 1 : 0;
    writeU32(bytes, offset + 1, chunk.byteLength);
    bytes.set(new Uint8Array(chunk), offset + CHUNK_FRAME_BYTES);
    offset += CHUNK_FRAME_BYTES + chunk.byteLength;
  });
  bytes.set(await sha256(bytes.subarray(0, offset)), offset);
  const fileSha = toHex(await sha256(bytes));
  return {
    bytes,
    sha256: fileSha,
    counts: trailer.counts,
    recordCount: writer.count,
    fileName,
    header: { formatVersion: 1, ...headerInput },
  };
}

/** Reads the plaintext header (date, generation, vault id, key slots); no key needed. */
export async function readBackupHeader(bytes: Uint8Array): Promise<BackupHeader> {
  return (await readBackupHeaderBlock(bytes, sha256)).header;
}

/** Options for opening or verifying a backup. */
export interface OpenBackupOptions {
  /** Refuse (`foreign`) a backup of any other vault. */
  vaultId?: string;
  /** Subjects erased since (from the key ledger): their records are dropped, never decoded. */
  erasedSubjectIds?: Iterable<string>;
}

async function decryptFrame(
  bytes: Uint8Array,
  frame: ChunkFrame,
  index: number,
  key: CryptoKey,
  prefix: Uint8Array,
  ad: Bytes,
) {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: chunkNonce(prefix, index, frame.final), additionalData: ad },
    key,
    bytes.subarray(frame.offset, frame.offset + frame.length) as Bytes,
  );
}

/**
 * Tells a chunk that sits at the wrong place from a damaged one: it authenticates at another
 * index of the same file. Only runs after a failure, so its cost does not matter.
 */
async function diagnose(
  bytes: Uint8Array,
  frames: ChunkFrame[],
  bad: ChunkFrame,
  key: CryptoKey,
  prefix: Uint8Array,
  ad: Bytes,
): Promise<BackupError> {
  for (let index = 0; index < frames.length; index++) {
    if (index === bad.index) continue;
    const ok = await decryptFrame(bytes, bad, index, key, prefix, ad).then(
      () => true,
      () => false,
    );
    if (ok) return new BackupError('reordered');
  }
  return new BackupError('corrupt');
}

/** Checks and decrypts a whole backup; returns the plaintext record stream and the trailer. */
async function decryptBackup(bytes: Uint8Array, base: CryptoKey, options: OpenBackupOptions) {
  const inspection = await inspectBackup(bytes, sha256);
  const { header, frames } = inspection;
  if (options.vaultId !== undefined && header.vaultId !== options.vaultId) throw new BackupError('foreign');
  const { key, keyCheck } = await deriveFileKeys(base, header.salt, 'backup').catch(() => {
    throw new BackupError('wrong-key');
  });
  if (!equalBytes(keyCheck, header.keyCheck)) throw new BackupError('wrong-key');
  const ad = inspection.checksum as Bytes;

  const results = await Promise.all(
    frames.map((frame) =>
      decryptFrame(bytes, frame, frame.index, key, header.noncePrefix, ad).catch(() => undefined),
    ),
  );
  const failed = frames.find((_, i) => results[i] === undefined);
  if (failed) throw await diagnose(bytes, frames, failed, key, header.noncePrefix, ad);
  // Every chunk authentic yet the footer wrong: the footer itself was damaged.
  if (!inspection.footerValid) throw new BackupError('corrupt');

  const plainChunks = results.slice(0, -1) as ArrayBuffer[];
  let trailer: Trailer;
  try {
    trailer = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(results[results.length - 1]),
    ) as Trailer;
  } catch {
    throw new BackupError('corrupt');
  }
  const plain = new Uint8Array(plainChunks.reduce((sum, c) => sum + c.byteLength, 0));
  let offset = 0;
  for (const chunk of plainChunks) {
    // Only the last data chunk may be short; a short chunk elsewhere was caught by the scan.
    if (chunk.byteLength !== header.chunkSize && offset + chunk.byteLength !== plain.length)
      throw new BackupError('corrupt');
    plain.set(new Uint8Array(chunk), offset);
    offset += chunk.byteLength;
  }
  if (plain.length !== trailer.plaintextBytes || toHex(await sha256(plain)) !== trailer.contentSha256) {
    throw new BackupError('corrupt');
  }
  return { header, plain, trailer, sha256: inspection.sha256 };
}

function sameCounts(a: BackupCounts, b: BackupCounts): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The result of {@link verifyBackup}. */
export interface VerifiedBackup {
  header: BackupHeader;
  counts: BackupCounts;
  recordCount: number;
  sha256: string;
}

/**
 * Full check with the key, without building record objects: every chunk authenticates in place,
 * the content hash and the per-table counts match the trailer. Throws a `BackupError`.
 */
export async function verifyBackup(
  bytes: Uint8Array,
  key: CryptoKey,
  options: OpenBackupOptions = {},
): Promise<VerifiedBackup> {
  const { header, plain, trailer, sha256: fileSha } = await decryptBackup(bytes, key, options);
  const walked = readRecords(plain);
  if (walked.count !== trailer.records || !sameCounts(walked.counts, trailer.counts))
    throw new BackupError('corrupt');
  return { header, counts: trailer.counts, recordCount: trailer.records, sha256: fileSha };
}

/**
 * Authenticates a backup's header with the key without decrypting its data: the keyless structure
 * and footer, the key check, then the trailer chunk, whose associated data is the header checksum,
 * so a header that decrypts it was written by a holder of the key. Never throws for a bad file:
 * what it found is the {@link BackupCheck} the ranking needs.
 */
export async function checkBackupHeader(
  bytes: Uint8Array,
  base: CryptoKey,
  options: { vaultId: string },
): Promise<BackupCheck> {
  try {
    const inspection = await inspectBackup(bytes, sha256);
    const { header, frames } = inspection;
    if (!inspection.footerValid) return { ok: false, reason: 'damaged' };
    if (header.vaultId !== options.vaultId) return { ok: false, reason: 'foreign' };
    const keys = await deriveFileKeys(base, header.salt, 'backup').catch(() => undefined);
    if (!keys || !equalBytes(keys.keyCheck, header.keyCheck)) return { ok: false, reason: 'foreign' };
    const trailer = frames[frames.length - 1];
    if (!trailer?.final) return { ok: false, reason: 'damaged' };
    const opened = await decryptFrame(
      bytes,
      trailer,
      trailer.index,
      keys.key,
      header.noncePrefix,
      inspection.checksum as Bytes,
    ).then(
      () => true,
      () => false,
    );
    if (!opened) return { ok: false, reason: 'damaged' };
    return {
      ok: true,
      vaultId: header.vaultId,
      createdAt: header.createdAt,
      generation: header.generation,
      previousSha256: header.previousSha256,
      sha256: inspection.sha256,
    };
  } catch (err) {
    if (err instanceof BackupError && err.code === 'newer-version')
      return { ok: false, reason: 'newer-version' };
    if (err instanceof BackupError && err.code === 'foreign') return { ok: false, reason: 'foreign' };
    return { ok: false, reason: 'damaged' };
  }
}

/** The result of {@link openBackup}. */
export interface OpenedBackup extends VerifiedBackup {
  /** Records in file order, minus those of erased subjects. */
  records: BackupRecord[];
  /** How many records were dropped because their subject was erased. */
  droppedErased: number;
}

/**
 * Decrypts a backup into records. Records of subjects listed in `erasedSubjectIds` are dropped
 * before decoding, so an erased person never comes back from an old backup.
 */
export async function openBackup(
  bytes: Uint8Array,
  key: CryptoKey,
  options: OpenBackupOptions = {},
): Promise<OpenedBackup> {
  const { header, plain, trailer, sha256: fileSha } = await decryptBackup(bytes, key, options);
  const erased = new Set(options.erasedSubjectIds ?? []);
  const records: BackupRecord[] = [];
  let droppedErased = 0;
  const walked = readRecords(plain, {
    want: (_table, subjectId) => {
      // A shared record goes with any one of its subjects.
      if (
        subjectId !== undefined &&
        (erased.has(subjectId) ||
          (subjectId.includes(',') && subjectId.split(',').some((s) => erased.has(s))))
      ) {
        droppedErased += 1;
        return false;
      }
      return true;
    },
    record: (record) => records.push(record),
  });
  if (walked.count !== trailer.records || !sameCounts(walked.counts, trailer.counts))
    throw new BackupError('corrupt');
  return {
    header,
    counts: trailer.counts,
    recordCount: trailer.records,
    sha256: fileSha,
    records,
    droppedErased,
  };
}
