import { describe, expect, it } from 'vitest';
import { BackupError } from '../../shared/backup/errors';
import {
  encodeKeyLedger,
  erasedSubjectIds,
  openKeyLedger,
  pickKeyLedger,
  type KeyLedger,
} from './key-ledger';
import { newBackupsKey } from './test-support';

const vaultId = 'vaultid_0001';

function ledger(generation: number, erased: string[] = []): KeyLedger {
  const subjects = new Map<string, Uint8Array>();
  for (const id of ['s_1', 's_2', 's_3'])
    if (!erased.includes(id)) subjects.set(id, new Uint8Array([generation, id.length, 9]));
  return {
    vaultId,
    generation,
    subjects,
    erasures: erased.map((subjectId) => ({ subjectId, erasedAt: '2025-01-02T03:04:05.000Z' })),
  };
}

describe('key ledger', () => {
  it('round-trips subject keys and erasures', async () => {
    const key = await newBackupsKey();
    const encoded = await encodeKeyLedger(ledger(3, ['s_2']), key);
    expect(encoded.fileName).toBe('scrigno-vaultid_.keyledger');
    const opened = await openKeyLedger(encoded.bytes, key, { vaultId });
    expect(opened.generation).toBe(3);
    expect([...opened.subjects.keys()]).toEqual(['s_1', 's_3']);
    expect(erasedSubjectIds(opened)).toEqual(new Set(['s_2']));
  });

  it('refuses to write a key for an erased subject', async () => {
    const bad: KeyLedger = {
      ...ledger(1),
      erasures: [{ subjectId: 's_1', erasedAt: '2025-01-01T00:00:00.000Z' }],
    };
    await expect(encodeKeyLedger(bad, await newBackupsKey())).rejects.toThrow(RangeError);
  });

  it('picks the valid copy with the highest generation and reports damaged ones', async () => {
    const key = await newBackupsKey();
    const older = (await encodeKeyLedger(ledger(4), key)).bytes;
    const newer = (await encodeKeyLedger(ledger(5, ['s_1']), key)).bytes;
    expect((await pickKeyLedger([older, newer], key))?.ledger.generation).toBe(5);
    expect((await pickKeyLedger([newer, older], key))?.copy).toBe(1);
    const damaged = newer.slice();
    damaged[damaged.length - 3] = (damaged[damaged.length - 3] ?? 0) ^ 1;
    const picked = await pickKeyLedger([damaged, older], key);
    expect(picked?.ledger.generation).toBe(4);
    expect(picked?.damaged).toEqual([{ copy: 1, code: 'corrupt' }]);
    expect(await pickKeyLedger([null, null], key)).toBeNull();
    await expect(pickKeyLedger([newer, null], await newBackupsKey())).rejects.toEqual(
      new BackupError('wrong-key'),
    );
    await expect(pickKeyLedger([newer.slice(0, 60), null], key)).rejects.toEqual(
      new BackupError('truncated'),
    );
  });
});
