/** Deals: an opportunity moving through a pipeline, worth an amount, won or lost in the end. */
import { z } from 'zod';
import { calendarDateSchema, instantSchema, toInstant } from './dates';
import { customValuesSchema, longText, shortText, tagListSchema } from './fields';
import { dealIdSchema, organizationIdSchema, personIdSchema, pipelineIdSchema, stageIdSchema } from './ids';
import { moneySchema } from './money';
import type { Pipeline } from './pipeline';
import { applyChanges, recordBaseShape, type Stamp } from './record';

/** Current schema version of deal records. */
export const dealSchemaVersion = 1;

/** Deal statuses. */
export const dealStatuses = ['open', 'won', 'lost'] as const;
/** One of `dealStatuses`. */
export type DealStatus = (typeof dealStatuses)[number];

/** A deal record. */
export const dealSchema = z
  .object({
    ...recordBaseShape,
    id: dealIdSchema,
    schemaVersion: z.literal(dealSchemaVersion),
    title: shortText().trim().min(1, { error: 'required' }),
    pipelineId: pipelineIdSchema,
    stageId: stageIdSchema,
    value: moneySchema,
    expectedCloseDate: calendarDateSchema.optional(),
    status: z.enum(dealStatuses),
    lostReason: shortText().optional(),
    /** When the deal was won or lost; absent while open. */
    closedAt: instantSchema.optional(),
    organizationId: organizationIdSchema.optional(),
    personIds: z.array(personIdSchema),
    notes: longText().optional(),
    tags: tagListSchema,
    customFields: customValuesSchema,
  })
  .superRefine((d, ctx) => {
    if (d.status === 'lost' && (d.lostReason ?? '').trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'lost-reason-required', path: ['lostReason'] });
    }
  });
/** The parsed type of `dealSchema`. */
export type Deal = Readonly<z.infer<typeof dealSchema>>;

/** True if `value` parses as a deal record. */
export function isDeal(value: unknown): value is Deal {
  return dealSchema.safeParse(value).success;
}

/**
 * Expected value in minor units: the amount weighted by the stage probability (100% when won,
 * 0 when lost), rounded to a whole minor unit.
 */
export function weightedValue(deal: Deal, pipeline: Pipeline): number {
  if (deal.status === 'won') return deal.value.amountMinor;
  if (deal.status === 'lost') return 0;
  const stage = pipeline.stages.find((s) => s.id === deal.stageId);
  return Math.round((deal.value.amountMinor * (stage?.probability ?? 0)) / 100);
}

/** Closes a deal as won or lost (a reason is required for lost), or reopens it. */
export function setDealStatus(deal: Deal, status: DealStatus, stamp: Stamp, lostReason?: string): Deal {
  return applyChanges(
    deal,
    {
      status,
      lostReason: status === 'lost' ? lostReason : undefined,
      closedAt: status === 'open' ? undefined : toInstant(stamp.at),
    },
    stamp,
  );
}
