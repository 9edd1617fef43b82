import { describe, expect, it } from 'vitest';
import { runPowerCutSimulation } from '../../../test/soak/power-cut';
import { PowerCutFileSystem } from '../../../test/soak/power-cut-fs';
import { writeBackupFile } from './backup-store';

describe('backup writer under power cuts', () => {
  it('the simulated disk keeps only what was fsynced', async () => {
    const fs = new PowerCutFileSystem(['/d']);
    const file = await fs.create('/d/a');
    await file.write(new Uint8Array([1, 2, 3]));
    await file.sync();
    await file.write(new Uint8Array([4]));
    await fs.syncDir('/d');
    const other = await fs.create('/d/b');
    await other.write(new Uint8Array([9]));
    await other.sync();
    fs.restore();
    // `a` was named durably and holds its fsynced bytes; `b` was never in a synced folder.
    expect(fs.names('/d')).toEqual(['a']);
    expect([...(await fs.readFile('/d/a'))]).toEqual([1, 2, 3]);
  });

  it('a cut before the folder fsync loses the new name, never shows a partial file', async () => {
    const fs = new PowerCutFileSystem(['/d']);
    const { encodeBackup, newBackupsKey, sampleRecords } = await import('../../../test/soak/fixtures');
    const b = await encodeBackup({
      key: await newBackupsKey(),
      vaultId: 'abcdefgh-vault',
      generation: 1,
      previousSha256: null,
      keySlots: new Uint8Array(4),
      records: sampleRecords(20),
    });
    // create, write, sync, link, unlink: the cut lands just before the folder fsync.
    fs.cutAfter(5);
    await expect(writeBackupFile(fs, '/d', b.fileName, b.bytes, b.sha256)).rejects.toMatchObject({
      code: 'io-error',
    });
    expect(fs.journal).toEqual(['create', 'write', 'sync', 'link', 'unlink']);
    fs.restore();
    expect(fs.names('/d')).toEqual([]);
    await writeBackupFile(fs, '/d', b.fileName, b.bytes, b.sha256);
    fs.restore();
    expect(fs.names('/d')).toEqual([b.fileName]);
  });

  it('leaves only complete verifiable backups and the ledger at each of 240 crash points, and recovers', async () => {
    const report = await runPowerCutSimulation({ crashPoints: 240, mode: 'sweep' });
    expect(report.violations).toEqual([]);
    expect(report.crashPoints).toBe(240);
    // Every point is a real cut inside the script, many of them with a file half written.
    expect(report.cutsLanded).toBe(240);
    expect(report.cutsMidWrite).toBeGreaterThan(40);
    expect(report.recoveries).toBe(240);
    expect(report.acknowledgedSurvived).toBeGreaterThan(200);
  }, 120_000);
});
