/** Activities: what happened with whom — calls, meetings, emails, visits and notes. */
import { z } from 'zod';
import { instantSchema } from './dates';
import { longText, shortText } from './fields';
import { activityIdSchema, dealIdSchema, organizationIdSchema, personIdSchema } from './ids';
import { recordBaseShape } from './record';

/** Current schema version of activity records. */
export const activitySchemaVersion = 1;

/** Kinds of activity. */
export const activityKinds = ['call', 'meeting', 'email', 'visit', 'note'] as const;
/** One of `activityKinds`. */
export type ActivityKind = (typeof activityKinds)[number];

/** An activity record. */
export const activitySchema = z.object({
  ...recordBaseShape,
  id: activityIdSchema,
  schemaVersion: z.literal(activitySchemaVersion),
  kind: z.enum(activityKinds),
  /** When it happened (or is planned). */
  at: instantSchema,
  durationMinutes: z
    .number()
    .int({ error: 'too-small' })
    .min(0, { error: 'too-small' })
    .max(100_000)
    .optional(),
  subject: shortText().optional(),
  text: longText(),
  /** People who took part (data subjects: the activity is part of their personal data). */
  participantIds: z.array(personIdSchema),
  dealId: dealIdSchema.optional(),
  organizationId: organizationIdSchema.optional(),
});
/** The parsed type of `activitySchema`. */
export type Activity = Readonly<z.infer<typeof activitySchema>>;

/** True if `value` parses as an activity record. */
export function isActivity(value: unknown): value is Activity {
  return activitySchema.safeParse(value).success;
}
