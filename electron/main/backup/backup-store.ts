import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { BackupError, type BackupErrorCode } from '../../../shared/backup/errors';
import {
  verifyBackupStructure,
  readLedgerStructure,
  type BackupInspection,
} from '../../../shared/backup/format';
import {
  TEMP_FILE_PREFIX,
  classifyBackupFolderEntry,
  parseBackupFileName,
  parseKeyLedgerFileName,
} from '../../../shared/backup/names';
import type { BackupEntry, FileEntry } from '../../../shared/host/contract';
import { HostError, type HostErrorCode } from '../../../shared/host/errors';
import type { BackupFileSystem } from './file-system';

/** SHA-256 with node:crypto, in the shape the shared format code expects. */
export async function nodeSha256(data: Uint8Array): Promise<Uint8Array> {
  return createHash('sha256').update(data).digest();
}

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

const backupCodes: Record<BackupErrorCode, HostErrorCode> = {
  truncated: 'backup-truncated',
  corrupt: 'backup-corrupt',
  // Without the key the host cannot tell these apart from damage.
  reordered: 'backup-corrupt',
  'wrong-key': 'backup-corrupt',
  foreign: 'backup-foreign',
  'newer-version': 'backup-newer-version',
};

/** Turns any failure into a host error carrying only a code (errno messages hold paths). */
export async function toHostError(err: unknown, fs: BackupFileSystem, folder: string): Promise<HostError> {
  if (err instanceof HostError) return err;
  if (err instanceof BackupError) return new HostError(backupCodes[err.code]);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new HostError('no-space');
    case 'EEXIST':
      return new HostError('path-rejected');
    case 'ENOENT':
    case 'ENOTDIR': {
      // A vanished file and a vanished folder (USB stick pulled) look alike: ask the folder.
      const present = await fs.stat(folder).then(
        (info) => info.isDirectory,
        () => false,
      );
      return new HostError(present ? 'not-found' : 'folder-missing');
    }
    default:
      return new HostError(code === undefined ? 'internal' : 'io-error');
  }
}

/** Keyless verification of backup bytes; throws `backup-*` host errors. */
export async function verifyBackupBytes(
  bytes: Uint8Array,
  expectedSha256?: string,
): Promise<BackupInspection> {
  let inspection: BackupInspection;
  try {
    inspection = await verifyBackupStructure(bytes, nodeSha256);
  } catch (err) {
    if (err instanceof BackupError) throw new HostError(backupCodes[err.code]);
    throw err;
  }
  if (expectedSha256 !== undefined && inspection.sha256 !== expectedSha256)
    throw new HostError('backup-corrupt');
  return inspection;
}

/** Keyless verification of a key-ledger copy. */
async function verifyLedgerBytes(bytes: Uint8Array): Promise<void> {
  try {
    await readLedgerStructure(bytes, nodeSha256);
  } catch (err) {
    if (err instanceof BackupError) throw new HostError(backupCodes[err.code]);
    throw err;
  }
}

interface VerifiedWrite {
  folder: string;
  name: string;
  data: Uint8Array;
  expectedSha256: string;
  /** `create` links (never replaces); `replace` renames over the old file. */
  mode: 'create' | 'replace';
  check(bytes: Uint8Array): Promise<void>;
}

/**
 * Writes a file so that its final name only ever shows complete, verified content: temporary
 * file, fsync, close, re-read through a fresh handle, hash and format check, then link or rename,
 * then fsync of the folder. Any failure removes the temporary file when it can.
 *
 * WARNING: the re-read usually comes from the OS page cache, not the platters; it proves what the
 * kernel accepted after fsync, which is as far as a portable program can see.
 */
