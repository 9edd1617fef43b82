import { describe, expect, it } from 'vitest';

import type { Organization, Person } from '../../../shared/domain';
import { exampleOrganization, examplePerson, exampleStamp } from '../../../test/fixtures/records';
import { Model } from '../../vault/model';
import { Repository } from '../../vault/repository';
import { FAST_TEST_KDF_POLICY } from '../../vault/test-support';
import { createVault } from '../../vault/vault';
import { linkedPeople, planOrganizationsTrash, planOrganizationTrash } from './trash-plan';

const org = exampleOrganization();
const otherOrgId = '0000000000000000000000000000000f' as Organization['id'];
const onlyHere = examplePerson();
const alsoElsewhere = examplePerson({
  id: '0000000000000000000000000000001b' as Person['id'],
  subjectId: '000000000000000000000000000001cc' as Person['subjectId'],
  emails: [],
  phones: [],
  organizations: [{ organizationId: org.id }, { organizationId: otherOrgId, role: 'Advisor' }],
});
const unrelated = examplePerson({
  id: '0000000000000000000000000000002b' as Person['id'],
  subjectId: '000000000000000000000000000002cc' as Person['subjectId'],
  kind: 'private',
  emails: [],
  phones: [],
  organizations: [],
});
const later = { ...exampleStamp, at: exampleStamp.at + 1000 };

describe('trashing an organization with linked people', () => {
  it('finds only live people linked to the organization', () => {
    const trashed = { ...alsoElsewhere, deletedAt: '2026-01-16T00:00:00.000Z' } as Person;
    expect(linkedPeople([onlyHere, trashed, unrelated], org.id).map((p) => p.id)).toEqual([onlyHere.id]);
  });

  it('unlinks: removes only this link, and a contact person left without organization becomes private', () => {
    const changes = planOrganizationTrash(org, [onlyHere, alsoElsewhere, unrelated], 'unlink', later);
    expect(changes.map((c) => c.table)).toEqual(['organizations', 'people', 'people']);
    expect(changes[0]!.after.deletedAt).not.toBeNull();
    const first = changes[1]!.after as Person;
    const second = changes[2]!.after as Person;
    expect(first.deletedAt).toBeNull();
    expect(first.organizations).toEqual([]);
    expect(first.kind).toBe('private');
    expect(second.organizations).toEqual([{ organizationId: otherOrgId, role: 'Advisor' }]);
    expect(second.kind).toBe('contact-person');
  });

  it('trashes the linked people too, keeping their links for a later restore', () => {
    const changes = planOrganizationTrash(org, [onlyHere, alsoElsewhere, unrelated], 'trash', later);
    const people = changes.slice(1).map((c) => c.after as Person);
    expect(people.map((p) => p.id)).toEqual([onlyHere.id, alsoElsewhere.id]);
    expect(people.every((p) => p.deletedAt !== null)).toBe(true);
    expect(people[0]!.organizations).toEqual(onlyHere.organizations);
  });

  it('is one command: committed together and reversed by a single undo', async () => {
    const { vault } = await createVault('Lanterna-verde sul molo 42 stanotte', {
      dbName: `org-trash-${Date.now()}`,
      kdfPolicy: FAST_TEST_KDF_POLICY,
    });
    const model = Model.fromRecords(await vault.loadAll());
    const repo = await Repository.open(vault, model, 'Test laptop');
    await repo.commit('organizations.create', [{ table: 'organizations', before: null, after: org }]);
    await repo.commit('contacts.create', [
      { table: 'people', before: null, after: onlyHere },
      { table: 'people', before: null, after: alsoElsewhere },
    ]);
    const people = model.list('people');
    await repo.commit('organizations.trash', planOrganizationTrash(org, people, 'unlink', repo.stamp()));
    expect(model.get('organizations', org.id)!.deletedAt).not.toBeNull();
    expect(model.get('people', onlyHere.id)!.organizations).toEqual([]);

    expect(await repo.undo()).toBe('organizations.trash');
    expect(model.get('organizations', org.id)!.deletedAt).toBeNull();
    expect(model.get('people', onlyHere.id)!.organizations).toEqual(onlyHere.organizations);
    expect(model.get('people', onlyHere.id)!.kind).toBe('contact-person');
    expect(model.get('people', alsoElsewhere.id)!.organizations).toHaveLength(2);
  });

  it('trashes a selection in one plan: a person linked to two of them appears once, with both links gone', async () => {
    const other = exampleOrganization({ id: otherOrgId, name: 'Seconda Srl', vatNumber: undefined });
    const changes = planOrganizationsTrash([org, other], [onlyHere, alsoElsewhere, unrelated], later);
    expect(changes.map((c) => `${c.table}:${c.after.id}`)).toEqual([
      `organizations:${org.id}`,
      `people:${onlyHere.id}`,
      `people:${alsoElsewhere.id}`,
      `organizations:${other.id}`,
    ]);
    const both = changes[2]!;
    expect(both.before).toBe(alsoElsewhere);
    expect((both.after as Person).organizations).toEqual([]);
    expect((both.after as Person).kind).toBe('private');

    // Committed as one command, it is valid and a single undo restores every link.
    const { vault } = await createVault('Lanterna-verde sul molo 42 stanotte', {
      dbName: `org-trash-many-${Date.now()}`,
      kdfPolicy: FAST_TEST_KDF_POLICY,
    });
    const model = Model.fromRecords(await vault.loadAll());
    const repo = await Repository.open(vault, model, 'Test laptop');
    await repo.commit('organizations.create', [
      { table: 'organizations', before: null, after: org },
      { table: 'organizations', before: null, after: other },
    ]);
    await repo.commit('contacts.create', [
      { table: 'people', before: null, after: onlyHere },
      { table: 'people', before: null, after: alsoElsewhere },
    ]);
    await repo.commit(
      'organizations.trash-many',
      planOrganizationsTrash([org, other], model.list('people'), repo.stamp()),
    );
    expect(model.get('people', alsoElsewhere.id)!.organizations).toEqual([]);
    expect(await repo.undo()).toBe('organizations.trash-many');
    expect(model.get('people', alsoElsewhere.id)!.organizations).toHaveLength(2);
    expect(model.get('organizations', other.id)!.deletedAt).toBeNull();
  });
});
