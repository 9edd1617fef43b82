// Global search: index build time, per-keystroke latency over a scripted typing session, and
// heap, beside two baselines over the same documents: a normalised substring scan and
// MiniSearch (prefix + one-typo fuzzy, AND).
import MiniSearch from 'minisearch';
import { normalizeForSearch, SearchIndex, type SearchDoc, type SearchDocType } from '../../../renderer/search';
import { phoneSearchForms } from '../../../shared/domain';
import { generateDataset, type Dataset } from '../../fixtures/generate';
import { collectGarbage, heapUsedMb, settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

const KEYSTROKE_TARGET_MS = 16;
const BUILD_TARGET_MS = 1000;
const PER_GROUP = 5;
const MEASURED_PASSES = 3;

/** What a user types, keystroke by keystroke: short prefixes, typos, emails, phones, notes. */
const typed = [
  'niccolo', 'rossi', 'milano', 'm. rossi', 'ferari', 'esposto', 'giulia.b', 'preventivo rossi',
  'anna', "d'angelo", 'muller', 'lukasz', '+39 333', 'sciarra', 'contrato',
];
const script: string[] = typed.flatMap((word) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)));

/**
 * The documents the app would index for a generated dataset: names as titles, contact data,
 * places, links and tags as fields, notes and activity text as long text. Phones are given as
 * the app gives them: their digit forms (`phoneSearchForms`), one field each.
 */
export function searchDocsFor(data: Dataset): SearchDoc[] {
  const tagName = new Map(data.tags.map((t) => [t.id as string, t.name]));
  const orgName = new Map(data.organizations.map((o) => [o.id as string, o.name]));
  const personName = new Map(data.people.map((p) => [p.id as string, `${p.givenName} ${p.familyName}`.trim()]));
  const tags = (ids: readonly string[]): string[] => ids.map((id) => tagName.get(id) ?? '');
  const opt = (v: string | undefined): string[] => (v === undefined ? [] : [v]);
  const docs: SearchDoc[] = [];
  for (const p of data.people) {
    docs.push({
      id: p.id,
      type: 'person',
      title: personName.get(p.id) ?? '',
      fields: [
        ...p.emails.map((e) => e.address),
        ...p.phones.flatMap((x) => phoneSearchForms(x.number)),
        ...p.addresses.flatMap((a) => opt(a.city)),
        ...p.organizations.map((o) => orgName.get(o.organizationId) ?? ''),
        ...opt(p.jobTitle),
        ...tags(p.tags),
      ],
      ...(p.notes === undefined ? {} : { text: p.notes }),
    });
  }
  for (const o of data.organizations) {
    docs.push({
      id: o.id,
      type: 'organization',
      title: o.name,
      fields: [
        ...opt(o.vatNumber),
        ...opt(o.pec),
        ...o.emails.map((e) => e.address),
        ...o.phones.flatMap((x) => phoneSearchForms(x.number)),
        ...o.addresses.flatMap((a) => opt(a.city)),
        ...opt(o.website),
        ...opt(o.industry),
        ...tags(o.tags),
      ],
      ...(o.notes === undefined ? {} : { text: o.notes }),
    });
  }
  for (const d of data.deals) {
    docs.push({
      id: d.id,
      type: 'deal',
      title: d.title,
      fields: [...opt(d.organizationId && orgName.get(d.organizationId)), ...d.personIds.map((id) => personName.get(id) ?? ''), ...tags(d.tags)],
      ...(d.notes === undefined ? {} : { text: d.notes }),
    });
  }
  for (const a of data.activities) {
    docs.push({
      id: a.id,
      type: 'activity',
      title: a.subject ?? a.kind,
      fields: [...a.participantIds.map((id) => personName.get(id) ?? ''), ...opt(a.organizationId && orgName.get(a.organizationId))],
      text: a.text,
    });
  }
  for (const t of data.tasks) {
    docs.push({ id: t.id, type: 'task', title: t.title, ...(t.notes === undefined ? {} : { text: t.notes }) });
  }
  return docs;
}

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

/** Times every keystroke of the script; one unmeasured pass first so the JIT has warmed up. */
async function typeScript(run: (query: string) => number): Promise<{ p95: number; hits: number }> {
  for (const q of script) run(q);
  const samples: number[] = [];
  let hits = 0;
  for (let pass = 0; pass < MEASURED_PASSES; pass++) {
    for (const q of script) {
      const start = performance.now();
      hits += run(q);
      samples.push(performance.now() - start);
    }
    await settle();
  }
  return { p95: p95(samples), hits };
}

/** The simplest correct search: every query token must occur somewhere in the folded text. */
function naiveScan(docs: readonly SearchDoc[]): (query: string) => number {
  const folded = docs.map((d) => normalizeForSearch([d.title, ...(d.fields ?? []), d.text ?? ''].join(' ')));
  return (query) => {
    const tokens = normalizeForSearch(query).split(' ').filter((t) => t !== '');
    if (tokens.length === 0) return 0;
    const totals = new Map<SearchDocType, number>();
    const firsts: number[] = [];
    for (let i = 0; i < folded.length; i++) {
      const text = folded[i] as string;
      if (!tokens.every((t) => text.includes(t))) continue;
      const type = (docs[i] as SearchDoc).type;
      const seen = totals.get(type) ?? 0;
      totals.set(type, seen + 1);
      if (seen < PER_GROUP) firsts.push(i);
    }
    let total = 0;
    for (const n of totals.values()) total += n;
    return total;
  };
}

