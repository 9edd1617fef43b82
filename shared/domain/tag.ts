/** Tags: user-defined labels shared by people, organizations and deals. */
import { z } from 'zod';
import { shortText } from './fields';
import { tagIdSchema } from './ids';
import { recordBaseShape } from './record';

/** Current schema version of tag records. */
export const tagSchemaVersion = 1;

/** Colours a tag may have; the UI maps each to its theme. */
export const tagColors = [
  'gray',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'pink',
] as const;

/** A tag record. */
export const tagSchema = z.object({
  ...recordBaseShape,
  id: tagIdSchema,
  schemaVersion: z.literal(tagSchemaVersion),
  name: shortText().trim().min(1, { error: 'required' }),
  color: z.enum(tagColors),
});
/** The parsed type of `tagSchema`. */
export type Tag = Readonly<z.infer<typeof tagSchema>>;
