import { describe, expect, it } from 'vitest';
import {
  createDefaultPipeline,
  createRecord,
  type Activity,
  type ActivityId,
  type Deal,
  type DealId,
  type PipelineId,
  type Task,
  type TaskId,
} from '../../../shared/domain';
import { exampleStamp } from '../../../test/fixtures/records';
import { activitiesByWeek, closedByMonth, mainCurrency, pipelineByStage, tasksDue } from './dashboard-data';

let seed = 0;
const bytes = (n: number) => Uint8Array.from({ length: n }, () => ++seed % 256);
const pipeline = createDefaultPipeline(
  '000000000000000000000000000000a1' as PipelineId,
  'Sales',
  { lead: 'Lead', qualified: 'Qualified', proposal: 'Proposal', negotiation: 'Negotiation' },
  bytes,
  exampleStamp,
);
const id = (n: number) => n.toString(16).padStart(32, '0');
// Local-time moments, so the tests hold in any time zone.
const now = new Date(2026, 10, 18, 15, 0); // Wednesday 18 November 2026
const at = (y: number, m: number, d: number) => new Date(y, m, d, 12).toISOString();

function deal(n: number, extra: Partial<Deal>): Deal {
  return {
    ...createRecord(
      'deals',
      id(n) as DealId,
      {
        title: `Deal ${n}`,
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0]!.id,
        value: { amountMinor: 1000_00, currency: 'EUR' },
        status: 'open',
        personIds: [],
        tags: [],
        customFields: {},
      },
      exampleStamp,
    ),
    ...extra,
  };
}

describe('dashboard figures', () => {
  it('sums open value per stage in the main currency only', () => {
    const deals = [
      deal(1, {}),
      deal(2, { stageId: pipeline.stages[2]!.id, value: { amountMinor: 500_00, currency: 'EUR' } }),
      deal(3, { value: { amountMinor: 9_00, currency: 'USD' } }),
      deal(4, { status: 'won', closedAt: at(2026, 10, 1) }),
    ];
    expect(mainCurrency(deals)).toBe('EUR');
    const rows = pipelineByStage(deals, pipeline, 'EUR');
    expect(rows.map((r) => [r.stage, r.value, r.weighted, r.count])).toEqual([
      ['Lead', 1000_00, 100_00, 1],
      ['Qualified', 0, 0, 0],
      ['Proposal', 500_00, 300_00, 1],
      ['Negotiation', 0, 0, 0],
    ]);
  });

  it('puts won and lost value in the month they closed, over the last 12 months', () => {
    const rows = closedByMonth(
      [
        deal(1, { status: 'won', closedAt: at(2026, 10, 2) }),
        deal(2, { status: 'lost', lostReason: 'price', closedAt: at(2026, 9, 30) }),
        deal(3, { status: 'won', closedAt: at(2025, 10, 30) }), // 12 months back: outside
        deal(4, { status: 'won', closedAt: at(2026, 10, 3), deletedAt: at(2026, 10, 4) }),
      ],
      'EUR',
      now,
    );
    expect(rows).toHaveLength(12);
    expect(rows[0]!.month).toBe('2025-12');
    expect(rows[11]).toEqual({ month: '2026-11', won: 1000_00, lost: 0 });
    expect(rows[10]).toEqual({ month: '2026-10', won: 0, lost: 1000_00 });
    expect(rows.slice(0, 10).every((r) => r.won === 0 && r.lost === 0)).toBe(true);
  });

  it('counts activities per Monday-to-Sunday week over the last 12 weeks', () => {
    const activity = (n: number, when: string): Activity =>
      createRecord(
        'activities',
        id(n) as ActivityId,
        { kind: 'call', at: when, text: '', participantIds: [] },
        exampleStamp,
      );
    const rows = activitiesByWeek(
      [
        activity(1, at(2026, 10, 16)), // Monday of this week
        activity(2, at(2026, 10, 15)), // Sunday: the week before
        activity(3, at(2026, 10, 18)),
        activity(4, at(2026, 7, 1)), // long ago
      ],
      now,
    );
    expect(rows).toHaveLength(12);
    expect(rows[11]).toEqual({ week: '2026-11-16', count: 2 });
    expect(rows[10]).toEqual({ week: '2026-11-09', count: 1 });
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(3);
  });

  it('counts open tasks overdue, due today and due in the next days', () => {
    const task = (n: number, dueDate: string | undefined, done = false): Task =>
      createRecord(
        'tasks',
        id(n) as TaskId,
        {
          title: `Task ${n}`,
          priority: 'normal',
          done,
          ...(done ? { doneAt: at(2026, 10, 1) } : {}),
          ...(dueDate ? { dueDate } : {}),
        },
        exampleStamp,
      );
    expect(
      tasksDue(
        [
          task(1, '2026-11-17'),
          task(2, '2026-11-18'),
          task(3, '2026-11-25'),
          task(4, '2026-11-26'),
          task(5, '2026-11-01', true),
          task(6, undefined),
        ],
        now,
      ),
    ).toEqual({ overdue: 1, today: 1, upcoming: 1 });
  });
});
