/**
 * Custom field definitions: extra fields the user adds to people, organizations or deals. Each
 * says whether it holds personal data, so GDPR exports and erasure know what to include.
 */
import { z } from 'zod';
import { isCalendarDate } from './dates';
import { shortText, type CustomValue } from './fields';
import { customFieldIdSchema } from './ids';
import { recordBaseShape } from './record';
import type { ValidationCode } from './validation';

/** Current schema version of custom field definitions. */
export const customFieldSchemaVersion = 1;

/** Entities that may have custom fields. */
export const customFieldEntities = ['person', 'organization', 'deal'] as const;
/** Types of custom field. */
export const customFieldTypes = ['text', 'number', 'date', 'choice', 'multi-choice', 'yes-no'] as const;
/** One of `customFieldTypes`. */
export type CustomFieldType = (typeof customFieldTypes)[number];

/** One option of a choice field; values store the option `key`, so renaming a label is safe. */
export const choiceOptionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'invalid' }),
  label: shortText().trim().min(1, { error: 'required' }),
});

/** A custom field definition record. */
export const customFieldSchema = z
  .object({
    ...recordBaseShape,
    id: customFieldIdSchema,
    schemaVersion: z.literal(customFieldSchemaVersion),
    entity: z.enum(customFieldEntities),
    label: shortText().trim().min(1, { error: 'required' }),
    type: z.enum(customFieldTypes),
    choices: z.array(choiceOptionSchema),
    /** True if values identify or describe a person (GDPR applies to them). */
    personalData: z.boolean(),
    /** Display order among the entity's custom fields. */
    position: z.number().int(),
  })
  .superRefine((f, ctx) => {
    const isChoice = f.type === 'choice' || f.type === 'multi-choice';
    if (isChoice && f.choices.length === 0)
      ctx.addIssue({ code: 'custom', message: 'required', path: ['choices'] });
    const seen = new Set<string>();
    f.choices.forEach((c, i) => {
      if (seen.has(c.key))
        ctx.addIssue({ code: 'custom', message: 'duplicate-value', path: ['choices', i, 'key'] });
      seen.add(c.key);
    });
  });
/** The parsed type of `customFieldSchema`. */
export type CustomField = Readonly<z.infer<typeof customFieldSchema>>;

/** Checks a value against its definition; `null` (empty) is always allowed. Returns a code or null. */
export function checkCustomValue(field: CustomField, value: CustomValue): ValidationCode | null {
  if (value === null) return null;
  const keys = new Set(field.choices.map((c) => c.key));
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : 'invalid-type';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'invalid-type';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'invalid-date';
    case 'yes-no':
      return typeof value === 'boolean' ? null : 'invalid-type';
    case 'choice':
      return typeof value === 'string' && keys.has(value) ? null : 'invalid-choice';
    case 'multi-choice':
      return Array.isArray(value) && value.every((v) => keys.has(v)) && new Set(value).size === value.length
        ? null
        : 'invalid-choice';
  }
}
