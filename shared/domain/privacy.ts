/**
 * The controller's records of accountability (Art. 5(2), 24, 30 GDPR): the controller's own
 * details, the catalogue of processing purposes with their legal basis (Art. 6(1)) and retention
 * rule, the links between people and purposes, and the versions of the notice texts shown to
 * people (kept whole and hashed, so a consent can name exactly what the person read).
 */
import { z } from 'zod';
import { emailAddressSchema, longText, shortText } from './fields';
import {
  noticeIdSchema,
  personIdSchema,
  personPurposeIdSchema,
  privacyControllerIdSchema,
  purposeIdSchema,
} from './ids';
import { recordBaseShape, type RecordBase } from './record';
import { isValidVat } from './tax-ids';

/** Current schema version of every privacy table. */
export const privacySchemaVersion = 1;

const optionalEmail = z.union([z.literal(''), emailAddressSchema]);

/** A named party with contact details: a DPO or an EU representative (Art. 27, 37). */
export const privacyPartySchema = z.object({
  name: shortText().trim().min(1, { error: 'required' }),
  /** Email, PEC, postal address or phone, as the party gave it. */
  contact: shortText().trim().min(1, { error: 'required' }),
});
/** The parsed type of `privacyPartySchema`. */
export type PrivacyParty = Readonly<z.infer<typeof privacyPartySchema>>;

/** The controller (Art. 4(7)): the business using Scrigno. One record per vault. */
export const privacyControllerSchema = z.object({
  ...recordBaseShape,
  id: privacyControllerIdSchema,
  schemaVersion: z.literal(privacySchemaVersion),
  name: shortText().trim().min(1, { error: 'required' }),
  address: z.string().trim().min(1, { error: 'required' }).max(1000, { error: 'too-long' }),
  /** VAT number with its country prefix (`IT…`), or empty. */
  vatNumber: z.union([z.literal(''), z.string().refine(isValidVat, { error: 'invalid-vat' })]),
  email: optionalEmail,
  /** Certified email (posta elettronica certificata). */
  pec: optionalEmail,
  phone: z.string().max(40, { error: 'too-long' }),
  dpo: privacyPartySchema.nullable(),
  euRepresentative: privacyPartySchema.nullable(),
});
/** The parsed type of `privacyControllerSchema`. */
export type PrivacyController = Readonly<z.infer<typeof privacyControllerSchema>>;

/** The legal bases of Art. 6(1)(a)–(f), in the Regulation's order. */
export const legalBases = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
/** One of `legalBases`. */
export type LegalBasis = (typeof legalBases)[number];
/** The letter of Art. 6(1) each basis is. */
export const legalBasisLetter: Readonly<Record<LegalBasis, string>> = {
  consent: 'a',
  contract: 'b',
  'legal-obligation': 'c',
  'vital-interests': 'd',
  'public-task': 'e',
  'legitimate-interests': 'f',
};

/** The events a retention period runs from. */
export const retentionEvents = [
  'last-contact',
  'contract-end',
  'last-entry',
  'consent-given',
  'collection',
] as const;
/** One of `retentionEvents`. */
export type RetentionEvent = (typeof retentionEvents)[number];

/** How long data kept for a purpose stays, and from which event. */
export const retentionRuleSchema = z.object({
  months: z
    .number({ error: 'retention-too-short' })
    .int({ error: 'retention-too-short' })
    .min(1, { error: 'retention-too-short' })
    .max(1200, { error: 'too-big' }),
  from: z.enum(retentionEvents, { error: 'invalid-choice' }),
  /** The rule's source (a law, a decision of the Garante), shown in the register. */
  reference: shortText(),
});
/** The parsed type of `retentionRuleSchema`. */
export type RetentionRule = Readonly<z.infer<typeof retentionRuleSchema>>;

/** The presets of the catalogue a user can accept as they are. */
export const purposePresetKeys = [
  'customer-contract',
  'accounting',
  'marketing',
  'profiling',
  'legitimate-follow-up',
] as const;
/** One of `purposePresetKeys`. */
export type PurposePresetKey = (typeof purposePresetKeys)[number];

const textList = z.array(shortText().trim().min(1, { error: 'required' })).max(100, { error: 'too-big' });

/** A processing purpose of the catalogue: one row of the Art. 30(1) register. */
export const purposeSchema = z
  .object({
    ...recordBaseShape,
    id: purposeIdSchema,
    schemaVersion: z.literal(privacySchemaVersion),
    name: shortText().trim().min(1, { error: 'required' }),
    /** The preset it was made from (its texts may have been edited since), or null. */
    preset: z.enum(purposePresetKeys).nullable(),
    description: longText(),
    legalBasis: z.enum(legalBases, { error: 'legal-basis-required' }),
    /** The balancing test of a legitimate interest (Art. 6(1)(f)): required for that basis. */
    balancingNote: longText(),
    /** Categories of personal data (Art. 30(1)(c)). */
    dataCategories: textList,
    /** Categories of data subjects (Art. 30(1)(c)). */
    subjectCategories: textList,
    /** Categories of recipients (Art. 30(1)(d)); empty: none. */
    recipients: textList,
    /** Transfers to third countries or international organisations (Art. 30(1)(e)); empty: none. */
    transfers: longText(),
    /** The safeguards of those transfers (Art. 46, 49(1) second subparagraph). */
    transferSafeguards: longText(),
    retention: retentionRuleSchema,
    /** Technical and organisational security measures (Art. 30(1)(g), 32(1)). */
    securityMeasures: longText(),
  })
  .superRefine((p, ctx) => {
    if (p.legalBasis === 'legitimate-interests' && p.balancingNote.trim() === '')
      ctx.addIssue({ code: 'custom', message: 'balancing-note-required', path: ['balancingNote'] });
    if (p.transfers.trim() !== '' && p.transferSafeguards.trim() === '')
      ctx.addIssue({ code: 'custom', message: 'safeguards-required', path: ['transferSafeguards'] });
  });
