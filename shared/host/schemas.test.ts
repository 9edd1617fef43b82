import { describe, expect, it } from 'vitest';
import {
  backupEntrySchema,
  fileEntrySchema,
  fileNameSchema,
  folderIdSchema,
  folderPurposeSchema,
  folderRefSchema,
  hostChannels,
  isHostChannel,
  sha256HexSchema,
} from './contract';
import { HostError, hostCodeFromErrno, hostErrorCodes, isWireError } from './errors';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('file names crossing the host boundary', () => {
  it('accepts one path segment of 1 to 200 characters', () => {
    expect(ok(fileNameSchema, 'a')).toBe(true);
    expect(ok(fileNameSchema, 'scrigno-backup.scrigno')).toBe(true);
    expect(ok(fileNameSchema, 'x'.repeat(200))).toBe(true);
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
      expect(ok(fileNameSchema, name), JSON.stringify(name)).toBe(false);
    }
    expect(fileNameSchema.safeParse('a/b').error?.issues[0]?.message).toBe(
      'file name must be a single path segment',
    );
  });
});

describe('ids and digests', () => {
  it('takes a folder id of exactly 32 lower-case hex digits', () => {
    expect(ok(folderIdSchema, 'a'.repeat(32))).toBe(true);
    expect(ok(folderIdSchema, '0123456789abcdef0123456789abcdef')).toBe(true);
    for (const id of [
      'a'.repeat(31),
      'a'.repeat(33),
      `x${'a'.repeat(32)}`,
      `${'a'.repeat(32)}x`,
      'A'.repeat(32),
      'g'.repeat(32),
    ]) {
      expect(ok(folderIdSchema, id), id).toBe(false);
    }
  });

  it('takes a SHA-256 digest of exactly 64 lower-case hex digits', () => {
    expect(ok(sha256HexSchema, 'f'.repeat(64))).toBe(true);
    for (const hex of [
      'f'.repeat(63),
      'f'.repeat(65),
      `-${'f'.repeat(64)}`,
      `${'f'.repeat(64)}-`,
      'F'.repeat(64),
      'z'.repeat(64),
    ]) {
      expect(ok(sha256HexSchema, hex), hex).toBe(false);
    }
  });
});

describe('listing and folder shapes', () => {
  it('requires every field of a folder reference', () => {
    expect(ok(folderRefSchema, { folderId: 'b'.repeat(32), label: 'Backups' })).toBe(true);
    expect(ok(folderRefSchema, { folderId: 'b'.repeat(32) })).toBe(false);
    expect(ok(folderRefSchema, { label: 'Backups' })).toBe(false);
  });

  it('requires a name, a whole non-negative size and a time for each file entry', () => {
    const entry = { name: 'a.csv', size: 10, modifiedAt: 1 };
    expect(ok(fileEntrySchema, entry)).toBe(true);
    expect(ok(fileEntrySchema, { ...entry, size: -1 })).toBe(false);
    expect(ok(fileEntrySchema, { ...entry, size: 1.5 })).toBe(false);
    expect(ok(fileEntrySchema, { size: 10, modifiedAt: 1 })).toBe(false);
    expect(ok(fileEntrySchema, { name: 'a.csv', size: 10 })).toBe(false);
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
    expect(ok(backupEntrySchema, entry)).toBe(true);
    expect(ok(backupEntrySchema, { ...entry, generation: -1 })).toBe(false);
    for (const key of ['vaultIdPrefix', 'generation', 'createdAt', 'name'] as const) {
      const { [key]: _dropped, ...rest } = entry;
      expect(ok(backupEntrySchema, rest), key).toBe(false);
    }
  });

  it('names exactly the three purposes a folder dialog may have', () => {
    expect(folderPurposeSchema.options).toEqual(['backups', 'export', 'restore']);
    expect(ok(folderPurposeSchema, 'anything')).toBe(false);
  });
});

describe('channel names from an untrusted side', () => {
  it('are channels only if declared, never inherited properties or other types', () => {
    expect(isHostChannel('app:info')).toBe(true);
    for (const name of Object.keys(hostChannels)) expect(isHostChannel(name)).toBe(true);
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
    ]) {
      expect(isHostChannel(name), String(name)).toBe(false);
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
