/**
 * Field schemas shared by several entities: typed emails, phones, postal addresses, tags and
 * custom field values.
 */
import { z } from 'zod';
import { idPattern, tagIdSchema } from './ids';
import { isValidE164, isValidEmail, normalizeEmail } from './normalize';

/** Short free text (names, titles): at most 200 characters. */
export const shortText = () => z.string().max(200, { error: 'too-long' });
/** Long free text (notes): at most 100,000 characters. */
export const longText = () => z.string().max(100_000, { error: 'too-long' });

/** An email address as the user typed it (trimmed); validated in its normalised form. */
export const emailAddressSchema = z
  .string()
  .min(1, { error: 'required' })
  .refine((v) => v === v.trim() && isValidEmail(normalizeEmail(v)), { error: 'invalid-email' });

/** A phone number in E.164 form, valid for its country. Parse input with `normalizePhone`. */
export const phoneNumberSchema = z
  .string()
  .min(1, { error: 'required' })
  .refine(isValidE164, { error: 'invalid-phone' });

/** Kinds of email addresses. */
export const emailKinds = ['work', 'home', 'other'] as const;
/** A typed email address. */
export const emailEntrySchema = z.object({
  kind: z.enum(emailKinds),
  address: emailAddressSchema,
});
/** The parsed type of `emailEntrySchema`. */
export type EmailEntry = Readonly<z.infer<typeof emailEntrySchema>>;

/** Kinds of phone numbers. */
export const phoneKinds = ['mobile', 'work', 'home', 'fax', 'other'] as const;
/** A typed phone number. */
export const phoneEntrySchema = z.object({
  kind: z.enum(phoneKinds),
  number: phoneNumberSchema,
});
/** The parsed type of `phoneEntrySchema`. */
export type PhoneEntry = Readonly<z.infer<typeof phoneEntrySchema>>;

/** ISO 3166-1 alpha-2 country code, uppercase. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, { error: 'invalid-country' });

/** Kinds of postal addresses. */
export const addressKinds = ['work', 'home', 'billing', 'shipping', 'other'] as const;
/** A postal address; `province` is the Italian two-letter sigla or any regional subdivision. */
export const addressSchema = z.object({
  kind: z.enum(addressKinds),
  street: shortText().optional(),
  postalCode: z.string().max(20, { error: 'too-long' }).optional(),
  city: shortText().optional(),
  province: z.string().max(60, { error: 'too-long' }).optional(),
  country: countryCodeSchema,
});
/** The parsed type of `addressSchema`. */
export type Address = Readonly<z.infer<typeof addressSchema>>;

/** The fields a value kept "to check" was meant for. */
export const toCheckFields = [
  'email',
  'phone',
  'address',
  'birthday',
  'vatNumber',
  'taxCode',
  'jobTitle',
  'organization',
] as const;
/** One of `toCheckFields`. */
export type ToCheckField = (typeof toCheckFields)[number];

/**
 * A value that did not validate when it came in (an import), kept exactly as written so nothing
 * is lost: the user fixes it into its field or dismisses it. `kind` is the email, phone or
 * address kind it came with; `address` the other parts of an address whose country was unknown
 * (`value` is then the country as written).
 */
export const toCheckEntrySchema = z.object({
  field: z.enum(toCheckFields),
  value: z.string().min(1, { error: 'required' }).max(10_000, { error: 'too-long' }),
  kind: z.string().max(20).optional(),
  address: addressSchema.omit({ country: true }).optional(),
});
/** The parsed type of `toCheckEntrySchema`. */
export type ToCheckEntry = Readonly<z.infer<typeof toCheckEntrySchema>>;

/** A web site address (http or https). */
export const websiteSchema = z
  .string()
  .max(2000, { error: 'too-long' })
  .regex(/^https?:\/\/[^\s/?#.]+(\.[^\s/?#.]+)+([/?#]\S*)?$/i, { error: 'invalid-url' });

/** Tag references of a record. */
export const tagListSchema = z.array(tagIdSchema);

/** A custom field value: text/date/choice id (string), number, yes/no, multi-choice ids, or empty. */
export const customValueSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);
/** The parsed type of `customValueSchema`. */
export type CustomValue = z.infer<typeof customValueSchema>;

/** Custom field values keyed by custom field definition id. */
export const customValuesSchema = z.record(
  z.string().regex(idPattern, { error: 'invalid-id' }),
  customValueSchema,
);
/** Custom field values keyed by definition id. */
export type CustomValues = Readonly<Record<string, CustomValue>>;

/** Adds a `duplicate-value` issue for each repeated key in `keys` (e.g. the same email twice). */
export function reportDuplicates(
  keys: readonly string[],
  field: string,
  ctx: { addIssue: (issue: { code: 'custom'; message: string; path: (string | number)[] }) => void },
): void {
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'duplicate-value', path: [field, index] });
    seen.add(key);
  });
}
