/**
 * The retention calendar (Art. 5(1)(e) GDPR, storage limitation). Each purpose's rule (so many
 * months from an event: the last contact, the end of the contract, the last accounting entry, the
 * consent given, the collection) gives, per person, the date that purpose's data is due for
 * review. A person is due only when every purpose that applies to them has run out; a person with
 * a legal-obligation purpose still running (accounting: ten years from the last entry) is held,
 * with that purpose as the reason; a person with no purpose is reported apart, never queued
 * silently. Decisions (an extension with its reason, an anonymisation) are records under the
 * person's subject key, so an extended person is not queued again before the new date.
 *
 * Pure and linear: the scan indexes activities, deals, consents and decisions by person once.
 */
import { z } from 'zod';
import { calendarDateSchema, type CalendarDate } from './dates';
import type { Activity } from './activity';
import type { ConsentEntry } from './consent';
import type { Deal } from './deal';
import { addMonthsEu } from './eu-periods';
import { shortText } from './fields';
import { personIdSchema, retentionDecisionIdSchema } from './ids';
import type { Person } from './person';
import { privacySchemaVersion, type PersonPurpose, type Purpose, type RetentionEvent } from './privacy';
import { recordBaseShape } from './record';

/** What was decided for a person at a review: kept until a later date, or anonymised. */
export const retentionDecisions = ['extended', 'anonymised'] as const;
/** One of `retentionDecisions`. */
export type RetentionDecision = (typeof retentionDecisions)[number];

/** A review decision about one person, under their subject key. */
export const retentionDecisionSchema = z
  .object({
    ...recordBaseShape,
    id: retentionDecisionIdSchema,
    schemaVersion: z.literal(privacySchemaVersion),
    personId: personIdSchema,
    decision: z.enum(retentionDecisions),
    /** An extension: the next review date. Null for an anonymisation. */
    until: calendarDateSchema.nullable(),
    /** Why the data is kept longer (required for an extension). */
    reason: shortText(),
  })
  .superRefine((e, ctx) => {
    if (e.decision === 'extended' && e.until === null)
      ctx.addIssue({ code: 'custom', message: 'required', path: ['until'] });
    if (e.decision === 'extended' && e.reason.trim() === '')
      ctx.addIssue({ code: 'custom', message: 'required', path: ['reason'] });
  });
/** The parsed type of `retentionDecisionSchema`. */
export type RetentionDecisionEntry = Readonly<z.infer<typeof retentionDecisionSchema>>;

/** Where one person stands. */
export type RetentionStatus =
  /** Every purpose has run out: queued for review. */
  | 'due'
  /** At least one purpose still runs. */
  | 'kept'
  /** A legal-obligation purpose still runs: kept by law whatever the other purposes say. */
  | 'held'
  /** Everything ran out, but the user extended it to a later date. */
  | 'extended'
  /** Already anonymised at an earlier review. */
  | 'anonymised'
  /** No purpose applies: not a retention question but a gap to fix (reported apart). */
  | 'no-purpose';

/** The verdict for one person. */
export interface RetentionVerdict {
  readonly personId: string;
  readonly status: RetentionStatus;
  /** When the last running purpose runs out (the review date); null without a purpose. */
  readonly dueOn: CalendarDate | null;
  /** For `held`: the legal-obligation purpose that holds the data, and until when. */
  readonly holdPurposeId?: string;
  readonly holdUntil?: CalendarDate;
  /** For `extended`: the date of the next review. */
  readonly extendedUntil?: CalendarDate;
}

/** What the scan reads. */
export interface RetentionInput {
  readonly people: Iterable<Person>;
  readonly purposes: ReadonlyMap<string, Purpose>;
  readonly links: Iterable<PersonPurpose>;
  readonly activities: Iterable<Activity>;
  readonly deals: Iterable<Deal>;
  readonly consents: Iterable<ConsentEntry>;
  readonly decisions: Iterable<RetentionDecisionEntry>;
  /** Today, in the controller's calendar. */
  readonly today: CalendarDate;
}

/** The scan's result: every live person in exactly one list. */
export interface RetentionScan {
  readonly due: RetentionVerdict[];
  readonly held: RetentionVerdict[];
  readonly extended: RetentionVerdict[];
  readonly noPurpose: RetentionVerdict[];
  /** People with a purpose still running (counted, not listed: they are most people). */
  readonly kept: number;
  readonly anonymised: number;
}

const day = (instant: string): CalendarDate => instant.slice(0, 10);
const later = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);

/**
 * Facts about one person the rules run from. A class with every field set, so all the scan's
 * objects share one shape (the scan touches 100k of them).
 */
