import { describe, expect, it } from 'vitest';
import { exampleOrganization, examplePerson } from '../../test/fixtures/records';
import { migrate, upgradeRecord } from './migrations';
import { personSchema } from './person';

// A person as version 2 stored it: no `toCheck`, a per-field clock.
const storedV2 = (() => {
  const { toCheck: _t, clock, ...rest } = examplePerson();
  const { toCheck: _c, ...restClock } = clock;
  return { ...rest, schemaVersion: 2, clock: restClock };
})();

describe('values to check on records', () => {
  it('migrates a version-2 person to version 3 with nothing to check, clocked at its oldest stamp', () => {
    const migrated = migrate('people', storedV2);
    expect(migrated.schemaVersion).toBe(3);
    expect(migrated.toCheck).toEqual([]);
    expect(migrated.clock.toCheck).toBe(Object.values(storedV2.clock).sort()[0]);
    expect(migrated.givenName).toBe('Niccolò');
  });

  it('migrates a version-1 person through both steps', () => {
    const { preferredChannel: _p, ...v1 } = storedV2;
    const migrated = migrate('people', { ...v1, schemaVersion: 1 });
    expect(migrated).toMatchObject({ schemaVersion: 3, preferredChannel: 'any', toCheck: [] });
  });

  it('migrates a version-1 organization through both steps to version 3, also in the compact stored form', () => {
    const { toCheck: _t, naturalPerson: _n, ...org } = exampleOrganization();
    const migrated = migrate('organizations', { ...org, schemaVersion: 1 });
    expect(migrated).toMatchObject({ schemaVersion: 3, naturalPerson: false, toCheck: [] });
    const fromTwo = migrate('organizations', { ...org, naturalPerson: true, schemaVersion: 2 });
    expect(fromTwo).toMatchObject({ schemaVersion: 3, naturalPerson: true, toCheck: [] });
    const compact = upgradeRecord('organizations', { ...org, schemaVersion: 1, clock: 'c' }) as {
      toCheck: unknown;
    };
    expect(compact.toCheck).toEqual([]);
  });

  it('holds values as written, with their field, and refuses an unknown field or an empty value', () => {
    const entry = { field: 'phone', value: '555 555 1111', kind: 'mobile' } as const;
    expect(personSchema.safeParse(examplePerson({ toCheck: [entry] })).success).toBe(true);
    expect(
      personSchema.safeParse(examplePerson({ toCheck: [{ ...entry, field: 'password' as never }] })).success,
    ).toBe(false);
    expect(personSchema.safeParse(examplePerson({ toCheck: [{ ...entry, value: '' }] })).success).toBe(false);
  });
});
