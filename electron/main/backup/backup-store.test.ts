import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  encodeBackup,
  encodeKeyLedger,
  newBackupsKey,
  sampleRecords,
  type EncodedBackup,
} from '../../../test/soak/fixtures';
import { HostError } from '../../../shared/host/errors';
import { dispatchHostCall } from '../host/dispatch';
import { FolderGrants } from '../host/folders';
import { createHostHandlers } from '../host/handlers';
import {
  listBackupFolder,
  pruneBackups,
  readKeyLedgerFiles,
  writeBackupFile,
  writeKeyLedgerFiles,
} from './backup-store';
import { faultyFileSystem, nodeFileSystem, type FaultPoint } from './file-system';

const vaultId = 'abcdefgh-vault';
let key: CryptoKey;
let root: string;
let folder: string;

async function backup(
  generation: number,
  at = new Date(Date.UTC(2025, 0, 1, 0, 0, generation)),
): Promise<EncodedBackup> {
  return encodeBackup({
    key,
    vaultId,
    generation,
    previousSha256: null,
    keySlots: new Uint8Array(8),
    records: sampleRecords(60, generation),
    createdAt: at,
    chunkSize: 1024,
  });
}

/** The same name with its date moved to 2099, as a planted copy would be named. */
function b2099(name: string): string {
  return name.replace(/-\d{8}T/, '-20991231T');
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof HostError) return err.code;
    throw err;
  }
}

beforeAll(async () => {
  key = await newBackupsKey();
});

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-backup-'));
  folder = path.join(root, 'Backups');
  await mkdir(folder);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backup writes', () => {
  it('writes, verifies and never overwrites', async () => {
    const b = await backup(1);
    expect(await writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, b.sha256)).toEqual({
      size: b.bytes.length,
      sha256: b.sha256,
    });
    expect(new Uint8Array(await readFile(path.join(folder, b.fileName)))).toEqual(b.bytes);
    expect(await code(writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, b.sha256))).toBe(
      'path-rejected',
    );
    expect(await readdir(folder)).toEqual([b.fileName]);
  });

  it('refuses data that does not match its hash or is not a backup, writing nothing', async () => {
    const b = await backup(1);
    const other = await backup(2);
    expect(await code(writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, other.sha256))).toBe(
      'backup-corrupt',
    );
    const junk = new TextEncoder().encode('hello');
    const junkSha = (await import('node:crypto')).createHash('sha256').update(junk).digest('hex');
    expect(await code(writeBackupFile(nodeFileSystem, folder, b.fileName, junk, junkSha))).toBe(
      'backup-foreign',
    );
    const cut = b.bytes.slice(0, b.bytes.length - 100);
    const cutSha = (await import('node:crypto')).createHash('sha256').update(cut).digest('hex');
    expect(await code(writeBackupFile(nodeFileSystem, folder, b.fileName, cut, cutSha))).toBe(
      'backup-truncated',
    );
    expect(await code(writeBackupFile(nodeFileSystem, folder, 'free-name.bin', b.bytes, b.sha256))).toBe(
      'path-rejected',
    );
    expect(await readdir(folder)).toEqual([]);
  });

  const faults: [FaultPoint, string, string][] = [
    ['create', 'ENOSPC', 'no-space'],
    ['write', 'ENOSPC', 'no-space'],
    ['write', 'EDQUOT', 'no-space'],
    ['sync', 'EIO', 'io-error'],
    ['close', 'EIO', 'io-error'],
    ['readFile', 'EIO', 'io-error'],
    ['link', 'EIO', 'io-error'],
    ['link', 'ENOSPC', 'no-space'],
  ];
  for (const [point, errno, expected] of faults) {
    it(`reports ${errno} at ${point} as ${expected}, leaving earlier backups intact and no temp file`, async () => {
      const first = await backup(1);
      await writeBackupFile(nodeFileSystem, folder, first.fileName, first.bytes, first.sha256);
      const second = await backup(2);
      const fs = faultyFileSystem(nodeFileSystem, (p, file) =>
        p === point && !file.endsWith(first.fileName) ? errno : undefined,
      );
      expect(await code(writeBackupFile(fs, folder, second.fileName, second.bytes, second.sha256))).toBe(
        expected,
      );
      expect(await readdir(folder)).toEqual([first.fileName]);
      expect(new Uint8Array(await readFile(path.join(folder, first.fileName)))).toEqual(first.bytes);
    });
  }

  it('reports a vanished folder as folder-missing', async () => {
    const b = await backup(1);
    await rm(folder, { recursive: true });
    expect(await code(writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, b.sha256))).toBe(
      'folder-missing',
    );
  });
});