class Facts {
  /** Latest instant (while indexing) then day of an activity or a closed deal. */
  lastContact: string | undefined = undefined;
  lastEntry: string | undefined = undefined;
  contractEnd: string | undefined = undefined;
  /** A deal still open: the contract has not ended. */
  contractOpen = false;
  /** The live purposes that apply (from the person's live links). */
  readonly purposes: Purpose[] = [];
  /**
   * The latest ledger entry per purpose: its instant (while indexing) then day, and its action.
   * A small list, not a map: a person has a consent for one or two purposes.
   */
  consents: ConsentFact[] | undefined = undefined;
  decision: RetentionDecisionEntry | undefined = undefined;
}

/** The ledger's latest word on one purpose for one person. */
interface ConsentFact {
  readonly purposeId: string;
  at: string;
  given: boolean;
}

function consentFor(facts: Facts | undefined, purposeId: string): ConsentFact | undefined {
  const list = facts?.consents;
  if (list) for (const c of list) if (c.purposeId === purposeId) return c;
  return undefined;
}

/**
 * `addMonthsEu`, remembered: people share a few thousand distinct dates, so a scan of 100k people
 * computes each (date, months) pair once.
 */
function monthsAdder(): (date: CalendarDate, months: number) => CalendarDate {
  const byMonths = new Map<number, Map<string, CalendarDate>>();
  return (date, months) => {
    let memo = byMonths.get(months);
    if (!memo) byMonths.set(months, (memo = new Map<string, CalendarDate>()));
    let out = memo.get(date);
    if (out === undefined) memo.set(date, (out = addMonthsEu(date, months)));
    return out;
  };
}

function indexFacts(input: RetentionInput): Map<string, Facts> {
  const facts = new Map<string, Facts>();
  const of = (id: string): Facts => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = new Facts()));
    return f;
  };
  for (const link of input.links) {
    if (link.deletedAt !== null) continue;
    const purpose = input.purposes.get(link.purposeId);
    if (purpose && purpose.deletedAt === null) of(link.personId).purposes.push(purpose);
  }
  for (const a of input.activities) {
    if (a.deletedAt !== null) continue;
    // Instants compare as strings in time order: the day is cut once per person, at the end.
    const at = a.at;
    for (const id of a.participantIds) {
      const f = of(id);
      f.lastContact = later(f.lastContact, at);
    }
  }
  for (const d of input.deals) {
    if (d.deletedAt !== null) continue;
    const closed = d.closedAt;
    for (const id of d.personIds) {
      const f = of(id);
      if (d.status === 'open') f.contractOpen = true;
      else if (closed !== undefined) {
        f.contractEnd = later(f.contractEnd, closed);
        // A won deal is invoiced: its close is the last accounting entry about the person.
        if (d.status === 'won') f.lastEntry = later(f.lastEntry, closed);
        f.lastContact = later(f.lastContact, closed);
      }
    }
  }
  for (const c of input.consents) {
    const f = of(c.personId);
    const given = c.action === 'given';
    const prev = consentFor(f, c.purposeId);
    // The ledger's latest entry speaks for the purpose (a give after a withdrawal revives it).
    if (!prev) (f.consents ??= []).push({ purposeId: c.purposeId, at: c.at, given });
    else if (c.at >= prev.at) {
      prev.at = c.at;
      prev.given = given;
    }
  }
  for (const e of input.decisions) {
    if (e.deletedAt !== null) continue;
    const f = of(e.personId);
    const prev = f.decision;
    // An anonymisation is final; of several extensions the latest date counts.
    if (prev?.decision === 'anonymised') continue;
    if (!prev || e.decision === 'anonymised' || (e.until ?? '') > (prev.until ?? '')) f.decision = e;
  }
  for (const f of facts.values()) {
    if (f.lastContact !== undefined) f.lastContact = day(f.lastContact);
    if (f.lastEntry !== undefined) f.lastEntry = day(f.lastEntry);
    if (f.contractEnd !== undefined) f.contractEnd = day(f.contractEnd);
    if (f.consents) for (const c of f.consents) c.at = day(c.at);
  }
  return facts;
}

/**
 * The day the data kept for `purpose` is due for review, for a person with these facts; null
 * while the event has not happened (an open contract has no end yet).
 */
function dueDate(
  purpose: Purpose,
  facts: Facts | undefined,
  collected: CalendarDate,
  addMonths: (date: CalendarDate, months: number) => CalendarDate,
): CalendarDate | null {
  const { months, from } = purpose.retention;
  const start = eventDate(from, purpose, facts, collected);
  if (start === null) return null;
  // A withdrawn consent leaves nothing to keep for its purpose: due from the withdrawal.
  const consent = from === 'consent-given' ? consentFor(facts, purpose.id) : undefined;
  if (consent && !consent.given) return consent.at;
  return addMonths(start, months);
}

