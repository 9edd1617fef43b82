import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { applyChanges, type Deal, type DealStatus, type StageId } from '../../../shared/domain';
import { useCommandHandler } from '../../ui/commands';
import { SectionPage } from '../../ui/section-page';
import { toastWithUndo } from '../../ui/undo-toast';
import { useSessionChoice, ViewSwitch } from '../../ui/view-switch';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { boardColumns } from './board-totals';
import { DealBoard } from './deal-board';
import { DealDialog } from './deal-dialog';
import { DealList } from './deal-list';
import { usePipeline } from './use-pipeline';

const statuses: readonly DealStatus[] = ['open', 'won', 'lost'];
const layouts = ['board', 'list'] as const;

/**
 * The deals section: the pipeline board or the list (the choice lasts for the app session);
 * `/deals/new` and `/deals/:id` open the deal dialog over either.
 */
export function DealsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { mode } = useParams();
  const { model, repo, run } = useWorkspace();
  const pipeline = usePipeline();
  const deals = useTable(model, 'deals');
  const [status, setStatus] = useState<DealStatus>('open');
  const [layout, setLayout] = useSessionChoice('scrigno.deals.layout', layouts, 'board');
  useCommandHandler('deals.switch-view', () => setLayout(layout === 'board' ? 'list' : 'board'));
  const columns = useMemo(
    () => (pipeline ? boardColumns(deals, pipeline, status) : []),
    [deals, pipeline, status],
  );
  const opened = mode && mode !== 'new' ? deals.find((d) => d.id === mode) : undefined;

  const move = async (deal: Deal, stageId: string): Promise<void> => {
    const after = applyChanges<Deal>(deal, { stageId: stageId as StageId }, repo.stamp());
    const token = await run('deals.move-stage', { changes: [{ table: 'deals', before: deal, after }] });
    const stage = pipeline?.stages.find((s) => s.id === stageId)?.name ?? '';
    toastWithUndo(repo, token, t('deals.moved', { stage }), t);
  };

  const lead = (
    <>
      <button
        type="button"
        className="button"
        disabled={!pipeline}
        onClick={() => void navigate('/deals/new')}
      >
        {t('deals.newDeal')}
      </button>
      <ViewSwitch
        label={t('deals.list.layout')}
        values={layouts}
        value={layout}
        onChange={setLayout}
        valueLabel={(v) => t(`deals.list.layouts.${v}`)}
      />
    </>
  );

  return (
    <SectionPage section="deals">
      {layout === 'list' ? (
        <DealList lead={lead} />
      ) : (
        <>
          <div className="toolbar">
            {lead}
            <label className="deal-filter">
              <span>{t('deals.show')}</span>
              <select value={status} onChange={(e) => setStatus(e.target.value as DealStatus)}>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`deals.statusFilter.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="count" aria-live="polite">
              {t('deals.count', { count: columns.reduce((n, c) => n + c.deals.length, 0) })}
            </span>
          </div>
          <p className="muted deal-hint">{t('deals.dragHint')}</p>
          {pipeline && (
            <DealBoard
              pipeline={pipeline}
              columns={columns}
              movable={status === 'open'}
              onOpen={(d) => void navigate(`/deals/${d.id}`)}
              onMove={(d, stageId) => void move(d, stageId)}
            />
          )}
        </>
      )}
      {pipeline && (mode === 'new' || opened) && (
        <DealDialog
          key={opened?.id ?? 'new'}
          deal={opened}
          pipeline={pipeline}
          open
          onOpenChange={(open) => !open && void navigate('/deals')}
        />
      )}
    </SectionPage>
  );
}
