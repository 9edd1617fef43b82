// Global search by phone, end to end below the UI: stored E.164 numbers, the documents the
// workspace indexes, and queries as people type them.
import { describe, expect, it } from 'vitest';
import type { Organization, Person } from '../../shared/domain';
import { searchDocsOf } from '../../renderer/session/workspace';
import { SearchIndex } from '../../renderer/search';
import { Model } from '../../renderer/vault/model';
import { exampleOrganization, examplePerson } from '../fixtures/records';

const id = (n: number): string => n.toString(16).padStart(32, '0');
const person = (n: number, familyName: string, number: string): Person =>
  examplePerson({
    id: id(n) as Person['id'],
    givenName: 'Anna',
    familyName,
    emails: [],
    organizations: [],
    phones: [{ kind: 'mobile', number }],
  });

// Niccolò Rossi: +39 347 123 4567; Officine Adriatiche: +39 02 1234 5678.
const records = [
  examplePerson(),
  exampleOrganization(),
  person(1, 'Neri', '+393471234568'),
  person(2, 'Galli', '+390612345678'),
  person(3, 'Smith', '+447911123456'),
];
const model = Model.fromRecords(
  records.map((data) => ({
    table: 'familyName' in data ? 'people' : 'organizations',
    id: data.id,
    data,
    schemaVersion: 1,
  })),
);
const index = SearchIndex.build(searchDocsOf(model));
const names = (query: string): string[] =>
  index
    .search(query, { perGroup: 50 })
    .groups.flatMap((g) => g.hits)
    .map((h) => {
      const r = records.find((x) => x.id === h.id) as Person | Organization;
      return 'familyName' in r ? r.familyName : r.name;
    })
    .sort();

describe('searching people and organizations by phone', () => {
  it('finds a mobile number however it is typed', () => {
    for (const query of [
      '347 123 4567',
      '3471234567',
      '347-123-4567',
      '(347) 123.4567',
      '0347 123 4567',
      '03471234567',
      '+39 347 123 4567',
      '+393471234567',
      '0039 347 123 4567',
    ])
      expect(names(query), query).toEqual(['Rossi']);
  });

  it('finds a landline with its 0, nationally and internationally', () => {
    for (const query of ['02 1234 5678', '0212345678', '02/12345678', '+39 02 1234 5678', '390212345678'])
      expect(names(query), query).toEqual(['Officine Adriatiche S.r.l.']);
  });

  it('finds a foreign number as dialled at home and from abroad', () => {
    for (const query of ['07911 123456', '7911 123456', '+44 7911 123456', '0044 7911 123456'])
      expect(names(query), query).toEqual(['Smith']);
  });

  it('finds numbers by their start while they are typed', () => {
    expect(names('347 12')).toEqual(['Neri', 'Rossi']);
    expect(names('+39 347')).toEqual(['Neri', 'Rossi']);
    expect(names('+39 06')).toEqual(['Galli']);
  });

  it('does not find a different number', () => {
    expect(names('347 123 4569')).toEqual([]);
    expect(names('+39 347 765 4321')).toEqual([]);
    expect(names('+44 347 123 4567')).toEqual([]);
    expect(names('06 1234 5670')).toEqual([]);
  });

  it('matches short digit queries only against numbers that start with them', () => {
    expect(names('347')).toEqual(['Neri', 'Rossi']);
    expect(names('02')).toEqual(['Officine Adriatiche S.r.l.']);
    // Digits from the middle of a number are no prefix of any of its forms.
    expect(names('123')).toEqual([]);
    expect(names('4567')).toEqual([]);
    expect(names('12')).toEqual([]);
  });
});
