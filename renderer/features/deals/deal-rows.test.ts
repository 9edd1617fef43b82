import { describe, expect, it } from 'vitest';
import {
  createDefaultPipeline,
  createRecord,
  type Deal,
  type DealId,
  type Organization,
  type OrganizationId,
  type Pipeline,
  type PipelineId,
  type Tag,
  type TagId,
} from '../../../shared/domain';
import { exampleStamp } from '../../../test/fixtures/records';
import { dealRows, type DealRowQuery, type DealRowSource } from './deal-rows';

let seed = 0;
const bytes = (n: number) => Uint8Array.from({ length: n }, () => ++seed % 256);
const pipeline: Pipeline = createDefaultPipeline(
  '000000000000000000000000000000a1' as PipelineId,
  'Sales',
  { lead: 'Lead', qualified: 'Qualified', proposal: 'Proposal', negotiation: 'Negotiation' },
  bytes,
  exampleStamp,
);
const [lead, qualified, proposal] = pipeline.stages;
const orgId = '000000000000000000000000000000b1' as OrganizationId;
const tagId = '000000000000000000000000000000c1' as TagId;

function deal(n: number, title: string, extra: Partial<Deal> = {}): Deal {
  return {
    ...createRecord(
      'deals',
      n.toString(16).padStart(32, '0') as DealId,
      {
        title,
        pipelineId: pipeline.id,
        stageId: lead!.id,
        value: { amountMinor: 100_00, currency: 'EUR' },
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

const deals = [
  deal(1, 'Pannelli', { stageId: proposal!.id, value: { amountMinor: 12_345_50, currency: 'EUR' } }),
  deal(2, 'Caldaia', {
    stageId: qualified!.id,
    value: { amountMinor: 9_00, currency: 'EUR' },
    expectedCloseDate: '2026-03-10',
    organizationId: orgId,
    tags: [tagId],
  }),
  deal(3, 'Impianto', { status: 'won', expectedCloseDate: '2026-01-05' }),
  deal(4, 'Vecchio', { deletedAt: '2026-01-16T00:00:00.000Z' }),
];
const source: DealRowSource = {
  deals,
  pipelines: [pipeline],
  organizations: [{ id: orgId, name: 'Officine Adriatiche' } as Organization],
  tags: [{ id: tagId, name: 'Caldo', deletedAt: null } as unknown as Tag],
  statusLabel: (s) => ({ open: 'Aperta', won: 'Vinta', lost: 'Persa' })[s],
};
const query = (q: Partial<DealRowQuery>): DealRowQuery => ({
  query: '',
  status: 'all',
  showTrash: false,
  sort: { column: 'title', descending: false },
  language: 'en',
  matches: null,
  ...q,
});
const titles = (q: Partial<DealRowQuery>) => dealRows(source, query(q)).map((r) => r.cells.title);

describe('deal rows', () => {
  it('shows live deals with their organization, stage, tags and value in the UI language', () => {
    const rows = dealRows(source, query({ language: 'it' }));
    expect(rows.map((r) => r.cells.title)).toEqual(['Caldaia', 'Impianto', 'Pannelli']);
    expect(rows[0]!.cells).toMatchObject({
      organization: 'Officine Adriatiche',
      stage: 'Qualified',
      tags: 'Caldo',
      status: 'Aperta',
    });
    expect(rows[2]!.cells.value).toBe('12.345,50\u00a0€');
    expect(dealRows(source, query({ language: 'en' }))[2]!.cells.value).toBe('€12,345.50');
    expect(rows[0]!.cells.expectedCloseDate).toContain('2026');
  });

  it('sorts stages in pipeline order, values by amount and dates by date with undated last', () => {
    expect(titles({ sort: { column: 'stage', descending: false } })).toEqual([
      'Impianto',
      'Caldaia',
      'Pannelli',
    ]);
    expect(titles({ sort: { column: 'value', descending: true } })).toEqual([
      'Pannelli',
      'Impianto',
      'Caldaia',
    ]);
    expect(titles({ sort: { column: 'expectedCloseDate', descending: false } })).toEqual([
      'Impianto',
      'Caldaia',
      'Pannelli',
    ]);
  });

  it('filters by status, by text (index matches for live deals) and shows the trash on its own', () => {
    expect(titles({ status: 'won' })).toEqual(['Impianto']);
    expect(titles({ status: 'open' })).toEqual(['Caldaia', 'Pannelli']);
    expect(titles({ query: 'pann', matches: new Set([deals[0]!.id]) })).toEqual(['Pannelli']);
    expect(titles({ showTrash: true })).toEqual(['Vecchio']);
    // The trash is not indexed: its filter reads the cells.
    expect(titles({ showTrash: true, query: 'vecc', matches: new Set() })).toEqual(['Vecchio']);
  });
});
