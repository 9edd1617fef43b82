import { describe, expect, it } from 'vitest';

import { createRunner } from '../../commands';
import {
  applyChanges,
  createRecord,
  isTombstone,
  newActivityId,
  newPersonId,
  newSubjectId,
  newTaskId,
  trashRecord,
  type Person,
} from '../../../shared/domain';
import { randomBytes } from '../../vault/bytes';
import { Model } from '../../vault/model';
import { Repository, type HistoryEntry } from '../../vault/repository';
import { FAST_TEST_KDF_POLICY } from '../../vault/test-support';
import { createVault, openVault } from '../../vault/vault';
import { purgeTrash } from './purge-trash';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
const day = 86_400_000;
let counter = 0;

async function setup() {
  const opts = { dbName: `purge-test-${++counter}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY };
  const { vault } = await createVault(PASS, opts);
  const model = Model.fromRecords(await vault.loadAll());
  const repo = await Repository.open(vault, model, 'Test laptop');
  return { vault, model, repo, opts };
}

function newPerson(repo: Repository, givenName: string, email: string): Person {
  return createRecord(
    'people',
    newPersonId(randomBytes),
    {
      subjectId: newSubjectId(randomBytes),
      kind: 'private',
      givenName,
      familyName: 'Brambilla',
      organizations: [],
      emails: [{ kind: 'work', address: email }],
      phones: [{ kind: 'mobile', number: '+393471234567' }],
      addresses: [],
      source: { method: 'manual', date: '2026-11-28' },
      notes: 'Prefers email after 17:00',
      tags: [],
      customFields: {},
    } as never,
    repo.stamp(),
  );
}

// Every personal value written below, as it would appear in stored text.
const personal = [
  'Ottavia',
  'Brambilla',
  'ottavia@example.it',
  '393471234567',
  'Prefers email',
  'Pricing call',
];

describe('purgeTrash', () => {
  it('turns a person trashed 31 days ago into a tombstone that reads back with none of their content', async () => {
    const { vault, model, repo, opts } = await setup();
    const now = Date.now();
    const ottavia = newPerson(repo, 'Ottavia', 'ottavia@example.it');
    const kept = newPerson(repo, 'Teresa', 'teresa@example.it');
    await repo.commit('contacts.create', [
      { table: 'people', before: null, after: ottavia },
      { table: 'people', before: null, after: kept },
    ]);
    const edited = applyChanges(ottavia, { jobTitle: 'Buyer' }, repo.stamp());
    await repo.commit('contacts.update', [{ table: 'people', before: ottavia, after: edited }]);
    const call = createRecord(
      'activities',
      newActivityId(randomBytes),
      { kind: 'call', at: new Date(now).toISOString(), text: 'Pricing call', participantIds: [ottavia.id] },
      repo.stamp(),
    );
    const task = createRecord(
      'tasks',
      newTaskId(randomBytes),
      { title: 'Send the offer', priority: 'normal', done: false, link: { table: 'person', id: ottavia.id } },
      repo.stamp(),
    );
    await repo.commit('activities.create', [
      { table: 'activities', before: null, after: call },
      { table: 'tasks', before: null, after: task },
    ]);
    // Ottavia and the call went to the trash 31 days ago, Teresa 29 days ago.
    const old = repo.stamp(now - 31 * day);
    const recent = repo.stamp(now - 29 * day);
    await repo.commit('contacts.trash', [
      { table: 'people', before: edited, after: trashRecord(edited, old) },
      { table: 'activities', before: call, after: trashRecord(call, old) },
      { table: 'people', before: kept, after: trashRecord(kept, recent) },
    ]);
    expect(repo.history(ottavia.id).length).toBeGreaterThan(0);
    const auditBefore = model.count('audit');

    expect(await purgeTrash({ vault, model, repo, run: createRunner(repo) }, now)).toBe(2);

    // Gone from the model and its history; the live task keeps its link (shown as a missing record).
    expect(model.get('people', ottavia.id)).toBeUndefined();
    expect(model.get('activities', call.id)).toBeUndefined();
    expect(repo.history(ottavia.id)).toEqual([]);
    expect(model.get('people', kept.id)?.deletedAt).not.toBeNull();
    expect(repo.history(kept.id).length).toBeGreaterThan(0);
    expect(model.get('tasks', task.id)?.link).toEqual({ table: 'person', id: ottavia.id });
    // One command, not undoable; the audit names ids and fields, never values.
    expect(repo.undoable).toBe('contacts.trash');
    const audit = model
      .list('audit')
      .filter((e) => e.seq >= auditBefore)
      .sort((a, b) => a.seq - b.seq);
    expect(new Set(audit.map((e) => e.command))).toEqual(new Set(['trash.purge']));
    const ids = audit.flatMap((e) => e.recordIds ?? (e.recordId ? [e.recordId] : []));
    expect(ids.sort()).toEqual([ottavia.id, call.id].sort());
    expect(audit.flatMap((e) => e.fields)).toEqual(expect.arrayContaining(['givenName', 'text', 'purgedAt']));
    for (const value of personal) expect(JSON.stringify(audit)).not.toContain(value);
    // No blind index points at the purged person any more.
    expect(await vault.findByBlind(await vault.blindToken('email', 'ottavia@example.it'))).toEqual([]);

    // Nothing due: nothing is written.
    expect(await purgeTrash({ vault, model, repo, run: createRunner(repo) }, now)).toBe(0);
    expect(model.count('audit')).toBe(auditBefore + audit.length);

    // After a reload the store holds tombstones and no history for them, and no personal value.
    vault.lock();
    const reopened = await openVault({ passphrase: PASS }, opts);
    let tampered = 0;
    const records = await reopened.loadAll(() => tampered++);
    expect(tampered).toBe(0);
    const byId = new Map(records.map((r) => [`${r.table}/${r.id}`, r.data]));
    expect(isTombstone(byId.get(`people/${ottavia.id}`))).toBe(true);
    expect(isTombstone(byId.get(`activities/${call.id}`))).toBe(true);
    expect(isTombstone(byId.get(`people/${kept.id}`))).toBe(false);
    const history = records.filter((r) => r.table === 'history').map((r) => r.data as HistoryEntry);
    expect(history.filter((h) => h.recordId === ottavia.id)).toEqual([]);
    const text = JSON.stringify(records.filter((r) => r.table !== 'people' || r.id !== kept.id));
    for (const value of personal.filter((v) => v !== 'Brambilla' && v !== '393471234567'))
      expect(text).not.toContain(value);
    const ottaviaText = JSON.stringify([byId.get(`people/${ottavia.id}`), byId.get(`activities/${call.id}`)]);
    for (const value of personal) expect(ottaviaText).not.toContain(value);
    reopened.lock();
  });

  it('keeps a record restored while the purge runs', async () => {
    const { vault, model, repo } = await setup();
    const now = Date.now();
    const ottavia = newPerson(repo, 'Ottavia', 'ottavia@example.it');
    await repo.commit('contacts.create', [{ table: 'people', before: null, after: ottavia }]);
    const trashed = trashRecord(ottavia, repo.stamp(now - 31 * day));
    await repo.commit('contacts.trash', [{ table: 'people', before: ottavia, after: trashed }]);
    // The user restores her while the purge deletes her history.
    const realDelete = vault.deleteMany.bind(vault);
    let restored = false;
    vault.deleteMany = async (records) => {
      if (!restored) {
        restored = true;
        const current = model.get('people', ottavia.id)!;
        await repo.commit('trash.restore', [
          {
            table: 'people',
            before: current,
            after: applyChanges(current, { deletedAt: null }, repo.stamp()),
          },
        ]);
      }
      return realDelete(records);
    };
    expect(await purgeTrash({ vault, model, repo, run: createRunner(repo) }, now)).toBe(0);
    expect(restored).toBe(true);
    expect(model.get('people', ottavia.id)).toMatchObject({ givenName: 'Ottavia', deletedAt: null });
    expect(model.list('audit').some((e) => e.command === 'trash.purge')).toBe(false);
  });
});