function eventDate(
  from: RetentionEvent,
  purpose: Purpose,
  facts: Facts | undefined,
  collected: CalendarDate,
): CalendarDate | null {
  const lastContact = later(facts?.lastContact, collected);
  switch (from) {
    case 'collection':
      return collected;
    case 'last-contact':
      return lastContact;
    case 'contract-end':
      if (facts?.contractOpen) return null;
      return facts?.contractEnd ?? lastContact;
    case 'last-entry':
      return facts?.lastEntry ?? lastContact;
    case 'consent-given':
      return consentFor(facts, purpose.id)?.at ?? collected;
  }
}

/** What `personVerdict` returns for a person kept: the scan only counts them. */
const kept = { personId: '', status: 'kept', dueOn: null } as const satisfies RetentionVerdict;

/** The verdict for one person, given their live purposes (`kept` for a person kept). */
function personVerdict(
  person: Person,
  purposes: readonly Purpose[],
  facts: Facts | undefined,
  today: CalendarDate,
  addMonths: (date: CalendarDate, months: number) => CalendarDate,
): RetentionVerdict {
  const personId = person.id;
  if (facts?.decision?.decision === 'anonymised') return { personId, status: 'anonymised', dueOn: null };
  if (purposes.length === 0) return { personId, status: 'no-purpose', dueOn: null };
  let dueOn: CalendarDate | null = '0000-01-01';
  let hold: { id: string; until: CalendarDate } | undefined;
  for (const purpose of purposes) {
    const due = dueDate(purpose, facts, person.source.date, addMonths);
    if (due === null) {
      dueOn = null;
      continue;
    }
    if (dueOn !== null && due > dueOn) dueOn = due;
    if (purpose.legalBasis === 'legal-obligation' && due > today && (!hold || due > hold.until))
      hold = { id: purpose.id, until: due };
  }
  if (hold) return { personId, status: 'held', dueOn, holdPurposeId: hold.id, holdUntil: hold.until };
  // Most people: counted, not listed, so no verdict object is made for them.
  if (dueOn === null || dueOn > today) return kept;
  const until = facts?.decision?.until;
  if (until && until > today) return { personId, status: 'extended', dueOn, extendedUntil: until };
  return { personId, status: 'due', dueOn };
}

/** Scans every live person against the purposes that apply to them (see the module comment). */
export function scanRetention(input: RetentionInput): RetentionScan {
  const facts = indexFacts(input);
  const scan: RetentionScan = { due: [], held: [], extended: [], noPurpose: [], kept: 0, anonymised: 0 };
  const none: Purpose[] = [];
  const addMonths = monthsAdder();
  for (const person of input.people) {
    if (person.deletedAt !== null) continue;
    const f = facts.get(person.id);
    const v = personVerdict(person, f?.purposes ?? none, f, input.today, addMonths);
    if (v.status === 'due') scan.due.push(v);
    else if (v.status === 'held') scan.held.push(v);
    else if (v.status === 'extended') scan.extended.push(v);
    else if (v.status === 'no-purpose') scan.noPurpose.push(v);
    else if (v.status === 'anonymised') (scan as { anonymised: number }).anonymised++;
    else (scan as { kept: number }).kept++;
  }
  return scan;
}

/**
 * The person with every personal field replaced: `placeholder` as the name, no contact data,
 * address, birthday, tax ids, notes, custom values or organisation links. The record, its id and
 * what points at it (deal amounts, counts) stay, so aggregates survive.
 */
export function anonymisedPerson(person: Person, placeholder: string): Omit<Person, 'clock' | 'updatedAt'> {
  const {
    birthday: _b,
    jobTitle: _j,
    vatNumber: _v,
    taxCode: _t,
    notes: _n,
    lastVerifiedOn: _l,
    ...rest
  } = person;
  return {
    ...rest,
    kind: 'private',
    givenName: '',
    familyName: placeholder,
    organizations: [],
    emails: [],
    phones: [],
    addresses: [],
    tags: [],
    customFields: {},
    preferredChannel: 'any',
    source: { method: 'other', date: person.source.date },
  };
}

/** An activity about the anonymised person: their part removed, its text gone if it was theirs alone. */
export function anonymisedActivity(activity: Activity, personId: Person['id']): Activity | null {
  if (!activity.participantIds.includes(personId)) return null;
  const participantIds = activity.participantIds.filter((id) => id !== personId);
  if (participantIds.length > 0) return { ...activity, participantIds };
  const { subject: _s, ...rest } = activity;
  return { ...rest, participantIds, text: '' };
}
