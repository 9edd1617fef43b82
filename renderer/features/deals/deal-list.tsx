import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import {
  restoreRecord,
  trashRecord,
  type Deal,
  type DealStatus,
  type Organization,
  type Pipeline,
  type Tag,
} from '../../../shared/domain';
import { dealsTable } from '../../../shared/formats';
import { useHost } from '../../app/host-context';
import { useHostErrorToast } from '../../app/shell';
import { csvDelimiterFor, planBulkTag, saveSelectionCsv } from '../../app/ui/bulk-actions';
import { BulkBar, ColumnMenu, SavedViewsControl } from '../../app/ui/list-tools';
import type { ListSort } from '../../app/ui/list-rows';
import type { SavedView } from '../../app/ui/saved-views';
import { SelectableTable } from '../../app/ui/selectable-table';
import { toastWithUndo } from '../../app/ui/undo-toast';
import { useSearchComplete, useWorkspace } from '../../app/workspace';
import { useTable } from '../../vault/model';
import { dealColumns, dealRows, type DealColumn, type DealStatusFilter } from './deal-rows';

const defaultColumns: readonly DealColumn[] = [
  'title',
  'organization',
  'stage',
  'value',
  'expectedCloseDate',
  'status',
];
const statusFilters: readonly DealStatusFilter[] = ['all', 'open', 'won', 'lost'];
const tracks: Record<DealColumn, string> = {
  title: '2.2fr',
  organization: '1.6fr',
  stage: '1.1fr',
  value: '1.1fr',
  expectedCloseDate: '1.1fr',
  status: '0.8fr',
  tags: '1.3fr',
};

/**
 * The deals as a list: filter text (search index, full recall), status, sort by any column,
 * column choice, saved views, the trash with restore, and bulk tag / trash / export. `lead`
 * goes first in the toolbar (the section's own buttons).
 */
