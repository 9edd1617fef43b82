import { describe, expect, it } from 'vitest';

import {
  createRecord,
  verifyChain,
  newPersonId,
  newSubjectId,
  type AuditEntry,
  type Person,
} from '../../shared/domain';
import { randomBytes } from './bytes';
import { Model } from './model';
import { Repository, ValidationFailed, type HistoryEntry } from './repository';
import { FAST_TEST_KDF_POLICY } from './test-support';
import { createVault, openVault } from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
let counter = 0;

async function setup() {
  const opts = { dbName: `repo-test-${++counter}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY };
  const { vault } = await createVault(PASS, opts);
  const model = Model.fromRecords(await vault.loadAll());
  const repo = await Repository.open(vault, model, 'Test laptop');
  return { vault, model, repo, opts };
}

function newPerson(repo: Repository, email: string): Person {
  return createRecord(
    'people',
    newPersonId(randomBytes),
    {
      subjectId: newSubjectId(randomBytes),
      kind: 'private',
      givenName: 'Niccolò',
      familyName: 'Rossi',
      organizations: [],
      emails: [{ kind: 'work', address: email }],
      phones: [],
      addresses: [],
      source: { method: 'manual', date: '2026-11-28' },
      tags: [],
      customFields: {},
    } as never,
    repo.stamp(),
  );
}

const sha = async (b: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(b)));

describe('repository', () => {
  it('stores a person durably, under the blind index, with history and a verifiable audit chain', async () => {
    const { vault, model, repo, opts } = await setup();
    const person = newPerson(repo, 'Niccolo.Rossi@Example.it');
    await repo.commit('contacts.create', [{ table: 'people', before: null, after: person }]);
    const renamed = {
      ...person,
      familyName: 'Bianchi',
      clock: { ...person.clock, familyName: repo.stamp().clock },
    };
    await repo.commit('contacts.update', [{ table: 'people', before: person, after: renamed }]);

    expect(model.get('people', person.id)?.familyName).toBe('Bianchi');
    const history = repo.history(person.id);
    expect(history.map((h: HistoryEntry) => h.command)).toEqual(['contacts.update', 'contacts.create']);
    expect(history[0]!.changes).toEqual([{ field: 'familyName', oldValue: 'Rossi', newValue: 'Bianchi' }]);

    const token = await vault.blindToken('email', 'niccolo.rossi@example.it');
    expect(await vault.findByBlind(token)).toEqual([{ table: 'people', id: person.id }]);

    vault.lock();
    const reopened = await openVault({ passphrase: PASS }, opts);
    const records = await reopened.loadAll();
    const audit = records
      .filter((r) => r.table === 'audit')
      .map((r) => r.data as AuditEntry)
      .sort((a, b) => a.seq - b.seq);
    expect(audit.map((a) => [a.command, a.fields.includes('familyName')])).toEqual([
      ['contacts.create', true],
      ['contacts.update', true],
    ]);
    expect(await verifyChain(audit, sha)).toBeNull();
    // The audit log names fields, never values.
    expect(JSON.stringify(audit)).not.toMatch(/Bianchi|Rossi|example\.it/i);
    reopened.lock();
  });

  it('stores a large command with compact clocks and a few batch audit entries, read back whole', async () => {
    const { vault, model, repo, opts } = await setup();
    const people = Array.from({ length: 30 }, (_, i) => newPerson(repo, `p${i}@example.it`));
    await repo.commit(
      'import.csv',
      people.map((after) => ({ table: 'people' as const, before: null, after })),
    );
    vault.lock();
    const reopened = await openVault({ passphrase: PASS }, opts);
    const records = await reopened.loadAll();
    const stored = records.filter((r) => r.table === 'people').map((r) => r.data as { clock: unknown });
    expect(stored).toHaveLength(30);
    expect(stored.every((d) => typeof d.clock === 'string')).toBe(true);
    const reloaded = Model.fromRecords(records);
    for (const p of people) expect(reloaded.get('people', p.id)).toEqual(model.get('people', p.id));
    const audit = records.filter((r) => r.table === 'audit').map((r) => r.data as AuditEntry);
    expect(audit).toHaveLength(1);
    expect(new Set(audit[0]!.recordIds)).toEqual(new Set(people.map((p) => p.id)));
    expect(await verifyChain(audit, sha)).toBeNull();
    reopened.lock();
  });

  it('refuses invalid records and writes nothing', async () => {
    const { vault, model, repo } = await setup();
    const bad = { ...newPerson(repo, 'not-an-email') };
    await expect(
      repo.commit('contacts.create', [{ table: 'people', before: null, after: bad }]),
    ).rejects.toBeInstanceOf(ValidationFailed);
    expect(model.count('people')).toBe(0);
    expect((await vault.loadAll()).filter((r) => r.table !== 'settings')).toEqual([]);
  });

  it('undoes the last command by writing the earlier version back', async () => {
    const { model, repo } = await setup();
    const person = newPerson(repo, 'a@example.it');
    await repo.commit('contacts.create', [{ table: 'people', before: null, after: person }]);
    const trashed = {
      ...person,
      deletedAt: '2026-11-28T10:00:00.000Z',
      clock: { ...person.clock, deletedAt: repo.stamp().clock },
    };
    await repo.commit('contacts.trash', [{ table: 'people', before: person, after: trashed }]);
    expect(model.get('people', person.id)?.deletedAt).not.toBeNull();
    expect(await repo.undo()).toBe('contacts.trash');
    expect(model.get('people', person.id)?.deletedAt).toBeNull();
    expect(await repo.undo()).toBe('contacts.create');
    expect(model.get('people', person.id)?.deletedAt).not.toBeNull();
    expect(await repo.undo()).toBeUndefined();
  });
});

describe('repository with many people in one command', () => {
  it('stores a pack of 120 people (a long member list) and reads it back after reopening', async () => {
    const { vault, repo, opts } = await setup();
    const people = Array.from({ length: 120 }, (_, i) => newPerson(repo, `p${i}@example.it`));
    await repo.commit(
      'import.csv',
      people.map((after) => ({ table: 'people' as const, before: null, after })),
    );
    vault.lock();
    const reopened = await openVault({ passphrase: PASS }, opts);
    const loaded = (await reopened.loadAll()).filter((r) => r.table === 'people');
    expect(loaded).toHaveLength(120);
    expect(new Set(loaded.map((r) => r.subjectId))).toEqual(new Set(people.map((p) => p.subjectId)));
    reopened.lock();
  });

  it('gives a master-key rotation the tokens of every party, so dedupe still finds them', async () => {
    const { vault, repo } = await setup();
    const person = newPerson(repo, 'Giulia.Neri@Example.it');
    await repo.commit('contacts.create', [{ table: 'people', before: null, after: person }]);
    const before = vault.blindTokenNow('email', 'giulia.neri@example.it');
    await vault.rotateMasterKey(PASS, { reblind: repo.reblind });
    const after = vault.blindTokenNow('email', 'giulia.neri@example.it');
    expect(after).not.toBe(before);
    expect(await vault.findByBlind(after)).toEqual([{ table: 'people', id: person.id }]);
    expect(await vault.findByBlind(before)).toEqual([]);
    expect(repo.blindTokensNow(person)).toContain(after);
    vault.lock();
  });
});
