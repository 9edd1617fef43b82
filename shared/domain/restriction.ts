/**
 * Restriction of processing (Art. 18 GDPR) and objection to direct marketing (Art. 21(2)–(3)),
 * kept as privacy records of their own rather than fields of the person: each restriction is an
 * episode with its reason, its start and (once lifted) its end and the note that justified lifting,
 * so the controller can show what happened and when (Art. 5(2)); and the person record stays
 * untouched while it is restricted (editing it is processing too).
 */
import { z } from 'zod';
import { calendarDateSchema } from './dates';
import { longText } from './fields';
import { objectionIdSchema, personIdSchema, restrictionIdSchema } from './ids';
import { consentKey, consentState, type ConsentEntry } from './consent';
import { privacySchemaVersion, type PersonPurpose, type Purpose } from './privacy';
import { recordBaseShape } from './record';

/** The four grounds of Art. 18(1)(a)–(d), in the Regulation's order. */
export const restrictionReasons = [
  'accuracy-contested',
  'unlawful-erasure-opposed',
  'legal-claims',
  'objection-pending',
] as const;
/** One of `restrictionReasons`. */
export type RestrictionReason = (typeof restrictionReasons)[number];
/** The letter of Art. 18(1) each ground is. */
export const restrictionReasonLetter: Readonly<Record<RestrictionReason, string>> = {
  'accuracy-contested': 'a',
  'unlawful-erasure-opposed': 'b',
  'legal-claims': 'c',
  'objection-pending': 'd',
};

/** One restriction of one person's processing: in force while `liftedOn` is null. */
export const restrictionSchema = z
  .object({
    ...recordBaseShape,
    id: restrictionIdSchema,
    schemaVersion: z.literal(privacySchemaVersion),
    personId: personIdSchema,
    reason: z.enum(restrictionReasons, { error: 'invalid-choice' }),
    /** What the person asked and on what grounds (no more than the controller needs). */
    note: longText(),
    /** The day the restriction took effect (`YYYY-MM-DD`). */
    since: calendarDateSchema,
    /** The day it was lifted, or null while in force. */
    liftedOn: calendarDateSchema.nullable(),
    /** Why it was lifted: required with `liftedOn` (Art. 18(3): the person is told before). */
    liftNote: longText(),
  })
  .superRefine((r, ctx) => {
    if (r.liftedOn !== null && r.liftNote.trim() === '')
      ctx.addIssue({ code: 'custom', message: 'required', path: ['liftNote'] });
    if (r.liftedOn !== null && r.liftedOn < r.since)
      ctx.addIssue({ code: 'custom', message: 'lifted-before-restricted', path: ['liftedOn'] });
  });
/** The parsed type of `restrictionSchema`. */
export type Restriction = Readonly<z.infer<typeof restrictionSchema>>;

/**
 * An objection to processing for direct marketing (Art. 21(2)): absolute, so it has no end; a
 * person who later asks for marketing again gives a new consent, and the objection stays on record.
 */
export const objectionSchema = z.object({
  ...recordBaseShape,
  id: objectionIdSchema,
  schemaVersion: z.literal(privacySchemaVersion),
  personId: personIdSchema,
  /** The day the person objected (`YYYY-MM-DD`). */
  objectedOn: calendarDateSchema,
  /** How and where it was received (a reference, not a copy of the message). */
  note: longText(),
});
/** The parsed type of `objectionSchema`. */
export type Objection = Readonly<z.infer<typeof objectionSchema>>;

/** The restriction of `personId` in force, if any. */
export function activeRestriction(
  restrictions: Iterable<Restriction>,
  personId: string,
): Restriction | undefined {
  for (const r of restrictions)
    if (r.personId === personId && r.deletedAt === null && r.liftedOn === null) return r;
  return undefined;
}

/** The ids of every person whose processing is restricted now. */
export function restrictedPeople(restrictions: Iterable<Restriction>): Set<string> {
  const out = new Set<string>();
  for (const r of restrictions) if (r.deletedAt === null && r.liftedOn === null) out.add(r.personId);
  return out;
}

