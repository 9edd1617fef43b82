import { describe, expect, it } from 'vitest';
import { examplePerson, exampleStamp } from '../../test/fixtures/records';
import { testDecision, testLink, testPurpose } from '../../test/fixtures/privacy';
import type { Activity } from './activity';
import type { Deal } from './deal';
import type { Person } from './person';
import type { PersonPurpose, Purpose, PurposePresetKey } from './privacy';
import {
  anonymisedActivity,
  anonymisedPerson,
  scanRetention,
  type RetentionDecisionEntry,
} from './retention';
import { validate } from './validation';
import { personSchema } from './person';

// The fixed clock of every case: the scan is given today, never reads the time.
const today = '2026-03-15';
const id = (c: string, n = 0) => (c + String(n).padStart(4, '0')).padEnd(32, c);

const purposeOf = (key: PurposePresetKey, n: number): Purpose => testPurpose(id('p', n), exampleStamp, key);
const marketing = purposeOf('marketing', 1);
const accounting = purposeOf('accounting', 2);
const followUp = purposeOf('legitimate-follow-up', 3);
const contract = purposeOf('customer-contract', 4);
const purposes = new Map([marketing, accounting, followUp, contract].map((p) => [p.id as string, p]));

function person(n: number, collected: string): Person {
  return examplePerson({
    id: id('a', n) as Person['id'],
    subjectId: id('s', n) as Person['subjectId'],
    source: { method: 'manual', date: collected },
  });
}
const link = (p: Person, purpose: Purpose, n: number): PersonPurpose =>
  testLink(id('l', n), p.id, purpose.id, exampleStamp);
const activity = (p: Person, at: string, n: number): Activity => ({
  id: id('v', n) as Activity['id'],
  schemaVersion: 1,
  clock: {},
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
  kind: 'call',
  at,
  subject: 'Call about the quote',
  text: 'Talked about the quote',
  participantIds: [p.id],
});
const wonDeal = (p: Person, closedAt: string, n: number): Deal =>
  ({
    id: id('d', n),
    schemaVersion: 1,
    clock: {},
    createdAt: closedAt,
    updatedAt: closedAt,
    deletedAt: null,
    title: 'Order',
    pipelineId: id('q'),
    stageId: id('r'),
    value: { amountMinor: 120_000, currency: 'EUR' },
    status: 'won',
    closedAt,
    personIds: [p.id],
    tags: [],
    customFields: {},
  }) as unknown as Deal;

function scan(
  people: Person[],
  links: PersonPurpose[],
  more: { activities?: Activity[]; deals?: Deal[]; decisions?: RetentionDecisionEntry[]; on?: string } = {},
) {
  return scanRetention({
    people,
    purposes,
    links,
    activities: more.activities ?? [],
    deals: more.deals ?? [],
    consents: [],
    decisions: more.decisions ?? [],
    today: more.on ?? today,
  });
}