describe('listing and pruning', () => {
  it('lists backups and reports temp files and conflict copies without touching them', async () => {
    const b = await backup(3);
    await writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, b.sha256);
    const conflict = b.fileName.replace('.scrigno-backup', ' (conflicted copy 2025-01-02).scrigno-backup');
    await writeFile(path.join(folder, conflict), b.bytes);
    await writeFile(path.join(folder, '.scrigno-tmp-00ff'), 'partial');
    await writeFile(path.join(folder, 'photo.jpg'), 'x');
    const listing = await listBackupFolder(nodeFileSystem, folder);
    expect(listing.backups).toEqual([
      expect.objectContaining({
        name: b.fileName,
        size: b.bytes.length,
        generation: 3,
        vaultIdPrefix: 'abcdefgh',
        createdAt: '2025-01-01T00:00:03.000Z',
      }),
    ]);
    expect(listing.ignored).toEqual([
      { name: '.scrigno-tmp-00ff', reason: 'temp' },
      { name: conflict, reason: 'conflict-copy' },
    ]);
    const result = await pruneBackups(nodeFileSystem, folder, 'abcdefgh', []);
    expect(result).toEqual({ deleted: [], protected: b.fileName, staleTempRemoved: 0 });
    expect((await readdir(folder)).sort()).toEqual(
      ['.scrigno-tmp-00ff', b.fileName, conflict, 'photo.jpg'].sort(),
    );
  });

  it('deletes exactly what it is told to, only when a staying backup verifies, and stale temp files', async () => {
    const written: EncodedBackup[] = [];
    for (let g = 1; g <= 4; g++) {
      const b = await backup(g);
      written.push(b);
      await writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, b.sha256);
    }
    // The newest one rots on disk: the newest staying backup that verifies is then generation 3.
    const newest = written[3]!;
    const rotten = newest.bytes.slice();
    rotten[rotten.length - 50] = (rotten[rotten.length - 50] ?? 0) ^ 4;
    await writeFile(path.join(folder, newest.fileName), rotten);
    await writeFile(path.join(folder, '.scrigno-tmp-old'), 'x');
    const old = new Date(Date.now() - 3 * 86_400_000);
    await utimes(path.join(folder, '.scrigno-tmp-old'), old, old);
    // A planted file and a name of another vault in the list are not deleted.
    const planted = b2099(written[0]!.fileName);
    await writeFile(path.join(folder, planted), written[0]!.bytes);
    const result = await pruneBackups(nodeFileSystem, folder, 'abcdefgh', [
      written[1]!.fileName,
      written[0]!.fileName.replace('abcdefgh', 'zzzzzzzz'),
    ]);
    expect(result.protected).toBe(written[2]!.fileName);
    expect(result.deleted).toEqual([written[1]!.fileName]);
    expect(result.staleTempRemoved).toBe(1);
    expect((await readdir(folder)).sort()).toEqual(
      [written[0]!.fileName, written[2]!.fileName, newest.fileName, planted].sort(),
    );
  });

  it('deletes nothing when no staying backup verifies', async () => {
    const written: EncodedBackup[] = [];
    for (let g = 1; g <= 2; g++) {
      const b = await backup(g);
      written.push(b);
      await writeBackupFile(nodeFileSystem, folder, b.fileName, b.bytes, b.sha256);
    }
    await writeFile(path.join(folder, written[1]!.fileName), written[1]!.bytes.slice(0, 100));
    expect(await pruneBackups(nodeFileSystem, folder, 'abcdefgh', [written[0]!.fileName])).toEqual({
      deleted: [],
      protected: null,
      staleTempRemoved: 0,
    });
    expect((await readdir(folder)).length).toBe(2);
  });

  it('deletes nothing when no backup verifies, and nothing of other vaults', async () => {
    const b = await backup(1);
    await writeFile(path.join(folder, b.fileName), b.bytes.slice(0, 100));
    const otherVault = b.fileName.replace('abcdefgh', 'zzzzzzzz');
    await writeFile(path.join(folder, otherVault), b.bytes);
    expect(await pruneBackups(nodeFileSystem, folder, 'abcdefgh', [])).toEqual({
      deleted: [],
      protected: null,
      staleTempRemoved: 0,
    });
    expect((await readdir(folder)).length).toBe(2);
  });
});

