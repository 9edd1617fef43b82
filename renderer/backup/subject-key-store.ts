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

// The raw keys behind a stored form this module wrote or opened (in memory only, never stored):
// a later wrap keeps the salt and the wrapped form of every key that did not change, and a later
// unwrap of the same stored object is a copy. A vault of 100,000 people has as many keys, and an
// erasure reads and writes the store several times: one WebCrypto call per key each time cost
// seconds.
interface Opened {
  readonly backupsKey: CryptoKey;
  readonly salt: Uint8Array;
  readonly vaultId: string;
  readonly raw: ReadonlyMap<string, Uint8Array>;
}
const opened = new WeakMap<StoredSubjectKeys, Opened>();

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const copyStore = (o: Opened, stored: StoredSubjectKeys): SubjectKeyStore => ({
  ledgerGeneration: stored.ledgerGeneration,
  subjects: new Map([...o.raw].map(([sid, raw]) => [sid, raw.slice()])),
  erasures: stored.erasures.map((e) => ({ subjectId: e.subjectId, erasedAt: e.erasedAt })),
});

/** Wraps every key of `store` for storage in the vault, under a fresh salt. */
export async function wrapSubjectKeys(
  store: SubjectKeyStore,
  backupsKey: CryptoKey,
  vaultId: string,
  /** The stored form this one replaces: its wrapped keys are kept where the key is unchanged. */
  previous?: unknown,
): Promise<StoredSubjectKeys> {
  const before = isStored(previous) ? opened.get(previous) : undefined;
  const reuse = before && before.vaultId === vaultId && before.backupsKey === backupsKey ? before : undefined;
  const salt = reuse ? reuse.salt.slice() : randomBytes(SALT_BYTES);
  const { key } = await deriveFileKeys(backupsKey, salt, 'wrap');
  const subjects: Record<string, string> = {};
  const raws = new Map<string, Uint8Array>();
  for (const [sid, raw] of store.subjects) {
    raws.set(sid, raw.slice());
    const kept = reuse?.raw.get(sid);
    const wrapped = kept && sameBytes(kept, raw) ? (previous as StoredSubjectKeys).subjects[sid] : undefined;
    if (wrapped !== undefined) {
      subjects[sid] = wrapped;
      continue;
    }
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
  const stored: StoredSubjectKeys = {
    format: 1,
    vaultId,
    salt: toBase64(salt),
    ledgerGeneration: store.ledgerGeneration,
    subjects,
    erasures: store.erasures.map((e) => ({ subjectId: e.subjectId, erasedAt: e.erasedAt })),
  };
  opened.set(stored, { backupsKey, salt, vaultId, raw: raws });
  return stored;
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
  const known = opened.get(stored);
  // Opened or written before with the same key and vault id: the keys are the ones it holds.
  if (known && known.vaultId === vaultId && known.backupsKey === backupsKey) return copyStore(known, stored);
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
  opened.set(stored, {
    backupsKey,
    salt,
    vaultId,
    raw: new Map([...subjects].map(([sid, raw]) => [sid, raw.slice()])),
  });
  return {
    ledgerGeneration: stored.ledgerGeneration,
    subjects,
    erasures: stored.erasures.map((e) => ({ subjectId: e.subjectId, erasedAt: e.erasedAt })),
  };
}
