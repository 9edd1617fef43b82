import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPortableFileName, type HostHandlers } from '../../../shared/host/contract';
import { HostError } from '../../../shared/host/errors';
import { encodeBackup, newBackupsKey, sampleRecords, type EncodedBackup } from '../../../test/soak/fixtures';
import { writeBackupFile } from '../backup/backup-store';
import { nodeFileSystem } from '../backup/file-system';
import { TEMP_PREFIX } from './atomic-write';
import { dispatchHostCall } from './dispatch';
import { FolderGrants } from './folders';
import { createHostHandlers } from './handlers';
import { readRegularFile } from './safe-open';

// Real folders, real symbolic and hard links: what a hostile or careless folder can hold.
let root: string;
let folder: string;
let outside: string;
let handlers: HostHandlers;
let key: CryptoKey;
let backup: EncodedBackup;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof HostError) return err.code;
    return (err as NodeJS.ErrnoException).code ?? 'thrown';
  }
}

async function folderId(): Promise<string> {
  const result = await dispatchHostCall(handlers, 'dialog:choose-folder', { purpose: 'backups' });
  if (!result.ok) throw new Error('grant failed');
  return (result.value as { folderId: string }).folderId;
}

beforeAll(async () => {
  key = await newBackupsKey();
  backup = await encodeBackup({
    key,
    vaultId: 'abcdefgh-vault',
    generation: 1,
    previousSha256: null,
    keySlots: new Uint8Array(8),
    records: sampleRecords(20, 1),
    createdAt: new Date(Date.UTC(2025, 0, 1)),
    chunkSize: 1024,
  });
});

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-open-'));
  folder = path.join(root, 'Backups');
  await mkdir(folder);
  outside = path.join(root, 'private-key.pem');
  await writeFile(outside, 'SECRET OUTSIDE THE FOLDER');
  handlers = createHostHandlers({
    grants: new FolderGrants(path.join(root, 'data', 'grants.json')),
    appInfo: { name: 'Scrigno', version: '1', platform: 'linux', locale: 'en' },
    transport: 'web',
    pickFolder: async () => folder,
    openExternal: async () => undefined,
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a regular file with one link', async () => {
    await writeFile(path.join(folder, 'a.txt'), 'hello');
    expect(new TextDecoder().decode(await readRegularFile(path.join(folder, 'a.txt')))).toBe('hello');
  });

  it('refuses a symbolic link at open (no-follow), even to a file inside the folder', async () => {
    await writeFile(path.join(folder, 'real.txt'), 'inside');
    await symlink(outside, path.join(folder, 'out.txt'));
    await symlink(path.join(folder, 'real.txt'), path.join(folder, 'in.txt'));
    expect(await codeOf(readRegularFile(path.join(folder, 'out.txt')))).toBe('file-linked');
    expect(await codeOf(readRegularFile(path.join(folder, 'in.txt')))).toBe('file-linked');
  });

  it('refuses a hard link to a file outside the folder', async () => {
    await link(outside, path.join(folder, 'looks-local.txt'));
    expect(await codeOf(readRegularFile(path.join(folder, 'looks-local.txt')))).toBe('file-linked');
  });

  it('reads a file whose every link is inside the folder (a crash between link and unlink)', async () => {
    await writeFile(path.join(folder, 'backup.bin'), 'complete');
    await link(path.join(folder, 'backup.bin'), path.join(folder, `${TEMP_PREFIX}0123456789abcdef`));
    expect(new TextDecoder().decode(await readRegularFile(path.join(folder, 'backup.bin')))).toBe('complete');
    // One more link outside makes it a file that is not only the folder's.
    await link(path.join(folder, 'backup.bin'), path.join(root, 'elsewhere.bin'));
    expect(await codeOf(readRegularFile(path.join(folder, 'backup.bin')))).toBe('file-linked');
  });

  it('refuses what is not a regular file: a folder, and a FIFO without blocking on it', async () => {
    await mkdir(path.join(folder, 'sub'));
    expect(await codeOf(readRegularFile(path.join(folder, 'sub')))).toBe('path-rejected');
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [path.join(folder, 'pipe')]);
      expect(await codeOf(readRegularFile(path.join(folder, 'pipe')))).toBe('path-rejected');
    }
  });

  it('leaves a missing file to the caller as ENOENT', async () => {
    expect(await codeOf(readRegularFile(path.join(folder, 'none')))).toBe('ENOENT');
  });
});

