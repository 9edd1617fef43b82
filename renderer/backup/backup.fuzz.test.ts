// Parser fuzzing of what a backup folder holds: backup files and key ledgers near real ones (a
// flipped, cut or inserted byte anywhere: preamble, header, chunk frames, footer) are opened,
// verified and ranked; they may open or be refused with a BackupError, nothing else. The ranking
// check never throws at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectBackup } from '../../shared/backup/format';
import { BackupError } from '../../shared/backup/errors';
import { fuzzRuns, fuzzTimeout, nearBytes, refusesOnlyWith } from '../../test/fuzz/support';
import { checkBackupHeader, encodeBackup, openBackup, readBackupHeader, verifyBackup } from './backup-file';
import { encodeKeyLedger, openKeyLedger, pickKeyLedger, type KeyLedger } from './key-ledger';
import { sha256 } from './keys';
import { newBackupsKey, sampleRecords } from './test-support';

const vaultId = 'vaultid_0001';

describe('backup files under hostile input', () => {
  it(
    'a file near a real backup opens with every record or is refused with a BackupError',
    async () => {
      const key = await newBackupsKey();
      const records = sampleRecords(12, 5);
      const seeds = await Promise.all(
        [64, 256].map(async (chunkSize, generation) =>
          encodeBackup({
            key,
            vaultId,
            generation: generation + 1,
            previousSha256: generation ? 'ab'.repeat(32) : null,
            keySlots: new Uint8Array([1, 2, 3, 4]),
            records,
            createdAt: new Date(Date.UTC(2026, 5, 1)),
            chunkSize,
          }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(nearBytes(seeds.map((s) => s.bytes)), async (bytes) => {
          await refusesOnlyWith(BackupError, () => readBackupHeader(bytes));
          await refusesOnlyWith(BackupError, () => inspectBackup(bytes, sha256));
          const verified = await refusesOnlyWith(BackupError, () => verifyBackup(bytes, key, { vaultId }));
          const opened = await refusesOnlyWith(BackupError, () => openBackup(bytes, key, { vaultId }));
          // Authenticated encryption: a file opens whole, with the records it was made of, or not at all.
          if (opened) expect(opened.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
          expect(Boolean(verified)).toBe(Boolean(opened));
          const check = await checkBackupHeader(bytes, key, { vaultId });
          if (check.ok) expect([1, 2]).toContain(check.generation);
          else expect(['damaged', 'foreign', 'newer-version']).toContain(check.reason);
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(10),
  );
});

describe('key ledgers under hostile input', () => {
  const ledger = (generation: number): KeyLedger => ({
    vaultId,
    generation,
    subjects: new Map([
      ['s_1', new Uint8Array(60).fill(1)],
      ['s_2', new Uint8Array(60).fill(2)],
    ]),
    erasures: [{ subjectId: 's_3', erasedAt: '2026-01-02T03:04:05.000Z' }],
  });

  it(
    'a copy near a real ledger opens unchanged or is refused with a BackupError; a good copy beside it still wins',
    async () => {
      const key = await newBackupsKey();
      const good = await encodeKeyLedger(ledger(7), key);
      const older = await encodeKeyLedger(ledger(6), key);
      await fc.assert(
        fc.asyncProperty(nearBytes([good.bytes, older.bytes]), async (bytes) => {
          const opened = await refusesOnlyWith(BackupError, () => openKeyLedger(bytes, key, { vaultId }));
          if (opened) {
            expect([6, 7]).toContain(opened.generation);
            expect([...opened.subjects.keys()]).toEqual(['s_1', 's_2']);
          }
          // Whatever happened to the first copy, the intact second one is picked.
          const picked = await pickKeyLedger([bytes, good.bytes], key, { vaultId });
          expect(picked?.ledger.generation).toBe(7);
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(6),
  );

  it(
    'any ledger content that can be written reads back the same',
    async () => {
      const key = await newBackupsKey();
      const id = fc.string({ minLength: 1, maxLength: 24, unit: 'binary' });
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(id, { maxLength: 8 }),
          fc.array(fc.uint8Array({ minLength: 1, maxLength: 80 }), { minLength: 8, maxLength: 8 }),
          fc.nat({ max: 3 }),
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          async (ids, keys, erasedCount, generation) => {
            const erased = ids.slice(0, erasedCount);
            const subjects = new Map(ids.slice(erasedCount).map((s, i) => [s, keys[i]!]));
            const written: KeyLedger = {
              vaultId,
              generation,
              subjects,
              erasures: erased.map((subjectId) => ({ subjectId, erasedAt: '2026-03-04T05:06:07.000Z' })),
            };
            const encoded = await encodeKeyLedger(written, key);
            const read = await openKeyLedger(encoded.bytes, key, { vaultId });
            expect(read.generation).toBe(generation);
            expect([...read.subjects]).toEqual([...subjects]);
            expect(read.erasures).toEqual(written.erasures);
          },
        ),
        { numRuns: Math.min(fuzzRuns(), 2000) },
      );
    },
    fuzzTimeout(4),
  );
});
