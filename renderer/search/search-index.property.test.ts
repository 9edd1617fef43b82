// Compares the index with a brute-force reference that applies the matching rules literally,
// token by token, over random documents and queries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTokensForSearch, phoneQueryForSearch, tokenizeForSearch } from './normalize';
import { SearchIndex } from './search-index';
import { SEARCH_DOC_TYPES, type SearchDoc, type SearchResult } from './types';

/** Optimal string alignment distance (edits plus adjacent transpositions). */
function osa(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([]);
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        (d[i] as number[])[j] = i + j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The documented rule for one query token against one indexed token (0 = no match). */
function tokenWeight(q: string, t: string): number {
  if (t === q) return 300;
  if (t.startsWith(q)) return 101 + Math.floor((98 * q.length) / t.length);
  if (q.length < 4 || !/\p{L}/u.test(q)) return 0;
  if (osa(q, t) === 1) return 100;
  for (let len = Math.max(4, q.length - 1); len <= Math.min(t.length, q.length + 1); len++) {
    const p = t.slice(0, len);
    if (p[p.length - 1] === q[q.length - 1] && osa(q, p) === 1) return 100;
  }
  return 0;
}

function docTokens(doc: SearchDoc): [string, number][] {
  const out: [string, number][] = [];
  fieldTokensForSearch(doc.title, (t) => out.push([t, 4]));
  for (const f of doc.fields ?? []) fieldTokensForSearch(f, (t) => out.push([t, 2]));
  for (const t of tokenizeForSearch(doc.text ?? '')) out.push([t, 1]);
  return out;
}

/** Score of every matching doc, by id. */
function reference(docs: readonly SearchDoc[], query: string): Map<string, number> {
  const phone = phoneQueryForSearch(query);
  const terms = phone?.international ? [phone.digits] : [...new Set(tokenizeForSearch(query))];
  const hits = new Map<string, number>();
  if (terms.length === 0) return hits;
  for (const doc of docs) {
    const tokens = docTokens(doc);
    let total = 0;
    for (const q of terms) {
      let best = 0;
      for (const [t, fieldWeight] of tokens) best = Math.max(best, tokenWeight(q, t) * fieldWeight);
      if (best === 0) {
        total = -1;
        break;
      }
      total += best;
    }
    if (total > 0) hits.set(doc.id, total);
  }
  // A phone-like query also matches as its joined digits, one token: either way is a hit.
  if (phone !== undefined && !phone.international) {
    for (const doc of docs) {
      let best = 0;
      for (const [t, fieldWeight] of docTokens(doc))
        best = Math.max(best, tokenWeight(phone.digits, t) * fieldWeight);
      if (best > 0) hits.set(doc.id, Math.max(best, hits.get(doc.id) ?? 0));
    }
  }
  return hits;
}

const syllables = [
  'ro',
  'ss',
  'i',
  'ma',
  'ri',
  'o',
  'nic',
  'co',
  'lò',
  'mü',
  'll',
  'er',
  'ła',
  'ß',
  'an',
  'na',
  'é',
  'lu',
  'RO',
  'Ma',
];
// Rare characters that take the tokenizer's unusual paths: marks, final sigma, ligatures,
// non-ASCII punctuation and spaces, astral symbols, multi-token folds.
const exotic = ['e\u0301', 'ΟΣ', 'σ', '’', '\u00a0', '😀', '𝐀', '½', 'ﬁ', 'İ', '«', 'ẞ', 'Ø', '\t', '-', '.'];
const word = fc
  .array(
    fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...syllables) },
      { weight: 1, arbitrary: fc.constantFrom(...exotic) },
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((s) => s.join(''));
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
// Numbers from a few digit groups that share prefixes, so that a number, its parts and other
// numbers collide; stored ones are more often written without spaces than typed ones.
const digitGroup = fc.constantFrom('3', '34', '347', '0', '12', '123', '4567');
const phoneLike = (separator: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.constantFrom('', '', '+', '00', '('),
      fc.array(fc.tuple(digitGroup, separator), { minLength: 1, maxLength: 4 }),
    )
    .map(
      ([lead, groups]) =>
        lead +
        groups
          .map(([g, sep]) => g + sep)
          .join('')
          .trim(),
    );
const storedPhone = phoneLike(fc.constantFrom('', '', ' ', '-', ') '));
const typedPhone = phoneLike(fc.constantFrom(' ', ' ', '-', '.', ' / ', ''));
// Note text exercises both the ASCII fast path and the Unicode fallback of the text scanner.
const noteText = fc
  .array(fc.tuple(word, fc.boolean(), fc.constantFrom(' ', ', ', '. ', '-', "'", ' (', '\n')), {
    maxLength: 8,
  })
  .map((parts) => parts.map(([w, upper, sep]) => (upper ? w.toUpperCase() : w) + sep).join(''));
