import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangesCommandId } from '../../commands';
import { restoreRecord, trashRecord, type Deal, type DealStatus } from '../../../shared/domain';
import { dealsTable } from '../../../shared/formats';
import { ListBody, ListBulkBar, ListViewTools, SearchField, useListState } from '../../ui/list-screen';
import type { SavedView } from '../../ui/saved-views';
import { useSearchComplete, useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { dealColumns, dealRows, type DealColumn, type DealStatusFilter } from './deal-rows';
import { useNavigate } from 'react-router';

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
  const deals = useTable(model, 'deals');
  const pipelines = useTable(model, 'pipelines');
  const organizations = useTable(model, 'organizations');
  const tags = useTable(model, 'tags');
  useTable(model, 'views');
  const searchComplete = useSearchComplete();
  const list = useListState<DealColumn>({ all: dealColumns, fixed: 'title', columns: defaultColumns });
  const { deferredQuery, sort, showTrash } = list;
  const [status, setStatus] = useState<DealStatusFilter>('all');

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

  const selectedDeals = (): Deal[] => list.selectedRecords('deals');

  /** Trashes or restores the selected deals that `pick` keeps, as one command. */
  const bulkMove = async (
    command: ChangesCommandId,
    pick: (deal: Deal) => boolean,
    change: typeof trashRecord<Deal>,
    message: string,
  ): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedDeals().filter(pick);
    await list.commitSelection(
      command,
      targets.map((d) => ({ table: 'deals' as const, before: d, after: change(d, stamp) })),
      t(message, { count: targets.length }),
    );
  };

  const bulkTag = (name: string) => list.tagSelection('deals.tag-many', 'deals', tags, name);

  const bulkExport = async (): Promise<void> => {
    const targets = selectedDeals();
    const stageNames = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id as string, s.name])));
    await list.exportSelection('deals', targets, (kept) =>
      dealsTable(kept, (d) => stageNames.get(d.stageId) ?? ''),
    );
  };

  const applyView = (view: SavedView): void => {
    list.applyView(view);
    const savedStatus = statusFilters.find((s) => s === view.filters?.status);
    setStatus(savedStatus ?? 'all');
  };

  return (
    <>
      <div className="toolbar">
        {lead}
        <SearchField value={list.query} onChange={list.setQuery} />
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
        <ListViewTools
          list={list}
          name="deals"
          columnLabel={(c) => t(`deals.list.columns.${c}`)}
          count={rows.length}
          filters={{ status }}
          onApply={applyView}
        />
      </div>
      <ListBulkBar
        list={list}
        onTag={bulkTag}
        onTrash={() =>
          bulkMove('deals.trash-many', (d) => d.deletedAt === null, trashRecord, 'lists.trashedMany')
        }
        onExport={bulkExport}
      >
        {showTrash && (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              void bulkMove(
                'deals.restore-many',
                (d) => d.deletedAt !== null,
                restoreRecord,
                'lists.restoredMany',
              )
            }
          >
            {t('crm.restore')}
          </button>
        )}
      </ListBulkBar>
      <ListBody
        list={list}
        rows={rows}
        empty={liveCount === 0 && !showTrash ? t('deals.list.empty') : null}
        trashEmpty
        label={t('deals.list.label')}
        track={(c) => tracks[c]}
        columnLabel={(c) => t(`deals.list.columns.${c}`)}
        onOpen={(id) => void navigate(`/deals/${id}`)}
      />
    </>
  );
}
