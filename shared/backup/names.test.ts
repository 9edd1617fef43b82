import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  classifyBackupFolderEntry,
  keyLedgerFileName,
  parseBackupFileName,
  parseKeyLedgerFileName,
} from './names';

describe('backup file names', () => {
  it('round-trip generation, date and vault prefix', () => {
    const name = backupFileName('AbCdEfGh1234', 42, new Date('2024-02-29T23:59:58.700Z'));
    expect(name).toBe('scrigno-abcdefgh-00000042-20240229T235958Z.scrigno-backup');
    expect(parseBackupFileName(name)).toEqual({
      vaultIdPrefix: 'abcdefgh',
      generation: 42,
      createdAt: new Date('2024-02-29T23:59:58Z'),
    });
    expect(parseBackupFileName(backupFileName('abcdefgh', 123_456_789, new Date(0)))?.generation).toBe(
      123_456_789,
    );
  });

  it('refuse impossible dates and odd names', () => {
    expect(parseBackupFileName('scrigno-abcdefgh-00000001-20230229T000000Z.scrigno-backup')).toBeUndefined();
    expect(parseBackupFileName('scrigno-abcdefgh-1-20230101T000000Z.scrigno-backup')).toBeUndefined();
    expect(() => backupFileName('short', 1, new Date())).toThrow(RangeError);
    expect(() => backupFileName('abcdefgh', -1, new Date())).toThrow(RangeError);
  });

  it('name the two ledger copies', () => {
    expect(keyLedgerFileName('abcdefgh99')).toBe('scrigno-abcdefgh.keyledger');
    expect(parseKeyLedgerFileName('scrigno-abcdefgh.keyledger.2')).toEqual({
      vaultIdPrefix: 'abcdefgh',
      copy: 2,
    });
  });

  it('recognise temp files and the conflict copies of common sync clients', () => {
    const core = 'scrigno-abcdefgh-00000003-20250101T101010Z';
    const cases: [string, string][] = [
      [`${core}.scrigno-backup`, 'backup'],
      ['scrigno-abcdefgh.keyledger', 'ledger'],
      ['scrigno-abcdefgh.keyledger.2', 'ledger'],
      ['.scrigno-tmp-0123456789abcdef', 'temp'],
      [`${core} (conflicted copy 2025-01-02).scrigno-backup`, 'conflict-copy'],
      [`${core} (Maria's conflicted copy).scrigno-backup`, 'conflict-copy'],
      [`${core}-DESKTOP-7K2L9QX.scrigno-backup`, 'conflict-copy'],
      [`${core}-MACBOOK-PRO.scrigno-backup`, 'conflict-copy'],
      [`${core} (1).scrigno-backup`, 'conflict-copy'],
      [`${core}(2).scrigno-backup`, 'conflict-copy'],
      [`${core}_conflict-20250102-101010.scrigno-backup`, 'conflict-copy'],
      [`${core}.sync-conflict-20250102-101010-ABCDEFG.scrigno-backup`, 'conflict-copy'],
      ['scrigno-abcdefgh.sync-conflict-20250102-101010-ABCDEFG.keyledger', 'conflict-copy'],
      ['scrigno-abcdefgh-LAPTOP-1.keyledger', 'conflict-copy'],
      [`${core}.scrigno-backup.bak`, 'unrecognised'],
      ['holiday.jpg', 'unrelated'],
      ['notes.txt', 'unrelated'],
    ];
    for (const [name, kind] of cases) expect(classifyBackupFolderEntry(name), name).toBe(kind);
  });
});