const docArb = (id: string) =>
  fc
    .record({
      type: fc.constantFrom(...SEARCH_DOC_TYPES),
      title: phrase,
      fields: fc.array(
        fc.oneof(
          phrase,
          word.map((w) => `${w}@${w}.it`),
          storedPhone,
        ),
        { maxLength: 2 },
      ),
      text: fc.option(noteText, { nil: undefined }),
    })
    .map((d): SearchDoc =>
      d.text === undefined ? { id, type: d.type, title: d.title, fields: d.fields } : { id, ...d },
    );
const docsArb = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => docArb(`d${i}`))));
// Queries: prefixes of words, words with an edit, and random syllable strings; or numbers.
const wordQueryArb = fc
  .array(
    fc.oneof(
      word.map((w) => w.slice(0, 1 + (w.length % 5))),
      fc.tuple(word, fc.nat(), fc.constantFrom(...syllables)).map(([w, i, s]) => {
        const at = i % (w.length + 1);
        return w.slice(0, at) + s.slice(0, 1) + w.slice(at + 1);
      }),
      word,
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((w) => w.join(' '));
const queryArb = fc.oneof({ weight: 4, arbitrary: wordQueryArb }, { weight: 1, arbitrary: typedPhone });

function expectMatchesReference(index: SearchIndex, docs: readonly SearchDoc[], query: string): void {
  const ref = reference(docs, query);
  const result: SearchResult = index.search(query, { perGroup: 3 });
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const type of SEARCH_DOC_TYPES) {
    const expected = [...ref].filter(([id]) => byId.get(id)?.type === type);
    const group = result.groups.find((g) => g.type === type);
    expect(group?.total ?? 0).toBe(expected.length);
    const all = index.allHits(query, type);
    expect(new Map(all.map((h) => [h.id, h.score]))).toEqual(new Map(expected));
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
    const bestScores = expected
      .map(([, s]) => s)
      .sort((a, b) => b - a)
      .slice(0, 3);
    expect(group?.hits.map((h) => h.score) ?? []).toEqual(bestScores);
  }
  const best = result.groups.map((g) => g.hits[0]?.score ?? 0);
  for (let i = 1; i < best.length; i++) expect(best[i - 1]!).toBeGreaterThanOrEqual(best[i]!);
}

describe('SearchIndex against a brute-force reference', () => {
  it('finds exactly the matching records, with the documented scores', () => {
    fc.assert(
      fc.property(docsArb, fc.array(queryArb, { minLength: 1, maxLength: 4 }), (docs, queries) => {
        const index = SearchIndex.build(docs);
        for (const q of queries) expectMatchesReference(index, docs, q);
      }),
      { numRuns: 200 },
    );
  });

  it('finds exactly the records matching a number, as its words or as one number', () => {
    const phoneDocs = fc
      .array(fc.tuple(phrase, fc.array(storedPhone, { minLength: 1, maxLength: 2 })), { maxLength: 40 })
      .map((docs) =>
        docs.map(([title, fields], i): SearchDoc => ({ id: `d${i}`, type: 'person', title, fields })),
      );
    fc.assert(
      fc.property(phoneDocs, fc.array(typedPhone, { minLength: 1, maxLength: 4 }), (docs, queries) => {
        const index = SearchIndex.build(docs);
        for (const q of queries) expectMatchesReference(index, docs, q);
      }),
      { numRuns: 200 },
    );
  });

  it('answers each keystroke of a typed query as a fresh index would', () => {
    const many: SearchDoc[] = [];
    for (let i = 0; i < 300; i++) {
      const w = (k: number) => syllables[(i * 7 + k * 13 + (i >> k)) % syllables.length] as string;
      many.push({
        id: `m${i}`,
        type: SEARCH_DOC_TYPES[i % 5]!,
        title: `${w(1)}${w(2)} ${w(3)}`,
        text: `${w(4)} ${w(5)}${w(6)} ${w(7)}`,
      });
    }
    fc.assert(
      fc.property(docsArb, queryArb, (docs, query) => {
        const all = [...many, ...docs];
        // Every result is kept, so each multi-word keystroke may start from an earlier one.
        const typing = SearchIndex.build(all, { snapshotMinPostings: 0 });
        for (let i = 1; i <= query.length; i++) {
          const q = query.slice(0, i);
          const fresh = SearchIndex.build(all);
          for (const type of SEARCH_DOC_TYPES) {
            const scores = (x: SearchIndex) => new Map(x.allHits(q, type).map((h) => [h.id, h.score]));
            typing.search(q);
            expect(scores(typing)).toEqual(scores(fresh));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('answers the same after incremental add/update/remove as a fresh build', () => {
    type Op = { kind: 'put'; doc: SearchDoc } | { kind: 'remove'; id: string } | { kind: 'search' };
    const idArb = fc.integer({ min: 0, max: 25 }).map((i) => `d${i}`);
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      idArb.chain((id) => docArb(id)).map((doc): Op => ({ kind: 'put', doc })),
      idArb.map((id): Op => ({ kind: 'remove', id })),
      fc.constant<Op>({ kind: 'search' }),
    );
    fc.assert(
      fc.property(docsArb, fc.array(opArb, { maxLength: 60 }), queryArb, (docs, ops, query) => {
        const index = SearchIndex.build(docs);
        const current = new Map(docs.map((d) => [d.id, d]));
        for (const op of ops) {
          if (op.kind === 'put') {
            if (current.has(op.doc.id)) index.update(op.doc);
            else index.add(op.doc);
            current.set(op.doc.id, op.doc);
          } else if (op.kind === 'remove') {
            index.remove(op.id);
            current.delete(op.id);
          } else index.search(query);
        }
        const finalDocs = [...current.values()];
        expect(index.size).toBe(finalDocs.length);
        expectMatchesReference(index, finalDocs, query);
        const fresh = SearchIndex.build(finalDocs);
        for (const type of SEARCH_DOC_TYPES) {
          const scores = (i: SearchIndex) => new Map(i.allHits(query, type).map((h) => [h.id, h.score]));
          expect(scores(index)).toEqual(scores(fresh));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('SearchIndex built progressively', () => {
  /** A host whose event loop turns only when the test says so. */
  function manualHost(): { yieldToHost: () => Promise<void>; turn: () => Promise<boolean> } {
    const waiting: (() => void)[] = [];
    return {
      yieldToHost: () => new Promise<void>((resolve) => waiting.push(resolve)),
      // Lets one slice run; false when no slice was waiting.
      turn: async () => {
        const next = waiting.shift();
        if (next === undefined) return false;
        next();
        for (let i = 0; i < 5; i++) await Promise.resolve();
        return true;
      },
    };
  }
  const scores = (i: SearchIndex, q: string, type: (typeof SEARCH_DOC_TYPES)[number]) =>
    new Map(i.allHits(q, type).map((h) => [h.id, h.score]));
  const early = (d: SearchDoc, fields: boolean): SearchDoc => ({
    id: d.id,
    type: d.type,
    title: d.title,
    fields: fields ? (d.fields ?? []) : [],
  });

  it.each([false, true])(
    'finds records by name at once (fields too: %s), by everything once ready, with changes at any moment',
    async (fieldsAtOnce) => {
      type Op = { kind: 'put'; doc: SearchDoc } | { kind: 'remove'; id: string } | { kind: 'turn' };
      const idArb = fc.integer({ min: 0, max: 25 }).map((i) => `d${i}`);
      const opArb: fc.Arbitrary<Op> = fc.oneof(
        idArb.chain((id) => docArb(id)).map((doc): Op => ({ kind: 'put', doc })),
        idArb.map((id): Op => ({ kind: 'remove', id })),
        fc.constant<Op>({ kind: 'turn' }),
        fc.constant<Op>({ kind: 'turn' }),
      );
      await fc.assert(
        fc.asyncProperty(docsArb, fc.array(opArb, { maxLength: 30 }), queryArb, async (docs, ops, query) => {
          const host = manualHost();
          // sliceMs 0: every slice does one step, so the test visits every stage of the build.
          const index = SearchIndex.buildProgressive(docs, {
            fieldsAtOnce,
            sliceMs: 0,
            yieldToHost: host.yieldToHost,
          });
          // Records of the initial build are searchable by their title (and fields) until complete;
          // records added or replaced since are searchable by everything.
          const current = new Map(docs.map((d) => [d.id, { doc: d, initial: true }]));
          const expectPartial = (): void => {
            const view = [...current.values()].map((e) =>
              e.initial && !index.isComplete ? early(e.doc, fieldsAtOnce) : e.doc,
            );
            const fresh = SearchIndex.build(view);
            for (const type of SEARCH_DOC_TYPES)
              expect(scores(index, query, type)).toEqual(scores(fresh, query, type));
          };
          expectPartial();
          for (const op of ops) {
            if (op.kind === 'put') {
              index.update(op.doc);
              current.set(op.doc.id, { doc: op.doc, initial: false });
            } else if (op.kind === 'remove') {
              index.remove(op.id);
              current.delete(op.id);
            } else await host.turn();
            expectPartial();
          }
          while (await host.turn());
          expect(index.isComplete).toBe(true);
          await index.ready;
          const finalDocs = [...current.values()].map((e) => e.doc);
          expect(index.size).toBe(finalDocs.length);
          expectMatchesReference(index, finalDocs, query);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('ends up answering exactly as a one-pass build, hits and order', async () => {
    await fc.assert(
      fc.asyncProperty(
        docsArb,
        fc.array(queryArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (docs, queries, fieldsAtOnce) => {
          const host = manualHost();
          const index = SearchIndex.buildProgressive(docs, {
            fieldsAtOnce,
            sliceMs: 0,
            yieldToHost: host.yieldToHost,
          });
          while (await host.turn());
          await index.ready;
          const full = SearchIndex.build(docs);
          for (const q of queries) {
            expect(index.search(q, { perGroup: 3 })).toEqual(full.search(q, { perGroup: 3 }));
            for (const type of SEARCH_DOC_TYPES)
              expect(index.allHits(q, type)).toEqual(full.allHits(q, type));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
