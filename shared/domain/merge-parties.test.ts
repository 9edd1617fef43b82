import { describe, expect, it } from 'vitest';
import { exampleOrganization, examplePerson, exampleStamp } from '../../test/fixtures/records';
import type { Activity } from './activity';
import type { Deal } from './deal';
import { encodeHlc } from './hlc';
import { applyRewrite, planMerge } from './merge-parties';
import { organizationSchema } from './organization';
import { personSchema, type Person } from './person';
import { stampedRecord as createRecord } from './record';
import type { Task } from './task';

const stamp = {
  clock: encodeHlc({ wallTime: exampleStamp.at + 5000, counter: 0, node: 'b2b2b2b2b2b2b2b2' }),
  at: exampleStamp.at + 5000,
};
const winner = examplePerson({ jobTitle: undefined });
const loser: Person = examplePerson({
  id: '0000000000000000000000000000000c' as Person['id'],
  subjectId: '000000000000000000000000000000dd' as Person['subjectId'],
  givenName: 'Nicolò',
  emails: [
    { kind: 'work', address: 'niccolo.rossi@officine.it' },
    { kind: 'home', address: 'nrossi@example.it' },
  ],
  phones: [{ kind: 'work', number: '+390212345678' }],
  jobTitle: 'Direttore',
  birthday: '1985-12-11',
});
const rec = <T>(id: string, fields: object) => createRecord(id, 1, fields as never, exampleStamp) as T;
const deal = rec<Deal>('d'.repeat(32), {
  title: 'x',
  pipelineId: 'e'.repeat(32),
  stageId: 'f'.repeat(32),
  value: { amountMinor: 1, currency: 'EUR' },
  status: 'open',
  personIds: [loser.id, winner.id],
  organizationId: '0000000000000000000000000000000a',
  tags: [],
  customFields: {},
});
const activity = rec<Activity>('a'.repeat(32), {
  kind: 'note',
  at: '2026-01-01T00:00:00Z',
  text: 't',
  participantIds: [loser.id],
});
const unrelated = rec<Activity>('b'.repeat(32), {
  kind: 'note',
  at: '2026-01-01T00:00:00Z',
  text: 't',
  participantIds: [winner.id],
});
const task = rec<Task>('c'.repeat(32), {
  title: 't',
  priority: 'low',
  done: false,
  link: { table: 'person', id: loser.id },
});

describe('planMerge of people', () => {
  const plan = planMerge(winner, loser, { birthday: 'loser' }, stamp, {
    deals: [deal],
    activities: [activity, unrelated],
    tasks: [task],
  });

  it('keeps the winner’s identity and fills its gaps from the loser', () => {
    expect(plan.merged.id).toBe(winner.id);
    expect(plan.merged.subjectId).toBe(winner.subjectId);
    expect(plan.merged.givenName).toBe('Niccolò');
    expect(plan.merged.jobTitle).toBe('Direttore');
    expect(plan.merged.birthday).toBe('1985-12-11');
    expect(personSchema.safeParse(plan.merged).success).toBe(true);
  });

  it('unites contact points without duplicates (emails compared normalised)', () => {
    expect(plan.merged.emails.map((e) => e.address)).toEqual([
      'Niccolo.Rossi@officine.it',
      'nrossi@example.it',
    ]);
    expect(plan.merged.phones.map((p) => p.number)).toEqual(['+393471234567', '+390212345678']);
  });

  it('clocks changed fields and trashes the loser', () => {
    expect(plan.merged.clock.emails).toBe(stamp.clock);
    expect(plan.merged.clock.givenName).toBe(winner.clock.givenName);
    expect(plan.trashedLoser.deletedAt).not.toBeNull();
    expect(plan.trashedLoser.id).toBe(loser.id);
  });

  it('lists the relation rewrites, and only those', () => {
    expect(plan.rewrites).toEqual([
      { table: 'deal', recordId: deal.id, field: 'personIds', from: loser.id, to: winner.id },
      { table: 'activity', recordId: activity.id, field: 'participantIds', from: loser.id, to: winner.id },
      { table: 'task', recordId: task.id, field: 'link', from: loser.id, to: winner.id },
    ]);
  });

  it('applies rewrites without repeating ids', () => {
    const [r0, r1, r2] = plan.rewrites;
    expect(applyRewrite(deal, r0!, stamp).personIds).toEqual([winner.id]);
    expect(applyRewrite(activity, r1!, stamp).participantIds).toEqual([winner.id]);
    expect(applyRewrite(task, r2!, stamp).link).toEqual({ table: 'person', id: winner.id });
    expect(() => applyRewrite(unrelated, r1!, stamp)).toThrow('id-mismatch');
  });

  it('honours explicit choices for lists', () => {
    const onlyLoser = planMerge(winner, loser, { emails: 'loser' }, stamp);
    expect(onlyLoser.merged.emails).toEqual(loser.emails);
  });

  it('refuses self merges and mixed kinds', () => {
    expect(() => planMerge(winner, winner, {}, stamp)).toThrow('self-merge');
    expect(() => planMerge(winner as never, exampleOrganization() as never, {}, stamp)).toThrow(
      'kind-mismatch',
    );
  });
});

describe('planMerge of organizations', () => {
  const a = exampleOrganization();
  const b = exampleOrganization({
    id: '0000000000000000000000000000000e' as never,
    website: undefined,
    industry: 'Retail',
  });
  const person = examplePerson({
    organizations: [{ organizationId: b.id }, { organizationId: a.id, role: 'CFO' }],
  });
  const dealOfB = { ...deal, organizationId: b.id };

  it('rewrites deals and contact persons', () => {
    const plan = planMerge(a, b, {}, stamp, { deals: [dealOfB], people: [person] });
    expect(organizationSchema.safeParse(plan.merged).success).toBe(true);
    expect(plan.merged.industry).toBe('Retail');
    expect(plan.rewrites.map((r) => `${r.table}.${r.field}`)).toEqual([
      'deal.organizationId',
      'person.organizations',
    ]);
    expect(applyRewrite(dealOfB, plan.rewrites[0]!, stamp).organizationId).toBe(a.id);
    const relinked = applyRewrite(person, plan.rewrites[1]!, stamp);
    expect(relinked.organizations).toEqual([{ organizationId: a.id }]);
  });
});
