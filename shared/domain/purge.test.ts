import { describe, expect, it } from 'vitest';
import { exampleOrganization, examplePerson, exampleStamp } from '../../test/fixtures/records';
import { diffRecords } from './history';
import { encodeHlc } from './hlc';
import {
  daysLeftInTrash,
  isTombstone,
  planPurge,
  purgeDate,
  tombstoneSchema,
  type PurgeInput,
  type PurgeTable,
} from './purge';
import { compactClock, expandClock, mergeRecords, trashRecord, type RecordBase } from './record';

const day = 86_400_000;
const stampAt = (at: number) => ({
  clock: encodeHlc({ wallTime: at, counter: 0, node: 'b2b2b2b2b2b2b2b2' }),
  at,
});
const trashedAt = exampleStamp.at + day;
const person = trashRecord(examplePerson(), stampAt(trashedAt));
const organization = trashRecord(exampleOrganization(), stampAt(trashedAt));

function input(records: Partial<Record<PurgeTable, RecordBase[]>>, history: PurgeInput['history'] = []) {
  return {
    records: { people: [], organizations: [], deals: [], activities: [], tasks: [], ...records },
    history,
  };
}

// Every personal value of the fixtures, as it would appear in stored text.
const personalValues = ['Niccol', 'Rossi', 'officine', '393471234567', '1985-12-10', 'contatti.csv', 'CFO'];

describe('planPurge', () => {
  it('purges a record exactly 30 days after it was trashed, not a millisecond before', () => {
    const due = trashedAt + 30 * day;
    expect(planPurge(input({ people: [person] }), stampAt(due - 1)).changes).toEqual([]);
    const plan = planPurge(input({ people: [person] }), stampAt(due));
    expect(plan.changes.map((c) => [c.table, c.after.id])).toEqual([['people', person.id]]);
    expect(purgeDate(person.deletedAt!)).toBe(due);
  });

  it('leaves live records, records trashed less than 30 days ago and existing tombstones alone', () => {
    const live = examplePerson({ id: '0000000000000000000000000000000d' as never });
    const recent = trashRecord(
      examplePerson({ id: '0000000000000000000000000000000e' as never }),
      stampAt(trashedAt + 20 * day),
    );
    const first = planPurge(input({ people: [person, live, recent] }), stampAt(trashedAt + 31 * day));
    expect(first.changes.map((c) => c.after.id)).toEqual([person.id]);
    const again = planPurge(
      input({ people: [first.changes[0]!.after, live, recent] }),
      stampAt(trashedAt + 32 * day),
    );
    expect(again).toEqual({ changes: [], historyIds: [] });
  });

  it('makes a tombstone with the bookkeeping and no content', () => {
    const stamp = stampAt(trashedAt + 31 * day);
    const { changes } = planPurge(input({ people: [person], organizations: [organization] }), stamp);
    for (const { after } of changes) {
      expect(tombstoneSchema.safeParse(after).success).toBe(true);
      expect(isTombstone(after)).toBe(true);
      const text = JSON.stringify(after);
      for (const value of personalValues) expect(text).not.toContain(value);
      expect(Object.keys(after).sort()).toEqual(
        [
          'clock',
          'createdAt',
          'deletedAt',
          'emails',
          'id',
          'phones',
          'purgedAt',
          'schemaVersion',
          'updatedAt',
        ].sort(),
      );
      expect(after.emails).toEqual([]);
      expect(after.phones).toEqual([]);
    }
    const [tomb] = changes;
    expect(tomb!.after).toMatchObject({
      id: person.id,
      schemaVersion: person.schemaVersion,
      createdAt: person.createdAt,
      deletedAt: person.deletedAt,
      purgedAt: new Date(stamp.at).toISOString(),
    });
    // The trash instant keeps its clock; every removed field is clocked at the purge.
    expect(tomb!.after.clock.deletedAt).toBe(person.clock.deletedAt);
    expect(tomb!.after.clock.givenName).toBe(stamp.clock);
    expect(tomb!.after.clock.purgedAt).toBe(stamp.clock);
    // The stored (compact-clock) form is still recognised.
    expect(isTombstone(compactClock(tomb!.after))).toBe(true);
    expect(expandClock(compactClock(tomb!.after))).toEqual(tomb!.after);
  });

  it('names the removed fields for history and audit without carrying their values', () => {
    const { changes } = planPurge(input({ people: [person] }), stampAt(trashedAt + 31 * day));
    const diff = diffRecords(changes[0]!.before, changes[0]!.after);
    expect(diff.map((d) => d.field)).toEqual(expect.arrayContaining(['familyName', 'givenName', 'purgedAt']));
    expect(diff.map((d) => d.field)).not.toContain('deletedAt');
    const values = JSON.stringify(diff.map((d) => [d.oldValue, d.newValue]));
    for (const value of personalValues) expect(values).not.toContain(value);
  });

  it('deletes the history of a purged person and keeps every other history', () => {
    const recent = trashRecord(
      examplePerson({ id: '0000000000000000000000000000000e' as never }),
      stampAt(trashedAt + 20 * day),
    );
    const history: PurgeInput['history'] = [
      ['h1', { recordId: person.id }],
      ['h2', { recordId: recent.id }],
      ['h3', { recordId: person.id }],
      ['h4', { recordId: organization.id }],
    ];
    const plan = planPurge(input({ people: [person, recent] }, history), stampAt(trashedAt + 31 * day));
    expect(plan.historyIds).toEqual(['h1', 'h3']);
  });

  it('wins a merge against an older copy that still holds the content', () => {
    const { changes } = planPurge(input({ people: [person] }), stampAt(trashedAt + 31 * day));
    const tomb = changes[0]!.after as unknown as RecordBase;
    for (const merged of [
      mergeRecords(person as RecordBase, tomb),
      mergeRecords(tomb, person as RecordBase),
    ]) {
      const text = JSON.stringify(merged);
      for (const value of personalValues) expect(text).not.toContain(value);
      expect(isTombstone(merged)).toBe(true);
    }
  });
});

describe('daysLeftInTrash', () => {
  it('counts 30 days just after trashing, 1 on the last day, then 0', () => {
    const deletedAt = new Date(trashedAt).toISOString();
    expect(daysLeftInTrash(deletedAt, trashedAt)).toBe(30);
    expect(daysLeftInTrash(deletedAt, trashedAt + 1)).toBe(30);
    expect(daysLeftInTrash(deletedAt, trashedAt + day)).toBe(29);
    expect(daysLeftInTrash(deletedAt, trashedAt + 30 * day - 1)).toBe(1);
    expect(daysLeftInTrash(deletedAt, trashedAt + 30 * day)).toBe(0);
    expect(daysLeftInTrash(deletedAt, trashedAt + 90 * day)).toBe(0);
  });
});
