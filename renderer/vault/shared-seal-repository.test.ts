// The repository's side of shared records: parts follow the parties of each version, and a sole
// trader's records follow its owners.
import { describe, expect, it } from 'vitest';

import {
  applyChanges,
  createRecord,
  newActivityId,
  newOrganizationId,
  newPersonId,
  newSubjectId,
  type Activity,
  type Organization,
  type Person,
} from '../../shared/domain';
import { randomBytes } from './bytes';
import { Model } from './model';
import { Repository } from './repository';
import { FAST_TEST_KDF_POLICY } from './test-support';
import { createVault, openVault } from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
let counter = 0;

async function setup() {
  const opts = { dbName: `shared-repo-${++counter}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY };
  const { vault } = await createVault(PASS, opts);
  const model = Model.fromRecords(await vault.loadAll());
  const repo = await Repository.open(vault, model, 'Test laptop');
  const reopen = async () => {
    const again = await openVault({ passphrase: PASS }, opts);
    const loaded = await again.loadAll();
    again.lock();
    return { loaded, model: Model.fromRecords(loaded), text: JSON.stringify(loaded.map((r) => r.data)) };
  };
  return { vault, model, repo, reopen };
}

const person = (repo: Repository, givenName: string, extra: Partial<Person> = {}): Person =>
  createRecord(
    'people',
    newPersonId(randomBytes),
    {
      subjectId: newSubjectId(randomBytes),
      kind: 'private',
      givenName,
      familyName: 'Test',
      organizations: [],
      emails: [],
      phones: [],
      addresses: [],
      source: { method: 'manual', date: '2026-01-15' },
      tags: [],
      customFields: {},
      ...extra,
    },
    repo.stamp(),
  );

const meetingOf = (repo: Repository, people: Person[]): Activity =>
  createRecord(
    'activities',
    newActivityId(randomBytes),
    {
      kind: 'meeting',
      at: '2026-03-02T10:00:00.000Z',
      text: 'CANARY-notes',
      participantIds: people.map((p) => p.id),
    },
    repo.stamp(),
  );

describe('parts', () => {
  it('of a party that left are deleted: erasing the last one leaves nothing to rebuild', async () => {
    const { vault, model, repo, reopen } = await setup();
    const p1 = person(repo, 'Prima');
    const p2 = person(repo, 'Seconda');
    const meeting = meetingOf(repo, [p1, p2]);
    await repo.commit('t', [
      { table: 'people', before: null, after: p1 },
      { table: 'people', before: null, after: p2 },
      { table: 'activities', before: null, after: meeting },
    ]);
    expect(model.list('shared-parts')).toHaveLength(2);
    const alone = applyChanges(meeting, { participantIds: [p2.id] }, repo.stamp());
    await repo.commit('t.edit', [{ table: 'activities', before: meeting, after: alone }]);
    // Now about p2 alone: under p2's key, no parts.
    expect(model.list('shared-parts')).toHaveLength(0);
    await vault.destroySubjectKey(p2.subjectId);
    const after = await reopen();
    expect(after.model.get('activities', meeting.id)).toBeUndefined();
    expect(after.text).not.toContain('CANARY-notes');
    vault.lock();
  });

  it('of a purged record are deleted with it', async () => {
    const { vault, model, repo, reopen } = await setup();
    const p1 = person(repo, 'Prima');
    const p2 = person(repo, 'Seconda');
    const meeting = meetingOf(repo, [p1, p2]);
    await repo.commit('t', [
      { table: 'people', before: null, after: p1 },
      { table: 'people', before: null, after: p2 },
      { table: 'activities', before: null, after: meeting },
    ]);
    const s = repo.stamp();
    const tombstone = {
      id: meeting.id,
      schemaVersion: meeting.schemaVersion,
      clock: meeting.clock,
      createdAt: meeting.createdAt,
      updatedAt: new Date(s.at).toISOString(),
      deletedAt: new Date(s.at).toISOString(),
      purgedAt: new Date(s.at).toISOString(),
      participantIds: [],
    } as unknown as Activity;
    await repo.commit('trash.purge', [{ table: 'activities', before: meeting, after: tombstone }], {
      validated: true,
    });
    expect(model.list('shared-parts')).toHaveLength(0);
    await vault.destroySubjectKey(p1.subjectId);
    // Nothing comes back as a rebuilt meeting.
    const after = await reopen();
    expect(after.loaded.filter((r) => r.table === 'shared-parts')).toEqual([]);
    expect(after.model.get('activities', meeting.id)).toMatchObject({ purgedAt: expect.any(String) });
    vault.lock();
  });
});

describe('forgetSubject', () => {
  it('leaves the model as a fresh unlock would read the store after the erasure', async () => {
    const { vault, model, repo, reopen } = await setup();
    const p1 = person(repo, 'Prima');
    const p2 = person(repo, 'Seconda');
    const meeting = meetingOf(repo, [p1, p2]);
    const own = meetingOf(repo, [p1]);
    await repo.commit('t', [
      { table: 'people', before: null, after: p1 },
      { table: 'people', before: null, after: p2 },
      { table: 'activities', before: null, after: meeting },
      { table: 'activities', before: null, after: own },
    ]);
    await vault.destroySubjectKey(p1.subjectId);
    expect(repo.forgetSubject(p1.subjectId)).toBeGreaterThan(0);
    const after = await reopen();
    for (const table of ['people', 'activities', 'history'] as const) {
      const ids = (m: Model) =>
        m
          .entries(table)
          .map(([id]) => id)
          .sort();
      expect(ids(model)).toEqual(ids(after.model));
    }
    expect(model.get('activities', meeting.id)).toEqual(after.model.get('activities', meeting.id));
    expect(model.get('activities', meeting.id)).toMatchObject({ participantIds: [p2.id], text: '' });
    expect(model.get('activities', own.id)).toBeUndefined();
    vault.lock();
  });
});

describe('a sole-trader organization', () => {
  it('moves under its owner’s key when the owner is linked later, history included', async () => {
    const { vault, repo, reopen } = await setup();
    const org: Organization = createRecord(
      'organizations',
      newOrganizationId(randomBytes),
      {
        name: 'CANARY-old-name',
        naturalPerson: true,
        addresses: [],
        phones: [],
        emails: [],
        tags: [],
        customFields: {},
      },
      repo.stamp(),
    );
    await repo.commit('t', [{ table: 'organizations', before: null, after: org }]);
    const renamed = applyChanges(org, { name: 'CANARY-new-name' }, repo.stamp());
    await repo.commit('t.rename', [{ table: 'organizations', before: org, after: renamed }]);
    const owner = person(repo, 'Titolare', {
      kind: 'sole-trader',
      organizations: [{ organizationId: org.id }],
    });
    await repo.commit('t.owner', [{ table: 'people', before: null, after: owner }]);
    const sealed = (await vault.loadAll()).filter((r) => r.id === org.id || r.table === 'history');
    expect(sealed.find((r) => r.id === org.id)?.subjectIds?.sort()).toEqual([org.id, owner.subjectId].sort());

    await vault.destroySubjectKey(owner.subjectId);
    const after = await reopen();
    expect(after.text).not.toContain('CANARY-old-name');
    expect(after.text).not.toContain('CANARY-new-name');
    expect(after.model.get('organizations', org.id)).toBeUndefined();
    vault.lock();
  });

  it('set back to a company: its records return under the records key and survive an erasure', async () => {
    const { vault, repo, reopen } = await setup();
    const org: Organization = createRecord(
      'organizations',
      newOrganizationId(randomBytes),
      {
        name: 'Bottega',
        naturalPerson: true,
        addresses: [],
        phones: [],
        emails: [],
        tags: [],
        customFields: {},
      },
      repo.stamp(),
    );
    await repo.commit('t', [{ table: 'organizations', before: null, after: org }]);
    const company = applyChanges(org, { naturalPerson: false }, repo.stamp());
    await repo.commit('t.flag', [{ table: 'organizations', before: org, after: company }]);
    await vault.destroySubjectKey(org.id);
    const after = await reopen();
    expect(after.model.get('organizations', org.id)?.name).toBe('Bottega');
    expect(
      after.loaded.filter(
        (r) => r.table === 'history' && r.subjectIds === undefined && r.subjectId === undefined,
      ),
    ).toHaveLength(2);
    vault.lock();
  });
});
