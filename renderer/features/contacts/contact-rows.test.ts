import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../test/fixtures/generate';
import { applyChanges, type Person } from '../../../shared/domain';
import { SearchIndex } from '../../search';
import { searchDocsOf } from '../../session/workspace';
import { Model } from '../../vault/model';
import { ContactRows, contactRowsReference, type Column, type RowQuery } from './contact-rows';

const data = generateDataset({ contacts: 400, seed: 11 });
// Some trashed people and names that differ only by case, so ties and the trash are exercised.
const people: Person[] = data.people.map((p, i) =>
  i % 9 === 0
    ? applyChanges<Person>(p, { deletedAt: '2025-01-01T00:00:00.000Z' }, { clock: 'z', at: 0 })
    : i % 7 === 0
      ? { ...p, familyName: p.familyName.toUpperCase() }
      : p,
);
const source = { people, organizations: data.organizations, tags: data.tags };
const model = Model.fromRecords([
  ...people.map((p) => ({ table: 'people', id: p.id, data: p, schemaVersion: 1 })),
  ...data.organizations.map((o) => ({ table: 'organizations', id: o.id, data: o, schemaVersion: 1 })),
]);
const search = SearchIndex.build(searchDocsOf(model));
const columns: Column[] = ['name', 'organization', 'email', 'phone', 'city', 'tags', 'jobTitle'];

describe('ContactRows', () => {
  it('gives the same rows in the same order as filtering and sorting on every call', () => {
    const builder = new ContactRows();
    for (const language of ['it', 'en'])
      for (const showTrash of [false, true])
        for (const query of ['', 'ro', 'mar', 'a', 'zzzz'])
          for (const column of columns)
            for (const descending of [false, true]) {
              const q: RowQuery = { query, showTrash, sort: { column, descending }, language };
              const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
              expect(ids(builder.rows(source, search, q))).toEqual(
                ids(contactRowsReference(source, search, q)),
              );
            }
  });

  it('rebuilds when the people table is replaced', () => {
    const builder = new ContactRows();
    const q: RowQuery = {
      query: '',
      showTrash: false,
      sort: { column: 'name', descending: false },
      language: 'it',
    };
    const before = builder.rows(source, search, q).length;
    const fewer = { ...source, people: people.slice(0, 100) };
    expect(builder.rows(fewer, search, q).length).toBeLessThan(before);
    expect(builder.rows(fewer, search, q).map((r) => r.id)).toEqual(
      contactRowsReference(fewer, search, q).map((r) => r.id),
    );
  });
});
