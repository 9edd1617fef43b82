import { describe, expect, it } from 'vitest';
import {
  createRecord,
  encodeHlc,
  initialHlc,
  setTaskDone,
  tick,
  trashRecord,
  type Activity,
  type Deal,
  type Stamp,
  type Task,
} from '../../../shared/domain';
import type { HistoryEntry } from '../../vault/repository';
import { localEpoch } from './local-time';
import { groupByDay, taskLinkOf, timelineEntries } from './timeline-entries';

const id = (n: number) => n.toString(16).padStart(32, '0');
const person = id(1);
const other = id(2);
const org = id(3);

function stampAt(epoch: number): Stamp {
  return { clock: encodeHlc(tick(initialHlc('0123456789abcdef'), epoch)), at: epoch };
}

function activity(n: number, at: number, participants: string[], extra: Partial<Activity> = {}): Activity {
  return createRecord(
    'activities',
    id(100 + n) as Activity['id'],
    {
      kind: 'call',
      at: new Date(at).toISOString(),
      text: '',
      participantIds: participants,
      ...extra,
    } as never,
    stampAt(at),
  );
}

function task(n: number, created: number, fields: Partial<Task>): Task {
  return createRecord(
    'tasks',
    id(200 + n) as Task['id'],
    { title: `t${n}`, priority: 'normal', done: false, ...fields } as never,
    stampAt(created),
  );
}

function deal(n: number, created: number, personIds: string[]): Deal {
  return createRecord(
    'deals',
    id(300 + n) as Deal['id'],
    {
      title: `d${n}`,
      pipelineId: id(9),
      stageId: id(10),
      value: { amountMinor: 100, currency: 'EUR' },
      status: 'open',
      personIds,
      tags: [],
      customFields: {},
    } as never,
    stampAt(created),
  );
}

const day = (d: number, h = 12, m = 0) => new Date(2026, 10, d, h, m).getTime();

describe('timeline entries', () => {
  it('gathers what involves a person, newest first, and leaves out others and the trash', () => {
    const mine = activity(1, day(10, 9), [person]);
    const theirs = activity(2, day(11, 9), [other]);
    const trashed = trashRecord(activity(3, day(12, 9), [person]), stampAt(day(12, 10)));
    const later = activity(4, day(10, 15), [other, person]);
    const linked = task(1, day(1), {
      link: { table: 'person', id: person },
      dueDate: '2026-11-20',
      dueTime: '08:30',
    });
    const unlinked = task(2, day(1), { link: { table: 'organization', id: org } });
    const sale = deal(1, day(5), [person]);
    const change: HistoryEntry = {
      recordTable: 'people',
      recordId: person,
      at: new Date(day(3)).toISOString(),
      actor: 'laptop',
      command: 'contacts.update',
      changes: [],
    };
    const entries = timelineEntries(
      { table: 'people', id: person },
      {
        activities: [mine, theirs, trashed, later],
        tasks: [linked, unlinked],
        deals: [sale],
        history: [change],
      },
    );
    expect(entries.map((e) => e.key)).toEqual([
      `t:${linked.id}`,
      `a:${later.id}`,
      `a:${mine.id}`,
      `d:${sale.id}`,
      `h:${change.at}:0`,
    ]);
    expect(entries[0]).toMatchObject({ at: localEpoch('2026-11-20', '08:30'), allDay: false });
  });

  it('places a done task at its completion and an undated one at its creation', () => {
    const open = task(1, day(2), { link: { table: 'person', id: person } });
    const done = setTaskDone(
      task(2, day(1), { link: { table: 'person', id: person }, dueDate: '2026-12-01' }),
      true,
      stampAt(day(4)),
    );
    const dated = task(3, day(1), { link: { table: 'person', id: person }, dueDate: '2026-11-03' });
    const entries = timelineEntries(
      { table: 'people', id: person },
      { activities: [], tasks: [open, done, dated], deals: [], history: [] },
    );
    expect(entries.map((e) => [e.key, e.at])).toEqual([
      [`t:${done.id}`, day(4)],
      [`t:${dated.id}`, localEpoch('2026-11-03')],
      [`t:${open.id}`, day(2)],
    ]);
    expect(entries.find((e) => e.key === `t:${dated.id}`)).toMatchObject({ allDay: true });
  });

  it('follows organizations and deals through their own links', () => {
    const atOrg = activity(1, day(1), [], { organizationId: org as never });
    const onDeal = activity(2, day(2), [], { dealId: id(301) as never });
    const sources = { activities: [atOrg, onDeal], tasks: [], deals: [], history: [] };
    expect(timelineEntries({ table: 'organizations', id: org }, sources).map((e) => e.key)).toEqual([
      `a:${atOrg.id}`,
    ]);
    expect(timelineEntries({ table: 'deals', id: id(301) }, sources).map((e) => e.key)).toEqual([
      `a:${onDeal.id}`,
    ]);
    expect(taskLinkOf({ table: 'organizations', id: org })).toEqual({ table: 'organization', id: org });
  });

  it('groups by local day without reordering', () => {
    const a = activity(1, day(10, 23, 30), [person]);
    const b = activity(2, day(10, 0, 15), [person]);
    const c = activity(3, day(9, 23, 59), [person]);
    const entries = timelineEntries(
      { table: 'people', id: person },
      { activities: [c, a, b], tasks: [], deals: [], history: [] },
    );
    const days = groupByDay(entries);
    expect(days.map((d) => [d.day, d.entries.length])).toEqual([
      ['2026-11-10', 2],
      ['2026-11-09', 1],
    ]);
    expect(days.flatMap((d) => d.entries)).toEqual(entries);
  });
});
