import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE,
  isNewest,
  locateNewest,
  newestClocks,
  overlayCode,
  overlayIsNewest,
  packCode,
  resolveNewest,
  type OverlayClock,
  type PackClocks,
} from './newest-version';

/** A pack holding `entries` as [table/id, clock] pairs, in manifest order. */
const pack = (...entries: Array<[string, number]>): PackClocks => ({
  man: { k: entries.map(([k]) => k), c: entries.map(([, c]) => c) },
});
const row = (k: string, c: number): OverlayClock => ({ k, c });

/** The code of the current copy of `k`, checking that exactly one copy is current. */
function winner(
  packs: ReadonlyArray<PackClocks | undefined>,
  overlay: readonly OverlayClock[],
  distinct: boolean,
  k: string,
): number | undefined {
  const resolution = resolveNewest(packs, overlay, distinct);
  const current: number[] = [];
  packs.forEach((p, n) =>
    p?.man.k.forEach((key, j) => {
      if (key === k && isNewest(resolution, k, packCode(n, j))) current.push(packCode(n, j));
    }),
  );
  overlay.forEach((r, n) => {
    if (r.k === k && isNewest(resolution, k, overlayCode(n))) current.push(overlayCode(n));
  });
  expect(current.length).toBeLessThanOrEqual(1);
  return current[0];
}

describe('codes', () => {
  it('tells every pack entry and overlay row apart', () => {
    expect(packCode(0, 0)).toBe(0);
    expect(packCode(2, 5)).toBe(2 * CODE + 5);
    expect(packCode(1, 0)).toBeGreaterThan(packCode(0, CODE - 1));
    expect(overlayCode(0)).toBe(-1);
    expect(overlayCode(3)).toBe(-4);
  });
});

describe('resolveNewest', () => {
  it('picks an overlay row newer than the pack copy', () => {
    const packs = [pack(['t/a', 1], ['t/b', 2])];
    const overlay = [row('t/a', 5)];
    for (const distinct of [false, true]) {
      expect(winner(packs, overlay, distinct, 't/a')).toBe(overlayCode(0));
      expect(winner(packs, overlay, distinct, 't/b')).toBe(packCode(0, 1));
    }
  });

  it('picks a pack copy newer than the overlay row (a bulk write after a single edit)', () => {
    const packs = [pack(['t/a', 7])];
    const overlay = [row('t/a', 3)];
    for (const distinct of [false, true])
      expect(winner(packs, overlay, distinct, 't/a')).toBe(packCode(0, 0));
  });

  it('picks the newer of two packs holding the same key, whichever comes first', () => {
    expect(winner([pack(['t/a', 1]), pack(['t/a', 4])], [], false, 't/a')).toBe(packCode(1, 0));
    expect(winner([pack(['t/a', 4]), pack(['t/a', 1])], [], false, 't/a')).toBe(packCode(0, 0));
  });

  it('keeps the copy seen first on a tie: the earlier pack, and a pack before the overlay', () => {
    expect(winner([pack(['t/a', 3]), pack(['t/a', 3])], [], false, 't/a')).toBe(packCode(0, 0));
    expect(winner([pack(['t/a', 3])], [row('t/a', 3)], false, 't/a')).toBe(packCode(0, 0));
    expect(winner([pack(['t/a', 3])], [row('t/a', 3)], true, 't/a')).toBe(packCode(0, 0));
  });

  it('treats a tombstone as a copy: newer, it wins (the record is deleted); older, the pack wins', () => {
    // Tombstones are overlay rows; whether a row holds data is the caller's business.
    expect(winner([pack(['t/a', 2])], [row('t/a', 9)], false, 't/a')).toBe(overlayCode(0));
    expect(winner([pack(['t/a', 9])], [row('t/a', 2)], false, 't/a')).toBe(packCode(0, 0));
    expect(winner([], [row('t/a', 2)], false, 't/a')).toBe(overlayCode(0));
  });

  it('marks every copy current when no key is held twice', () => {
    const resolution = resolveNewest([pack(['t/a', 1]), pack(['t/b', 2])], [row('t/c', 3)], false);
    expect(resolution.newest).toBeUndefined();
    expect(isNewest(resolution, 't/a', packCode(0, 0))).toBe(true);
    expect(isNewest(resolution, 't/c', overlayCode(0))).toBe(true);
    expect(resolution.maxClock).toBe(3);
  });

  it('with the distinct mark, compares only keys that have an overlay row', () => {
    const packs = [pack(['t/a', 1], ['t/b', 2]), pack(['t/c', 8])];
    const resolution = resolveNewest(packs, [row('t/b', 5)], true);
    expect([...(resolution.newest?.keys() ?? [])]).toEqual(['t/b']);
    expect(isNewest(resolution, 't/a', packCode(0, 0))).toBe(true);
    expect(isNewest(resolution, 't/b', packCode(0, 1))).toBe(false);
    expect(isNewest(resolution, 't/b', overlayCode(0))).toBe(true);
    // Clocks of keys left out still count, so the vault clock never falls behind a stored one.
    expect(resolution.maxClock).toBe(8);
  });

  it('with the distinct mark and an empty overlay, compares nothing but still finds the highest clock', () => {
    const resolution = resolveNewest([pack(['t/a', 4]), pack(['t/b', 11], ['t/c', 2])], [], true);
    expect(resolution.newest).toBeUndefined();
    expect(resolution.maxClock).toBe(11);
  });

  it('trusts the distinct mark: a key wrongly in two packs is not compared', () => {
    // The mark is a promise of the store (see README on replay); both copies read as current.
    const packs = [pack(['t/a', 1]), pack(['t/a', 2])];
    const resolution = resolveNewest(packs, [], true);
    expect(isNewest(resolution, 't/a', packCode(0, 0))).toBe(true);
    expect(isNewest(resolution, 't/a', packCode(1, 0))).toBe(true);
    expect(winner(packs, [], false, 't/a')).toBe(packCode(1, 0));
  });

  it('ignores packs whose manifest could not be read', () => {
    const packs = [pack(['t/a', 2]), undefined, pack(['t/b', 1])];
    expect(winner(packs, [], false, 't/a')).toBe(packCode(0, 0));
    expect(winner(packs, [], false, 't/b')).toBe(packCode(2, 0));
    expect(resolveNewest([undefined], [row('t/a', 1)], false).maxClock).toBe(1);
  });

  it('counts superseded copies in the highest clock', () => {
    expect(resolveNewest([pack(['t/a', 12])], [row('t/a', 3)], false).maxClock).toBe(12);
    expect(resolveNewest([pack(['t/a', 3])], [row('t/a', 12)], true).maxClock).toBe(12);
  });
});

