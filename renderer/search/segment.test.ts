import { describe, expect, it } from 'vitest';
import { fieldTokensForSearch, tokenizeForSearch } from './normalize';
import { buildSegment, PART_ALL, PART_TITLE } from './segment';
import type { SearchDoc } from './types';

// Enough distinct tokens that the vocabulary sort merges several sorted runs.
function corpus(n: number): SearchDoc[] {
  const alphabet = ['3', '39', 'a', 'z', 'é', 'σ', 'ο', 'ß', '0', 'mar', 'ø'];
  let seed = 12345;
  const next = (k: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % k;
  };
  const word = (): string =>
    Array.from({ length: 1 + next(14) }, () => alphabet[next(alphabet.length)]).join('');
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    type: 'person',
    title: `${word()} ${word()}`,
    text: `${word()} ${i}`,
  }));
}

describe('buildSegment', () => {
  const docs = corpus(30_000);
  const nums = Uint32Array.from(docs.keys());

  it('sorts a large vocabulary in code-unit order, as Array#sort does', () => {
    const seg = buildSegment(nums, docs, PART_ALL);
    const all = new Set<string>();
    for (const d of docs) {
      fieldTokensForSearch(d.title, (t) => all.add(t));
      for (const t of tokenizeForSearch(d.text ?? '')) all.add(t);
    }
    const expected = [...all];
    expect(expected.length).toBeGreaterThan(3 * (1 << 14));
    expect(seg.tokens).toEqual(expected.sort());
  });

  it('keeps each posting list ascending by document and only indexes the parts asked for', () => {
    const seg = buildSegment(nums, docs, PART_TITLE);
    for (let t = 0; t < seg.tokens.length; t++) {
      for (let p = (seg.offsets[t] as number) + 1; p < (seg.offsets[t + 1] as number); p++) {
        expect((seg.postings[p - 1] as number) >>> 3).toBeLessThan((seg.postings[p] as number) >>> 3);
      }
    }
    expect(seg.tokens).not.toContain('29999');
  });
});
