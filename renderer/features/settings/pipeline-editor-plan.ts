import {
  applyChanges,
  type Deal,
  type Pipeline,
  type Stage,
  type StageId,
  type Stamp,
} from '../../../shared/domain';

/** A stage as the editor holds it: probability is the typed text until saved. */
export interface StageDraft {
  readonly id: StageId;
  readonly name: string;
  readonly probability: string;
}

/** The editor's copy of a pipeline, and where each removed stage's deals go. */
export interface PipelineDraft {
  readonly name: string;
  readonly stages: readonly StageDraft[];
  /** Removed stage id → the stage its deals move to (which may itself be removed later). */
  readonly moves: Readonly<Record<string, StageId>>;
}

/** A fresh draft of a stored pipeline. */
export function draftOf(pipeline: Pipeline): PipelineDraft {
  return {
    name: pipeline.name,
    stages: pipeline.stages.map((s) => ({ id: s.id, name: s.name, probability: String(s.probability) })),
    moves: {},
  };
}

function parseProbability(text: string): number {
  // Anything but whole digits becomes NaN, which the schema rejects with a field error.
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Follows removal moves until a stage that is still in the draft. */
export function finalStage(draft: PipelineDraft, stageId: StageId): StageId | undefined {
  const kept = new Set(draft.stages.map((s) => s.id as string));
  let current: StageId | undefined = stageId;
  for (let hops = 0; current && !kept.has(current) && hops <= Object.keys(draft.moves).length; hops++)
    current = draft.moves[current];
  return current && kept.has(current) ? current : undefined;
}

/**
 * The changes of one save: the pipeline (renamed, stages edited, added, reordered, removed) and
 * every deal of a removed stage moved to its chosen stage. Deals in the trash move too, so a
 * restored deal never points at a stage that no longer exists.
 */
export function planPipelineSave(
  pipeline: Pipeline,
  draft: PipelineDraft,
  deals: readonly Deal[],
  stamp: Stamp,
): { pipeline: Pipeline; deals: { before: Deal; after: Deal }[] } {
  const stages: Stage[] = draft.stages.map((s) => ({
    id: s.id,
    name: s.name.trim(),
    probability: parseProbability(s.probability),
  }));
  const after = applyChanges<Pipeline>(pipeline, { name: draft.name.trim(), stages }, stamp);
  const kept = new Set(stages.map((s) => s.id as string));
  const moved: { before: Deal; after: Deal }[] = [];
  for (const deal of deals) {
    if (deal.pipelineId !== pipeline.id || kept.has(deal.stageId)) continue;
    const target = finalStage(draft, deal.stageId);
    if (target) moved.push({ before: deal, after: applyChanges<Deal>(deal, { stageId: target }, stamp) });
  }
  return { pipeline: after, deals: moved };
}
