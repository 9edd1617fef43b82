import {
  applyChanges,
  trashRecord,
  type Organization,
  type Person,
  type Stamp,
} from '../../../shared/domain';
import type { Change } from '../../vault';

/** What to do with the people linked to an organization that goes to the trash. */
export type LinkedPeopleChoice = 'unlink' | 'trash';

/** The live people linked to `organizationId` through `person.organizations`. */
export function linkedPeople(people: readonly Person[], organizationId: string): Person[] {
  return people.filter(
    (p) => p.deletedAt === null && p.organizations.some((o) => o.organizationId === organizationId),
  );
}

/**
 * The changes of one "trash organization" command: the organization to the trash, and each linked
 * person either unlinked or trashed too. Committed together they form one undoable command.
 * WARNING: a contact person whose only link is removed becomes a private customer, because the
 * schema requires contact persons to belong to an organization.
 */
export function planOrganizationTrash(
  organization: Organization,
  people: readonly Person[],
  choice: LinkedPeopleChoice,
  stamp: Stamp,
): Change[] {
  const changes: Change[] = [
    { table: 'organizations', before: organization, after: trashRecord(organization, stamp) },
  ];
  for (const person of linkedPeople(people, organization.id)) {
    let after: Person;
    if (choice === 'trash') {
      after = trashRecord(person, stamp);
    } else {
      const organizations = person.organizations.filter((o) => o.organizationId !== organization.id);
      const kind = person.kind === 'contact-person' && organizations.length === 0 ? 'private' : person.kind;
      after = applyChanges<Person>(person, { organizations, kind }, stamp);
    }
    changes.push({ table: 'people', before: person, after });
  }
  return changes;
}

/**
 * The changes of one "trash the selected organizations" command, unlinking their people. A person
 * linked to several of them appears once, with every link removed: the plans are chained on the
 * person's latest state, and each record keeps its first `before` and last `after`.
 */
export function planOrganizationsTrash(
  organizations: readonly Organization[],
  people: readonly Person[],
  stamp: Stamp,
): Change[] {
  const current = new Map(people.map((p) => [p.id as string, p]));
  const merged = new Map<string, Change>();
  for (const organization of organizations) {
    if (organization.deletedAt !== null) continue;
    for (const change of planOrganizationTrash(organization, [...current.values()], 'unlink', stamp)) {
      const key = `${change.table}:${change.after.id}`;
      const earlier = merged.get(key);
      merged.set(key, earlier ? { ...change, before: earlier.before } : change);
      if (change.table === 'people') current.set(change.after.id, change.after as Person);
    }
  }
  return [...merged.values()];
}
