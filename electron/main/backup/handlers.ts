import path from 'node:path';
import type { HostHandlers } from '../../../shared/host/contract';
import { HostError } from '../../../shared/host/errors';
import { parseBackupFileName } from '../../../shared/backup/names';
import { resolveInside } from '../host/paths';
import {
  listBackupFolder,
  pruneBackups,
  readKeyLedgerFiles,
  toHostError,
  verifyBackupBytes,
  writeBackupFile,
  writeKeyLedgerFiles,
} from './backup-store';
import { nodeFileSystem, type BackupFileSystem } from './file-system';

/** The backup channels of the host contract. */
export type BackupChannel =
  | 'backup:write'
  | 'backup:verify'
  | 'backup:list'
  | 'backup:read'
  | 'backup:prune'
  | 'backup:ledger-write'
  | 'backup:ledger-read';

/** What the backup handlers need from their shell: the folder grants. */
export interface BackupHandlerEnvironment {
  readonly grants: { pathOf(folderId: string): Promise<string> };
}

/**
 * Handlers of the `backup:*` channels, spread into the host's handler map. `fs` is the real
 * filesystem except in fault-injection tests.
 */
export function createBackupHandlers(
  env: BackupHandlerEnvironment,
  fs: BackupFileSystem = nodeFileSystem,
): Pick<HostHandlers, BackupChannel> {
  const folderPath = async (folderId: string): Promise<string> => {
    const folder = await env.grants.pathOf(folderId);
    const info = await fs.stat(folder).catch(() => undefined);
    if (!info?.isDirectory) throw new HostError('folder-missing');
    return folder;
  };
  // Symbolic links and names that escape the folder are refused, as for plain files.
  const fileIn = async (folderId: string, name: string) => {
    const folder = await folderPath(folderId);
    const target = await resolveInside(folder, name);
    return { folder: path.dirname(target), target };
  };
  const read = async (folderId: string, name: string) => {
    const { folder, target } = await fileIn(folderId, name);
    try {
      return await fs.readFile(target);
    } catch (err) {
      throw await toHostError(err, fs, folder);
    }
  };

  return {
    'backup:write': async ({ folderId, name, data, expectedSha256 }) => {
      const { folder } = await fileIn(folderId, name);
      return writeBackupFile(fs, folder, name, data, expectedSha256);
    },

    'backup:verify': async ({ folderId, name, expectedSha256 }) => {
      if (!parseBackupFileName(name)) throw new HostError('path-rejected');
      const bytes = await read(folderId, name);
      const { header, sha256 } = await verifyBackupBytes(bytes, expectedSha256);
      return { size: bytes.length, sha256, generation: header.generation, createdAt: header.createdAt };
    },

    'backup:list': async ({ folderId }) => listBackupFolder(fs, await folderPath(folderId)),

    'backup:read': async ({ folderId, name }) => {
      if (!parseBackupFileName(name)) throw new HostError('path-rejected');
      return { data: await read(folderId, name) };
    },

    'backup:prune': async ({ folderId, vaultIdPrefix, remove }) =>
      pruneBackups(fs, await folderPath(folderId), vaultIdPrefix, remove),

    'backup:ledger-write': async ({ folderId, name, data, expectedSha256 }) => {
      const { folder } = await fileIn(folderId, name);
      await resolveInside(folder, `${name}.2`);
      return writeKeyLedgerFiles(fs, folder, name, data, expectedSha256);
    },

    'backup:ledger-read': async ({ folderId, name }) => {
      const { folder } = await fileIn(folderId, name);
      await resolveInside(folder, `${name}.2`);
      return { copies: await readKeyLedgerFiles(fs, folder, name) };
    },
  };
}
