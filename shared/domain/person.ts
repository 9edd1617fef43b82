/**
 * People: natural persons, hence data subjects. Everything about a person is encrypted under the
 * key of their `subjectId`; erasing the person destroys that key.
 */
import { z } from 'zod';
import { calendarDateSchema } from './dates';
import {
  addressSchema,
  customValuesSchema,
  emailEntrySchema,
  longText,
  phoneEntrySchema,
  reportDuplicates,
  shortText,
  tagListSchema,
  toCheckEntrySchema,
} from './fields';
import { organizationIdSchema, personIdSchema, subjectIdSchema } from './ids';
import { nameKey, normalizeEmail } from './normalize';
import { addDefaultedFields, type Migration } from './migration-steps';
import { recordBaseShape } from './record';
import { isValidTaxCode, isValidVat } from './tax-ids';

/** Current schema version of person records (2: `preferredChannel`; 3: `toCheck`). */
export const personSchemaVersion = 3;

/** How a person prefers to be contacted; `any` when they said nothing. */
export const contactChannels = ['any', 'email', 'phone', 'post', 'in-person'] as const;
/** One of `contactChannels`. */
export type ContactChannel = (typeof contactChannels)[number];

/** Kinds of natural person: a private customer, someone at an organization, or a sole trader. */
export const personKinds = ['private', 'contact-person', 'sole-trader'] as const;
/** One of `personKinds`. */
export type PersonKind = (typeof personKinds)[number];

/** A contact person's link to an organization, with their role there. */
export const organizationLinkSchema = z.object({
  organizationId: organizationIdSchema,
  role: shortText().optional(),
});
/** The parsed type of `organizationLinkSchema`. */
export type OrganizationLink = Readonly<z.infer<typeof organizationLinkSchema>>;

/** How and when the personal data was obtained (Art. 14 GDPR asks for the source). */
export const personSourceSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('manual'), date: calendarDateSchema }),
  z.object({
    method: z.literal('import'),
    date: calendarDateSchema,
    fileName: z.string().min(1, { error: 'required' }).max(255, { error: 'too-long' }),
  }),
  z.object({
    method: z.literal('referral'),
    date: calendarDateSchema,
    referredBy: personIdSchema.optional(),
  }),
  z.object({ method: z.literal('web-form'), date: calendarDateSchema, form: shortText().optional() }),
  z.object({ method: z.literal('other'), date: calendarDateSchema, note: shortText().optional() }),
]);
/** The parsed type of `personSourceSchema`. */
export type PersonSource = Readonly<z.infer<typeof personSourceSchema>>;

/** A person record. */
export const personSchema = z
  .object({
    ...recordBaseShape,
    id: personIdSchema,
    schemaVersion: z.literal(personSchemaVersion),
    subjectId: subjectIdSchema,
    kind: z.enum(personKinds),
    /** May be empty, but not together with `familyName`. */
    givenName: shortText(),
    familyName: shortText(),
    organizations: z.array(organizationLinkSchema),
    emails: z.array(emailEntrySchema),
    phones: z.array(phoneEntrySchema),
    addresses: z.array(addressSchema),
    birthday: calendarDateSchema.optional(),
    jobTitle: shortText().optional(),
    /** Sole traders: Partita IVA or other VAT number, normalised with its country prefix. */
    vatNumber: z.string().refine(isValidVat, { error: 'invalid-vat' }).optional(),
    taxCode: z.string().refine(isValidTaxCode, { error: 'invalid-tax-code' }).optional(),
    source: personSourceSchema,
    /** When the data was last confirmed accurate (Art. 5(1)(d)). */
    lastVerifiedOn: calendarDateSchema.optional(),
    notes: longText().optional(),
    tags: tagListSchema,
    customFields: customValuesSchema,
    preferredChannel: z.enum(contactChannels),
    /** Values an import could not read into their fields, kept as written for the user to fix. */
    toCheck: z.array(toCheckEntrySchema),
  })
  .superRefine((p, ctx) => {
    if (p.givenName.trim() === '' && p.familyName.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'name-required', path: ['familyName'] });
    }
    if (p.kind === 'contact-person' && p.organizations.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'organization-required', path: ['organizations'] });
    }
    reportDuplicates(
      p.organizations.map((o) => o.organizationId),
      'organizations',
      ctx,
    );
    reportDuplicates(
      p.emails.map((e) => normalizeEmail(e.address)),
      'emails',
      ctx,
    );
    reportDuplicates(
      p.phones.map((ph) => ph.number),
      'phones',
      ctx,
    );
  });
/** A person record. */
export type Person = Readonly<z.infer<typeof personSchema>>;

/** Fields a new person gets unless given: what the migrations give older records too. */
export const personDefaults = {
  preferredChannel: 'any',
  toCheck: Object.freeze([]) as never[],
} as const satisfies Partial<Person>;

/**
 * The numbered migrations of person records. Each takes the stored form, whose `clock` is either
 * a per-field map or one compact stamp (see `compactClock`).
 */
export const personMigrations: readonly Migration[] = [
  {
    // person/1 → person/2: a preferred channel, `any` for everyone until they say otherwise.
    from: 1,
    up: (raw) => addDefaultedFields(raw, 2, { preferredChannel: personDefaults.preferredChannel }),
  },
  {
    // person/2 → person/3: nothing to check yet.
    from: 2,
    up: (raw) => addDefaultedFields(raw, 3, { toCheck: [] }),
  },
];

/** True if `value` parses as a person record. */
export function isPerson(value: unknown): value is Person {
  return personSchema.safeParse(value).success;
}

/** Display name, given name first (`Niccolò Rossi`). */
export function displayName(person: Pick<Person, 'givenName' | 'familyName'>): string {
  return [person.givenName.trim(), person.familyName.trim()].filter((s) => s !== '').join(' ');
}

/** Key for "similar names" (accent-, case- and order-insensitive). */
export function personNameKey(person: Pick<Person, 'givenName' | 'familyName'>): string {
  return nameKey(person.givenName, person.familyName);
}
