/**
 * Sales pipelines: an ordered list of stages, each with a win probability. Won and lost are deal
 * statuses, not stages, so every pipeline closes the same way.
 */
import { z } from 'zod';
import { pipelineIdSchema, stageIdSchema, newStageId, type PipelineId, type RandomBytes } from './ids';
import { shortText } from './fields';
import { recordBaseShape, stampedRecord, type Stamp } from './record';

/** Current schema version of pipeline records. */
export const pipelineSchemaVersion = 1;

/** One stage of a pipeline. */
export const stageSchema = z.object({
  id: stageIdSchema,
  name: shortText().trim().min(1, { error: 'required' }),
  /** Chance of winning a deal in this stage, 0–100 (whole percent). */
  probability: z
    .number()
    .int({ error: 'invalid-probability' })
    .min(0, { error: 'invalid-probability' })
    .max(100, {
      error: 'invalid-probability',
    }),
});
/** The parsed type of `stageSchema`. */
export type Stage = Readonly<z.infer<typeof stageSchema>>;

/** A pipeline record. */
export const pipelineSchema = z
  .object({
    ...recordBaseShape,
    id: pipelineIdSchema,
    schemaVersion: z.literal(pipelineSchemaVersion),
    name: shortText().trim().min(1, { error: 'required' }),
    stages: z.array(stageSchema).min(1, { error: 'required' }),
    /** The pipeline new deals go to. */
    isDefault: z.boolean(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.stages.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', message: 'duplicate-value', path: ['stages', i, 'id'] });
      seen.add(s.id);
    });
  });
/** The parsed type of `pipelineSchema`. */
export type Pipeline = Readonly<z.infer<typeof pipelineSchema>>;

/** Keys of the default stages, in order; the UI supplies their names in the user's language. */
export const defaultStageKeys = ['lead', 'qualified', 'proposal', 'negotiation'] as const;
/** One of `defaultStageKeys`. */
export type DefaultStageKey = (typeof defaultStageKeys)[number];
const defaultProbabilities: Readonly<Record<DefaultStageKey, number>> = {
  lead: 10,
  qualified: 30,
  proposal: 60,
  negotiation: 80,
};

/** A new default pipeline with the four default stages. */
export function createDefaultPipeline(
  id: PipelineId,
  name: string,
  stageNames: Readonly<Record<DefaultStageKey, string>>,
  randomBytes: RandomBytes,
  stamp: Stamp,
): Pipeline {
  const stages = defaultStageKeys.map((key) => ({
    id: newStageId(randomBytes),
    name: stageNames[key],
    probability: defaultProbabilities[key],
  }));
  return stampedRecord<Pipeline>(id, pipelineSchemaVersion, { name, stages, isDefault: true }, stamp);
}

/** The stage of `pipeline` with `stageId`, if any. */
export function findStage(pipeline: Pipeline, stageId: string): Stage | undefined {
  return pipeline.stages.find((s) => s.id === stageId);
}