function miniSearch(docs: readonly SearchDoc[]): (query: string) => number {
  const index = new MiniSearch<{ id: string; type: SearchDocType; title: string; fields: string; text: string }>({
    fields: ['title', 'fields', 'text'],
    storeFields: ['type'],
    processTerm: (term) => normalizeForSearch(term) || null,
    searchOptions: {
      prefix: true,
      fuzzy: (term) => (term.length >= 4 ? 1 : false),
      combineWith: 'AND',
      boost: { title: 4, fields: 2 },
    },
  });
  index.addAll(docs.map((d) => ({ id: d.id, type: d.type, title: d.title, fields: (d.fields ?? []).join(' '), text: d.text ?? '' })));
  return (query) => index.search(query).length;
}

async function run(ctx: BenchContext): Promise<void> {
  ctx.progress(`generating ${ctx.size} people and their records`);
  // Round-tripped through JSON like records decrypted from the vault: flat strings, not the
  // concatenation trees the generator leaves behind (which V8 would flatten inside the timing).
  const docs = JSON.parse(JSON.stringify(searchDocsFor(generateDataset({ contacts: ctx.size, seed: ctx.seed })))) as SearchDoc[];
  ctx.record('search.docs_count', docs.length, 'count');
  await settle();

  // The one-pass build, for comparison: everything indexed before the first query.
  const full = await timed(() => SearchIndex.build(docs).size);
  ctx.record('search.index_full_build_ms', full.ms, 'ms');
  collectGarbage();
  await settle();

  // The variant that indexes short fields before the first search too (names, emails, phones).
  const withFields = await timed(() => SearchIndex.buildProgressive(docs, { fieldsAtOnce: true }));
  ctx.record('search.index_build_fields_ms', withFields.ms, 'ms', 'search.index_full_build_ms');
  withFields.result.close();
  collectGarbage();
  await settle();

  // The app's build: titles at once, fields and note text in background slices. Each
  // slice is timed from the moment it resumes to its next yield (a task the UI waits behind).
  const heapBefore = heapUsedMb();
  let longestSlice = 0;
  let resumedAt = Number.POSITIVE_INFINITY; // the first yield ends the synchronous part
  const yieldToHost = async (): Promise<void> => {
    longestSlice = Math.max(longestSlice, performance.now() - resumedAt);
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    await (scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));
    resumedAt = performance.now();
  };
  const started = performance.now();
  const built = await timed(() => SearchIndex.buildProgressive(docs, { yieldToHost }));
  ctx.record('search.index_build_ms', built.ms, 'ms', 'search.index_full_build_ms', BUILD_TARGET_MS);
  await built.result.ready;
  ctx.record('search.index_complete_ms', performance.now() - started, 'ms', 'search.index_full_build_ms');
  ctx.record('search.index_longest_slice_ms', longestSlice, 'ms');
  const heapAfter = heapUsedMb();
  if (Number.isFinite(heapBefore) && Number.isFinite(heapAfter)) ctx.record('search.heap_mb', heapAfter - heapBefore, 'mb');
  let index: SearchIndex | undefined = built.result;

  ctx.progress(`typing ${script.length} keystrokes`);
  const ours = await typeScript((q) => {
    const r = (index as SearchIndex).search(q, { perGroup: PER_GROUP });
    return r.groups.reduce((sum, g) => sum + g.total, 0);
  });

  // Full recall on the widest group of a one-letter query: what "show all" costs.
  const allHits = await timed(() => (index as SearchIndex).allHits('m', 'activity').length);
  ctx.record('search.all_hits_widest_ms', allHits.ms, 'ms');

  // One incremental change, then the first query that has to index it. The first change also
  // builds the id map that `build` leaves out.
  const added = await timed(() => {
    (index as SearchIndex).update({ id: 'p0', type: 'person', title: 'Niccolò Sciarrà', fields: ['Cantù'] });
    return (index as SearchIndex).search('sciarra').groups.length;
  });
  ctx.record('search.update_then_query_ms', added.ms, 'ms');
  index = undefined;
  collectGarbage();
  await settle();

  ctx.progress('naive substring scan');
  const scan = naiveScan(docs);
  const naive = await typeScript(scan);
  ctx.record('search.naive_scan_p95_ms', naive.p95, 'ms');
  await settle();

  ctx.progress('MiniSearch');
  const miniBuilt = await timed(() => miniSearch(docs));
  ctx.record('search.minisearch_build_ms', miniBuilt.ms, 'ms');
  const mini = await typeScript(miniBuilt.result);
  ctx.record('search.minisearch_p95_ms', mini.p95, 'ms');
  ctx.record('search.keystroke_count', script.length, 'count');
  ctx.record('search.keystroke_p95_ms', ours.p95, 'ms', 'search.naive_scan_p95_ms', KEYSTROKE_TARGET_MS);
  if (ours.hits === 0 || naive.hits === 0) throw new Error('bench-search-no-hits');
}

/** Global search index figures with substring-scan and MiniSearch baselines. */
export const suite: BenchSuite = { name: 'search', run };
export default suite;
