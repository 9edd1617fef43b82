import { displayName, type Organization, type Person, type Tag } from '../../../shared/domain';
import type { SearchIndex } from '../../search';

/** Columns of the people list. */
export type Column = 'name' | 'organization' | 'email' | 'phone' | 'city' | 'tags' | 'jobTitle';

/** One row of the people list: the visible text of each column. */
export interface Row {
  readonly id: string;
  readonly trashed: boolean;
  readonly cells: Record<Column, string>;
}

/** What the list shows: search text, trash or live records, and the sort. */
export interface RowQuery {
  readonly query: string;
  readonly showTrash: boolean;
  readonly sort: { readonly column: Column; readonly descending: boolean };
  readonly language: string;
}

/** The records the rows are built from; arrays are the model's, replaced when a table changes. */
export interface RowSource {
  readonly people: readonly Person[];
  readonly organizations: readonly Organization[];
  readonly tags: readonly Tag[];
}

interface Prepared {
  readonly rows: readonly Row[];
  /** Per column, the row indexes in ascending collation order and each row's collation rank. */
  readonly orders: Map<Column, { order: Uint32Array; ranks: Uint32Array }>;
  readonly collator: Intl.Collator;
}

/**
 * Builds the people list rows: the search filter (full recall from the index), then the sort.
 * Cell texts and the per-column collation order are computed once per data version and language
 * and kept in `cache`, so a keystroke only filters an already sorted order: no collation
 * comparisons per query, which is what made sorting 100k names slow.
 */
export class ContactRows {
  #source: RowSource | null = null;
  #language = '';
  #showTrash = false;
  #prepared: Prepared | null = null;

  /** The rows to show for `q` over `source`. */
  rows(source: RowSource, search: SearchIndex, q: RowQuery): Row[] {
    const prepared = this.#prepare(source, q);
    const text = q.query.trim();
    // Full recall from the search index: every matching person, not the first page of hits.
    const matches = text && !q.showTrash ? new Set(search.allHits(text, 'person').map((h) => h.id)) : null;
    // The trash is not indexed for search: filter it by its visible name.
    const lowered = text.toLowerCase();
    const { order, ranks } = this.#order(prepared, q.sort.column);
    const out: Row[] = [];
    const keep = (row: Row): boolean =>
      matches
        ? matches.has(row.id)
        : q.showTrash && text
          ? row.cells.name.toLowerCase().includes(lowered)
          : true;
    if (q.sort.descending) {
      // Equal keys keep their ascending relative order, as a stable sort with a negated compare would.
      let end = order.length;
      while (end > 0) {
        let start = end - 1;
        const rank = ranks[order[start]!];
        while (start > 0 && ranks[order[start - 1]!] === rank) start--;
        for (let i = start; i < end; i++) {
          const row = prepared.rows[order[i]!]!;
          if (keep(row)) out.push(row);
        }
        end = start;
      }
    } else {
      for (const index of order) {
        const row = prepared.rows[index]!;
        if (keep(row)) out.push(row);
      }
    }
    return out;
  }

  #prepare(source: RowSource, q: RowQuery): Prepared {
    const same =
      this.#prepared &&
      this.#source?.people === source.people &&
      this.#source.organizations === source.organizations &&
      this.#source.tags === source.tags &&
      this.#language === q.language &&
      this.#showTrash === q.showTrash;
    if (same) return this.#prepared!;
    const orgNames = new Map(source.organizations.map((o) => [o.id as string, o.name]));
    const tagNames = new Map(source.tags.map((tag) => [tag.id as string, tag.name]));
    const rows: Row[] = [];
    for (const p of source.people) {
      if ((p.deletedAt !== null) !== q.showTrash) continue;
      rows.push({
        id: p.id,
        trashed: p.deletedAt !== null,
        cells: {
          name: displayName(p),
          organization: p.organizations.map((o) => orgNames.get(o.organizationId) ?? '').join(', '),
          email: p.emails[0]?.address ?? '',
          phone: p.phones[0]?.number ?? '',
          city: p.addresses[0]?.city ?? '',
          tags: p.tags.map((id) => tagNames.get(id) ?? '').join(', '),
          jobTitle: p.jobTitle ?? '',
        },
      });
    }
    this.#source = source;
    this.#language = q.language;
    this.#showTrash = q.showTrash;
    this.#prepared = {
      rows,
      orders: new Map(),
      collator: new Intl.Collator(q.language, { sensitivity: 'base', numeric: true }),
    };
    return this.#prepared;
  }

  #order(prepared: Prepared, column: Column): { order: Uint32Array; ranks: Uint32Array } {
    const cached = prepared.orders.get(column);
    if (cached) return cached;
    const { rows, collator } = prepared;
    // Sorting distinct keys once, then ranking rows by key, keeps collation calls to n·log(distinct).
    const keys = [...new Set(rows.map((r) => r.cells[column]))].sort(collator.compare);
    const rankOf = new Map<string, number>();
    let rank = 0;
    keys.forEach((k, i) => {
      // Keys the collator calls equal ("Rossi", "rossi") share a rank, as they tie in a sort.
      if (i > 0 && collator.compare(keys[i - 1]!, k) !== 0) rank++;
      rankOf.set(k, rank);
    });
    const ranks = Uint32Array.from(rows, (r) => rankOf.get(r.cells[column])!);
    const indexes = Array.from(rows, (_, i) => i);
    // Index tiebreak makes the order stable, like Array.prototype.sort on the original rows.
    indexes.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    const entry = { order: Uint32Array.from(indexes), ranks };
    prepared.orders.set(column, entry);
    return entry;
  }
}

/**
 * The rows exactly as the list computed them before caching: filter, then a collator sort per
 * call. Kept as the reference the cached builder is tested and benchmarked against.
 */
export function contactRowsReference(source: RowSource, search: SearchIndex, q: RowQuery): Row[] {
  const orgNames = new Map(source.organizations.map((o) => [o.id as string, o.name]));
  const tagNames = new Map(source.tags.map((tag) => [tag.id as string, tag.name]));
  const text = q.query.trim();
  const matches = text ? new Set(search.allHits(text, 'person').map((h) => h.id)) : null;
  const out: Row[] = [];
  for (const p of source.people) {
    if ((p.deletedAt !== null) !== q.showTrash) continue;
    if (matches && !matches.has(p.id) && !q.showTrash) continue;
    const cells = {
      name: displayName(p),
      organization: p.organizations.map((o) => orgNames.get(o.organizationId) ?? '').join(', '),
      email: p.emails[0]?.address ?? '',
      phone: p.phones[0]?.number ?? '',
      city: p.addresses[0]?.city ?? '',
      tags: p.tags.map((id) => tagNames.get(id) ?? '').join(', '),
      jobTitle: p.jobTitle ?? '',
    };
    if (q.showTrash && text && !cells.name.toLowerCase().includes(text.toLowerCase())) continue;
    out.push({ id: p.id, trashed: p.deletedAt !== null, cells });
  }
  const collator = new Intl.Collator(q.language, { sensitivity: 'base', numeric: true });
  const sign = q.sort.descending ? -1 : 1;
  out.sort((a, b) => sign * collator.compare(a.cells[q.sort.column], b.cells[q.sort.column]));
  return out;
}