describe('host handlers with linked files', () => {
  it('file:read refuses a hard link to a file outside, and never returns its content', async () => {
    const id = await folderId();
    await link(outside, path.join(folder, 'notes.txt'));
    const result = await dispatchHostCall(handlers, 'file:read', { folderId: id, name: 'notes.txt' });
    expect(result).toEqual({ ok: false, error: { code: 'file-linked' } });
  });

  it('file:list uses lstat and leaves symbolic links out', async () => {
    const id = await folderId();
    await writeFile(path.join(folder, 'plain.txt'), 'x');
    await symlink(outside, path.join(folder, 'linked.txt'));
    const result = await dispatchHostCall(handlers, 'file:list', { folderId: id });
    expect(result.ok && (result.value as { files: { name: string }[] }).files.map((f) => f.name)).toEqual([
      'plain.txt',
    ]);
  });

  it('backup:list skips a backup-named symbolic link; backup:read refuses a hard-linked one', async () => {
    const id = await folderId();
    // A genuine backup, written the way the app writes it.
    await writeBackupFile(nodeFileSystem, folder, backup.fileName, backup.bytes, backup.sha256);
    const otherName = backup.fileName.replace('-00000001-', '-00000002-');
    expect(otherName).not.toBe(backup.fileName);
    const planted = path.join(root, 'planted-backup.bin');
    await writeFile(planted, backup.bytes);
    await symlink(planted, path.join(folder, otherName));
    const listed = await dispatchHostCall(handlers, 'backup:list', { folderId: id });
    expect(listed.ok && (listed.value as { backups: { name: string }[] }).backups.map((b) => b.name)).toEqual(
      [backup.fileName],
    );
    expect(await dispatchHostCall(handlers, 'backup:read', { folderId: id, name: otherName })).toEqual({
      ok: false,
      error: { code: 'path-rejected' },
    });
    // A hard link from outside under a backup's name cannot be read either.
    await rm(path.join(folder, otherName));
    await link(planted, path.join(folder, otherName));
    expect(await dispatchHostCall(handlers, 'backup:read', { folderId: id, name: otherName })).toEqual({
      ok: false,
      error: { code: 'file-linked' },
    });
    // The genuine one still reads, also with a leftover temporary link from an interrupted write.
    await link(path.join(folder, backup.fileName), path.join(folder, `${TEMP_PREFIX}00000000deadbeef`));
    const read = await dispatchHostCall(handlers, 'backup:read', { folderId: id, name: backup.fileName });
    expect(read.ok && (read.value as { data: Uint8Array }).data).toEqual(backup.bytes);
  });
});

describe('portable file names', () => {
  const refused = [
    'CON',
    'con',
    'Con.txt',
    'PRN',
    'aux.zip',
    'NUL',
    'nul.tar.gz',
    'COM1',
    'com9.log',
    'LPT1',
    'lpt9.csv',
    'COM¹',
    'CON .txt',
    'a:b',
    'a<b',
    'a>b',
    'a"b',
    'a|b',
    'a?b',
    'a*b',
    'stream.txt:hidden',
    'ends-with-dot.',
    'ends-with-space ',
  ];
  const accepted = [
    'CONTACTS.csv',
    'console.log',
    'com10.txt',
    'lpt.txt',
    'COM',
    'nul-report.pdf',
    'città.vcf',
    'a.b.c',
  ];

  it('refuses Windows device names in any case, with or without extension, and <>:"|?*', () => {
    expect(refused.filter((n) => isPortableFileName(n))).toEqual([]);
    expect(accepted.filter((n) => !isPortableFileName(n))).toEqual([]);
  });

  it('answers such a name with name-not-portable, and writes nothing', async () => {
    const id = await folderId();
    for (const name of ['CON', 'nul.txt', 'a:b.csv', 'LPT3.zip']) {
      const write = await dispatchHostCall(handlers, 'file:write', {
        folderId: id,
        name,
        data: new Uint8Array([1]),
        mode: 'create',
      });
      expect([name, write]).toEqual([name, { ok: false, error: { code: 'name-not-portable' } }]);
      const read = await dispatchHostCall(handlers, 'file:read', { folderId: id, name });
      expect([name, read]).toEqual([name, { ok: false, error: { code: 'name-not-portable' } }]);
    }
    expect(await readdir(folder)).toEqual([]);
  });
});
