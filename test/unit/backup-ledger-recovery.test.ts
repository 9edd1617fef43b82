/**
 * The key ledger beside the backups can be deleted, damaged or replaced by an older copy. The
 * vault keeps its own copy of the subject backup keys and the ledger's generation, so none of
 * that loses a person or brings an erased one back. Real engine, vault and host on a real folder.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keyLedgerFileName } from '../../shared/backup/names';
import { readKeyLedger } from '../../renderer/backup';
import { loadBackupKeys, recordBackupErasure } from '../../renderer/features/backups/backup-keys';
import { openForRestore } from '../../renderer/features/backups/engine';
import { backupWorld, touchSomeone, type BackupWorld } from './backup-harness';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const ledgerPaths = (w: BackupWorld) => [
  path.join(w.folder, keyLedgerFileName(w.vault.vaultId)),
  path.join(w.folder, keyLedgerFileName(w.vault.vaultId, 2)),
];

/** Opens a backup the way a new computer does: only the folder and the key, no vault copy. */
const restoreOnNewComputer = (w: BackupWorld, name: string) =>
  openForRestore(w.host, w.folderId, name, w.vault.purposeKey('backups'), w.vault.vaultId);

const people = (r: Awaited<ReturnType<typeof restoreOnNewComputer>>) =>
  r.records.filter((x) => x.table === 'people').length;

describe('the key ledger', () => {
  it('deleted: restore says keys are missing (not erased); the next backup rewrites it with the same keys', async () => {
    world = await backupWorld(3);
    const old = await world.backup();
    for (const file of ledgerPaths(world)) await rm(file);

    const blind = await restoreOnNewComputer(world, old.name);
    expect(people(blind)).toBe(0);
    expect(blind.missingKeys).toBeGreaterThan(0);
    expect(blind.opened.droppedErased).toBe(0);
    // In place, the vault's own copy still opens everyone.
    const own = await loadBackupKeys(world.ws);
    const inPlace = await openForRestore(
      world.host,
      world.folderId,
      old.name,
      world.vault.purposeKey('backups'),
      world.vault.vaultId,
      own,
    );
    expect(people(inPlace)).toBe(3);
    expect(inPlace.missingKeys).toBe(0);

    await touchSomeone(world.ws, 'After the loss');
    const next = await world.backup();
    expect(next.ledgerRepair).toBe('missing');
    // The old backup opens again from the rewritten ledger: same keys, not new random ones.
    const again = await restoreOnNewComputer(world, old.name);
    expect(people(again)).toBe(3);
    expect(again.missingKeys).toBe(0);
  });

  it('damaged (one byte flipped in both copies): the next backup succeeds and repairs it', async () => {
    world = await backupWorld(3);
    const old = await world.backup();
    for (const file of ledgerPaths(world)) {
      const bytes = await readFile(file);
      bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0x01;
      await writeFile(file, bytes);
    }
    const damaged = await restoreOnNewComputer(world, old.name);
    expect(damaged.ledgerDamaged).toBe(true);
    expect(damaged.missingKeys).toBeGreaterThan(0);

    const next = await world.backup();
    expect(next.ledgerRepair).toBe('damaged');
    const repaired = await restoreOnNewComputer(world, old.name);
    expect(repaired.ledgerDamaged).toBe(false);
    expect(people(repaired)).toBe(3);
    expect(people(await restoreOnNewComputer(world, next.name))).toBe(3);
  });

  it('rolled back (an older ledger put back): refused and rewritten from the vault', async () => {
    world = await backupWorld(3);
    await world.backup();
    const oldCopies = await Promise.all(ledgerPaths(world).map((f) => readFile(f)));
    const key = world.vault.purposeKey('backups');
    const oldGeneration = (await readKeyLedger(world.host, world.folderId, world.vault.vaultId, key))!.ledger
      .generation;
    // A new person gets a new key: the ledger moves on.
    const template = world.ws.model.list('people')[0]!;
    const newcomer = { ...template, id: 'ab'.repeat(16), subjectId: 'cd'.repeat(16), firstName: 'Nuova' };
    await world.ws.repo.commit('fixture.create', [{ table: 'people', before: null, after: newcomer }]);
    const withNewcomer = await world.backup();
    expect(people(await restoreOnNewComputer(world, withNewcomer.name))).toBe(4);

    // Someone puts the older ledger back: the newcomer's key is not in it.
    for (const [i, file] of ledgerPaths(world).entries()) await writeFile(file, oldCopies[i]!);
    const rolledBack = await restoreOnNewComputer(world, withNewcomer.name);
    expect(people(rolledBack)).toBe(3);
    expect(rolledBack.missingKeys).toBeGreaterThan(0);

    const next = await world.backup();
    expect(next.ledgerRepair).toBe('rolled-back');
    const after = (await readKeyLedger(world.host, world.folderId, world.vault.vaultId, key))!.ledger;
    expect(after.generation).toBeGreaterThan(oldGeneration + 1);
    expect(people(await restoreOnNewComputer(world, withNewcomer.name))).toBe(4);
  });

  it('only the erasure list means erased: an erased person stays out of every old backup', async () => {
    world = await backupWorld(3);
    const old = await world.backup();
    const person = world.ws.model.list('people')[0]!;
    await recordBackupErasure(world.ws, person.subjectId);
    await world.backup();
    const restored = await restoreOnNewComputer(world, old.name);
    expect(people(restored)).toBe(2);
    expect(restored.missingKeys).toBe(0);
    expect(restored.opened.droppedErased).toBeGreaterThan(0);
    expect(restored.records.some((r) => r.subjectId === person.subjectId)).toBe(false);
    const ledger = (await readKeyLedger(
      world.host,
      world.folderId,
      world.vault.vaultId,
      world.vault.purposeKey('backups'),
    ))!.ledger;
    expect(ledger.subjects.has(person.subjectId)).toBe(false);
    expect(ledger.erasures.map((e) => e.subjectId)).toContain(person.subjectId);
  });

  it("another vault's ledger under this vault's name is never overwritten: the backup fails and says so", async () => {
    world = await backupWorld(2);
    const other = await backupWorld(1);
    try {
      await other.backup();
      await world.backup();
      const theirs = await readFile(path.join(other.folder, keyLedgerFileName(other.vault.vaultId)));
      for (const file of ledgerPaths(world)) await writeFile(file, theirs);
      await expect(world.backup()).rejects.toMatchObject({ code: 'foreign' });
      for (const file of ledgerPaths(world)) expect(await readFile(file)).toEqual(theirs);
    } finally {
      await other.dispose();
    }
  });
});
