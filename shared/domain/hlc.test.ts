import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, initialHlc, receive, tick, type Hlc } from './hlc';
import { DomainError } from './validation';

const nodeA = 'aaaaaaaaaaaaaaaa';
const nodeB = 'bbbbbbbbbbbbbbbb';

const hlcArb = fc.record({
  wallTime: fc.integer({ min: 0, max: 2 ** 47 }),
  counter: fc.integer({ min: 0, max: 0xfffe }),
  node: fc.stringMatching(/^[0-9a-f]{16}$/),
});

describe('HLC encoding', () => {
  it('round-trips', () => {
    fc.assert(
      fc.property(hlcArb, (h) => {
        expect(decodeHlc(encodeHlc(h))).toEqual(h);
      }),
    );
  });

  it('sorts as strings exactly as clocks compare', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        const sa = encodeHlc(a);
        const sb = encodeHlc(b);
        expect(Math.sign(sa < sb ? -1 : sa > sb ? 1 : 0)).toBe(Math.sign(compareHlc(a, b)));
      }),
    );
  });

  it('refuses malformed clocks', () => {
    expect(() => decodeHlc('nonsense')).toThrow(DomainError);
    expect(() => encodeHlc({ wallTime: -1, counter: 0, node: nodeA })).toThrow(DomainError);
    expect(() => encodeHlc({ wallTime: 0, counter: 0x10000, node: nodeA })).toThrow(DomainError);
    expect(() => initialHlc('XYZ')).toThrow(DomainError);
  });
});

describe('tick', () => {
  it('follows physical time when it moves forward', () => {
    expect(tick(initialHlc(nodeA), 1000)).toEqual({ wallTime: 1000, counter: 0, node: nodeA });
  });

  it('counts when physical time stands still or goes backwards', () => {
    const first = tick(initialHlc(nodeA), 1000);
    const second = tick(first, 1000);
    const third = tick(second, 500);
    expect(second).toEqual({ wallTime: 1000, counter: 1, node: nodeA });
    expect(third).toEqual({ wallTime: 1000, counter: 2, node: nodeA });
  });

  it('is strictly increasing whatever the physical clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 50 }), (nows) => {
        let clock: Hlc = initialHlc(nodeA);
        for (const now of nows) {
          const next = tick(clock, now);
          expect(compareHlc(next, clock)).toBeGreaterThan(0);
          clock = next;
        }
      }),
    );
  });

  it('refuses to overflow the counter', () => {
    expect(() => tick({ wallTime: 5, counter: 0xffff, node: nodeA }, 5)).toThrow('counter-overflow');
  });
});

describe('receive', () => {
  it('is greater than both the local and the remote clock', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, fc.integer({ min: 0, max: 2 ** 47 }), (local, remote, now) => {
        const next = receive({ ...local, node: nodeA }, remote, now);
        expect(compareHlc(next, { ...local, node: nodeA })).toBeGreaterThan(0);
        expect(compareHlc(next, remote)).toBeGreaterThan(0);
        expect(next.node).toBe(nodeA);
        expect(next.wallTime).toBeGreaterThanOrEqual(now);
      }),
    );
  });

  it('adopts a remote clock ahead of the local one', () => {
    const local = { wallTime: 100, counter: 3, node: nodeA };
    const remote = { wallTime: 200, counter: 7, node: nodeB };
    expect(receive(local, remote, 150)).toEqual({ wallTime: 200, counter: 8, node: nodeA });
    expect(receive(local, remote, 300)).toEqual({ wallTime: 300, counter: 0, node: nodeA });
    expect(receive({ ...local, wallTime: 200 }, remote, 150)).toEqual({
      wallTime: 200,
      counter: 8,
      node: nodeA,
    });
  });

  it('refuses remote clocks too far in the future when asked to', () => {
    const remote = { wallTime: 10_000_000, counter: 0, node: nodeB };
    expect(() => receive(initialHlc(nodeA), remote, 0, { maxDriftMs: 60_000 })).toThrow('clock-drift');
    expect(receive(initialHlc(nodeA), remote, 0).wallTime).toBe(10_000_000);
  });

  it('breaks ties between devices by node id', () => {
    const a = { wallTime: 1, counter: 0, node: nodeA };
    const b = { wallTime: 1, counter: 0, node: nodeB };
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect(compareHlc(b, a)).toBeGreaterThan(0);
    expect(compareHlc(a, { ...a })).toBe(0);
  });
});
