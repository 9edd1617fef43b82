/**
 * The promise of an erasure, checked where the data could still be: a canary string in a person's
 * name, notes and an activity about them. After the erasure (real vault on fake-indexeddb, real
 * backup engine and host over a folder on disk) it must be in no raw IndexedDB row, in no backup
 * made before the erasure once decrypted with every key the vault and the ledger hold (the
 * person's records do not decrypt; the others do), in no archive made after it, and not in the
 * vault restored from a pre-erasure backup. An archive made before it does not bring them back.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyChanges, createRecord, newActivityId, type Person } from '../../shared/domain';
import { openBackup, readKeyLedger } from '../../renderer/backup';
import { loadBackupKeys } from '../../renderer/features/backups/backup-keys';
import { openForRestore } from '../../renderer/features/backups/engine';
import { replaceWithBackup } from '../../renderer/features/backups/restore';
import {
  exportArchive,
  openArchive,
  planArchiveImport,
} from '../../renderer/features/import-export/archive-service';
import { erasePerson, installErasurePolicy, leaveOutRule } from '../../renderer/features/rights';
import { openWorkspace } from '../../renderer/session/workspace';
import { backupWorld, type BackupWorld } from './backup-harness';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});
beforeAll(() => installErasurePolicy());

const canary = `Qcanary${Math.random().toString(36).slice(2, 10)}`;
const needles = [canary, canary.toLowerCase()].flatMap((s) => [
  Buffer.from(s, 'utf8'),
  Buffer.from(s, 'utf16le'),
]);
const hasCanary = (bytes: Uint8Array | string): boolean => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return needles.some((n) => b.includes(n));
};

/** Every value of every row of every IndexedDB database, as bytes and strings, walked deeply. */
async function rawRows(): Promise<{ rows: number; hits: number }> {
  let rows = 0;
  let hits = 0;
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return hasCanary(v);
    if (v instanceof Uint8Array) return hasCanary(v);
    if (v instanceof ArrayBuffer) return hasCanary(new Uint8Array(v));
    if (Array.isArray(v)) return v.some(walk);
    if (v && typeof v === 'object') return Object.values(v).some(walk);
    return false;
  };
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('idb'));
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error ?? new Error('idb'));
      });
      rows += all.length;
      hits += all.filter(walk).length;
    }
    db.close();
  }
  return { rows, hits };
}

/** Tries to open a sealed backup record (nonce ‖ AES-GCM, AD = table/id) with every key given. */
async function opensWithAny(keys: Iterable<Uint8Array>, table: string, id: string, sealed: Uint8Array) {
  for (const raw of keys) {
    const key = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['decrypt']);
    try {
      const plain = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: sealed.slice(0, 12),
          additionalData: new TextEncoder().encode(`${table}/${id}`),
        },
        key,
        sealed.slice(12),
      );
      return new TextDecoder().decode(plain);
    } catch {
      // not this key
    }
  }
  return null;
}

