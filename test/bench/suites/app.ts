// The unlocked app at scale: the people list's filter + sort per keystroke (as the contacts page
// computes it) beside the uncached filter-then-collate it replaced, and the JS heap with the
// in-memory model and the search index built.
import { searchDocsOf } from '../../../renderer/session/workspace';
import { ContactRows, contactRowsReference, type RowQuery } from '../../../renderer/features/contacts/contact-rows';
import { SearchIndex } from '../../../renderer/search';
import { Model, type LoadedRecord } from '../../../renderer/vault';
import { generateDataset } from '../../fixtures/generate';
import { heapUsedMb, settle } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

const FILTER_SORT_TARGET_MS = 100;
const HEAP_TARGET_MB = 400;

/** What a user does on the list: type a few names, clear the search, change the sort column. */
const queries: readonly Pick<RowQuery, 'query' | 'sort'>[] = [
  { query: '', sort: { column: 'name', descending: false } },
  { query: 'r', sort: { column: 'name', descending: false } },
  { query: 'ro', sort: { column: 'name', descending: false } },
  { query: 'ross', sort: { column: 'name', descending: false } },
  { query: 'mil', sort: { column: 'city', descending: false } },
  { query: 'giulia', sort: { column: 'name', descending: true } },
  { query: 'a', sort: { column: 'organization', descending: false } },
  { query: '', sort: { column: 'email', descending: true } },
  { query: 'ferr', sort: { column: 'name', descending: false } },
];

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time of `run` over the query script (one unmeasured warm-up pass first). */
async function timeQueries(run: (q: RowQuery) => number, passes: number): Promise<{ ms: number; rows: number }> {
  const q = (x: (typeof queries)[number]): RowQuery => ({ ...x, showTrash: false, language: 'it' });
  for (const x of queries) run(q(x));
  const samples: number[] = [];
  let rows = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const x of queries) {
      const start = performance.now();
      rows += run(q(x));
      samples.push(performance.now() - start);
    }
    await settle();
  }
  return { ms: median(samples), rows };
}

const suite: BenchSuite = {
  name: 'app',
  async run(ctx: BenchContext) {
    const heapBefore = heapUsedMb();
    ctx.progress(`generating ${ctx.size} contacts`);
    let data: ReturnType<typeof generateDataset> | null = generateDataset({ contacts: ctx.size, seed: ctx.seed });
    const records: LoadedRecord[] = [];
    const add = (table: string, rows: readonly { id: string; schemaVersion: number }[]) => {
      for (const r of rows) records.push({ table, id: r.id, data: r, schemaVersion: r.schemaVersion });
    };
    add('organizations', data.organizations);
    add('people', data.people);
    add('deals', data.deals);
    add('activities', data.activities);
    add('tasks', data.tasks);
    add('pipelines', data.pipelines);
    add('tags', data.tags);
    data = null;
    const model = Model.fromRecords(records);
    records.length = 0;
    ctx.progress('building the search index');
    const search = SearchIndex.build(searchDocsOf(model));
    await settle();
    const heap = heapUsedMb();
    ctx.record('app.heap_base_mb', heapBefore, 'mb');
    ctx.record('app.heap_mb', heap, 'mb', 'app.heap_base_mb', HEAP_TARGET_MB);

    const source = () => ({
      people: model.list('people'),
      organizations: model.list('organizations'),
      tags: model.list('tags'),
    });
    const passes = ctx.size >= 50_000 ? 2 : 4;
    ctx.progress('list filter + sort, recomputed per query (before caching)');
    const reference = await timeQueries((q) => contactRowsReference(source(), search, q).length, passes);
    ctx.record('list.filter_sort_uncached_ms', reference.ms, 'ms');
    ctx.progress('list filter + sort, as the contacts page does it');
    const builder = new ContactRows();
    // The first call after unlock (or after an edit) prepares cell texts and sort orders.
    const firstStart = performance.now();
    builder.rows(source(), search, { query: '', showTrash: false, sort: { column: 'name', descending: false }, language: 'it' });
    ctx.record('list.prepare_ms', performance.now() - firstStart, 'ms');
    const cached = await timeQueries((q) => builder.rows(source(), search, q).length, passes * 2);
    ctx.record('list.filter_sort_ms', cached.ms, 'ms', 'list.filter_sort_uncached_ms', FILTER_SORT_TARGET_MS);
    if (cached.rows !== reference.rows * 2) throw new Error('row-count-mismatch');
  },
};

export default suite;