export function DealList({ lead }: { lead: ReactNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { model, search, repo } = useWorkspace();
  const host = useHost();
  const showHostError = useHostErrorToast();
  const deals = useTable<Deal>(model, 'deals');
  const pipelines = useTable<Pipeline>(model, 'pipelines');
  const organizations = useTable<Organization>(model, 'organizations');
  const tags = useTable<Tag>(model, 'tags');
  useTable(model, 'views');
  const searchComplete = useSearchComplete();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [status, setStatus] = useState<DealStatusFilter>('all');
  const [sort, setSort] = useState<ListSort<DealColumn>>({ column: 'title', descending: false });
  const [columns, setColumns] = useState<readonly DealColumn[]>(defaultColumns);
  const [showTrash, setShowTrash] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(() => {
    const text = deferredQuery.trim();
    const matches = text && !showTrash ? new Set(search.allHits(text, 'deal').map((h) => h.id)) : null;
    return dealRows(
      { deals, pipelines, organizations, tags, statusLabel: (s) => t(`deals.status.${s}`) },
      { query: deferredQuery, status, showTrash, sort, language: i18n.language, matches },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- searchComplete re-runs the filter
  }, [
    deals,
    pipelines,
    organizations,
    tags,
    deferredQuery,
    status,
    showTrash,
    sort,
    search,
    t,
    i18n.language,
    searchComplete,
  ]);
  const liveCount = useMemo(() => deals.filter((d) => d.deletedAt === null).length, [deals]);

  const selectedDeals = (): Deal[] =>
    [...selected].map((id) => model.get<Deal>('deals', id)).filter((d): d is Deal => !!d);

  const bulkTrash = async (): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedDeals().filter((d) => d.deletedAt === null);
    const token = await repo.commit(
      'deals.trash-many',
      targets.map((d) => ({ table: 'deals' as const, before: d, after: trashRecord(d, stamp) })),
    );
    setSelected(new Set());
    toastWithUndo(repo, token, t('lists.trashedMany', { count: targets.length }), t);
  };

  const bulkRestore = async (): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedDeals().filter((d) => d.deletedAt !== null);
    const token = await repo.commit(
      'deals.restore-many',
      targets.map((d) => ({ table: 'deals' as const, before: d, after: restoreRecord(d, stamp) })),
    );
    setSelected(new Set());
    toastWithUndo(repo, token, t('lists.restoredMany', { count: targets.length }), t);
  };

  const bulkTag = async (name: string): Promise<void> => {
    if (!name) return;
    const targets = selectedDeals();
    const token = await repo.commit(
      'deals.tag-many',
      planBulkTag('deals', targets, tags, name, repo.stamp()),
    );
    toastWithUndo(repo, token, t('lists.taggedMany', { count: targets.length, tag: name }), t);
  };

  const bulkExport = async (): Promise<void> => {
    const targets = selectedDeals();
    const stageNames = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id as string, s.name])));
    try {
      const file = await saveSelectionCsv(
        host,
        'deals',
        dealsTable(targets, (d) => stageNames.get(d.stageId) ?? ''),
        csvDelimiterFor(i18n.language),
      );
      if (file) toast.success(t('lists.exportedSelection', { count: targets.length, file }));
    } catch (error) {
      showHostError(error);
    }
  };

  const applyView = (view: SavedView): void => {
    setQuery(view.query);
    if ((dealColumns as readonly string[]).includes(view.sort.column))
      setSort({ column: view.sort.column as DealColumn, descending: view.sort.descending });
    setColumns(dealColumns.filter((c) => c === 'title' || view.columns.includes(c)));
    setShowTrash(view.showTrash);
    const savedStatus = statusFilters.find((s) => s === view.filters?.status);
    setStatus(savedStatus ?? 'all');
    setSelected(new Set());
  };

  return (
    <>
      <div className="toolbar">
        {lead}
        <input
          type="search"
          aria-label={t('crm.search')}
          placeholder={t('crm.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="deal-filter">
          <span>{t('deals.list.statusFilter')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as DealStatusFilter)}>
            {statusFilters.map((s) => (
              <option key={s} value={s}>
                {t(s === 'all' ? 'deals.list.allStatuses' : `deals.statusFilter.${s satisfies DealStatus}`)}
              </option>
            ))}
          </select>
        </label>
        <ColumnMenu
          all={dealColumns}
          shown={columns}
          onChange={setColumns}
          label={(c) => t(`deals.list.columns.${c}`)}
          fixed="title"
        />
        <SavedViewsControl
          list="deals"
          current={{ query, sort, columns: [...columns], showTrash, filters: { status } }}
          onApply={applyView}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showTrash}
            onChange={(e) => {
              setShowTrash(e.target.checked);
              setSelected(new Set());
            }}
          />
          {t('crm.showTrash')}
        </label>
        <span className="count" aria-live="polite">
          {t('crm.results', { count: rows.length })}
        </span>
      </div>
      <BulkBar
        count={selected.size}
        showTrash={showTrash}
        onTag={bulkTag}
        onTrash={bulkTrash}
        onExport={bulkExport}
        onClear={() => setSelected(new Set())}
      >
        {showTrash && (
          <button type="button" className="button secondary" onClick={() => void bulkRestore()}>
            {t('crm.restore')}
          </button>
        )}
      </BulkBar>
      {liveCount === 0 && !showTrash ? (
        <p className="empty-state">{t('deals.list.empty')}</p>
      ) : showTrash && rows.length === 0 && !query.trim() ? (
        <p className="empty-state">{t('lists.trashEmpty')}</p>
      ) : (
        <SelectableTable
          label={t('deals.list.label')}
          rows={rows}
          columns={columns}
          track={(c) => tracks[c]}
          columnLabel={(c) => t(`deals.list.columns.${c}`)}
          rowName={(row) => row.cells.title}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={(id) => void navigate(`/deals/${id}`)}
        />
      )}
    </>
  );
}
