import { describe, expect, it } from 'vitest';
import { examplePerson } from '../../test/fixtures/records';
import {
  createMigrator,
  currentSchemaVersions,
  migrate,
  recordSchemas,
  type MigratorConfig,
} from './migrations';
import { DomainError } from './validation';

// An old stored person, as an earlier format would have written it: one `name` field.
const storedV1 = (() => {
  const { givenName: _g, familyName: _f, clock, ...rest } = examplePerson();
  const { givenName: c1, familyName: _c2, ...restClock } = clock;
  return { ...rest, schemaVersion: 1, name: 'Niccolò Rossi', clock: { ...restClock, name: c1! } };
})();

// A hypothetical `person/1 → person/2` that splits `name`, to exercise the runner.
const testConfig: MigratorConfig = {
  registry: {
    person: [
      {
        from: 1,
        up: (raw) => {
          const { name, clock, ...rest } = raw as { name: string; clock: Record<string, string> };
          const [given = '', ...family] = name.split(' ');
          const { name: nameClock, ...otherClocks } = clock;
          return {
            ...rest,
            schemaVersion: 2,
            givenName: given,
            familyName: family.join(' '),
            clock: { ...otherClocks, givenName: nameClock!, familyName: nameClock! },
          };
        },
      },
    ],
  },
  versions: { ...currentSchemaVersions, person: 2 },
  // The real person schema is at version 1; accept the migrated shape as is.
  schemas: { ...recordSchemas, person: { safeParse: (v: unknown) => ({ success: true, data: v }) } as never },
};

describe('migrate', () => {
  it('passes current records through after validation', () => {
    const person = examplePerson();
    expect(migrate('person', person)).toEqual(person);
  });

  it('refuses records from a newer version', () => {
    expect(() => migrate('person', { ...examplePerson(), schemaVersion: 2 })).toThrow(
      new DomainError('future-version'),
    );
  });

  it('refuses records without a usable version, unknown tables and invalid data', () => {
    const { schemaVersion: _v, ...noVersion } = examplePerson();
    expect(() => migrate('person', noVersion)).toThrow('unknown-version');
    expect(() => migrate('person', { ...examplePerson(), schemaVersion: '1' })).toThrow('unknown-version');
    expect(() => migrate('person', null)).toThrow('invalid-record');
    expect(() => migrate('contact' as never, examplePerson())).toThrow('unknown-table');
    expect(() => migrate('person', { ...examplePerson(), birthday: '2023-02-30' })).toThrow('invalid-record');
  });

  it('runs numbered steps in order on an old fixture', () => {
    const run = createMigrator(testConfig);
    const migrated = run('person', storedV1) as unknown as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.givenName).toBe('Niccolò');
    expect(migrated.familyName).toBe('Rossi');
    expect('name' in migrated).toBe(false);
    expect((migrated.clock as Record<string, string>).givenName).toBe(storedV1.clock.name);
  });

  it('fails when a step is missing or does not advance the version', () => {
    const missing = createMigrator({ ...testConfig, registry: {} });
    expect(() => missing('person', storedV1)).toThrow('migration-missing');
    const stuck = createMigrator({
      ...testConfig,
      registry: { person: [{ from: 1, up: (raw) => ({ ...raw }) }] },
    });
    expect(() => stuck('person', storedV1)).toThrow('migration-invalid');
  });
});
