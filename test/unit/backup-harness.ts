// A real vault, workspace and host backup handlers over a folder on disk, for the tests of a
// hostile backup folder and of the key ledger's recovery. Nothing is mocked but the shell's dialog.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyChanges } from '../../shared/domain';
import type { HostChannel, HostClient, HostInput, HostOutput } from '../../shared/host/contract';
import { openWorkspace, type Workspace } from '../../renderer/session/workspace';
import { runBackup, type BackupOutcome } from '../../renderer/features/backups/engine';
import {
  defaultBackupSettings,
  readBackupSettings,
  writeBackupSettings,
} from '../../renderer/features/backups/settings';
import { unwrapResult } from '../../renderer/host/result';
import { createVault, type Vault } from '../../renderer/vault';
import { FAST_TEST_KDF_POLICY } from '../../renderer/vault/test-support';
import { FolderGrants } from '../../electron/main/host/folders';
import { createHostHandlers } from '../../electron/main/host/handlers';
import { dispatchHostCall } from '../../electron/main/host/dispatch';
import { generateDataset } from '../fixtures/generate';

/** The passphrase of every world's vault. */
export const PASSPHRASE = 'correct horse battery staple 42';

/** A host client over the real host handlers, with the contract checked both ways. */
export function realHost(folder: string, grantsFile: string): HostClient {
  const handlers = createHostHandlers({
    grants: new FolderGrants(grantsFile),
    appInfo: { name: 'Scrigno', version: '0', platform: 'linux', locale: 'en' },
    transport: 'web',
    pickFolder: async () => folder,
    openExternal: async () => undefined,
  });
  return {
    transport: 'web',
    on: () => () => undefined,
    async invoke<C extends HostChannel>(channel: C, input: HostInput<C>): Promise<HostOutput<C>> {
      return unwrapResult<HostOutput<C>>(await dispatchHostCall(handlers, channel, input));
    },
  };
}

/** One test's world: a vault with a few people, a backup folder, and the host that serves it. */
export interface BackupWorld {
  root: string;
  folder: string;
  host: HostClient;
  vault: Vault;
  /** The vault's IndexedDB database name. */
  dbName: string;
  /** The recovery key the vault was created with. */
  recoveryKey: string;
  ws: Workspace;
  folderId: string;
  /** Runs one backup with the settings as stored (like the app does), at `now`. */
  backup(now?: Date): Promise<BackupOutcome>;
  dispose(): Promise<void>;
}

/** Creates a world with `people` people (and their organisations, deals …). */
export async function backupWorld(people = 3): Promise<BackupWorld> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-backup-world-'));
  const folder = path.join(root, 'Backups');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(folder);
  const host = realHost(folder, path.join(root, 'grants.json'));
  const dbName = `backup-world-${Math.random().toString(36).slice(2)}`;
  const { vault, recoveryKey } = await createVault(PASSPHRASE, { dbName, kdfPolicy: FAST_TEST_KDF_POLICY });
  const ws = await openWorkspace(vault, await vault.loadAll(), 'Test laptop');
  const data = generateDataset({ contacts: people, seed: 7 });
  const tables = ['pipelines', 'tags', 'organizations', 'people', 'deals', 'activities', 'tasks'] as const;
  await ws.repo.commit(
    'fixture.create',
    tables.flatMap((table) => data[table].map((after) => ({ table, before: null, after }))),
  );
  const granted = await host.invoke('dialog:choose-folder', { purpose: 'backups' });
  const folderId = granted!.folderId;
  await writeBackupSettings(ws, { ...defaultBackupSettings, folderId, folderLabel: 'Backups' });
  return {
    root,
    folder,
    host,
    vault,
    dbName,
    recoveryKey,
    ws,
    folderId,
    async backup(now) {
      const outcome = await runBackup(
        ws,
        host,
        readBackupSettings(ws),
        await vault.exportKeySlots(),
        now ? { now: () => now } : undefined,
      );
      await writeBackupSettings(ws, {
        lastSuccess: {
          at: new Date().toISOString(),
          name: outcome.name,
          sha256: outcome.sha256,
          generation: outcome.generation,
        },
      });
      return outcome;
    },
    async dispose() {
      ws.dispose();
      vault.lock();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Edits one person, so that the next backup differs from the last. */
export async function touchSomeone(ws: Workspace, jobTitle: string): Promise<void> {
  const person = ws.model.list('people')[0]!;
  await ws.repo.commit('fixture.update', [
    { table: 'people', before: person, after: applyChanges(person, { jobTitle }, ws.repo.stamp()) },
  ]);
}
