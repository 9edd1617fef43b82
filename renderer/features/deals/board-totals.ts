import { weightedValue, type Deal, type DealStatus, type Pipeline } from '../../../shared/domain';

/** Sums of one currency in one stage, in minor units. */
export interface CurrencyTotal {
  readonly currency: string;
  readonly total: number;
  readonly weighted: number;
}

/** One board column: its deals (best first) and their totals per currency. */
export interface StageColumn {
  readonly stageId: string;
  readonly deals: Deal[];
  readonly totals: CurrencyTotal[];
}

/**
 * Groups the live deals with `status` into the stages of `pipeline`, each column sorted by value
 * (largest first), with total and probability-weighted value per currency (never summed across
 * currencies). Deals of other pipelines or unknown stages are left out.
 */
export function boardColumns(deals: readonly Deal[], pipeline: Pipeline, status: DealStatus): StageColumn[] {
  const byStage = new Map<string, Deal[]>(pipeline.stages.map((s) => [s.id, []]));
  for (const d of deals) {
    if (d.deletedAt !== null || d.status !== status || d.pipelineId !== pipeline.id) continue;
    byStage.get(d.stageId)?.push(d);
  }
  return pipeline.stages.map((stage) => {
    const list = byStage.get(stage.id) ?? [];
    list.sort((a, b) => b.value.amountMinor - a.value.amountMinor || a.title.localeCompare(b.title));
    const sums = new Map<string, { total: number; weighted: number }>();
    for (const d of list) {
      const sum = sums.get(d.value.currency) ?? { total: 0, weighted: 0 };
      sum.total += d.value.amountMinor;
      sum.weighted += weightedValue(d, pipeline);
      sums.set(d.value.currency, sum);
    }
    const totals = [...sums].map(([currency, s]) => ({ currency, ...s }));
    totals.sort((a, b) => b.total - a.total);
    return { stageId: stage.id, deals: list, totals };
  });
}
