import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../test/fixtures/generate';
import { pipelineSchema, type StageId } from '../../../shared/domain';
import { draftOf, finalStage, planPipelineSave } from './pipeline-editor-plan';

const data = generateDataset({ contacts: 300, seed: 5 });
const pipeline = data.pipelines[0]!;
const stamp = { clock: 'ffffffffffff-0000-0000000000000000', at: Date.parse('2026-02-01T00:00:00Z') };
const [first, second, third] = pipeline.stages.map((s) => s.id);

describe('planPipelineSave', () => {
  it('renames, edits probability and keeps deals when no stage is removed', () => {
    const draft = draftOf(pipeline);
    const plan = planPipelineSave(
      pipeline,
      {
        ...draft,
        name: ' Vendite ',
        stages: draft.stages.map((s, i) => (i === 0 ? { ...s, probability: '15' } : s)),
      },
      data.deals,
      stamp,
    );
    expect(plan.pipeline.name).toBe('Vendite');
    expect(plan.pipeline.stages[0]!.probability).toBe(15);
    expect(plan.deals).toEqual([]);
  });

  it('moves every deal of a removed stage, through chained removals', () => {
    const draft = draftOf(pipeline);
    // First goes to second, then second is removed too and goes to third.
    const edited = {
      ...draft,
      stages: draft.stages.filter((s) => s.id !== first && s.id !== second),
      moves: { [first!]: second!, [second!]: third! } as Record<string, StageId>,
    };
    expect(finalStage(edited, first!)).toBe(third);
    const plan = planPipelineSave(pipeline, edited, data.deals, stamp);
    const inRemoved = data.deals.filter((d) => d.stageId === first || d.stageId === second);
    expect(inRemoved.length).toBeGreaterThan(0);
    expect(plan.deals.map((d) => d.before.id).sort()).toEqual(inRemoved.map((d) => d.id).sort());
    expect(plan.deals.every((d) => d.after.stageId === third)).toBe(true);
    expect(pipelineSchema.safeParse(plan.pipeline).success).toBe(true);
  });

  it('produces an invalid pipeline for a probability that is not a whole percent', () => {
    const draft = draftOf(pipeline);
    for (const bad of ['101', '4.5', 'abc', '']) {
      const plan = planPipelineSave(
        pipeline,
        { ...draft, stages: draft.stages.map((s, i) => (i === 1 ? { ...s, probability: bad } : s)) },
        [],
        stamp,
      );
      expect(pipelineSchema.safeParse(plan.pipeline).success).toBe(false);
    }
  });
});
