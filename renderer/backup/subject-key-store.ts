// The vault's own copy of the subject backup keys and of the erasure list, so that the key ledger
// beside the backups is never the only place they exist. Stored as a record inside the vault
// (encrypted at rest like every record), each key additionally wrapped under a key derived from
// the vault's `backups` key. It also remembers the generation of the last ledger written, so an
// older ledger put back in the folder is recognised and refused.
import { fromBase64, toBase64 } from '../../shared/backup/bytes';
import { BackupError } from '../../shared/backup/errors';
import { SALT_BYTES } from '../../shared/backup/format';
import type { ErasureEntry } from './key-ledger';
import { deriveFileKeys, randomBytes } from './keys';

type Bytes = Uint8Array<ArrayBuffer>;

/** The unwrapped store, in memory for the duration of one backup or restore. */
export interface SubjectKeyStore {
  /** Generation of the newest key ledger known to be written (0: none yet). */
  ledgerGeneration: number;
  /** Subject id → raw 32-byte backup key. */
  subjects: Map<string, Uint8Array>;
  erasures: ErasureEntry[];
}

/** The stored form: JSON-safe, keys wrapped. */
export interface StoredSubjectKeys {
  format: 1;
  /** The vault id the keys are wrapped for (absent in records written before rotations). */
  vaultId?: string;
  salt: string;
  ledgerGeneration: number;
  /** Subject id → base64 of nonce (12) ‖ AES-GCM(wrap key, raw key, AD = vault id/subject id). */
  subjects: Record<string, string>;
  erasures: ErasureEntry[];
}

/** An empty store: a vault that has not written a ledger yet. */
export function emptySubjectKeyStore(): SubjectKeyStore {
  return { ledgerGeneration: 0, subjects: new Map(), erasures: [] };
}

const ad = (vaultId: string, subjectId: string) => new TextEncoder().encode(`${vaultId}/${subjectId}`);

/** Wraps every key of `store` for storage in the vault, under a fresh salt. */
export async function wrapSubjectKeys(
  store: SubjectKeyStore,
  backupsKey: CryptoKey,
  vaultId: string,
): Promise<StoredSubjectKeys> {
  const salt = randomBytes(SALT_BYTES);
  const { key } = await deriveFileKeys(backupsKey, salt, 'wrap');
  const subjects: Record<string, string> = {};
  for (const [sid, raw] of store.subjects) {
    const nonce = randomBytes(12);
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: nonce, additionalData: ad(vaultId, sid) },
        key,
        raw as Bytes,
      ),
    );
    const out = new Uint8Array(12 + sealed.length);
    out.set(nonce, 0);
    out.set(sealed, 12);
    subjects[sid] = toBase64(out);
  }
  return {
    format: 1,
    vaultId,
    salt: toBase64(salt),
    ledgerGeneration: store.ledgerGeneration,
    subjects,
    erasures: store.erasures.map((e) => ({ subjectId: e.subjectId, erasedAt: e.erasedAt })),
  };
}

function isStored(value: unknown): value is StoredSubjectKeys {
  const v = value as Partial<StoredSubjectKeys> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.format === 1 &&
    (v.vaultId === undefined || typeof v.vaultId === 'string') &&
    typeof v.salt === 'string' &&
    Number.isSafeInteger(v.ledgerGeneration) &&
    typeof v.subjects === 'object' &&
    v.subjects !== null &&
    Array.isArray(v.erasures) &&
    v.erasures.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.subjectId === 'string' &&
        typeof e.erasedAt === 'string',
    )
  );
}

/** The vault id a stored store names as its own, when it names one. */
export function storedVaultId(stored: unknown): string | undefined {
  return isStored(stored) ? stored.vaultId : undefined;
}

/**
 * Unwraps a stored store; `undefined` (never stored) gives an empty one. Throws
 * `BackupError('corrupt')` when the record is not a store or a key does not unwrap, `foreign`
 * when it names another vault id.
 */
export async function unwrapSubjectKeys(
  stored: unknown,
  backupsKey: CryptoKey,
  vaultId: string,
): Promise<SubjectKeyStore> {
  if (stored === undefined) return emptySubjectKeyStore();
  if (!isStored(stored)) throw new BackupError('corrupt');
  if (stored.vaultId !== undefined && stored.vaultId !== vaultId) throw new BackupError('foreign');
  const salt = fromBase64(stored.salt);
  if (!salt || salt.length !== SALT_BYTES) throw new BackupError('corrupt');
  const { key } = await deriveFileKeys(backupsKey, salt, 'wrap');
  const subjects = new Map<string, Uint8Array>();
  for (const [sid, text] of Object.entries(stored.subjects)) {
    const bytes = typeof text === 'string' ? fromBase64(text) : undefined;
    if (!bytes || bytes.length < 12 + 16) throw new BackupError('corrupt');
    try {
      const raw = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: ad(vaultId, sid) },
        key,
        bytes.slice(12),
      );
      subjects.set(sid, new Uint8Array(raw));
    } catch {
      throw new BackupError('corrupt');
    }
  }
  return {
    ledgerGeneration: stored.ledgerGeneration,
    subjects,
    erasures: stored.erasures.map((e) => ({ subjectId: e.subjectId, erasedAt: e.erasedAt })),
  };
}