describe('single-record reads', () => {
  it('locates the newest pack copy of the wanted keys only, the first one on a tie', () => {
    const first = pack(['t/a', 5], ['t/b', 1]);
    const second = pack(['t/a', 9], ['t/c', 2]);
    const third = pack(['t/a', 9]);
    const located = locateNewest([first, second, third], new Set(['t/a', 't/b']));
    expect([...located.keys()].sort()).toEqual(['t/a', 't/b']);
    expect(located.get('t/a')).toEqual({ meta: second, j: 0, c: 9 });
    expect(located.get('t/b')).toEqual({ meta: first, j: 1, c: 1 });
  });

  it('reads the overlay row only when it is strictly newer than the newest pack copy', () => {
    expect(overlayIsNewest(undefined, undefined)).toBe(false);
    expect(overlayIsNewest(undefined, { c: 1 })).toBe(false);
    expect(overlayIsNewest(row('t/a', 1), undefined)).toBe(true);
    expect(overlayIsNewest(row('t/a', 4), { c: 3 })).toBe(true);
    expect(overlayIsNewest(row('t/a', 3), { c: 3 })).toBe(false);
    expect(overlayIsNewest(row('t/a', 2), { c: 3 })).toBe(false);
  });

  it('agrees with cold open on which copy is current', () => {
    const copies = fc.array(fc.tuple(fc.constantFrom('t/a', 't/b', 't/c'), fc.integer({ min: 1, max: 6 })), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(fc.array(copies, { maxLength: 4 }), copies, (packEntries, overlayEntries) => {
        const packs = packEntries.map((entries) => pack(...entries));
        // The overlay has one row per key.
        const overlay = [...new Map(overlayEntries).entries()].map(([k, c]) => row(k, c));
        for (const k of ['t/a', 't/b', 't/c']) {
          const found = locateNewest(packs, new Set([k])).get(k);
          const n = overlay.findIndex((r) => r.k === k);
          const single = overlayIsNewest(overlay[n], found)
            ? overlayCode(n)
            : found && packCode(packs.indexOf(found.meta), found.j);
          expect(winner(packs, overlay, false, k)).toBe(single);
        }
      }),
    );
  });
});

describe('newestClocks', () => {
  it('gives the highest clock of every key over packs and overlay', () => {
    const latest = newestClocks(
      [pack(['t/a', 2], ['t/b', 7]), pack(['t/a', 5])],
      [row('t/b', 3), row('t/c', 1)],
    );
    expect(Object.fromEntries(latest)).toEqual({ 't/a': 5, 't/b': 7, 't/c': 1 });
  });
});
