import { describe, expect, it } from 'vitest';
import { filterRows, sortRows, type KeyedRow } from './list-rows';

type C = 'name' | 'amount' | 'date';
const row = (id: string, name: string, amount: number | '', date: string): KeyedRow<C> => ({
  id,
  cells: { name, amount: String(amount), date },
  keys: { name, amount, date },
});
const rows = [
  row('a', 'Zeta', 900, '2026-03-01'),
  row('b', 'alfa', 50, ''),
  row('c', 'Beta', '', '2025-12-31'),
  row('d', 'Alfa', 50, '2026-01-15'),
];
const collator = new Intl.Collator('it', { sensitivity: 'base', numeric: true });
const ids = (list: readonly KeyedRow<C>[]) => list.map((r) => r.id);

describe('sortRows', () => {
  it('sorts numbers as numbers and keeps ties in their incoming order', () => {
    expect(ids(sortRows(rows, { column: 'amount', descending: false }, collator))).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
    expect(ids(sortRows(rows, { column: 'amount', descending: true }, collator))).toEqual([
      'a',
      'b',
      'd',
      'c',
    ]);
  });

  it('sorts text with the collator (case-insensitive) and puts empty values last both ways', () => {
    expect(ids(sortRows(rows, { column: 'name', descending: false }, collator))).toEqual([
      'b',
      'd',
      'c',
      'a',
    ]);
    expect(ids(sortRows(rows, { column: 'date', descending: false }, collator))).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
    expect(ids(sortRows(rows, { column: 'date', descending: true }, collator))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('does not change the input', () => {
    const before = ids(rows);
    sortRows(rows, { column: 'name', descending: true }, collator);
    expect(ids(rows)).toEqual(before);
  });
});

describe('filterRows', () => {
  it('keeps index matches when the index answered, cell text otherwise', () => {
    expect(ids(filterRows(rows, 'alf', new Set(['a'])))).toEqual(['a']);
    expect(ids(filterRows(rows, ' ALF ', null))).toEqual(['b', 'd']);
    expect(ids(filterRows(rows, '2025', null))).toEqual(['c']);
    expect(ids(filterRows(rows, '  ', new Set()))).toEqual(['a', 'b', 'c', 'd']);
  });
});
