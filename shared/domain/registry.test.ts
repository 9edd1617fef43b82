import { describe, expect, it } from 'vitest';
import { exampleStamp } from '../../test/fixtures/records';
import { addDefaultedFields } from './migration-steps';
import { upgradeRecord } from './migrations';
import { personSchemaVersion } from './person';
import { createRecord, entityTables, isEntityTable, recordRegistry, tableNames } from './registry';

describe('record registry', () => {
  it('declares every table once, entity tables with a schema and a version', () => {
    expect(new Set(tableNames).size).toBe(tableNames.length);
    for (const t of tableNames) expect(recordRegistry[t].name).toBe(t);
    for (const t of entityTables) {
      expect(recordRegistry[t].schema).toBeDefined();
      // Every version below the current one has exactly one step.
      const steps = recordRegistry[t].migrations.map((m) => m.from).sort();
      expect(steps).toEqual(Array.from({ length: recordRegistry[t].version - 1 }, (_, i) => i + 1));
    }
    expect(isEntityTable('history')).toBe(false);
    expect(isEntityTable('people')).toBe(true);
    expect(isEntityTable('toString')).toBe(false);
  });

  it('creates records at the current version with the table defaults', () => {
    const tag = createRecord('tags', 'a'.repeat(32) as never, { name: 'x', color: 'blue' }, exampleStamp);
    expect(tag.schemaVersion).toBe(recordRegistry.tags.version);
    expect(tag.clock.name).toBe(exampleStamp.clock);
    expect(recordRegistry.people.defaults).toEqual({ preferredChannel: 'any', toCheck: [] });
    expect(recordRegistry.organizations.defaults).toEqual({ naturalPerson: false, toCheck: [] });
  });

  it('adds defaulted fields with the oldest clock, keeping given values and compact clocks', () => {
    const map = addDefaultedFields({ a: 1, clock: { a: 'c2', deletedAt: 'c1' }, schemaVersion: 1 }, 2, {
      a: 9,
      b: 'x',
    });
    expect(map).toEqual({ a: 1, b: 'x', schemaVersion: 2, clock: { a: 'c2', deletedAt: 'c1', b: 'c1' } });
    const compact = addDefaultedFields({ clock: 'c5', schemaVersion: 1 }, 2, { b: 'x' });
    expect(compact).toEqual({ clock: 'c5', schemaVersion: 2, b: 'x' });
  });

  it('upgrades old records, passes current and store records, refuses future ones', () => {
    const current = { schemaVersion: personSchemaVersion };
    expect(upgradeRecord('people', current)).toBe(current);
    const setting = { anything: true };
    expect(upgradeRecord('settings', setting)).toBe(setting);
    expect(() => upgradeRecord('people', { schemaVersion: personSchemaVersion + 1 })).toThrow(
      'future-version',
    );
    expect(() => upgradeRecord('people', { schemaVersion: 0 })).toThrow('unknown-version');
    // An old record that does not validate after its steps is refused.
    expect(() => upgradeRecord('people', { schemaVersion: 1, clock: {} })).toThrow('invalid-record');
  });
});
