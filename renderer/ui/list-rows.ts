import type { TableRow } from './selectable-table';

/** A list row with a sort key per column beside its text (a date or an amount sorts by value). */
export interface KeyedRow<C extends string> extends TableRow<C> {
  /** Numbers compare as numbers, strings with the collator; `''` means "no value". */
  readonly keys: Readonly<Record<C, string | number>>;
}

/** The sort of a list: one column, ascending or descending. */
export interface ListSort<C extends string> {
  readonly column: C;
  readonly descending: boolean;
}

/**
 * Sorts rows by one column's key. Rows without a value (`''`) go last in either direction, so
 * a descending sort by date still starts with dated rows; ties keep their incoming order.
 */
export function sortRows<C extends string, R extends KeyedRow<C>>(
  rows: readonly R[],
  sort: ListSort<C>,
  collator: Intl.Collator,
): R[] {
  const sign = sort.descending ? -1 : 1;
  const indexed = rows.map((row, index) => ({ row, index, key: row.keys[sort.column] }));
  indexed.sort((a, b) => {
    const emptyA = a.key === '';
    const emptyB = b.key === '';
    if (emptyA || emptyB) return emptyA === emptyB ? a.index - b.index : emptyA ? 1 : -1;
    const order =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : collator.compare(String(a.key), String(b.key));
    return sign * order || a.index - b.index;
  });
  return indexed.map((x) => x.row);
}

/**
 * Keeps the rows matching the filter text: rows in `matches` when the search index answered
 * (live records), otherwise rows whose visible cells contain the text (the trash is not indexed).
 */
export function filterRows<C extends string, R extends TableRow<C>>(
  rows: readonly R[],
  text: string,
  matches: ReadonlySet<string> | null,
): R[] {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return [...rows];
  if (matches) return rows.filter((r) => matches.has(r.id));
  return rows.filter((r) =>
    Object.values<string>(r.cells as Record<string, string>).some((cell) =>
      cell.toLowerCase().includes(wanted),
    ),
  );
}
