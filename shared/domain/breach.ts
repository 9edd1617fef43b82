/**
 * The breach register (Art. 33(5) GDPR): every personal data breach, with its facts, effects and
 * the remedial action taken, whether the Garante was notified (Art. 33(1): within 72 hours of
 * becoming aware, or with the reasons for the delay) and whether the people were informed
 * (Art. 34) or why not (34(3)). "Now" is always an argument, so the clock is testable.
 */
import { z } from 'zod';
import { instantSchema, instantToEpoch, isInstant } from './dates';
import { longText, shortText } from './fields';
import { breachIdSchema } from './ids';
import { privacySchemaVersion } from './privacy';
import { recordBaseShape } from './record';
import { DomainError } from './validation';

/** Hours from awareness within which the supervisory authority is notified (Art. 33(1)). */
export const breachDeadlineHours = 72;
/** Hours from awareness after which the register warns that the deadline is near. */
export const breachWarningHours = 48;
const hourMs = 3_600_000;
/** Tolerance for an instant slightly ahead (two devices' clocks): five minutes. */
const futureToleranceMs = 5 * 60_000;

/** Why the people concerned were not informed: Art. 34(3)(a)–(c), or no high risk (34(1)). */
export const notInformedReasons = [
  'encrypted',
  'measures-taken',
  'disproportionate',
  'no-high-risk',
] as const;
/** One of `notInformedReasons`. */
export type NotInformedReason = (typeof notInformedReasons)[number];

const count = z.number().int({ error: 'invalid' }).nonnegative({ error: 'too-small' }).nullable();
const texts = z.array(shortText().trim().min(1, { error: 'required' })).max(50, { error: 'too-big' });

/** One entry of the breach register. */
export const breachSchema = z.object({
  ...recordBaseShape,
  id: breachIdSchema,
  schemaVersion: z.literal(privacySchemaVersion),
  title: shortText().trim().min(1, { error: 'required' }),
  /** What happened (Art. 33(5): "the facts relating to the personal data breach"). */
  facts: longText().trim().min(1, { error: 'required' }),
  /** When the controller became aware: the 72 hours run from here. */
  awareAt: z.string({ error: 'breach-date-required' }).refine(isInstant, { error: 'invalid-datetime' }),
  occurredAt: instantSchema.nullable(),
  peopleCategories: texts,
  approxPeople: count,
  recordCategories: texts,
  approxRecords: count,
  /** Likely consequences (Art. 33(3)(c)). */
  consequences: longText(),
  /** Measures taken or proposed (Art. 33(3)(d)). */
  measures: longText(),
  garanteNotifiedAt: instantSchema.nullable(),
  garanteReference: shortText(),
  /** Why the Garante was not notified: the breach is unlikely to result in a risk (Art. 33(1)). */
  notNotifiedReason: longText(),
  /** Reasons for notifying after 72 hours (Art. 33(1)). */
  delayReason: longText(),
  peopleInformedAt: instantSchema.nullable(),
  notInformedReason: z.enum(notInformedReasons).nullable(),
  notInformedNote: longText(),
  closedAt: instantSchema.nullable(),
});
/** The parsed type of `breachSchema`. */
export type Breach = Readonly<z.infer<typeof breachSchema>>;

/** Where a breach stands on its 72-hour clock. */
export interface BreachClock {
  /** Whole hours since awareness (never negative). */
  readonly hours: number;
  /** Epoch ms of the 72-hour deadline. */
  readonly deadline: number;
  /**
   * `running`: under 48 h and not notified. `warning`: 48–72 h. `overdue`: 72 h passed, not
   * notified. `notified`: the Garante was notified (`late` if after the deadline). `not-required`:
   * recorded as unlikely to result in a risk. `closed`: closed without either.
   */
  readonly state: 'running' | 'warning' | 'overdue' | 'notified' | 'not-required' | 'closed';
  /** Notified (or, if never notified, closed or still open) after the deadline. */
  readonly late: boolean;
}

/** The clock of a breach at `now`. */
export function breachClock(breach: Breach, now: number): BreachClock {
  const aware = instantToEpoch(breach.awareAt);
  const deadline = aware + breachDeadlineHours * hourMs;
  const hours = Math.max(0, Math.floor((now - aware) / hourMs));
  if (breach.garanteNotifiedAt !== null) {
    return { hours, deadline, state: 'notified', late: instantToEpoch(breach.garanteNotifiedAt) > deadline };
  }
  if (breach.notNotifiedReason.trim() !== '') return { hours, deadline, state: 'not-required', late: false };
  const end = breach.closedAt !== null ? instantToEpoch(breach.closedAt) : now;
  const late = end > deadline;
  if (breach.closedAt !== null) return { hours, deadline, state: 'closed', late };
  const state = late ? 'overdue' : now >= aware + breachWarningHours * hourMs ? 'warning' : 'running';
  return { hours, deadline, state, late };
}

/**
 * Checks an entry against the rules that need "now". Throws `DomainError`:
 * `breach-in-future` (aware, occurred, notified, informed or closed after now),
 * `breach-order` (occurred after awareness, notified before awareness), and, to close it,
 * `breach-decision-required` (neither notified nor a reason not to) and
 * `breach-delay-reason-required` (notified or closed after 72 hours without the reasons).
 */
export function checkBreach(breach: Breach, now: number): void {
  const at = (v: string | null) => (v === null ? null : instantToEpoch(v));
  const aware = instantToEpoch(breach.awareAt);
  for (const v of [
    aware,
    at(breach.occurredAt),
    at(breach.garanteNotifiedAt),
    at(breach.peopleInformedAt),
    at(breach.closedAt),
  ])
    if (v !== null && v > now + futureToleranceMs) throw new DomainError('breach-in-future');
  const occurred = at(breach.occurredAt);
  const notified = at(breach.garanteNotifiedAt);
  if ((occurred !== null && occurred > aware) || (notified !== null && notified < aware))
    throw new DomainError('breach-order');
  if (breach.closedAt === null) return;
  if (notified === null && breach.notNotifiedReason.trim() === '')
    throw new DomainError('breach-decision-required');
  if (breachClock(breach, now).late && breach.delayReason.trim() === '')
    throw new DomainError('breach-delay-reason-required');
}

/** The open entries (not closed), most urgent deadline first. */
export function openBreaches(breaches: Iterable<Breach>): Breach[] {
  return [...breaches]
    .filter((b) => b.deletedAt === null && b.closedAt === null)
    .sort((a, b) => instantToEpoch(a.awareAt) - instantToEpoch(b.awareAt));
}