describe('retention calendar', () => {
  it('queues a person 25 months after the last contact on a 24-month purpose, not one at 23', () => {
    const old = person(1, '2020-01-01');
    const recent = person(2, '2020-01-01');
    const result = scan([old, recent], [link(old, followUp, 1), link(recent, followUp, 2)], {
      activities: [
        activity(old, '2024-02-15T10:00:00.000Z', 1),
        activity(recent, '2024-04-15T10:00:00.000Z', 2),
      ],
    });
    expect(result.due).toEqual([{ personId: old.id, status: 'due', dueOn: '2026-02-15' }]);
    expect(result.kept).toBe(1);
  });

  it('is due on the day the period ends (EU month arithmetic), not the day before', () => {
    const p = person(1, '2024-01-31');
    const links = [link(p, followUp, 1)];
    // 24 months from 31 January 2024 end on 31 January 2026.
    expect(scan([p], links, { on: '2026-01-30' }).due).toEqual([]);
    expect(scan([p], links, { on: '2026-01-31' }).due.map((v) => v.dueOn)).toEqual(['2026-01-31']);
  });

  it('waits until every purpose that applies has run out', () => {
    const p = person(1, '2020-01-01');
    const links = [link(p, followUp, 1), link(p, contract, 2)];
    // The follow-up ran out long ago; the contract's ten years from its end have not.
    const result = scan([p], links, { deals: [wonDeal(p, '2023-06-01T09:00:00.000Z', 1)] });
    expect(result.due).toEqual([]);
    expect(result.kept).toBe(1);
  });

  it('keeps a person under a legal hold, with the accounting purpose and its end as the reason', () => {
    const p = person(1, '2018-01-01');
    const links = [link(p, followUp, 1), link(p, accounting, 2)];
    const result = scan([p], links, { deals: [wonDeal(p, '2019-05-10T09:00:00.000Z', 1)] });
    expect(result.due).toEqual([]);
    expect(result.held).toEqual([
      {
        personId: p.id,
        status: 'held',
        dueOn: '2029-05-10',
        holdPurposeId: accounting.id,
        holdUntil: '2029-05-10',
      },
    ]);
    // Ten years after the last entry the hold ends and the person is due.
    expect(
      scan([p], links, { deals: [wonDeal(p, '2019-05-10T09:00:00.000Z', 1)], on: '2029-05-10' }).due,
    ).toHaveLength(1);
  });

  it('reports a person with no purpose apart and never queues them', () => {
    const p = person(1, '2001-01-01');
    const result = scan([p], []);
    expect(result.due).toEqual([]);
    expect(result.noPurpose).toEqual([{ personId: p.id, status: 'no-purpose', dueOn: null }]);
  });

  it('does not queue an extended person before the new date, and does after it', () => {
    const p = person(1, '2020-01-01');
    const links = [link(p, followUp, 1)];
    const decisions = [testDecision(id('x'), p.id, exampleStamp, '2026-06-30')];
    const extended = scan([p], links, { decisions });
    expect(extended.due).toEqual([]);
    expect(extended.extended).toEqual([
      { personId: p.id, status: 'extended', dueOn: '2022-01-01', extendedUntil: '2026-06-30' },
    ]);
    expect(scan([p], links, { decisions, on: '2026-06-30' }).due).toHaveLength(1);
  });

  it('never queues an anonymised person again, and leaves out trashed people and links', () => {
    const p = person(1, '2020-01-01');
    const gone = { ...person(2, '2020-01-01'), deletedAt: '2025-01-01T00:00:00.000Z' };
    const unlinked = person(3, '2020-01-01');
    const links = [
      link(p, followUp, 1),
      link(gone, followUp, 2),
      { ...link(unlinked, followUp, 3), deletedAt: '2025-01-01T00:00:00.000Z' },
    ];
    const result = scan([p, gone, unlinked], links, {
      decisions: [testDecision(id('x'), p.id, exampleStamp, null)],
    });
    expect(result).toMatchObject({ due: [], anonymised: 1, kept: 0 });
    expect(result.noPurpose.map((v) => v.personId)).toEqual([unlinked.id]);
  });
});

describe('anonymisation', () => {
  it('replaces every personal field, keeps the record valid and its id', () => {
    const p = examplePerson({ notes: 'Met at the fair', birthday: '1980-02-03', jobTitle: 'Buyer' });
    const anon = anonymisedPerson(p, 'Anonymised person');
    const text = JSON.stringify(anon);
    for (const value of [
      p.givenName,
      p.familyName,
      ...p.emails.map((e) => e.address),
      ...p.phones.map((x) => x.number),
      'Met at the fair',
      '1980-02-03',
      'Buyer',
    ])
      expect(text).not.toContain(value);
    expect(anon.id).toBe(p.id);
    expect(validate(personSchema, { ...anon, clock: p.clock, updatedAt: p.updatedAt }).ok).toBe(true);
  });

  it('empties an activity that was only theirs and takes them out of a shared one', () => {
    const p = person(1, '2020-01-01');
    const other = person(2, '2020-01-01');
    const own = activity(p, '2024-01-01T10:00:00.000Z', 1);
    expect(anonymisedActivity(own, p.id)).toMatchObject({ text: '', participantIds: [] });
    expect(anonymisedActivity(own, p.id)).not.toHaveProperty('subject');
    const shared = { ...own, participantIds: [p.id, other.id] };
    expect(anonymisedActivity(shared, p.id)).toMatchObject({ text: own.text, participantIds: [other.id] });
    expect(anonymisedActivity(activity(other, own.at, 2), p.id)).toBeNull();
  });
});
