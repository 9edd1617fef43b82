/**
 * A backup folder is shared ground: a sync client, another program or a person can put files in
 * it. These tests plant, rename and forge files there, with the real engine, vault and host
 * handlers on a real folder, and check that retention and restore go by what the key proves.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { copyFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeBackup, rankBackups } from '../../renderer/backup';
import { checkFolderBackups, rankFolderWithoutKey } from '../../renderer/features/backups/engine';
import { readBackupSettings, writeBackupSettings } from '../../renderer/features/backups/settings';
import { backupWorld, touchSomeone, type BackupWorld } from './backup-harness';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const backupNames = async (folder: string) =>
  (await readdir(folder)).filter((n) => n.endsWith('.scrigno-backup')).sort();

/** The same name with another date, the way someone renaming a copy would write it. */
const renamed = (name: string, stamp: string) => name.replace(/-\d{8}T\d{6}Z\./, `-${stamp}.`);

describe('a hostile backup folder', () => {
  it('five renamed copies of an old backup dated 2099 are quarantined, and the genuine backups stay', async () => {
    world = await backupWorld();
    const first = await world.backup();
    const planted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = renamed(first.name, `20991231T23595${i}Z`);
      await copyFile(path.join(world.folder, first.name), path.join(world.folder, name));
      planted.push(name);
    }
    await touchSomeone(world.ws, 'Restauratrice');
    const second = await world.backup();
    const names = await backupNames(world.folder);
    // Before the fix: the new backup and the genuine one before it were deleted right after writing.
    expect(names).toContain(second.name);
    expect(names).toContain(first.name);
    for (const name of planted) expect(names).toContain(name);
    expect(second.deleted).toEqual([]);
    expect(
      second.quarantined
        .filter((q) => q.reason === 'name-mismatch')
        .map((q) => q.name)
        .sort(),
    ).toEqual(planted.sort());
    // Restore offers the genuine newest backup first, never a planted one.
    const checked = await checkFolderBackups(
      world.host,
      world.folderId,
      world.vault.purposeKey('backups'),
      world.vault.vaultId,
    );
    const ranking = rankBackups(checked, { vaultId: world.vault.vaultId });
    expect(ranking.trusted.map((b) => b.name)).toEqual([second.name, first.name]);
    // A new computer, before any key: the plaintext headers already set the copies aside.
    const keyless = await rankFolderWithoutKey(world.host, world.folderId);
    expect(keyless.trusted.map((b) => b.name)).toEqual([second.name, first.name]);
    expect(keyless.quarantined.map((q) => q.name).sort()).toEqual(planted.sort());
  });

  it('keeps the file just written and the newest verified backup whatever the retention says', async () => {
    world = await backupWorld();
    await writeBackupSettings(world.ws, { retention: { last: 1, daily: 0, weekly: 0, monthly: 0 } });
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      await touchSomeone(world.ws, `Title ${i}`);
      made.push((await world.backup()).name);
    }
    // Planted copies of the newest, named as if newer, do not push it out.
    const newest = made[made.length - 1]!;
    const planted = renamed(newest, '20991231T000000Z');
    await copyFile(path.join(world.folder, newest), path.join(world.folder, planted));
    await touchSomeone(world.ws, 'Last');
    const last = await world.backup();
    expect(await backupNames(world.folder)).toEqual([last.name, planted].sort());
    expect(last.deleted).toEqual([newest]);
  });

  it('a backup made with a clock set in the future is quarantined, never deleted, never the newest', async () => {
    world = await backupWorld();
    const genuine = await world.backup();
    const future = await world.backup(new Date(Date.UTC(2099, 0, 1)));
    await touchSomeone(world.ws, 'Corrected clock');
    const next = await world.backup();
    expect(next.quarantined).toEqual([{ name: future.name, reason: 'future' }]);
    expect(await backupNames(world.folder)).toEqual([genuine.name, future.name, next.name].sort());
    // The next backup still counts above it: a lost setting never makes new look older than old.
    expect(next.generation).toBeGreaterThan(future.generation);
  });

  it("another vault's backup renamed into this vault's names is quarantined as foreign", async () => {
    world = await backupWorld();
    const other = await backupWorld(1);
    try {
      const theirs = await other.backup();
      const mine = await world.backup();
      const planted = mine.name.replace(/-\d+-(\d{8}T\d{6}Z)\./, '-00000099-$1.');
      await copyFile(path.join(other.folder, theirs.name), path.join(world.folder, planted));
      const next = await world.backup();
      expect(next.quarantined).toEqual([{ name: planted, reason: 'foreign' }]);
      expect(await backupNames(world.folder)).toContain(planted);
    } finally {
      await other.dispose();
    }
  });

  it('a genuine backup that does not fit the chain is quarantined', async () => {
    world = await backupWorld();
    const a = await world.backup();
    await touchSomeone(world.ws, 'Second');
    const b = await world.backup();
    // Made with the key, one generation below the newest, but not the file it names as predecessor.
    const forked = await encodeBackup({
      key: world.vault.purposeKey('backups'),
      vaultId: world.vault.vaultId,
      generation: b.generation - 1,
      previousSha256: null,
      keySlots: await world.vault.exportKeySlots(),
      records: [],
      createdAt: new Date(Date.now() - 3_600_000),
    });
    await writeFile(path.join(world.folder, forked.fileName), forked.bytes);
    await touchSomeone(world.ws, 'Third');
    const c = await world.backup();
    expect(c.quarantined).toEqual([{ name: forked.fileName, reason: 'chain-broken' }]);
    const names = await backupNames(world.folder);
    expect(names).toEqual([a.name, b.name, c.name, forked.fileName].sort());
    expect(readBackupSettings(world.ws).lastSuccess?.name).toBe(c.name);
  });

  it('a backup forged without the key passes a keyless look but the key sets it aside', async () => {
    world = await backupWorld();
    const genuine = await world.backup();
    const forged = await encodeBackup({
      key: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
      vaultId: world.vault.vaultId,
      generation: 999,
      previousSha256: genuine.sha256,
      keySlots: new Uint8Array(8),
      records: [],
      createdAt: new Date(Date.now() - 60_000),
    });
    await writeFile(path.join(world.folder, forged.fileName), forged.bytes);
    const keyless = await rankFolderWithoutKey(world.host, world.folderId);
    expect(keyless.trusted.map((b) => b.name)).toContain(forged.fileName);
    const keyed = rankBackups(
      await checkFolderBackups(
        world.host,
        world.folderId,
        world.vault.purposeKey('backups'),
        world.vault.vaultId,
      ),
      { vaultId: world.vault.vaultId },
    );
    expect(keyed.trusted.map((b) => b.name)).toEqual([genuine.name]);
    expect(keyed.quarantined).toEqual([{ name: forged.fileName, reason: 'foreign' }]);
    // And retention never counts or deletes it.
    await touchSomeone(world.ws, 'After the forgery');
    const next = await world.backup();
    expect(next.quarantined).toEqual([{ name: forged.fileName, reason: 'foreign' }]);
    expect(next.generation).toBe(genuine.generation + 1);
    expect(await backupNames(world.folder)).toEqual([genuine.name, next.name, forged.fileName].sort());
  });
});
