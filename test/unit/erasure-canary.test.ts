/**
 * The promise of an erasure, checked where the data could still be: a canary string in a person's
 * name, notes and an activity about them, and in every record the vault seals for them together
 * with someone else: a meeting shared with another person, a deal of theirs alone, a deal shared
 * with the other person, and the sole-trader business they own. After the erasure (real vault on
 * fake-indexeddb, real backup engine and host over a folder on disk) it must be in no raw
 * IndexedDB row, in no row the store's remaining keys decrypt (older copies included), in no
 * backup made before the erasure once decrypted with every key the vault and the ledger hold (the
 * person's records and the shared ones do not decrypt; the others do), in no archive made after
 * it, and not in the vault restored from a pre-erasure backup. An archive made before it does not
 * bring them back. The other person keeps their records and their part of the shared ones.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyChanges,
  createRecord,
  newActivityId,
  newDealId,
  newOrganizationId,
  newTaskId,
  REDACTED_TITLE,
  type Activity,
  type Deal,
  type Organization,
  type Person,
  type Task,
} from '../../shared/domain';
import { openBackup, readKeyLedger } from '../../renderer/backup';
import { loadBackupKeys } from '../../renderer/features/backups/backup-keys';
import { openForRestore, unsealBackupRecord } from '../../renderer/features/backups/engine';
import { replaceWithBackup } from '../../renderer/features/backups/restore';
import {
  exportArchive,
  openArchive,
  planArchiveImport,
} from '../../renderer/features/import-export/archive-service';
import { erasePerson, installErasurePolicy, leaveOutRule } from '../../renderer/features/rights';
import { openWorkspace, type Workspace } from '../../renderer/session/workspace';
import { randomBytes, tables } from '../../renderer/vault';
import { FAST_TEST_KDF_POLICY, decryptEveryRow } from '../../renderer/vault/test-support';
import { PASSPHRASE, backupWorld, type BackupWorld } from './backup-harness';

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

/** Every record of every table of an open model, as one text. */
const modelText = (ws: Pick<Workspace, 'model'>): string =>
  tables.map((t) => JSON.stringify(ws.model.entries(t))).join('\n');

/**
 * The person's world: their name and notes, an activity about them alone, a meeting shared with
 * `other`, a deal of theirs alone, a deal with `other`, their sole-trader business (renamed once,
 * so its history holds the canary twice), and a task under the records key linked to their call.
 */
async function canaryWorld(ws: Workspace, base: Person, other: Person) {
  const stamp = () => ws.repo.stamp();
  const business: Organization = createRecord(
    'organizations',
    newOrganizationId(randomBytes),
    {
      name: `Old ${canary} workshop`,
      naturalPerson: true,
      addresses: [],
      phones: [],
      emails: [],
      tags: [],
      customFields: {},
    },
    stamp(),
  );
  await ws.run('organizations.create', {
    changes: [{ table: 'organizations', before: null, after: business }],
  });
  const renamed = applyChanges(business, { name: `${canary} workshop` }, stamp());
  await ws.run('organizations.update', {
    changes: [{ table: 'organizations', before: business, after: renamed }],
  });
  const person: Person = applyChanges(
    base,
    {
      givenName: canary,
      notes: `call ${canary} after five`,
      kind: 'sole-trader',
      organizations: [{ organizationId: business.id }],
    },
    stamp(),
  );
  await ws.run('people.update', { changes: [{ table: 'people', before: base, after: person }] });
  const activity = (participantIds: Person['id'][], text: string, extra: Partial<Activity> = {}): Activity =>
    createRecord(
      'activities',
      newActivityId(randomBytes),
      { kind: 'call', at: new Date().toISOString(), text, participantIds, ...extra } as never,
      stamp(),
    );
  const call = activity([person.id], `Spoke with ${canary}`);
  const meeting = activity([person.id, other.id], `${canary} brought the drawings`, {
    kind: 'meeting',
    subject: `Plans with ${canary}`,
    durationMinutes: 30,
  });
  const visit = activity([other.id], `At the ${canary} workshop`, {
    kind: 'visit',
    organizationId: business.id,
  });
  await ws.run('activities.log', {
    changes: [call, meeting, visit].map((after) => ({ table: 'activities' as const, before: null, after })),
  });
  const pipeline = ws.model.list('pipelines')[0]!;
  const deal = (personIds: Person['id'][], title: string, extra: Partial<Deal> = {}): Deal =>
    createRecord(
      'deals',
      newDealId(randomBytes),
      {
        title,
        notes: `${canary} asked for a discount`,
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0]!.id,
        value: { amountMinor: 98_700, currency: 'EUR' },
        status: 'open',
        personIds,
        tags: [],
        customFields: {},
        ...extra,
      },
      stamp(),
    );
  const own = deal([person.id], `Kitchen for ${canary}`);
  const both = deal([person.id, other.id], `${canary} and partner: roof`);
  await ws.run('deals.create', {
    changes: [own, both].map((after) => ({ table: 'deals' as const, before: null, after })),
  });
  const task: Task = createRecord(
    'tasks',
    newTaskId(randomBytes),
    { title: 'Send the summary', priority: 'normal', done: false, link: { table: 'activity', id: call.id } },
    stamp(),
  );
  await ws.run('tasks.create', { changes: [{ table: 'tasks', before: null, after: task }] });
  return { person, business: renamed, call, meeting, visit, own, both, task };
}