/** The parsed type of `purposeSchema`. */
export type Purpose = Readonly<z.infer<typeof purposeSchema>>;

/**
 * What a preset fixes: its legal basis and retention rule. Its texts (name, categories, measures)
 * come from the catalog of the user's language when it is accepted, and stay editable.
 */
export interface PurposePreset {
  readonly key: PurposePresetKey;
  readonly legalBasis: LegalBasis;
  readonly retention: Omit<RetentionRule, 'reference'>;
}

/**
 * The presets: the customer relationship (Art. 6(1)(b); ten years from the end of the contract,
 * the ordinary limitation period of art. 2946 c.c.), accounting and tax (6(1)(c); ten years from
 * the last entry, art. 2220 c.c.), marketing by email and phone (consent; 24 months, Garante
 * 24 Feb 2005 and 18 Jul 2023), profiling (consent; 12 months) and a legitimate-interest
 * follow-up (6(1)(f), with its balancing note; 24 months from the last contact).
 */
export const purposePresets: readonly PurposePreset[] = [
  { key: 'customer-contract', legalBasis: 'contract', retention: { months: 120, from: 'contract-end' } },
  { key: 'accounting', legalBasis: 'legal-obligation', retention: { months: 120, from: 'last-entry' } },
  { key: 'marketing', legalBasis: 'consent', retention: { months: 24, from: 'consent-given' } },
  { key: 'profiling', legalBasis: 'consent', retention: { months: 12, from: 'consent-given' } },
  {
    key: 'legitimate-follow-up',
    legalBasis: 'legitimate-interests',
    retention: { months: 24, from: 'last-contact' },
  },
];

/** A person's link to a purpose that applies to them (the basis is the purpose's). */
export const personPurposeSchema = z.object({
  ...recordBaseShape,
  id: personPurposeIdSchema,
  schemaVersion: z.literal(privacySchemaVersion),
  personId: personIdSchema,
  purposeId: purposeIdSchema,
  note: shortText(),
});
/** The parsed type of `personPurposeSchema`. */
export type PersonPurpose = Readonly<z.infer<typeof personPurposeSchema>>;

/** Languages a notice text may be written in. */
export const noticeLanguages = ['it', 'en'] as const;

/**
 * One version of a notice text (an informativa, a consent wording) as shown to people. Never
 * edited: a new wording is a new version. `sha256` is the hash of the UTF-8 text, checked when
 * the version is saved, and what consent entries quote.
 */
export const noticeSchema = z.object({
  ...recordBaseShape,
  id: noticeIdSchema,
  schemaVersion: z.literal(privacySchemaVersion),
  title: shortText().trim().min(1, { error: 'required' }),
  /** The version label the user gives it (e.g. "2026-03"). */
  version: z.string().trim().min(1, { error: 'required' }).max(40, { error: 'too-long' }),
  language: z.enum(noticeLanguages),
  text: longText().trim().min(1, { error: 'required' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'invalid' }),
});
/** The parsed type of `noticeSchema`. */
export type Notice = Readonly<z.infer<typeof noticeSchema>>;

/** The purposes that apply to a person: their live links' purposes, live ones only. */
export function purposesOfPerson(
  personId: string,
  links: Iterable<PersonPurpose>,
  purposes: ReadonlyMap<string, Purpose>,
): Purpose[] {
  const out: Purpose[] = [];
  for (const link of links) {
    if (link.personId !== personId || link.deletedAt !== null) continue;
    const purpose = purposes.get(link.purposeId);
    if (purpose && purpose.deletedAt === null) out.push(purpose);
  }
  return out;
}

/** The live people with no live purpose (flagged on the privacy overview). */
export function peopleWithoutPurpose<P extends { id: string; deletedAt: string | null }>(
  people: Iterable<P>,
  links: Iterable<PersonPurpose>,
  purposes: ReadonlyMap<string, Purpose>,
): P[] {
  const covered = new Set<string>();
  for (const link of links) {
    const purpose = purposes.get(link.purposeId);
    if (link.deletedAt === null && purpose && purpose.deletedAt === null) covered.add(link.personId);
  }
  const out: P[] = [];
  for (const p of people) if (p.deletedAt === null && !covered.has(p.id)) out.push(p);
  return out;
}

/** The texts of a preset in one language (from the i18n catalog), which the user may edit later. */
export interface PresetTexts {
  readonly name: string;
  readonly description: string;
  readonly dataCategories: readonly string[];
  readonly subjectCategories: readonly string[];
  readonly recipients: readonly string[];
  readonly securityMeasures: string;
  readonly retentionReference: string;
  /** The balancing test summary; only the legitimate-interest preset has one. */
  readonly balancingNote: string;
}

/** The fields of a new purpose made from a preset, with its texts in the user's language. */
export function presetPurposeFields(
  preset: PurposePreset,
  texts: PresetTexts,
): Omit<Purpose, keyof RecordBase> {
  return {
    name: texts.name,
    preset: preset.key,
    description: texts.description,
    legalBasis: preset.legalBasis,
    balancingNote: preset.legalBasis === 'legitimate-interests' ? texts.balancingNote : '',
    dataCategories: [...texts.dataCategories],
    subjectCategories: [...texts.subjectCategories],
    recipients: [...texts.recipients],
    transfers: '',
    transferSafeguards: '',
    retention: { ...preset.retention, reference: texts.retentionReference },
    securityMeasures: texts.securityMeasures,
  };
}
