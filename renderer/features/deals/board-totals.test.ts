import { describe, expect, it } from 'vitest';
import {
  createDefaultPipeline,
  createRecord,
  type Deal,
  type DealId,
  type Pipeline,
  type PipelineId,
} from '../../../shared/domain';
import { exampleStamp } from '../../../test/fixtures/records';
import { boardColumns } from './board-totals';

let seed = 0;
const bytes = (n: number) => Uint8Array.from({ length: n }, () => ++seed % 256);
const pipeline: Pipeline = createDefaultPipeline(
  '000000000000000000000000000000a1' as PipelineId,
  'Sales',
  { lead: 'Lead', qualified: 'Qualified', proposal: 'Proposal', negotiation: 'Negotiation' },
  bytes,
  exampleStamp,
);
const [lead, qualified] = pipeline.stages;

function deal(n: number, stageId: string, amountMinor: number, extra: Partial<Deal> = {}): Deal {
  return {
    ...createRecord(
      'deals',
      n.toString(16).padStart(32, '0') as DealId,
      {
        title: `Deal ${n}`,
        pipelineId: pipeline.id,
        stageId: stageId as Deal['stageId'],
        value: { amountMinor, currency: 'EUR' },
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

describe('board columns', () => {
  it('has one column per stage with totals and probability-weighted totals', () => {
    const columns = boardColumns(
      [deal(1, lead!.id, 100_00), deal(2, lead!.id, 300_00), deal(3, qualified!.id, 1_000_00)],
      pipeline,
      'open',
    );
    expect(columns.map((c) => c.stageId)).toEqual(pipeline.stages.map((s) => s.id));
    expect(columns[0]!.deals.map((d) => d.title)).toEqual(['Deal 2', 'Deal 1']);
    // Lead is 10%, Qualified 30% in the default pipeline.
    expect(columns[0]!.totals).toEqual([{ currency: 'EUR', total: 400_00, weighted: 40_00 }]);
    expect(columns[1]!.totals).toEqual([{ currency: 'EUR', total: 1_000_00, weighted: 300_00 }]);
    expect(columns[2]!.deals).toEqual([]);
    expect(columns[2]!.totals).toEqual([]);
  });

  it('keeps currencies apart and leaves out trashed deals and other statuses', () => {
    const columns = boardColumns(
      [
        deal(1, lead!.id, 100_00),
        deal(2, lead!.id, 50_00, { value: { amountMinor: 50_00, currency: 'CHF' } }),
        deal(3, lead!.id, 999_00, { deletedAt: '2026-01-16T00:00:00.000Z' }),
        deal(4, lead!.id, 777_00, { status: 'won', closedAt: '2026-01-16T00:00:00.000Z' }),
      ],
      pipeline,
      'open',
    );
    expect(columns[0]!.totals).toEqual([
      { currency: 'EUR', total: 100_00, weighted: 10_00 },
      { currency: 'CHF', total: 50_00, weighted: 5_00 },
    ]);
    const won = boardColumns([deal(4, lead!.id, 777_00, { status: 'won' })], pipeline, 'won');
    // A won deal counts at its full value.
    expect(won[0]!.totals).toEqual([{ currency: 'EUR', total: 777_00, weighted: 777_00 }]);
  });
});
