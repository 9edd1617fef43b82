/**
 * Backups across a master-key rotation: the rotation starts a new chain under the new vault id,
 * the old chain's files stay as they are (not counted, not deleted, not quarantined), an old
 * backup still opens with the secrets of its day, and an erasure after the rotation reaches the
 * old chain's key ledger too. Real vault, engine and host on a real folder.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { applyChanges } from '../../shared/domain';
import { keyLedgerFileName, parseBackupFileName, vaultIdPrefix } from '../../shared/backup/names';
import { openBackup, readBackupHeader, readKeyLedger } from '../../renderer/backup';
import {
  loadBackupKeys,
  loadRetiredChains,
  recordBackupErasure,
} from '../../renderer/features/backups/backup-keys';
import { openForRestore } from '../../renderer/features/backups/engine';
import { writeBackupSettings } from '../../renderer/features/backups/settings';
import { openKeySlots } from '../../renderer/vault/unlock';
import { FAST_TEST_KDF_POLICY } from '../../renderer/vault/test-support';
import { backupWorld, touchSomeone, type BackupWorld } from './backup-harness';

const PASSPHRASE = 'correct horse battery staple 42';
const CANARY = 'Qzxcanaryvbnm';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 12));

/** The key a backup file's own slots open to, with the passphrase or a recovery key of its day. */
async function keyOfItsDay(
  w: BackupWorld,
  name: string,
  secret: { passphrase: string } | { recoveryKey: string },
) {
  const bytes = await readFile(path.join(w.folder, name));
  const header = await readBackupHeader(new Uint8Array(bytes));
  return openKeySlots(header.keySlots, secret, { kdfPolicy: FAST_TEST_KDF_POLICY });
}

async function unseal(
  raw: Uint8Array,
  table: string,
  id: string,
  sealed: Uint8Array,
): Promise<string | null> {
  try {
    const key = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['decrypt']);
    const pt = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.slice(0, 12),
        additionalData: new TextEncoder().encode(`${table}/${id}`),
      },
      key,
      sealed.slice(12),
    );
    return new TextDecoder().decode(pt);
  } catch {
    return null;
  }
}

/**
 * Every way the folder could give the canary's name back: each backup file opened with every
 * backups key known (current, retired, and the old one from the old recovery key), with no erasure
 * list applied, each sealed record tried with every subject key found in any ledger file of the
 * folder or in the vault's copies; plus a plain byte scan of every file. The files where it showed.
 */
async function whereCanaryReads(w: BackupWorld, backupsKeys: Map<string, CryptoKey>): Promise<string[]> {
  const names = await readdir(w.folder);
  const subjectKeys: Uint8Array[] = [];
  for (const [vaultId, key] of backupsKeys) {
    const picked = await readKeyLedger(w.host, w.folderId, vaultId, key).catch(() => null);
    if (picked) subjectKeys.push(...picked.ledger.subjects.values());
  }
  subjectKeys.push(...(await loadBackupKeys(w.ws)).subjects.values());
  for (const chain of await loadRetiredChains(w.ws)) subjectKeys.push(...chain.store.subjects.values());
  const found: string[] = [];
  for (const name of names) {
    const bytes = new Uint8Array(await readFile(path.join(w.folder, name)));
    if (Buffer.from(bytes).includes(CANARY)) found.push(`${name} (plain)`);
    if (!parseBackupFileName(name)) continue;
    const header = await readBackupHeader(bytes);
    const key = backupsKeys.get(header.vaultId);
    if (!key) throw new Error('no key for a backup of this vault');
    const opened = await openBackup(bytes, key, { vaultId: header.vaultId });
    for (const r of opened.records) {
      if (!(r.payload instanceof Uint8Array)) {
        if (JSON.stringify(r.payload).includes(CANARY)) found.push(name);
        continue;
      }
      for (const raw of subjectKeys) {
        const text = await unseal(raw, r.table, r.id, r.payload);
        if (text?.includes(CANARY)) found.push(name);
      }
    }
  }
  return [...new Set(found)];
}

