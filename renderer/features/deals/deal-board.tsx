import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal, Pipeline, Stage } from '../../../shared/domain';
import { formatMoney, formatMoneyValue } from '../../ui/deal-money';
import { useWorkspace } from '../../session/workspace';
import type { StageColumn } from './board-totals';

interface CardData {
  readonly title: string;
  readonly stageId: string;
}

// The pointer decides while it is inside a column; a keyboard drag (no pointer) uses overlap.
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

/**
 * Left and right arrows jump the picked-up card to the centre of the previous or next column
 * (the default moves a few pixels per key press, which takes many presses to cross a column).
 */
function columnJumps(stageIds: readonly string[]): KeyboardCoordinateGetter {
  return (event, { active, context, currentCoordinates }) => {
    const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return currentCoordinates;
    event.preventDefault();
    const data = context.draggableNodes.get(active)?.data.current as CardData | undefined;
    const current = stageIds.indexOf(String(context.over?.id ?? data?.stageId ?? ''));
    const target = stageIds[Math.max(0, Math.min(stageIds.length - 1, current + step))];
    const rect = target === undefined ? undefined : context.droppableRects.get(target);
    const card = context.collisionRect;
    if (!rect || !card) return currentCoordinates;
    return { x: rect.left + (rect.width - card.width) / 2, y: currentCoordinates.y };
  };
}

/** The visible content of a card (also drawn under the pointer while dragging). */
function CardBody({ deal, organization }: { deal: Deal; organization?: string }) {
  const { i18n } = useTranslation();
  return (
    <>
      <span className="deal-card-title">{deal.title}</span>
      {organization && <span className="deal-card-org">{organization}</span>}
      <span className="deal-card-value">{formatMoneyValue(deal.value, i18n.language)}</span>
    </>
  );
}

function DealCard(props: { deal: Deal; organization?: string; onOpen: () => void; movable: boolean }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: props.deal.id,
    data: { title: props.deal.title, stageId: props.deal.stageId } satisfies CardData,
    disabled: !props.movable,
    attributes: { roleDescription: t('deals.deal') },
  });
  return (
    <div
      ref={setNodeRef}
      className={`deal-card${isDragging ? ' deal-card-dragging' : ''}`}
      data-deal-id={props.deal.id}
      // A card that cannot move (won/lost view) is still a button that opens the deal.
      {...(props.movable ? attributes : { role: 'button', tabIndex: 0 })}
      {...listeners}
      onClick={props.onOpen}
      onKeyDown={(e) => {
        // Enter opens the deal; Space (start key of the keyboard sensor) picks it up.
        if (e.key === 'Enter' && !isDragging) {
          e.preventDefault();
          props.onOpen();
          return;
        }
        listeners?.onKeyDown?.(e);
      }}
    >
      <CardBody deal={props.deal} organization={props.organization} />
    </div>
  );
}

function StageColumnView(props: {
  stage: Stage;
  column: StageColumn;
  orgName: (deal: Deal) => string | undefined;
  onOpen: (deal: Deal) => void;
  movable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: props.stage.id });
  const headingId = `stage-${props.stage.id}`;
  const { totals } = props.column;
  const sum = (pick: 'total' | 'weighted') =>
    totals.length === 0
      ? formatMoney(0, 'EUR', i18n.language)
      : totals.map((x) => formatMoney(x[pick], x.currency, i18n.language)).join(' · ');
  return (
    <section
      ref={setNodeRef}
      className={`deal-column${isOver ? ' deal-column-over' : ''}`}
      aria-labelledby={headingId}
      data-stage-id={props.stage.id}
    >
      <header className="deal-column-head">
        <h2 id={headingId}>
          {props.stage.name} <span className="muted">{props.stage.probability}%</span>
        </h2>
        <p className="deal-column-count">{t('deals.count', { count: props.column.deals.length })}</p>
        <p className="deal-column-total" data-testid="stage-total">
          {t('deals.total', { value: sum('total') })}
        </p>
        <p className="deal-column-weighted muted" data-testid="stage-weighted">
          {t('deals.weighted', { value: sum('weighted') })}
        </p>
      </header>
      <div className="deal-column-cards">
        {props.column.deals.length === 0 ? (
          <p className="muted deal-column-empty">{t('deals.columnEmpty')}</p>
        ) : (
          props.column.deals.map((d) => (
            <DealCard
              key={d.id}
              deal={d}
              organization={props.orgName(d)}
              onOpen={() => props.onOpen(d)}
              movable={props.movable}
            />
          ))
        )}
      </div>
    </section>
  );
}

/**
 * The kanban board: one column per stage with its deals and totals. Cards move between stages by
 * mouse or by keyboard (Space, arrows, Space); `onMove` turns a drop into the move command.
 */
export function DealBoard(props: {
  pipeline: Pipeline;
  columns: readonly StageColumn[];
  movable: boolean;
  onOpen: (deal: Deal) => void;
  onMove: (deal: Deal, stageId: string) => void;
}) {
  const { t } = useTranslation();
  const { model } = useWorkspace();
  const [dragging, setDragging] = useState<Deal | null>(null);
  const stageIds = useMemo(() => props.pipeline.stages.map((s) => s.id), [props.pipeline]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnJumps(stageIds),
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );
  const orgName = (deal: Deal) =>
    deal.organizationId ? model.get('organizations', deal.organizationId)?.name : undefined;
  const stageName = (id: unknown) => props.pipeline.stages.find((s) => s.id === id)?.name ?? '';
  const dealTitle = (data: unknown) => (data as CardData | undefined)?.title ?? '';

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('deals.dnd.pickedUp', { deal: dealTitle(active.data.current) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('deals.dnd.over', { deal: dealTitle(active.data.current), stage: stageName(over.id) })
        : t('deals.dnd.notOver', { deal: dealTitle(active.data.current) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('deals.dnd.dropped', { deal: dealTitle(active.data.current), stage: stageName(over.id) })
        : t('deals.dnd.droppedNowhere', { deal: dealTitle(active.data.current) }),
    onDragCancel: ({ active }) => t('deals.dnd.cancelled', { deal: dealTitle(active.data.current) }),
  };

  const findDeal = (id: unknown) => props.columns.flatMap((c) => c.deals).find((d) => d.id === id) ?? null;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const deal = findDeal(active.id);
    if (deal && over && over.id !== deal.stageId) props.onMove(deal, String(over.id));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisions}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('deals.dnd.instructions') } }}
      onDragStart={({ active }) => setDragging(findDeal(active.id))}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
    >
      <div
        className="deal-board"
        role="region"
        aria-label={t('deals.board')}
        style={{ gridTemplateColumns: `repeat(${props.pipeline.stages.length}, minmax(220px, 1fr))` }}
      >
        {props.pipeline.stages.map((stage, i) => (
          <StageColumnView
            key={stage.id}
            stage={stage}
            column={props.columns[i]!}
            orgName={orgName}
            onOpen={props.onOpen}
            movable={props.movable}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className="deal-card deal-card-overlay" aria-hidden="true">
            <CardBody deal={dragging} organization={orgName(dragging)} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