/** The ids of every person with a live objection to direct marketing. */
export function objectedPeople(objections: Iterable<Objection>): Set<string> {
  const out = new Set<string>();
  for (const o of objections) if (o.deletedAt === null) out.add(o.personId);
  return out;
}

/**
 * The people a record of `table` is about or names: a person itself, the participants of an
 * activity, the contacts of a deal, the person a task is linked to, and the person of a privacy
 * record. What a policy on "people touched" looks at.
 */
export function peopleInRecord(table: string, record: unknown): string[] {
  const r = record as Record<string, unknown>;
  switch (table) {
    case 'people':
      return [r.id as string];
    case 'activities':
      return [...((r.participantIds as string[] | undefined) ?? [])];
    case 'deals':
      return [...((r.personIds as string[] | undefined) ?? [])];
    case 'tasks': {
      const link = r.link as { table: string; id: string } | undefined;
      return link?.table === 'person' ? [link.id] : [];
    }
    default:
      return typeof r.personId === 'string' ? [r.personId] : [];
  }
}

/** The live purposes of the catalogue that are direct marketing (made from the `marketing` preset). */
export function marketingPurposes(purposes: Iterable<Purpose>): Purpose[] {
  return [...purposes].filter((p) => p.deletedAt === null && p.preset === 'marketing');
}

// The channels a newsletter (email) relies on: a consent for email, or for any channel.
const emailChannels = ['email', 'any'] as const;

/**
 * The ids of people who withdrew a marketing consent: for one of `purposes`, the latest ledger
 * entry of a channel an email relies on is a withdrawal.
 */
export function withdrawnMarketing(
  consents: Iterable<ConsentEntry>,
  purposes: readonly Purpose[],
): Set<string> {
  const byPerson = new Map<string, ConsentEntry[]>();
  for (const c of consents) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
  const out = new Set<string>();
  for (const [personId, chain] of byPerson) {
    const state = consentState(chain);
    const withdrawn = purposes.some((p) =>
      emailChannels.some((ch) => state.get(consentKey(p.id, ch))?.action === 'withdrawn'),
    );
    if (withdrawn) out.add(personId);
  }
  return out;
}

/** Who a marketing export starts from, before the privacy checks leave anyone out. */
export interface MarketingAudience {
  /** People linked to a marketing purpose, with consent where the purpose's basis is consent. */
  readonly candidates: readonly string[];
  /** People linked to a consent-based marketing purpose who never gave that consent. */
  readonly withoutConsent: number;
}

/**
 * The people a newsletter may go to: linked (live) to a marketing purpose; where that purpose's
 * legal basis is consent, with a consent for it by email or any channel on the ledger. A consent
 * withdrawn afterwards keeps the person a candidate, so the `marketing-suppression` check leaves
 * them out and counts them; a legitimate-interest purpose (e.g. the soft opt-in for existing
 * customers) needs no consent but still yields to an objection.
 */
export function marketingAudience(
  links: Iterable<PersonPurpose>,
  purposes: readonly Purpose[],
  consents: Iterable<ConsentEntry>,
  livePeople: ReadonlySet<string>,
): MarketingAudience {
  const byId = new Map(purposes.map((p) => [p.id, p]));
  const consented = new Set<string>();
  for (const c of consents)
    if (byId.has(c.purposeId) && (emailChannels as readonly string[]).includes(c.channel))
      consented.add(`${c.personId}:${c.purposeId}`);
  const candidates = new Set<string>();
  const lacking = new Set<string>();
  for (const link of links) {
    const purpose = byId.get(link.purposeId);
    if (!purpose || link.deletedAt !== null || !livePeople.has(link.personId)) continue;
    if (purpose.legalBasis !== 'consent' || consented.has(`${link.personId}:${purpose.id}`))
      candidates.add(link.personId);
    else lacking.add(link.personId);
  }
  for (const id of candidates) lacking.delete(id);
  return { candidates: [...candidates].sort(), withoutConsent: lacking.size };
}