describe('after an erasure, the canary is nowhere', () => {
  it('raw IndexedDB, every decryptable row, old backups, a later archive, a restored vault', async () => {
    world = await backupWorld(4);
    const w = world;
    const { ws } = w;
    const [base, other] = ws.model.list('people');
    const s = await canaryWorld(ws, base!, other!);
    const { person } = s;
    // Every canary record is readable before, so a later miss is the erasure, not the setup.
    expect(modelText(ws).split(canary).length - 1).toBeGreaterThanOrEqual(10);
    const before = await w.backup();
    const archiveBefore = await exportArchive(ws, { appVersion: 't', protection: { plaintext: true } });
    expect((await rawRows()).rows).toBeGreaterThan(0);

    const outcome = await erasePerson(ws, w.host, person.id, { suppress: true });
    expect(outcome.backupLedger).toBe('verified');
    // The open session already shows what the store holds: no canary, the skeletons back.
    expect(hasCanary(modelText(ws))).toBe(false);
    await ws.vault.compact();

    // 0. Every decrypted record of every table the vault still holds, and every row opened on its
    //    own with every key the store holds, older copies included.
    const live = await ws.vault.loadAll();
    expect(live.length).toBeGreaterThan(10);
    expect(live.filter((r) => hasCanary(JSON.stringify(r.data)))).toEqual([]);
    const everyRow = await decryptEveryRow(
      { passphrase: PASSPHRASE },
      { dbName: w.dbName, kdfPolicy: FAST_TEST_KDF_POLICY },
    );
    expect(everyRow.length).toBeGreaterThan(live.length / 2);
    expect(hasCanary(JSON.stringify(everyRow))).toBe(false);
    expect(JSON.stringify(everyRow)).toContain(other!.familyName);

    // 1. Every raw IndexedDB row.
    const raw = await rawRows();
    expect(raw.rows).toBeGreaterThan(2);
    expect(raw.hits).toBe(0);

    // The other person keeps their records and their part of the shared ones; the business keeps
    // the deals' figures; the business of the erased sole trader is gone with them.
    const check = (m: Workspace['model']) => {
      expect(m.get('people', other!.id)?.familyName).toBe(other!.familyName);
      expect(m.get('people', person.id)).toBeUndefined();
      expect(m.get('organizations', s.business.id)).toBeUndefined();
      expect(m.get('activities', s.call.id)).toBeUndefined();
      expect(m.get('activities', s.meeting.id)).toMatchObject({
        kind: 'meeting',
        at: s.meeting.at,
        durationMinutes: 30,
        participantIds: [other!.id],
        text: '',
      });
      expect(m.get('activities', s.meeting.id)?.subject).toBeUndefined();
      expect(m.get('activities', s.visit.id)).toMatchObject({ participantIds: [other!.id], text: '' });
      expect(m.get('activities', s.visit.id)?.organizationId).toBeUndefined();
      expect(m.get('deals', s.both.id)).toMatchObject({
        personIds: [other!.id],
        title: REDACTED_TITLE,
        value: s.both.value,
      });
      expect(m.get('deals', s.own.id)).toMatchObject({
        personIds: [],
        title: REDACTED_TITLE,
        value: s.own.value,
      });
      expect(m.get('deals', s.own.id)?.notes).toBeUndefined();
    };
    check(ws.model);
    // The task under the records key stays, without its link to the erased person's call.
    expect(ws.model.get('tasks', s.task.id)).toMatchObject({ title: 'Send the summary' });
    expect(ws.model.get('tasks', s.task.id)?.link).toBeUndefined();
    const fresh0 = await openWorkspace(ws.vault, live, 'Test laptop');
    check(fresh0.model);
    fresh0.dispose();

    // 2. Every backup file made before the erasure: no plaintext, and decrypted with every subject
    //    key the vault and the folder's ledger hold, every record sealed for the person (alone or
    //    with others) opens with none of them.
    const key = ws.vault.purposeKey('backups');
    const ledger = (await readKeyLedger(w.host, w.folderId, ws.vault.vaultId, key))!.ledger;
    const own = await loadBackupKeys(ws);
    const allKeys = [...ledger.subjects.values(), ...own.subjects.values()];
    const rawOf = (sid: string) => own.subjects.get(sid) ?? ledger.subjects.get(sid);
    const files = (await readdir(w.folder)).filter((f) => f.endsWith('.scrigno-backup'));
    expect(files).toContain(before.name);
    let theirs = 0;
    let sharedShut = 0;
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
        const group = r.subjectId.split(',');
        const text =
          group.length > 1
            ? await unsealBackupRecord(r, rawOf).then((v) => (v === null ? null : JSON.stringify(v)))
            : await opensWithAny(allKeys, r.table, r.id, r.payload as Uint8Array);
        if (group.includes(person.subjectId)) {
          expect(text).toBeNull();
          if (group.length > 1) sharedShut++;
          else theirs++;
        } else {
          expect(text).not.toBeNull();
          expect(hasCanary(text!)).toBe(false);
          others++;
        }
      }
    }
    expect(theirs).toBeGreaterThanOrEqual(2);
    // The meeting, the shared deal, the business, its history, the visit and their parts.
    expect(sharedShut).toBeGreaterThanOrEqual(6);
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
    expect(restorable.opened.droppedErased).toBeGreaterThanOrEqual(8);
    expect(hasCanary(JSON.stringify(restorable.records))).toBe(false);
    // Even a record sealed for the erased subject that did open (a key that should be gone) is
    // never written back: sealing it again would give the erased subject a new key.
    const leaked = {
      table: 'activities' as const,
      id: s.meeting.id,
      subjectId: `${person.subjectId},${other!.subjectId}`,
      data: s.meeting,
    };
    await replaceWithBackup(ws, { ...restorable, records: [...restorable.records, leaked] });
    const restoredRows = await ws.vault.loadAll();
    // Nothing in the restored store is sealed for the erased subject (no key was made for them).
    expect(
      restoredRows.filter(
        (r) => r.subjectId === person.subjectId || r.subjectIds?.includes(person.subjectId),
      ),
    ).toEqual([]);
    const reopened = await openWorkspace(ws.vault, restoredRows, 'Test laptop');
    expect(hasCanary(modelText(reopened))).toBe(false);
    check(reopened.model);
    expect(
      hasCanary(
        JSON.stringify(
          await decryptEveryRow(
            { passphrase: PASSPHRASE },
            { dbName: w.dbName, kdfPolicy: FAST_TEST_KDF_POLICY },
          ),
        ),
      ),
    ).toBe(false);
    expect((await rawRows()).hits).toBe(0);
    // The erasure ledger and the suppression list outlive the restore of an older backup.
    expect(reopened.model.list('erasures').map((e) => e.personId)).toEqual([person.id]);
    expect(reopened.model.list('suppressions').length).toBe(outcome.suppressed);
    // On a new computer (the folder's ledger alone), the same: left out as erased.
    const fresh = await openForRestore(w.host, w.folderId, before.name, key, ws.vault.vaultId);
    expect(fresh.records.some((r) => r.subjectId?.split(',').includes(person.subjectId))).toBe(false);
    expect(hasCanary(JSON.stringify(fresh.records))).toBe(false);
    expect(fresh.missingKeys).toBe(0);

    // 5. An archive made before the erasure, imported after it: the person stays out, and says so;
    //    their business stays out with them and the shared records come as the others' skeletons.
    const contents = await openArchive(archiveBefore);
    const plan = planArchiveImport(reopened, contents, leaveOutRule(reopened));
    expect(plan.leftOut.erased).toBe(1);
    expect(plan.changes.some((c) => hasCanary(JSON.stringify(c.after)))).toBe(false);
    await contents.checked;
    reopened.dispose();
  });
});