export async function writeVerifiedFile(
  fs: BackupFileSystem,
  job: VerifiedWrite,
): Promise<{ size: number; sha256: string }> {
  const target = path.join(job.folder, job.name);
  // What arrived must be what the renderer hashed, before anything touches the disk.
  if (hex(await nodeSha256(job.data)) !== job.expectedSha256) throw new HostError('backup-corrupt');
  const temp = path.join(job.folder, `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
  let created = false;
  let published = false;
  try {
    const file = await fs.create(temp);
    created = true;
    try {
      await file.write(job.data);
      await file.sync();
    } catch (err) {
      await file.close().catch(() => undefined);
      throw err;
    }
    await file.close();
    const back = await fs.readFile(temp);
    if (back.length !== job.data.length || hex(await nodeSha256(back)) !== job.expectedSha256) {
      throw new HostError('backup-corrupt');
    }
    await job.check(back);
    if (job.mode === 'create') {
      await fs.link(temp, target);
      published = true;
      await fs.unlink(temp).catch(() => undefined);
    } else {
      await fs.rename(temp, target);
      published = true;
    }
    await fs.syncDir(job.folder);
    return { size: back.length, sha256: job.expectedSha256 };
  } catch (err) {
    if (created && (!published || job.mode === 'create')) await fs.unlink(temp).catch(() => undefined);
    throw await toHostError(err, fs, job.folder);
  }
}

/** Writes one backup file under its canonical name; refuses other names and existing files. */
export function writeBackupFile(
  fs: BackupFileSystem,
  folder: string,
  name: string,
  data: Uint8Array,
  expectedSha256: string,
): Promise<{ size: number; sha256: string }> {
  if (!parseBackupFileName(name)) return Promise.reject(new HostError('path-rejected'));
  return writeVerifiedFile(fs, {
    folder,
    name,
    data,
    expectedSha256,
    mode: 'create',
    check: async (bytes) => {
      await verifyBackupBytes(bytes, expectedSha256);
    },
  });
}

/**
 * Writes the key ledger twice, `name` then `name.2`, each verified before the next starts: a
 * crash leaves at least one complete copy, and readers take the valid copy with the highest
 * generation.
 */
export async function writeKeyLedgerFiles(
  fs: BackupFileSystem,
  folder: string,
  name: string,
  data: Uint8Array,
  expectedSha256: string,
): Promise<{ size: number; sha256: string }> {
  if (parseKeyLedgerFileName(name)?.copy !== 1) throw new HostError('path-rejected');
  let result: { size: number; sha256: string } | undefined;
  for (const copyName of [name, `${name}.2`]) {
    result = await writeVerifiedFile(fs, {
      folder,
      name: copyName,
      data,
      expectedSha256,
      mode: 'replace',
      check: verifyLedgerBytes,
    });
  }
  return result ?? { size: 0, sha256: expectedSha256 };
}

/** Both ledger copies as stored, null where missing. */
export async function readKeyLedgerFiles(
  fs: BackupFileSystem,
  folder: string,
  name: string,
): Promise<[Uint8Array<ArrayBuffer> | null, Uint8Array<ArrayBuffer> | null]> {
  if (parseKeyLedgerFileName(name)?.copy !== 1) throw new HostError('path-rejected');
  const read = async (file: string): Promise<Uint8Array<ArrayBuffer> | null> => {
    try {
      return await fs.readFile(path.join(folder, file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        const error = await toHostError(err, fs, folder);
        if (error.code === 'folder-missing') throw error;
        return null;
      }
      throw await toHostError(err, fs, folder);
    }
  };
  return [await read(name), await read(`${name}.2`)];
}

/** A folder listing split the way the Backups page shows it. */
export interface BackupFolderListing {
  backups: BackupEntry[];
  ledgers: FileEntry[];
  ignored: { name: string; reason: 'temp' | 'conflict-copy' | 'unrecognised' }[];
}

/** Lists a backup folder; reads no content. */
export async function listBackupFolder(fs: BackupFileSystem, folder: string): Promise<BackupFolderListing> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (err) {
    throw await toHostError(err, fs, folder);
  }
  const listing: BackupFolderListing = { backups: [], ledgers: [], ignored: [] };
  for (const name of names.sort()) {
    const kind = classifyBackupFolderEntry(name);
    if (kind === 'unrelated') continue;
    if (kind === 'temp' || kind === 'conflict-copy' || kind === 'unrecognised') {
      listing.ignored.push({ name, reason: kind });
      continue;
    }
    const info = await fs.stat(path.join(folder, name)).catch(() => undefined);
    if (!info?.isFile) continue;
    const entry = { name, size: info.size, modifiedAt: info.mtimeMs };
    const parsed = parseBackupFileName(name);
    if (kind === 'backup' && parsed) {
      listing.backups.push({
        ...entry,
        vaultIdPrefix: parsed.vaultIdPrefix,
        generation: parsed.generation,
        createdAt: parsed.createdAt.toISOString(),
      });
    } else if (kind === 'ledger') {
      listing.ledgers.push(entry);
    }
  }
  return listing;
}

/** Temporary files older than this are leftovers of a crash, never a write in progress. */
export const STALE_TEMP_MS = 24 * 3_600_000;

/** What a prune did. */
export interface PruneResult {
  deleted: string[];
  /** A backup that stays and verifies (keyless); null if none does (then nothing was deleted). */
  protected: string | null;
  staleTempRemoved: number;
}

/**
 * Deletes the backups named in `remove`, and only those: the renderer decides with the key which
 * backups retention lets go, so a file planted or renamed in the folder is never deleted here.
 * Only canonical backup names of this vault are touched; nothing is deleted unless a backup that
 * stays verifies (keyless check), and the newest such one is reported as `protected`. Conflict
 * copies and other files are never touched; temporary files older than a day are removed.
 */
export async function pruneBackups(
  fs: BackupFileSystem,
  folder: string,
  vaultIdPrefix: string,
  remove: readonly string[],
  now: Date = new Date(),
): Promise<PruneResult> {
  const listing = await listBackupFolder(fs, folder);
  const removeSet = new Set(remove);
  const mine = listing.backups.filter((b) => b.vaultIdPrefix === vaultIdPrefix);
  const staying = mine
    .filter((b) => !removeSet.has(b.name))
    .sort((a, b) => b.generation - a.generation || b.createdAt.localeCompare(a.createdAt));
  let protectedName: string | null = null;
  for (const backup of staying) {
    try {
      await verifyBackupBytes(await fs.readFile(path.join(folder, backup.name)));
      protectedName = backup.name;
      break;
    } catch (err) {
      const error = await toHostError(err, fs, folder);
      if (error.code === 'folder-missing' || error.code === 'io-error') throw error;
    }
  }
  const result: PruneResult = { deleted: [], protected: protectedName, staleTempRemoved: 0 };
  if (protectedName === null) return result;
  for (const backup of mine) {
    if (!removeSet.has(backup.name)) continue;
    try {
      await fs.unlink(path.join(folder, backup.name));
      result.deleted.push(backup.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw await toHostError(err, fs, folder);
    }
  }
  for (const { name, reason } of listing.ignored) {
    if (reason !== 'temp') continue;
    const info = await fs.stat(path.join(folder, name)).catch(() => undefined);
    if (info?.isFile && now.getTime() - info.mtimeMs > STALE_TEMP_MS) {
      const removed = await fs.unlink(path.join(folder, name)).then(
        () => true,
        () => false,
      );
      if (removed) result.staleTempRemoved += 1;
    }
  }
  if (result.deleted.length > 0) await fs.syncDir(folder).catch(() => undefined);
  return result;
}
