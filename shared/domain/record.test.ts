import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from './hlc';
import {
  applyChanges,
  canonicalJson,
  compactClock,
  stampedRecord,
  expandClock,
  isPurgeable,
  mergeRecords,
  restoreRecord,
  trashRecord,
  trashRetentionDays,
  type RecordBase,
} from './record';

interface Note extends RecordBase {
  readonly title?: string;
  readonly body?: string;
  readonly tags?: readonly string[];
  readonly meta?: { readonly pinned: boolean; readonly color?: string };
}

const id = '0123456789abcdef0123456789abcdef';
const day = 86_400_000;
const clockOf = (wallTime: number, counter = 0, node = 'aaaaaaaaaaaaaaaa') =>
  encodeHlc({ wallTime, counter, node });

// Few distinct clocks and values, so ties and collisions are frequent.
const clockArb = fc.constantFrom(
  clockOf(1),
  clockOf(2),
  clockOf(2, 1),
  clockOf(2, 1, 'bbbbbbbbbbbbbbbb'),
  clockOf(3),
);
const instantArb = fc.constantFrom(
  '2026-01-01T00:00:00.000Z',
  '2026-01-02T00:00:00.000Z',
  '2026-01-02T00:00:00Z',
);
const versionArb: fc.Arbitrary<Note> = fc
  .record({
    fields: fc.record(
      {
        title: fc.constantFrom('a', 'b', 'Ciao'),
        body: fc.constantFrom('x', 'y'),
        tags: fc.constantFrom([], ['t1'], ['t1', 't2']),
        meta: fc.constantFrom(
          { pinned: true },
          { color: 'red', pinned: false },
          { pinned: false, color: 'red' },
        ),
        deletedAt: fc.constantFrom(null, '2026-01-03T00:00:00.000Z'),
      },
      { requiredKeys: ['deletedAt'] },
    ),
    clock: fc.record(
      { title: clockArb, body: clockArb, tags: clockArb, meta: clockArb, deletedAt: clockArb },
      { requiredKeys: [] },
    ),
    createdAt: instantArb,
    updatedAt: instantArb,
  })
  .map(({ fields, clock, createdAt, updatedAt }) => ({
    ...fields,
    id,
    schemaVersion: 1,
    clock,
    createdAt,
    updatedAt,
  }));

// Key order does not matter to the merge, so compare canonical text.
const same = (a: unknown, b: unknown) => expect(canonicalJson(a)).toBe(canonicalJson(b));

describe('mergeRecords', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        same(mergeRecords(a, b), mergeRecords(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        same(mergeRecords(mergeRecords(a, b), c), mergeRecords(a, mergeRecords(b, c)));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        same(mergeRecords(a, a), a);
        const ab = mergeRecords(a, b);
        same(mergeRecords(ab, b), ab);
      }),
    );
  });

  it('keeps, per field, the value with the later clock', () => {
    const base = stampedRecord<Note>(id, 1, { title: 'old', body: 'old' }, { clock: clockOf(1), at: 1 });
    const left = applyChanges(base, { title: 'left' }, { clock: clockOf(5), at: 5 });
    const right = applyChanges(base, { title: 'right', body: 'right' }, { clock: clockOf(4), at: 4 });
    const merged = mergeRecords(left, right);
    expect(merged.title).toBe('left');
    expect(merged.body).toBe('right');
    expect(merged.clock.title).toBe(clockOf(5));
    expect(merged.updatedAt).toBe(left.updatedAt);
  });

  it('lets a later clear of an optional field win over an older value', () => {
    const base = stampedRecord<Note>(id, 1, { title: 't', body: 'b' }, { clock: clockOf(1), at: 1 });
    const cleared = applyChanges(base, { body: undefined }, { clock: clockOf(3), at: 3 });
    expect('body' in cleared).toBe(false);
    expect(mergeRecords(base, cleared).body).toBeUndefined();
  });

  it('refuses different records or versions', () => {
    const a = stampedRecord<Note>(id, 1, { title: 't' }, { clock: clockOf(1), at: 1 });
    expect(() => mergeRecords(a, { ...a, id: 'f'.repeat(32) })).toThrow('id-mismatch');
    expect(() => mergeRecords(a, { ...a, schemaVersion: 2 })).toThrow('schema-mismatch');
  });
});

describe('applyChanges', () => {
  it('clocks only the fields whose value changes', () => {
    const base = stampedRecord<Note>(
      id,
      1,
      { title: 't', meta: { pinned: true } },
      { clock: clockOf(1), at: 1 },
    );
    const next = applyChanges(base, { title: 't', meta: { pinned: false } }, { clock: clockOf(2), at: 2 });
    expect(next.clock.title).toBe(clockOf(1));
    expect(next.clock.meta).toBe(clockOf(2));
    expect(next.updatedAt).toBe('1970-01-01T00:00:00.002Z');
    expect(applyChanges(next, { meta: { pinned: false } }, { clock: clockOf(3), at: 3 })).toBe(next);
  });

  it('refuses to set metadata fields', () => {
    const base = stampedRecord<Note>(id, 1, { title: 't' }, { clock: clockOf(1), at: 1 });
    expect(() => applyChanges(base, { id: 'x' } as never, { clock: clockOf(2), at: 2 })).toThrow(
      'invalid-record',
    );
  });
});

describe('trash', () => {
  const created = stampedRecord<Note>(id, 1, { title: 't' }, { clock: clockOf(1), at: 0 });
  const deletedAt = Date.UTC(2026, 0, 1);
  const trashed = trashRecord(created, { clock: clockOf(deletedAt), at: deletedAt });

  it('marks and restores with clocked tombstones', () => {
    expect(trashed.deletedAt).toBe('2026-01-01T00:00:00.000Z');
    const restored = restoreRecord(trashed, { clock: clockOf(deletedAt + 1), at: deletedAt + 1 });
    expect(restored.deletedAt).toBeNull();
    expect(mergeRecords(trashed, restored).deletedAt).toBeNull();
  });

  it('is purgeable only after the retention period', () => {
    expect(isPurgeable(created, deletedAt + 365 * day)).toBe(false);
    expect(isPurgeable(trashed, deletedAt + (trashRetentionDays - 1) * day)).toBe(false);
    expect(isPurgeable(trashed, deletedAt + trashRetentionDays * day - 1)).toBe(false);
    expect(isPurgeable(trashed, deletedAt + trashRetentionDays * day)).toBe(true);
  });
});

describe('compact clocks', () => {
  it('expandClock(compactClock(r)) is r, whatever the clocks and fields', () => {
    fc.assert(
      fc.property(versionArb, (v) => {
        expect(canonicalJson(expandClock(compactClock(v)))).toBe(canonicalJson(v));
      }),
    );
  });

  it('compacts only a clock that covers exactly the fields, all at one stamp', () => {
    const stamp = { clock: clockOf(5), at: 5 };
    const note = stampedRecord<Note>(id, 1, { title: 'a', tags: ['t1'] }, stamp);
    expect(compactClock(note).clock).toBe(stamp.clock);
    const edited = applyChanges(note, { title: 'b' }, { clock: clockOf(6), at: 6 });
    expect(compactClock(edited)).toBe(edited);
    // A stamp for a field the record no longer holds keeps the map.
    const extra = { ...note, clock: { ...note.clock, body: stamp.clock } };
    expect(compactClock(extra)).toBe(extra);
    expect(expandClock('not a record')).toBe('not a record');
  });
});
