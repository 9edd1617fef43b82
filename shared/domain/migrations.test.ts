import { describe, expect, it } from 'vitest';
import { examplePerson } from '../../test/fixtures/records';
import {
  createMigrator,
  currentSchemaVersions,
  migrate,
  recordSchemas,
  type MigratorConfig,
} from './migrations';
import { personSchemaVersion } from './person';
import { DomainError } from './validation';

// A stored person as a hypothetical older format would have written it: one `name` field.
const storedV1 = (() => {
  const { givenName: _g, familyName: _f, clock, ...rest } = examplePerson();
  const { givenName: c1, familyName: _c2, ...restClock } = clock;
  return {
    ...rest,
    schemaVersion: personSchemaVersion,
    name: 'Niccolò Rossi',
    clock: { ...restClock, name: c1! },
  };
})();

// A hypothetical next step that splits `name`, to exercise the runner.
const testConfig: MigratorConfig = {
  registry: {
    people: [
      {
        from: personSchemaVersion,
        up: (raw) => {
          const { name, clock, ...rest } = raw as { name: string; clock: Record<string, string> };
          const [given = '', ...family] = name.split(' ');
          const { name: nameClock, ...otherClocks } = clock;
          return {
            ...rest,
            schemaVersion: personSchemaVersion + 1,
            givenName: given,
            familyName: family.join(' '),
            clock: { ...otherClocks, givenName: nameClock!, familyName: nameClock! },
          };
        },
      },
    ],
  },
  versions: { ...currentSchemaVersions, people: personSchemaVersion + 1 },
  // The real person schema is one version behind; accept the migrated shape as is.
  schemas: { ...recordSchemas, people: { safeParse: (v: unknown) => ({ success: true, data: v }) } as never },
};

describe('migrate', () => {
  it('passes current records through after validation', () => {
    const person = examplePerson();
    expect(migrate('people', person)).toEqual(person);
  });

  it('refuses records from a newer version', () => {
    expect(() => migrate('people', { ...examplePerson(), schemaVersion: personSchemaVersion + 1 })).toThrow(
      new DomainError('future-version'),
    );
  });

  it('refuses records without a usable version, unknown tables and invalid data', () => {
    const { schemaVersion: _v, ...noVersion } = examplePerson();
    expect(() => migrate('people', noVersion)).toThrow('unknown-version');
    expect(() => migrate('people', { ...examplePerson(), schemaVersion: '1' })).toThrow('unknown-version');
    expect(() => migrate('people', null)).toThrow('invalid-record');
    expect(() => migrate('contact' as never, examplePerson())).toThrow('unknown-table');
    expect(() => migrate('people', { ...examplePerson(), birthday: '2023-02-30' })).toThrow('invalid-record');
  });

  it('runs numbered steps in order on an old fixture', () => {
    const run = createMigrator(testConfig);
    const migrated = run('people', storedV1) as unknown as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(personSchemaVersion + 1);
    expect(migrated.givenName).toBe('Niccolò');
    expect(migrated.familyName).toBe('Rossi');
    expect('name' in migrated).toBe(false);
    expect((migrated.clock as Record<string, string>).givenName).toBe(storedV1.clock.name);
  });

  it('fails when a step is missing or does not advance the version', () => {
    const missing = createMigrator({ ...testConfig, registry: {} });
    expect(() => missing('people', storedV1)).toThrow('migration-missing');
    const stuck = createMigrator({
      ...testConfig,
      registry: { people: [{ from: personSchemaVersion, up: (raw) => ({ ...raw }) }] },
    });
    expect(() => stuck('people', storedV1)).toThrow('migration-invalid');
  });
});
