// The key ledger beside the backups: subject keys (wrapped by the caller, opaque here) and the
// erasure list. Backups never contain subject keys, so rewriting this file without a subject's
// key makes every old backup of that person undecryptable (crypto-shredding).
import { fromBase64, toBase64, toHex, concatBytes, equalBytes, writeU32 } from '../../shared/backup/bytes';
import { BackupError } from '../../shared/backup/errors';
import { SALT_BYTES, encodeLedgerHead, readLedgerStructure } from '../../shared/backup/format';
import { keyLedgerFileName } from '../../shared/backup/names';
import { deriveFileKeys, randomBytes, sha256 } from './keys';

type Bytes = Uint8Array<ArrayBuffer>;

/** One erased subject: a random id and a date, nothing personal. */
export interface ErasureEntry {
  subjectId: string;
  /** ISO 8601 date-time of the erasure. */
  erasedAt: string;
}

/** The content of a key ledger. */
export interface KeyLedger {
  vaultId: string;
  /** Must grow on every rewrite: readers keep the valid copy with the highest generation. */
  generation: number;
  /** Subject id → wrapped subject key. */
  subjects: ReadonlyMap<string, Uint8Array>;
  erasures: readonly ErasureEntry[];
}

/** An encoded ledger, ready for `backup:ledger-write`. */
export interface EncodedKeyLedger {
  bytes: Bytes;
  sha256: string;
  /** Name of the first copy; the host writes the second as `<name>.2`. */
  fileName: string;
}

/** Encrypts a key ledger. Throws `RangeError` if an erased subject still has a key. */
export async function encodeKeyLedger(
  ledger: KeyLedger,
  key: CryptoKey,
  writtenAt: Date = new Date(),
): Promise<EncodedKeyLedger> {
  const erased = new Set(ledger.erasures.map((e) => e.subjectId));
  for (const id of ledger.subjects.keys()) {
    if (erased.has(id)) throw new RangeError('ledger-erased-subject-has-key');
  }
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(12);
  const keys = await deriveFileKeys(key, salt, 'ledger');
  const head = await encodeLedgerHead(
    {
      vaultId: ledger.vaultId,
      generation: ledger.generation,
      writtenAt: writtenAt.toISOString(),
      salt,
      nonce,
      keyCheck: keys.keyCheck,
    },
    sha256,
  );
  const body = {
    subjects: Object.fromEntries([...ledger.subjects].map(([id, wrapped]) => [id, toBase64(wrapped)])),
    erasures: ledger.erasures.map((e) => ({ subjectId: e.subjectId, erasedAt: e.erasedAt })),
  };
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: head.checksum as Bytes },
      keys.key,
      new TextEncoder().encode(JSON.stringify(body)),
    ),
  );
  const length = new Uint8Array(4);
  writeU32(length, 0, sealed.length);
  const bytes = concatBytes([head.bytes, length, sealed]);
  return { bytes, sha256: toHex(await sha256(bytes)), fileName: keyLedgerFileName(ledger.vaultId) };
}

function parseBody(text: string): Pick<KeyLedger, 'subjects' | 'erasures'> {
  const body = JSON.parse(text) as { subjects?: unknown; erasures?: unknown };
  if (typeof body.subjects !== 'object' || body.subjects === null || !Array.isArray(body.erasures))
    throw new BackupError('corrupt');
  const subjects = new Map<string, Uint8Array>();
  for (const [id, value] of Object.entries(body.subjects)) {
    const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
    if (!bytes) throw new BackupError('corrupt');
    subjects.set(id, bytes);
  }
  const erasures = body.erasures.map((e: unknown) => {
    const entry = e as Partial<ErasureEntry>;
    if (typeof entry.subjectId !== 'string' || typeof entry.erasedAt !== 'string')
      throw new BackupError('corrupt');
    return { subjectId: entry.subjectId, erasedAt: entry.erasedAt };
  });
  return { subjects, erasures };
}

/** Decrypts one copy of a key ledger; throws a `BackupError`. */
export async function openKeyLedger(
  bytes: Uint8Array,
  key: CryptoKey,
  options: { vaultId?: string } = {},
): Promise<KeyLedger> {
  const { head, checksum, sealedOffset, sealedLength } = await readLedgerStructure(bytes, sha256);
  if (options.vaultId !== undefined && head.vaultId !== options.vaultId) throw new BackupError('foreign');
  const keys = await deriveFileKeys(key, head.salt, 'ledger');
  if (!equalBytes(keys.keyCheck, head.keyCheck)) throw new BackupError('wrong-key');
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: head.nonce as Bytes, additionalData: checksum as Bytes },
      keys.key,
      bytes.subarray(sealedOffset, sealedOffset + sealedLength) as Bytes,
    );
  } catch {
    throw new BackupError('corrupt');
  }
  try {
    return {
      vaultId: head.vaultId,
      generation: head.generation,
      ...parseBody(new TextDecoder('utf-8', { fatal: true }).decode(plain)),
    };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('corrupt');
  }
}

/** The outcome of reading both ledger copies. */
export interface PickedKeyLedger {
  ledger: KeyLedger;
  /** Which copy (1 or 2) was used. */
  copy: 1 | 2;
  /** Copies that exist but could not be used, with why: the caller should rewrite them. */
  damaged: { copy: 1 | 2; code: BackupError['code'] }[];
}

/**
 * Picks the valid copy with the highest generation. Returns null if no copy exists; throws the
 * first copy's error if copies exist but none is valid (a wrong key stays `wrong-key`).
 */
export async function pickKeyLedger(
  copies: readonly (Uint8Array | null | undefined)[],
  key: CryptoKey,
  options: { vaultId?: string } = {},
): Promise<PickedKeyLedger | null> {
  let best: { ledger: KeyLedger; copy: 1 | 2 } | undefined;
  const damaged: PickedKeyLedger['damaged'] = [];
  let firstError: BackupError | undefined;
  for (const [i, bytes] of copies.slice(0, 2).entries()) {
    if (!bytes) continue;
    const copy = (i + 1) as 1 | 2;
    try {
      const ledger = await openKeyLedger(bytes, key, options);
      if (!best || ledger.generation > best.ledger.generation) best = { ledger, copy };
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      firstError ??= err;
      damaged.push({ copy, code: err.code });
    }
  }
  if (best) return { ...best, damaged };
  if (firstError) throw firstError;
  return null;
}

/** Subject ids erased according to `ledger`, for {@link openBackup}'s `erasedSubjectIds`. */
export function erasedSubjectIds(ledger: KeyLedger | null | undefined): Set<string> {
  return new Set((ledger?.erasures ?? []).map((e) => e.subjectId));
}