describe('backups after a master-key rotation', () => {
  it('new chain, old chain left alone and still restorable, and an erasure reaches both', async () => {
    world = await backupWorld(3);
    const w = world;
    const canary = w.ws.model.list('people')[0]!;
    await w.ws.repo.commit('fixture.update', [
      {
        table: 'people',
        before: canary,
        after: applyChanges(canary, { familyName: CANARY }, w.ws.repo.stamp()),
      },
    ]);
    await writeBackupSettings(w.ws, { retention: { last: 1, daily: 0, weekly: 0, monthly: 0 } });
    const old = await w.backup(day(0));
    const oldVaultId = w.vault.vaultId;
    const oldKey = (await keyOfItsDay(w, old.name, { recoveryKey: w.recoveryKey })).backupsKey;
    const keys = new Map([[oldVaultId, oldKey]]);
    // The canary was really saved, readable, before anything else happens.
    expect(await whereCanaryReads(w, keys)).toEqual([old.name]);

    const newRecoveryKey = await w.vault.rotateMasterKey(PASSPHRASE, { reblind: w.ws.repo.reblind });
    expect(w.vault.vaultId).not.toBe(oldVaultId);
    keys.set(w.vault.vaultId, w.vault.purposeKey('backups'));

    // A new chain: generation 1 under the new vault id, not chained to the old file.
    await touchSomeone(w.ws, 'After the rotation');
    const first = await w.backup(day(1));
    expect(parseBackupFileName(first.name)?.vaultIdPrefix).toBe(vaultIdPrefix(w.vault.vaultId));
    expect(first.generation).toBe(1);
    const firstHeader = await readBackupHeader(
      new Uint8Array(await readFile(path.join(w.folder, first.name))),
    );
    expect(firstHeader.previousSha256).toBeNull();
    // Retention keeps one backup: it prunes the new chain, never the old chain's file.
    await touchSomeone(w.ws, 'Again');
    const second = await w.backup(day(2));
    expect(second.generation).toBe(2);
    expect(second.deleted).toEqual([first.name]);
    expect(second.quarantined).toEqual([]);
    const files = await readdir(w.folder);
    expect(files).toContain(old.name);
    expect(files).not.toContain(first.name);

    // The old backup opens with the recovery key of its day, and with the passphrase; the new
    // backup refuses that recovery key and opens with the new one.
    const byOldRecovery = await keyOfItsDay(w, old.name, { recoveryKey: w.recoveryKey });
    expect(byOldRecovery.vaultId).toBe(oldVaultId);
    const byPassphrase = await keyOfItsDay(w, old.name, { passphrase: PASSPHRASE });
    const before = await openForRestore(w.host, w.folderId, old.name, byPassphrase.backupsKey, oldVaultId);
    expect(before.records.filter((r) => r.table === 'people')).toHaveLength(3);
    expect(before.missingKeys).toBe(0);
    await expect(keyOfItsDay(w, second.name, { recoveryKey: w.recoveryKey })).rejects.toMatchObject({
      code: 'wrong-recovery-key',
    });
    expect((await keyOfItsDay(w, second.name, { recoveryKey: newRecoveryKey })).vaultId).toBe(
      w.vault.vaultId,
    );
    expect((await whereCanaryReads(w, keys)).sort()).toEqual([old.name, second.name].sort());

    // Erased after the rotation: gone from every file, the old chain's included.
    await recordBackupErasure(w.ws, canary.subjectId);
    await touchSomeone(w.ws, 'After the erasure');
    await w.backup(day(3));
    for (const retired of await w.vault.retiredBackupKeys()) keys.set(retired.vaultId, retired.key);
    expect(await whereCanaryReads(w, keys)).toEqual([]);
    const oldLedger = (await readKeyLedger(w.host, w.folderId, oldVaultId, oldKey))!.ledger;
    expect(oldLedger.subjects.has(canary.subjectId)).toBe(false);
    expect(oldLedger.erasures.map((e) => e.subjectId)).toContain(canary.subjectId);

    // The others of the old backup still restore, on a new computer with the secret of its day.
    const after = await openForRestore(w.host, w.folderId, old.name, byOldRecovery.backupsKey, oldVaultId);
    expect(after.records.filter((r) => r.table === 'people')).toHaveLength(2);
    expect(after.missingKeys).toBe(0);
    expect(after.opened.droppedErased).toBeGreaterThan(0);
    expect(after.records.some((r) => r.subjectId === canary.subjectId)).toBe(false);
  });

  it('the stored subject keys are re-filed under the retired vault id, and a second rotation keeps both chains', async () => {
    world = await backupWorld(2);
    const w = world;
    await w.backup(day(0));
    const firstId = w.vault.vaultId;
    const keysBefore = await loadBackupKeys(w.ws);
    await w.vault.rotateMasterKey(PASSPHRASE, { reblind: w.ws.repo.reblind });
    // The new vault id starts with no subject keys of its own; the old ones are kept for its chain.
    expect((await loadBackupKeys(w.ws)).subjects.size).toBe(0);
    const [chain] = await loadRetiredChains(w.ws);
    expect(chain?.vaultId).toBe(firstId);
    expect([...chain!.store.subjects.keys()].sort()).toEqual([...keysBefore.subjects.keys()].sort());

    await touchSomeone(w.ws, 'Between rotations');
    await w.backup(day(1));
    const secondId = w.vault.vaultId;
    await w.vault.rotateMasterKey(PASSPHRASE, { reblind: w.ws.repo.reblind });
    await touchSomeone(w.ws, 'After two rotations');
    const third = await w.backup(day(2));
    expect(third.generation).toBe(1);
    expect((await loadRetiredChains(w.ws)).map((c) => c.vaultId).sort()).toEqual([firstId, secondId].sort());
    expect((await readdir(w.folder)).filter((n) => parseBackupFileName(n))).toHaveLength(3);
  });

  it("the old chain's ledger, deleted after the rotation, is rewritten from the vault with the same keys", async () => {
    world = await backupWorld(2);
    const w = world;
    const old = await w.backup(day(0));
    const oldVaultId = w.vault.vaultId;
    await w.vault.rotateMasterKey(PASSPHRASE, { reblind: w.ws.repo.reblind });
    for (const copy of [1, 2] as const) await rm(path.join(w.folder, keyLedgerFileName(oldVaultId, copy)));
    const { backupsKey } = await keyOfItsDay(w, old.name, { recoveryKey: w.recoveryKey });
    expect(
      (await openForRestore(w.host, w.folderId, old.name, backupsKey, oldVaultId)).missingKeys,
    ).toBeGreaterThan(0);

    await touchSomeone(w.ws, 'After the loss');
    await w.backup(day(1));
    const again = await openForRestore(w.host, w.folderId, old.name, backupsKey, oldVaultId);
    expect(again.records.filter((r) => r.table === 'people')).toHaveLength(2);
    expect(again.missingKeys).toBe(0);
  });

  it('a folder with nothing of the old chain gets no ledger of it', async () => {
    world = await backupWorld(2);
    const w = world;
    await w.backup(day(0));
    const oldVaultId = w.vault.vaultId;
    await w.vault.rotateMasterKey(PASSPHRASE, { reblind: w.ws.repo.reblind });
    for (const name of await readdir(w.folder)) await rm(path.join(w.folder, name));
    await touchSomeone(w.ws, 'A fresh folder');
    await w.backup(day(1));
    const names = await readdir(w.folder);
    expect(names.some((n) => n.includes(vaultIdPrefix(oldVaultId)))).toBe(false);
    expect(names).toContain(keyLedgerFileName(w.vault.vaultId));
  });
});
