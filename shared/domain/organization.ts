/**
 * Organizations: legal persons (companies, associations, public bodies), outside the GDPR, whose
 * data is encrypted with the vault's records key; and sole traders (`naturalPerson`), whose
 * business is a natural person: a data subject with a key of its own (the organization's id),
 * erasable like a person.
 */
import { z } from 'zod';
import { organizationIdSchema } from './ids';
import {
  addressSchema,
  customValuesSchema,
  emailAddressSchema,
  emailEntrySchema,
  longText,
  phoneEntrySchema,
  reportDuplicates,
  shortText,
  tagListSchema,
  toCheckEntrySchema,
  websiteSchema,
} from './fields';
import { addDefaultedFields, type Migration } from './migration-steps';
import { normalizeEmail } from './normalize';
import { recordBaseShape } from './record';
import { isValidSdiCode, isValidTaxCode, isValidVat } from './tax-ids';

/** Current schema version of organization records (2: `naturalPerson`; 3: `toCheck`). */
export const organizationSchemaVersion = 3;

/** An organization record. */
export const organizationSchema = z
  .object({
    ...recordBaseShape,
    id: organizationIdSchema,
    schemaVersion: z.literal(organizationSchemaVersion),
    name: shortText().trim().min(1, { error: 'required' }),
    /**
     * A sole trader (ditta individuale, libero professionista): a natural person, so a data
     * subject. Its records are sealed under its own key (its id) and under the keys of the
     * sole-trader people linked to it; erasing either shreds them.
     */
    naturalPerson: z.boolean(),
    /** Free text (`S.r.l.`, `S.p.A.`, `GmbH`, `SAS`…): forms differ too much between countries to list. */
    legalForm: z.string().max(60, { error: 'too-long' }).optional(),
    /** Normalised with its country prefix (`IT01234567897`); see `normalizeVat`. */
    vatNumber: z.string().refine(isValidVat, { error: 'invalid-vat' }).optional(),
    /** Italian codice fiscale: 11 digits for companies, 16 characters for sole proprietors. */
    taxCode: z.string().refine(isValidTaxCode, { error: 'invalid-tax-code' }).optional(),
    /** SDI recipient code for Italian e-invoices; `0000000` when invoices go to the PEC. */
    sdiCode: z.string().refine(isValidSdiCode, { error: 'invalid-sdi-code' }).optional(),
    /** Certified email (PEC) for e-invoices and formal notices. */
    pec: emailAddressSchema.optional(),
    addresses: z.array(addressSchema),
    phones: z.array(phoneEntrySchema),
    emails: z.array(emailEntrySchema),
    website: websiteSchema.optional(),
    industry: shortText().optional(),
    notes: longText().optional(),
    tags: tagListSchema,
    customFields: customValuesSchema,
    /** Values an import could not read into their fields, kept as written for the user to fix. */
    toCheck: z.array(toCheckEntrySchema),
  })
  .superRefine((org, ctx) => {
    reportDuplicates(
      org.emails.map((e) => normalizeEmail(e.address)),
      'emails',
      ctx,
    );
    reportDuplicates(
      org.phones.map((p) => p.number),
      'phones',
      ctx,
    );
  });
/** An organization record. */
export type Organization = Readonly<z.infer<typeof organizationSchema>>;

/** Fields a new organization gets unless given: what the migrations give older records too. */
export const organizationDefaults = {
  naturalPerson: false,
  toCheck: Object.freeze([]) as never[],
} as const satisfies Partial<Organization>;

/** The numbered migrations of organization records (the stored form, see `personMigrations`). */
export const organizationMigrations: readonly Migration[] = [
  {
    // organization/1 → organization/2: not a natural person until the user says so.
    from: 1,
    up: (raw) => addDefaultedFields(raw, 2, { naturalPerson: false }),
  },
  {
    // organization/2 → organization/3: nothing to check yet.
    from: 2,
    up: (raw) => addDefaultedFields(raw, 3, { toCheck: [] }),
  },
];

/** True if `value` parses as an organization record. */
export function isOrganization(value: unknown): value is Organization {
  return organizationSchema.safeParse(value).success;
}