describe('after an erasure, the canary is nowhere', () => {
  it('raw IndexedDB, old backups decrypted with every key, a later archive, a restored vault', async () => {
    world = await backupWorld(4);
    const w = world;
    const { ws } = w;
    const [base, other] = ws.model.list('people');
    const person: Person = applyChanges(
      base!,
      { givenName: canary, notes: `call ${canary} after five` },
      ws.repo.stamp(),
    );
    await ws.run('people.update', { changes: [{ table: 'people', before: base!, after: person }] });
    const call = createRecord(
      'activities',
      newActivityId((n) => crypto.getRandomValues(new Uint8Array(n))),
      {
        kind: 'call',
        at: new Date().toISOString(),
        text: `Spoke with ${canary}`,
        participantIds: [person.id],
      } as never,
      ws.repo.stamp(),
    );
    await ws.run('activities.log', { changes: [{ table: 'activities', before: null, after: call }] });
    const before = await w.backup();
    const archiveBefore = await exportArchive(ws, { appVersion: 't', protection: { plaintext: true } });
    expect((await rawRows()).rows).toBeGreaterThan(0);

    const outcome = await erasePerson(ws, w.host, person.id, { suppress: true });
    expect(outcome.backupLedger).toBe('verified');
    await ws.vault.compact();

    // 0. Every decrypted record of every table the vault still holds.
    const live = await ws.vault.loadAll();
    expect(live.length).toBeGreaterThan(10);
    expect(live.filter((r) => hasCanary(JSON.stringify(r.data)))).toEqual([]);

    // 1. Every raw IndexedDB row.
    const raw = await rawRows();
    expect(raw.rows).toBeGreaterThan(2);
    expect(raw.hits).toBe(0);

    // 2. Every backup file made before the erasure: no plaintext, and decrypted with every subject
    //    key the vault and the folder's ledger hold, the person's records open with none of them.
    const key = ws.vault.purposeKey('backups');
    const ledger = (await readKeyLedger(w.host, w.folderId, ws.vault.vaultId, key))!.ledger;
    const own = await loadBackupKeys(ws);
    const allKeys = [...ledger.subjects.values(), ...own.subjects.values()];
    const files = (await readdir(w.folder)).filter((f) => f.endsWith('.scrigno-backup'));
    expect(files).toContain(before.name);
    let theirs = 0;
    let others = 0;
    for (const name of files) {
      const bytes = await readFile(path.join(w.folder, name));
      expect(hasCanary(bytes)).toBe(false);
      const opened = await openBackup(bytes, key, { vaultId: ws.vault.vaultId });
      for (const r of opened.records) {
        if (!r.subjectId) {
          expect(hasCanary(JSON.stringify(r.payload))).toBe(false);
          continue;
        }
        const text = await opensWithAny(allKeys, r.table, r.id, r.payload as Uint8Array);
        if (r.subjectId === person.subjectId) {
          expect(text).toBeNull();
          theirs++;
        } else {
          expect(text).not.toBeNull();
          expect(hasCanary(text!)).toBe(false);
          others++;
        }
      }
    }
    expect(theirs).toBeGreaterThanOrEqual(2);
    expect(others).toBeGreaterThan(0);

    // 3. An archive made after the erasure.
    const archiveAfter = await exportArchive(ws, { appVersion: 't', protection: { plaintext: true } });
    const entries = Object.values(unzipSync(archiveAfter));
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.some((e) => hasCanary(e))).toBe(false);
    expect(entries.some((e) => Buffer.from(e).includes(Buffer.from(other!.familyName)))).toBe(true);

    // 4. The vault restored in place from the pre-erasure backup: the ledger is replayed first.
    const restorable = await openForRestore(w.host, w.folderId, before.name, key, ws.vault.vaultId, own);
    expect(restorable.missingKeys).toBe(0);
    expect(restorable.opened.droppedErased).toBeGreaterThanOrEqual(2);
    await replaceWithBackup(ws, restorable);
    const reopened = await openWorkspace(ws.vault, await ws.vault.loadAll(), 'Test laptop');
    const everything =
      JSON.stringify(reopened.model.list('people')) + JSON.stringify(reopened.model.list('activities'));
    expect(hasCanary(everything)).toBe(false);
    expect(reopened.model.get('people', person.id)).toBeUndefined();
    expect(reopened.model.get('people', other!.id)?.familyName).toBe(other!.familyName);
    // The erasure ledger and the suppression list outlive the restore of an older backup.
    expect(reopened.model.list('erasures').map((e) => e.personId)).toEqual([person.id]);
    expect(reopened.model.list('suppressions').length).toBe(outcome.suppressed);
    // On a new computer (the folder's ledger alone), the same: left out as erased.
    const fresh = await openForRestore(w.host, w.folderId, before.name, key, ws.vault.vaultId);
    expect(fresh.records.some((r) => r.subjectId === person.subjectId)).toBe(false);
    expect(fresh.missingKeys).toBe(0);

    // 5. An archive made before the erasure, imported after it: the person stays out, and says so.
    const contents = await openArchive(archiveBefore);
    const plan = planArchiveImport(reopened, contents, leaveOutRule(reopened));
    expect(plan.leftOut.erased).toBe(1);
    expect(plan.changes.some((c) => hasCanary(JSON.stringify(c.after)))).toBe(false);
    await contents.checked;
    reopened.dispose();
  });
});