describe('key ledger files', () => {
  it('writes two verified copies and reads both back', async () => {
    const ledger = await encodeKeyLedger(
      { vaultId, generation: 1, subjects: new Map([['s', new Uint8Array(3)]]), erasures: [] },
      key,
    );
    await writeKeyLedgerFiles(nodeFileSystem, folder, ledger.fileName, ledger.bytes, ledger.sha256);
    expect((await readdir(folder)).sort()).toEqual([ledger.fileName, `${ledger.fileName}.2`]);
    const [a, b] = await readKeyLedgerFiles(nodeFileSystem, folder, ledger.fileName);
    expect(a).toEqual(ledger.bytes);
    expect(b).toEqual(ledger.bytes);
  });

  it('keeps the first copy valid when the second write fails', async () => {
    const v1 = await encodeKeyLedger({ vaultId, generation: 1, subjects: new Map(), erasures: [] }, key);
    await writeKeyLedgerFiles(nodeFileSystem, folder, v1.fileName, v1.bytes, v1.sha256);
    const v2 = await encodeKeyLedger({ vaultId, generation: 2, subjects: new Map(), erasures: [] }, key);
    const fs = faultyFileSystem(nodeFileSystem, (p, file) =>
      p === 'rename' && file.endsWith('.2') ? 'EIO' : undefined,
    );
    expect(await code(writeKeyLedgerFiles(fs, folder, v2.fileName, v2.bytes, v2.sha256))).toBe('io-error');
    const [a, b] = await readKeyLedgerFiles(nodeFileSystem, folder, v2.fileName);
    expect(a).toEqual(v2.bytes);
    expect(b).toEqual(v1.bytes);
    expect((await readdir(folder)).length).toBe(2);
  });
});

describe('backup channels', () => {
  it('go through the contract end to end', async () => {
    const handlers = createHostHandlers({
      grants: new FolderGrants(path.join(root, 'grants.json')),
      appInfo: { name: 'Scrigno', version: '0', platform: 'linux', locale: 'en' },
      transport: 'web',
      pickFolder: async () => folder,
      openExternal: async () => undefined,
    });
    const call = (channel: string, input: unknown) => dispatchHostCall(handlers, channel, input);
    const granted = await call('dialog:choose-folder', { purpose: 'backups' });
    const folderId = (granted as { value: { folderId: string } }).value.folderId;
    const b = await backup(5);
    expect(
      await call('backup:write', { folderId, name: b.fileName, data: b.bytes, expectedSha256: b.sha256 }),
    ).toEqual({
      ok: true,
      value: { size: b.bytes.length, sha256: b.sha256 },
    });
    expect(await call('backup:verify', { folderId, name: b.fileName, expectedSha256: b.sha256 })).toEqual({
      ok: true,
      value: { size: b.bytes.length, sha256: b.sha256, generation: 5, createdAt: '2025-01-01T00:00:05.000Z' },
    });
    const read = await call('backup:read', { folderId, name: b.fileName });
    expect(read.ok && (read.value as { data: Uint8Array }).data).toEqual(b.bytes);
    const listed = await call('backup:list', { folderId });
    expect(listed.ok && (listed.value as { backups: unknown[] }).backups.length).toBe(1);
    expect(await call('backup:read', { folderId, name: '../x.scrigno-backup' })).toEqual({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('backup:ledger-read', { folderId, name: 'scrigno-abcdefgh.keyledger' })).toEqual({
      ok: true,
      value: { copies: [null, null] },
    });
    expect(await call('backup:prune', { folderId, vaultIdPrefix: 'abcdefgh', remove: [] })).toEqual({
      ok: true,
      value: { deleted: [], protected: b.fileName, staleTempRemoved: 0 },
    });
    await rm(folder, { recursive: true });
    expect(await call('backup:list', { folderId })).toEqual({ ok: false, error: { code: 'folder-missing' } });
  });
});
