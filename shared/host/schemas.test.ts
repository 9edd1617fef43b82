import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Contract from './contract';
import { HostError, hostCodeFromErrno, hostErrorCodes, isWireError } from './errors';

/**
 * The contract's schemas are built when the module loads, so each test loads it afresh: what is
 * checked is the schema as that load built it, not one cached from an earlier test.
 */
let contract: typeof Contract;
beforeEach(async () => {
  vi.resetModules();
  contract = await import('./contract');
});

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('file names crossing the host boundary', () => {
  it('accepts one path segment of 1 to 200 characters', () => {
    expect(ok(contract.fileNameSchema, 'a')).toBe(true);
    expect(ok(contract.fileNameSchema, 'scrigno-backup.scrigno')).toBe(true);
    expect(ok(contract.fileNameSchema, 'x'.repeat(200))).toBe(true);
  });

  it('refuses empty, over-long, separators, control characters and dot segments', () => {
    for (const name of [
      '',
      'x'.repeat(201),
      'a/b',
      'a\\b',
      '../x',
      'a\u0000b',
      'a\nb',
      'a\u001fb',
      '.',
      '..',
    ]) {
      expect(ok(contract.fileNameSchema, name), JSON.stringify(name)).toBe(false);
    }
    expect(contract.fileNameSchema.safeParse('a/b').error?.issues[0]?.message).toBe(
      'file name must be a single path segment',
    );
  });
});

describe('portable file names', () => {
  it('refuses Windows device names, whole or before an extension, spaces before the dot included', () => {
    for (const name of [
      'CON',
      'con.txt',
      'Nul',
      'aux.tar.gz',
      'com1',
      'COM9.log',
      'com\u00b3',
      'lpt1',
      'LPT2.csv',
      'lpt\u00b9.txt',
      'CON .txt',
      'con   .txt',
      'prn  ',
    ]) {
      expect(contract.isPortableFileName(name), JSON.stringify(name)).toBe(false);
    }
  });

  it('accepts names that only begin or end like a device name', () => {
    for (const name of [
      'falcon',
      'acon.txt',
      'xnul',
      'console.txt',
      'conx',
      'comx',
      'com0',
      'lptx.txt',
      'com10.txt',
    ]) {
      expect(contract.isPortableFileName(name), name).toBe(true);
    }
  });

  it('refuses the characters Windows reserves and a trailing dot or space', () => {
    for (const name of ['a<b', 'a>b', 'a:b', 'a"b', 'a|b', 'a?b', 'a*b', 'report.', 'report ']) {
      expect(contract.isPortableFileName(name), name).toBe(false);
    }
  });
});

describe('ids and digests', () => {
  it('takes a folder id of exactly 32 lower-case hex digits', () => {
    expect(ok(contract.folderIdSchema, 'a'.repeat(32))).toBe(true);
    expect(ok(contract.folderIdSchema, '0123456789abcdef0123456789abcdef')).toBe(true);
    for (const id of [
      'a'.repeat(31),
      'a'.repeat(33),
      `x${'a'.repeat(32)}`,
      `${'a'.repeat(32)}x`,
      'A'.repeat(32),
      'g'.repeat(32),
    ]) {
      expect(ok(contract.folderIdSchema, id), id).toBe(false);
    }
  });

  it('takes a SHA-256 digest of exactly 64 lower-case hex digits', () => {
    expect(ok(contract.sha256HexSchema, 'f'.repeat(64))).toBe(true);
    for (const hex of [
      'f'.repeat(63),
      'f'.repeat(65),
      `-${'f'.repeat(64)}`,
      `${'f'.repeat(64)}-`,
      'F'.repeat(64),
      'z'.repeat(64),
    ]) {
      expect(ok(contract.sha256HexSchema, hex), hex).toBe(false);
    }
  });
});

describe('listing and folder shapes', () => {
  it('requires every field of a folder reference', () => {
    expect(ok(contract.folderRefSchema, { folderId: 'b'.repeat(32), label: 'Backups' })).toBe(true);
    expect(ok(contract.folderRefSchema, { folderId: 'b'.repeat(32) })).toBe(false);
    expect(ok(contract.folderRefSchema, { label: 'Backups' })).toBe(false);
  });

  it('requires a name, a whole non-negative size and a time for each file entry', () => {
    const entry = { name: 'a.csv', size: 10, modifiedAt: 1 };
    expect(ok(contract.fileEntrySchema, entry)).toBe(true);
    expect(ok(contract.fileEntrySchema, { ...entry, size: -1 })).toBe(false);
    expect(ok(contract.fileEntrySchema, { ...entry, size: 1.5 })).toBe(false);
    expect(ok(contract.fileEntrySchema, { size: 10, modifiedAt: 1 })).toBe(false);
    expect(ok(contract.fileEntrySchema, { name: 'a.csv', size: 10 })).toBe(false);
  });

  it('requires what a backup name says beside the file entry', () => {
    const entry = {
      name: 'b',
      size: 1,
      modifiedAt: 1,
      vaultIdPrefix: 'ab',
      generation: 0,
      createdAt: '2026-01-01T00:00:00Z',
    };
    expect(ok(contract.backupEntrySchema, entry)).toBe(true);
    expect(ok(contract.backupEntrySchema, { ...entry, generation: -1 })).toBe(false);
    for (const key of ['vaultIdPrefix', 'generation', 'createdAt', 'name'] as const) {
      const { [key]: _dropped, ...rest } = entry;
      expect(ok(contract.backupEntrySchema, rest), key).toBe(false);
    }
  });

  it('names exactly the three purposes a folder dialog may have', () => {
    expect(contract.folderPurposeSchema.options).toEqual(['backups', 'export', 'restore']);
    expect(ok(contract.folderPurposeSchema, 'anything')).toBe(false);
  });
});

describe('channel names from an untrusted side', () => {
  it('are channels only if declared, never inherited properties or other types', () => {
    expect(contract.isHostChannel('app:info')).toBe(true);
    for (const name of Object.keys(contract.hostChannels)) expect(contract.isHostChannel(name)).toBe(true);
    for (const name of [
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'app:nope',
      '',
      42,
      null,
      undefined,
      // An object that prints as a channel name is still not one.
      { toString: () => 'app:info' },
    ]) {
      expect(contract.isHostChannel(name), String(name)).toBe(false);
    }
  });
});

describe('host errors', () => {
  it('carry their code as the default message and a fixed name', () => {
    const error = new HostError('not-found');
    expect(error.message).toBe('not-found');
    expect(error.name).toBe('HostError');
    expect(new HostError('io-error', 'detail').message).toBe('detail');
  });

  it('recognise only objects with a known code as serialised errors', () => {
    for (const code of hostErrorCodes) expect(isWireError({ code })).toBe(true);
    for (const value of [null, undefined, 'not-found', 3, {}, { code: 'made-up' }, { code: null }, []]) {
      expect(isWireError(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('map file-system errors to codes without the message', () => {
    expect(hostCodeFromErrno('ENOSPC')).toBe('no-space');
    expect(hostCodeFromErrno('EDQUOT')).toBe('no-space');
    expect(hostCodeFromErrno('ENOENT')).toBe('not-found');
    expect(hostCodeFromErrno('EACCES')).toBe('io-error');
    expect(hostCodeFromErrno(undefined)).toBe('io-error');
  });
});
