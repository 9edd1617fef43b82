import { describe, expect, it } from 'vitest';
import { hasToken, manifestOf, parseManifest, planPacks, type PackRecord } from './pack';

const rec = (k: string, s?: string, c = 1): PackRecord => ({
  k,
  c,
  v: 1,
  data: k,
  ...(s === undefined ? {} : { s }),
});

describe('planPacks', () => {
  it('keeps each subject whole, packs subject-less records apart, and splits only oversized subjects', () => {
    const records = [
      rec('t/a1', 'a'),
      rec('t/o1'),
      rec('t/b1', 'b'),
      rec('t/a2', 'a'),
      rec('t/b2', 'b'),
      rec('t/c1', 'c'),
      rec('t/o2'),
    ];
    const plans = planPacks(records, 4);
    expect(plans.map((p) => [p.members, p.records.map((r) => r.k)])).toEqual([
      [[], ['t/o1', 't/o2']],
      [
        ['a', 'b'],
        ['t/a1', 't/a2', 't/b1', 't/b2'],
      ],
      [['c'], ['t/c1']],
    ]);
    const big = planPacks(
      [1, 2, 3, 4, 5].map((n) => rec(`t/x${n}`, 'x')),
      2,
    );
    expect(big.map((p) => [p.members, p.records.length])).toEqual([
      [['x'], 2],
      [['x'], 2],
      [['x'], 1],
    ]);
  });
});

describe('manifests', () => {
  it('round-trip and reject anything malformed', () => {
    const man = manifestOf({
      members: ['a'],
      records: [{ ...rec('t/1', 'a', 7), b: ['x', 'y'] }, rec('t/2', undefined, 8)],
    });
    expect(man).toEqual({ s: ['a'], k: ['t/1', 't/2'], c: [7, 8], v: [1, 1], i: [0, -1], b: ['x,y', ''] });
    expect(parseManifest(JSON.stringify(man))).toEqual(man);
    for (const bad of [
      '{',
      '[]',
      'null',
      JSON.stringify({ ...man, c: [7] }),
      JSON.stringify({ ...man, i: [1, -1] }),
      JSON.stringify({ ...man, c: [7, 'x'] }),
    ]) {
      expect(parseManifest(bad)).toBeUndefined();
    }
    expect(parseManifest(undefined)).toBeUndefined();
  });

  it('matches whole tokens only', () => {
    expect(hasToken('abc,def', 'def')).toBe(true);
    expect(hasToken('abc,def', 'abc')).toBe(true);
    expect(hasToken('abcdef', 'abc')).toBe(false);
    expect(hasToken('xabc,def', 'abc')).toBe(false);
    expect(hasToken('', 'abc')).toBe(false);
  });
});
