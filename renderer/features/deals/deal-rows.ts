import type { Deal, DealStatus, Organization, Pipeline, Tag } from '../../../shared/domain';
import { filterRows, sortRows, type KeyedRow, type ListSort } from '../../ui/list-rows';
import { formatMoneyValue } from '../../ui/deal-money';
import { localeFor } from '../../ui/i18n';

/** Columns of the deals list. */
export const dealColumns = [
  'title',
  'organization',
  'stage',
  'value',
  'expectedCloseDate',
  'status',
  'tags',
] as const;
/** One of `dealColumns`. */
export type DealColumn = (typeof dealColumns)[number];

/** The status filter of the list: one status or all of them. */
export type DealStatusFilter = DealStatus | 'all';

/** What the list shows: filter text, status, trash or live deals, sort, UI language. */
export interface DealRowQuery {
  readonly query: string;
  readonly status: DealStatusFilter;
  readonly showTrash: boolean;
  readonly sort: ListSort<DealColumn>;
  readonly language: string;
  /** The deals the search index matched for `query` (live deals), or null to match cell text. */
  readonly matches: ReadonlySet<string> | null;
}

/** The records the rows are built from, and the translated status names. */
export interface DealRowSource {
  readonly deals: readonly Deal[];
  readonly pipelines: readonly Pipeline[];
  readonly organizations: readonly Organization[];
  readonly tags: readonly Tag[];
  readonly statusLabel: (status: DealStatus) => string;
}

/**
 * The rows of the deals list. Stages sort in pipeline order, values by amount (then currency),
 * dates by date: the keys are values, the cells the text in the UI language.
 */
export function dealRows(source: DealRowSource, q: DealRowQuery): KeyedRow<DealColumn>[] {
  const orgNames = new Map(source.organizations.map((o) => [o.id as string, o.name]));
  const tagNames = new Map(source.tags.map((tag) => [tag.id as string, tag.name]));
  // Stage position across pipelines: pipeline order first, so two pipelines do not interleave.
  const stages = new Map<string, { name: string; rank: number }>();
  source.pipelines.forEach((p, pi) =>
    p.stages.forEach((s, si) => stages.set(s.id, { name: s.name, rank: pi * 1000 + si })),
  );
  const dateFormat = new Intl.DateTimeFormat(localeFor(q.language), { dateStyle: 'medium', timeZone: 'UTC' });
  const rows: KeyedRow<DealColumn>[] = [];
  for (const d of source.deals) {
    if ((d.deletedAt !== null) !== q.showTrash) continue;
    if (q.status !== 'all' && d.status !== q.status) continue;
    const stage = stages.get(d.stageId);
    const organization = d.organizationId ? (orgNames.get(d.organizationId) ?? '') : '';
    const tags = d.tags.map((id) => tagNames.get(id) ?? '').join(', ');
    const status = source.statusLabel(d.status);
    const close = d.expectedCloseDate;
    rows.push({
      id: d.id,
      cells: {
        title: d.title,
        organization,
        stage: stage?.name ?? '',
        value: formatMoneyValue(d.value, q.language),
        // A calendar date: formatted at UTC midnight so no time zone shifts the day.
        expectedCloseDate: close ? dateFormat.format(Date.parse(`${close}T00:00:00Z`)) : '',
        status,
        tags,
      },
      keys: {
        title: d.title,
        organization,
        stage: stage ? stage.rank : '',
        // WARNING: amounts in different currencies compare by their number only.
        value: d.value.amountMinor,
        expectedCloseDate: close ?? '',
        status: ['open', 'won', 'lost'].indexOf(d.status),
        tags,
      },
    });
  }
  const collator = new Intl.Collator(localeFor(q.language), { sensitivity: 'base', numeric: true });
  return sortRows(filterRows(rows, q.query, q.showTrash ? null : q.matches), q.sort, collator);
}
