/**
 * Data written at schema version 1 (test/fixtures/v1) opens with the current code: a vault at
 * unlock, an archive at import and a backup at restore, every record upgraded and nothing lost.
 */
import { describe, expect, it } from 'vitest';

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  entityTables,
  isTombstone,
  personSchemaVersion,
  recordRegistry,
  schemaOf,
  type EntityTable,
} from '../../shared/domain';
import { openWorkspace } from '../../renderer/session/workspace';
import { openForRestore } from '../../renderer/features/backups/engine';
import { openArchive } from '../../renderer/features/import-export/archive-service';
import { openVault } from '../../renderer/vault';
import { FAST_TEST_KDF_POLICY } from '../../renderer/vault/test-support';
import { dumpFromJson, loadVaultDump } from '../fixtures/v1/dump';
import { FIXTURE_FOLDER_ID, FIXTURE_PASSPHRASE, fixtureDir } from '../fixtures/v1/fixture-facts';
import { MemoryBackupHost } from '../fixtures/v1/memory-host';

async function openFixtureVault() {
  const dbName = `v1-fixture-${Math.random().toString(36).slice(2)}`;
  await loadVaultDump(dbName, dumpFromJson(await readFile(path.join(fixtureDir, 'vault.json'), 'utf8')));
  const vault = await openVault(
    { passphrase: FIXTURE_PASSPHRASE },
    { dbName, kdfPolicy: FAST_TEST_KDF_POLICY },
  );
  return { vault, raw: await vault.loadAll() };
}

/** Every record must be at its table's current version and valid. */
function expectCurrent(table: EntityTable, records: readonly unknown[]): void {
  for (const record of records) {
    if (isTombstone(record)) continue;
    expect((record as { schemaVersion: number }).schemaVersion).toBe(recordRegistry[table].version);
    expect(schemaOf(table).safeParse(record).success).toBe(true);
  }
}

describe('version-1 fixtures', () => {
  it('the vault opens with every person upgraded to the current version and nothing lost', async () => {
    const { vault, raw } = await openFixtureVault();
    const stored = raw.filter((r) => r.table === 'people');
    // The fixture really is old: its people are stored at version 1.
    expect(stored.length).toBe(12);
    expect(stored.every((r) => (r.data as { schemaVersion: number }).schemaVersion === 1)).toBe(true);
    const ws = await openWorkspace(vault, raw, 'Test');
    for (const table of entityTables) expectCurrent(table, ws.model.list(table));
    const people = ws.model.list('people');
    expect(people.map((p) => p.id).sort()).toEqual(stored.map((r) => r.id).sort());
    expect(personSchemaVersion).toBeGreaterThan(1);
    for (const p of people) {
      expect(p.preferredChannel).toBe('any');
      const before = stored.find((r) => r.id === p.id)!.data as Record<string, unknown>;
      // Every field of the old record is still there with its value.
      for (const [field, value] of Object.entries(before)) {
        if (field === 'schemaVersion' || field === 'clock') continue;
        expect((p as unknown as Record<string, unknown>)[field]).toEqual(value);
      }
    }
    // The one edited person keeps their edit, and the new field's clock loses to any later write.
    const edited = people.find((p) => p.jobTitle === 'Restauratrice');
    expect(edited).toBeDefined();
    const clocks = Object.values(edited!.clock).sort();
    expect(edited!.clock.preferredChannel).toBe(clocks[0]);
    for (const table of ['organizations', 'deals', 'activities', 'tasks', 'pipelines', 'tags'] as const) {
      expect(ws.model.count(table)).toBe(raw.filter((r) => r.table === table).length);
    }
    ws.dispose();
    vault.lock();
  });

  it('the archive imports with every record upgraded', async () => {
    const opened = await openArchive(await readFile(path.join(fixtureDir, 'archive.zip')));
    await opened.checked;
    expect(opened.manifest.counts.people).toBe(12);
    for (const table of entityTables) {
      expect(opened.records[table].length).toBe(opened.manifest.counts[table] ?? 0);
      expectCurrent(table, opened.records[table]);
    }
    expect(
      opened.records.people.every((p) => (p as { preferredChannel?: string }).preferredChannel === 'any'),
    ).toBe(true);
  });

  it('the backup restores with every record upgraded', async () => {
    const { vault } = await openFixtureVault();
    const host = new MemoryBackupHost();
    const folder = path.join(fixtureDir, 'backup');
    for (const name of await readdir(folder)) host.files.set(name, await readFile(path.join(folder, name)));
    const backupName = [...host.files.keys()].find((n) => n.endsWith('.scrigno-backup'))!;
    const restorable = await openForRestore(
      host,
      FIXTURE_FOLDER_ID,
      backupName,
      vault.purposeKey('backups'),
      vault.vaultId,
    );
    expect(restorable.missingKeys).toBe(0);
    expect(restorable.ledgerDamaged).toBe(false);
    const people = restorable.records.filter((r) => r.table === 'people');
    expect(people.length).toBe(12);
    for (const table of entityTables) {
      expectCurrent(
        table,
        restorable.records.filter((r) => r.table === table).map((r) => r.data),
      );
    }
    vault.lock();
  });

  it('a record from a newer version refuses the archive instead of being misread', async () => {
    const { parseArchiveData } = await import('../../shared/formats/archive');
    const doc = {
      format: 'scrigno-archive',
      formatVersion: 1,
      tables: { people: [{ id: 'x', schemaVersion: personSchemaVersion + 1 }] },
    };
    expect(() => parseArchiveData(JSON.stringify(doc))).toThrow('archive-version');
  });
});
