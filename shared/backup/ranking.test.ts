import { describe, expect, it } from 'vitest';
import { backupFileName } from './names';
import { rankBackups, type BackupCheck } from './ranking';

const vaultId = 'abcdefgh-vault';
const now = new Date(Date.UTC(2026, 5, 15, 12));
const hour = 3_600_000;

/** A genuine backup of generation g made `hoursAgo` before `now`, chained to `previous`. */
function genuine(g: number, hoursAgo: number, previous: string | null) {
  const createdAt = new Date(now.getTime() - hoursAgo * hour);
  const check: BackupCheck = {
    ok: true,
    vaultId,
    createdAt: createdAt.toISOString(),
    generation: g,
    previousSha256: previous,
    sha256: `${g}`.padStart(64, '0'),
  };
  return { name: backupFileName(vaultId, g, createdAt), check };
}

function chain(count: number) {
  const files = [];
  let previous: string | null = null;
  for (let g = 1; g <= count; g++) {
    const file = genuine(g, (count - g + 1) * 24, previous);
    previous = (file.check as { sha256: string }).sha256;
    files.push(file);
  }
  return files;
}

describe('ranking backups by their headers', () => {
  it('trusts a clean chain, newest generation first', () => {
    const files = chain(4);
    const ranking = rankBackups(files, { vaultId, now });
    expect(ranking.trusted.map((b) => b.generation)).toEqual([4, 3, 2, 1]);
    expect(ranking.quarantined).toEqual([]);
  });

  it('quarantines a copy renamed to another date or generation', () => {
    const [a, b] = chain(2);
    const renamedDate = { name: a!.name.replace(/-\d{8}T/, '-20991231T'), check: a!.check };
    const renamedGen = { name: a!.name.replace('-00000001-', '-00000007-'), check: a!.check };
    const ranking = rankBackups([a!, b!, renamedDate, renamedGen], { vaultId, now });
    expect(ranking.trusted.map((x) => x.name)).toEqual([b!.name, a!.name]);
    expect(ranking.quarantined).toEqual([
      { name: renamedDate.name, reason: 'name-mismatch' },
      { name: renamedGen.name, reason: 'name-mismatch' },
    ]);
  });

  it('quarantines a backup dated beyond the clock tolerance, not one just inside it', () => {
    const files = chain(2);
    const soon = genuine(3, -0.1, (files[1]!.check as { sha256: string }).sha256);
    const later = genuine(4, -2, (soon.check as { sha256: string }).sha256);
    const ranking = rankBackups([...files, soon, later], { vaultId, now });
    expect(ranking.quarantined).toEqual([{ name: later.name, reason: 'future' }]);
    expect(ranking.trusted[0]!.name).toBe(soon.name);
  });

  it("quarantines another vault's backups and passes on failed checks", () => {
    const other = { ...genuine(9, 1, null) };
    const foreign = { name: other.name, check: { ...other.check, vaultId: 'zzzzzzzz-other' } as BackupCheck };
    const damaged = { name: 'x', check: { ok: false, reason: 'damaged' } as BackupCheck };
    const ranking = rankBackups([...chain(1), foreign, damaged], { vaultId, now });
    expect(ranking.quarantined).toEqual([
      { name: foreign.name, reason: 'foreign' },
      { name: 'x', reason: 'damaged' },
    ]);
    expect(ranking.trusted).toHaveLength(1);
  });

  it('quarantines what breaks the chain: a wrong predecessor, a duplicate generation, time going backwards', () => {
    const files = chain(3);
    const wrongPredecessor = genuine(2, 50, null); // generation 2, but 3 names another file
    const duplicate = genuine(3, 30, 'f'.repeat(64));
    const backwards = genuine(1, 1, null); // generation 1 made after generation 3
    const ranking = rankBackups([...files, wrongPredecessor, duplicate, backwards], { vaultId, now });
    expect(ranking.trusted.map((b) => b.name)).toEqual([files[2]!.name, files[1]!.name, files[0]!.name]);
    expect(ranking.quarantined.map((q) => [q.name, q.reason]).sort()).toEqual(
      [
        [wrongPredecessor.name, 'chain-broken'],
        [duplicate.name, 'chain-broken'],
        [backwards.name, 'chain-broken'],
      ].sort(),
    );
  });

  it('walks down from the anchor: genuine generations above the last one written are quarantined', () => {
    const files = chain(3);
    const anchor = (files[1]!.check as { sha256: string }).sha256;
    const ranking = rankBackups(files, { vaultId, now, anchorSha256: anchor });
    expect(ranking.trusted.map((b) => b.generation)).toEqual([2, 1]);
    expect(ranking.quarantined).toEqual([{ name: files[2]!.name, reason: 'chain-broken' }]);
    // An anchor that is not in the folder falls back to the highest generation.
    expect(rankBackups(files, { vaultId, now, anchorSha256: 'e'.repeat(64) }).trusted).toHaveLength(3);
  });

  it('accepts gaps left by retention (no predecessor to compare with)', () => {
    const files = chain(5);
    const ranking = rankBackups([files[0]!, files[2]!, files[4]!], { vaultId, now });
    expect(ranking.trusted.map((b) => b.generation)).toEqual([5, 3, 1]);
  });
});
