import { describe, expect, it } from 'vitest';
import { examplePerson, exampleStamp } from '../../test/fixtures/records';
import { changedFields, diffRecords } from './history';
import { encodeHlc } from './hlc';
import { applyChanges } from './record';

describe('diffRecords', () => {
  const before = examplePerson();
  const stamp = {
    clock: encodeHlc({ wallTime: exampleStamp.at + 1, counter: 0, node: 'a1a1a1a1a1a1a1a1' }),
    at: exampleStamp.at + 1,
  };
  const after = applyChanges(before, { familyName: 'Rossini', birthday: undefined, jobTitle: 'CEO' }, stamp);

  it('lists changed fields with old and new values, ignoring metadata', () => {
    expect(diffRecords(before, after)).toEqual([
      { field: 'birthday', oldValue: '1985-12-10', newValue: undefined },
      { field: 'familyName', oldValue: 'Rossi', newValue: 'Rossini' },
      { field: 'jobTitle', oldValue: undefined, newValue: 'CEO' },
    ]);
    expect(changedFields(before, after)).toEqual(['birthday', 'familyName', 'jobTitle']);
  });

  it('compares nested values by content, not identity or key order', () => {
    const copy = {
      ...before,
      source: { fileName: 'contatti.csv', date: '2026-01-15', method: 'import' as const },
    };
    expect(diffRecords(before, copy)).toEqual([]);
  });

  it('treats creation as every field changing from undefined', () => {
    const created = diffRecords(null, before);
    expect(created.map((c) => c.field)).toContain('givenName');
    expect(created.every((c) => c.oldValue === undefined)).toBe(true);
    expect(created.map((c) => c.field)).not.toContain('clock');
  });
});
