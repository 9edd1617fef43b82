/**
 * The requests inbox (Art. 12(3) GDPR): every request a person makes to exercise a right
 * (access, rectification, erasure, restriction, portability, objection), with the day and the way
 * it arrived, how the requester's identity was checked, the person it concerns, its statutory
 * deadline, the steps taken and how it was closed.
 *
 * The deadline (`dueOn`) is one month from receipt, counted as Regulation 1182/71 counts periods
 * (`requestDueDate` in `eu-periods.ts`), with the public holidays passed in. It moves for two
 * reasons only:
 * - an extension by two further months (Art. 12(3)), decided with its reason on or before the
 *   first due date, never after it, and never twice;
 * - a clarification request: the clock stops on the day the controller asks (`askedOn`) and
 *   starts again on the day the answer arrives (`resumedOn`); the nominal end moves by the
 *   calendar days in between (`resumedOn − askedOn`; asked and answered on the same day: 0), and
 *   the working-day rule then applies to the moved end. While a pause is open the request has no
 *   running clock: it is `paused`, never overdue.
 * "Today" is always an argument, so every rule is testable.
 */
import { z } from 'zod';
import { calendarDateSchema, instantSchema, isCalendarDate } from './dates';
import { requestDueDate, type HolidayCalendar } from './eu-periods';
import { longText } from './fields';
import { dataRequestIdSchema, personIdSchema, taskIdSchema } from './ids';
import { privacySchemaVersion } from './privacy';
import { applyChanges, recordBaseShape, sameValue, type RecordBase, type Stamp } from './record';
import { DomainError } from './validation';

/** The rights a request may exercise, in the order of the Regulation (Art. 15–21). */
export const requestTypes = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
] as const;
/** One of `requestTypes`. */
export type RequestType = (typeof requestTypes)[number];

/** How a request arrived. */
export const requestChannels = ['email', 'pec', 'letter', 'phone', 'in-person', 'web-form', 'other'] as const;
/** One of `requestChannels`. */
export type RequestChannel = (typeof requestChannels)[number];

/** How a request ended. A refusal needs its reasons (Art. 12(4)). */
export const requestOutcomes = ['fulfilled', 'partly-fulfilled', 'refused', 'withdrawn'] as const;
/** One of `requestOutcomes`. */
export type RequestOutcome = (typeof requestOutcomes)[number];

/** The steps a request's log records, one per command. */
export const requestActionKinds = [
  'received',
  'person-linked',
  'identity-checked',
  'clarification-asked',
  'clarification-received',
  'extended',
  'closed',
] as const;
/** One of `requestActionKinds`. */
export type RequestActionKind = (typeof requestActionKinds)[number];

/** Days before the due date from which an open request counts as due soon. */
export const requestDueSoonDays = 7;

const reason = () => longText().trim().min(1, { error: 'required' });

/** A field a rectification changed, as the person's history recorded it (values: personal data). */
export const rectifiedFieldSchema = z.object({
  field: z.string().min(1).max(64),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  /** When the change was made (the history entry's instant). */
  at: instantSchema,
});
/** The parsed type of `rectifiedFieldSchema`. */
export type RectifiedField = Readonly<z.infer<typeof rectifiedFieldSchema>>;

/** One request of the inbox. */
export const dataRequestSchema = z
  .object({
    ...recordBaseShape,
    id: dataRequestIdSchema,
    schemaVersion: z.literal(privacySchemaVersion),
    type: z.enum(requestTypes, { error: 'invalid-choice' }),
    receivedOn: calendarDateSchema,
    channel: z.enum(requestChannels, { error: 'invalid-choice' }),
    /** What the person asked, in the controller's words. */
    summary: longText(),
    /** The person the request concerns, once found in the CRM (a requester may be unknown yet). */
    personId: personIdSchema.nullable(),
    /** How the requester's identity was verified (Art. 12(6)): when, and by what means. */
    identityCheck: z.object({ checkedOn: calendarDateSchema, note: reason() }).nullable(),
    /** The statutory deadline, as `requestDue` computes it; the write commands check it. */
    dueOn: calendarDateSchema,
    /** The extension by two further months (Art. 12(3)), with its reason and the first due date. */
    extension: z
      .object({ decidedOn: calendarDateSchema, reason: reason(), firstDueOn: calendarDateSchema })
      .nullable(),
    /** Clarification requests: the clock stops on `askedOn` and starts again on `resumedOn`. */
    pauses: z
      .array(
        z.object({
          askedOn: calendarDateSchema,
          question: reason(),
          resumedOn: calendarDateSchema.nullable(),
        }),
      )
      .max(50, { error: 'too-big' }),
    /** The request's log: one line per step taken. */
    actions: z
      .array(z.object({ on: calendarDateSchema, kind: z.enum(requestActionKinds), note: longText() }))
      .max(500, { error: 'too-big' }),
    /** The closure record: when, how, why, and for a rectification the changes it made. */
    closure: z
      .object({
        closedOn: calendarDateSchema,
        outcome: z.enum(requestOutcomes, { error: 'invalid-choice' }),
        note: longText(),
        changes: z.array(rectifiedFieldSchema).max(500, { error: 'too-big' }),
      })
      .nullable(),
    /** The tasks that remind of the deadline (see the tasks list), kept in step with `dueOn`. */
    reminderTaskIds: z.array(taskIdSchema).max(10, { error: 'too-big' }),
  })
  .superRefine((r, ctx) => {
    if (r.closure?.outcome === 'refused' && r.closure.note.trim() === '')
      ctx.addIssue({ code: 'custom', message: 'required', path: ['closure'] });
    r.pauses.forEach((p, i) => {
      if (p.resumedOn !== null && p.resumedOn < p.askedOn)
        ctx.addIssue({ code: 'custom', message: 'invalid-date', path: ['pauses'] });
      if (p.resumedOn === null && i !== r.pauses.length - 1)
        ctx.addIssue({ code: 'custom', message: 'invalid-date', path: ['pauses'] });
    });
  });
/** The parsed type of `dataRequestSchema`. */
export type DataRequest = Readonly<z.infer<typeof dataRequestSchema>>;

const dayMs = 86_400_000;
const epochDay = (date: string) => {
  if (!isCalendarDate(date)) throw new DomainError('invalid-date');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / dayMs;
};

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** True while a clarification request waits for its answer. */
export function isPaused(request: Pick<DataRequest, 'pauses'>): boolean {
  return request.pauses.at(-1)?.resumedOn === null;
}

/** The calendar days the clock was stopped, over the pauses that have ended. */
export function pausedDays(request: Pick<DataRequest, 'pauses'>): number {
  let days = 0;
  for (const p of request.pauses) if (p.resumedOn !== null) days += daysBetween(p.askedOn, p.resumedOn);
  return days;
}

/** The deadline of a request: one month (three when extended), plus the paused days, on a working day. */
export function requestDue(
  request: Pick<DataRequest, 'receivedOn' | 'extension' | 'pauses'>,
  isHoliday: HolidayCalendar,
): string {
  return requestDueDate(request.receivedOn, isHoliday, {
    extended: request.extension !== null,
    pausedDays: pausedDays(request),
  });
}

/** Where a request stands on `today`. */
export type RequestState = 'closed' | 'paused' | 'overdue' | 'due-soon' | 'open';

/** The state of a request on `today`: due soon from `requestDueSoonDays` before its deadline. */
export function requestState(request: DataRequest, today: string): RequestState {
  if (request.closure !== null) return 'closed';
  if (isPaused(request)) return 'paused';
  const left = daysBetween(today, request.dueOn);
  if (left < 0) return 'overdue';
  return left <= requestDueSoonDays ? 'due-soon' : 'open';
}

/** Days from `today` to the deadline (0 on the due date itself, negative once overdue). */
export function daysLeft(request: Pick<DataRequest, 'dueOn'>, today: string): number {
  return daysBetween(today, request.dueOn);
}

/** The requests that need attention on `today`: overdue and due soon, the earliest deadline first. */
export function requestsNeedingAttention(
  requests: Iterable<DataRequest>,
  today: string,
): { overdue: DataRequest[]; dueSoon: DataRequest[] } {
  const overdue: DataRequest[] = [];
  const dueSoon: DataRequest[] = [];
  for (const r of requests) {
    if (r.deletedAt !== null) continue;
    const state = requestState(r, today);
    if (state === 'overdue') overdue.push(r);
    else if (state === 'due-soon') dueSoon.push(r);
  }
  const byDue = (a: DataRequest, b: DataRequest) => a.dueOn.localeCompare(b.dueOn);
  return { overdue: overdue.sort(byDue), dueSoon: dueSoon.sort(byDue) };
}

/** The fields a new request is given; the deadline and the log are computed. */
export interface NewRequestFields {
  readonly type: RequestType;
  readonly receivedOn: string;
  readonly channel: RequestChannel;
  readonly summary: string;
  readonly personId: DataRequest['personId'];
  readonly reminderTaskIds?: readonly string[];
}

/** The editable fields of a new request (for `createRecord('requests', …)`). */
export function newRequestFields(
  fields: NewRequestFields,
  isHoliday: HolidayCalendar,
): Omit<DataRequest, keyof RecordBase> {
  const base = { receivedOn: fields.receivedOn, extension: null, pauses: [] };
  return {
    type: fields.type,
    receivedOn: fields.receivedOn,
    channel: fields.channel,
    summary: fields.summary,
    personId: fields.personId,
    identityCheck: null,
    dueOn: requestDue(base, isHoliday),
    extension: null,
    pauses: [],
    actions: [{ on: fields.receivedOn, kind: 'received', note: '' }],
    closure: null,
    reminderTaskIds: [...(fields.reminderTaskIds ?? [])] as DataRequest['reminderTaskIds'],
  };
}

const logged = (r: DataRequest, on: string, kind: RequestActionKind, note = '') => [
  ...r.actions,
  { on, kind, note },
];

/** Links the request to the person it concerns. */
export function linkRequestPerson(
  r: DataRequest,
  personId: DataRequest['personId'],
  on: string,
  stamp: Stamp,
): DataRequest {
  return applyChanges(r, { personId, actions: logged(r, on, 'person-linked') }, stamp);
}

/** Records how the requester's identity was checked. */
export function recordIdentityCheck(r: DataRequest, note: string, on: string, stamp: Stamp): DataRequest {
  return applyChanges(
    r,
    { identityCheck: { checkedOn: on, note }, actions: logged(r, on, 'identity-checked', note) },
    stamp,
  );
}

/** Asks the requester to clarify: the clock stops from `on`. */
export function askClarification(r: DataRequest, question: string, on: string, stamp: Stamp): DataRequest {
  return applyChanges(
    r,
    {
      pauses: [...r.pauses, { askedOn: on, question, resumedOn: null }],
      actions: logged(r, on, 'clarification-asked', question),
    },
    stamp,
  );
}

/** The answer arrived on `on`: the clock runs again and the deadline moves by the paused days. */
export function resumeRequest(
  r: DataRequest,
  on: string,
  isHoliday: HolidayCalendar,
  stamp: Stamp,
): DataRequest {
  const last = r.pauses.at(-1);
  if (!last || last.resumedOn !== null) throw new DomainError('request-not-paused');
  const pauses = [...r.pauses.slice(0, -1), { ...last, resumedOn: on }];
  return applyChanges(
    r,
    {
      pauses,
      dueOn: requestDue({ ...r, pauses }, isHoliday),
      actions: logged(r, on, 'clarification-received'),
    },
    stamp,
  );
}

/** Extends the deadline by two further months, with the reason the person will be told. */
export function extendRequest(
  r: DataRequest,
  reasonText: string,
  on: string,
  isHoliday: HolidayCalendar,
  stamp: Stamp,
): DataRequest {
  const extension = { decidedOn: on, reason: reasonText, firstDueOn: r.dueOn };
  return applyChanges(
    r,
    {
      extension,
      dueOn: requestDue({ ...r, extension }, isHoliday),
      actions: logged(r, on, 'extended', reasonText),
    },
    stamp,
  );
}

/** Closes the request with its closure record. */
export function closeRequest(
  r: DataRequest,
  closure: { outcome: RequestOutcome; note: string; changes: readonly RectifiedField[] },
  on: string,
  stamp: Stamp,
): DataRequest {
  return applyChanges(
    r,
    {
      closure: { closedOn: on, outcome: closure.outcome, note: closure.note, changes: [...closure.changes] },
      actions: logged(r, on, 'closed', closure.note),
    },
    stamp,
  );
}

/** The steps the write commands take, each allowed to change its own fields only. */
export const requestSteps = ['record', 'link', 'identity', 'pause', 'resume', 'extend', 'close'] as const;
/** One of `requestSteps`. */
export type RequestStep = (typeof requestSteps)[number];

const stepFields: Readonly<Record<RequestStep, readonly string[]>> = {
  record: [],
  link: ['personId'],
  identity: ['identityCheck'],
  pause: ['pauses'],
  resume: ['pauses', 'dueOn'],
  extend: ['extension', 'dueOn'],
  close: ['closure'],
};
const alwaysFree = new Set(['id', 'schemaVersion', 'clock', 'createdAt', 'updatedAt', 'actions']);

/** The dates a request carries, for the "not in the future, not before receipt" rules. */
function datesOf(r: DataRequest): string[] {
  return [
    r.identityCheck?.checkedOn,
    r.extension?.decidedOn,
    r.closure?.closedOn,
    ...r.pauses.flatMap((p) => [p.askedOn, p.resumedOn ?? undefined]),
    ...r.actions.map((a) => a.on),
  ].filter((d): d is string => d !== undefined);
}

/**
 * Checks one step of a request against the inbox's rules on `today`, whoever planned it. Throws
 * `DomainError`:
 * - `request-step`: the step changed fields that are not its own, shortened the log, or trashed
 *   the request (requests are kept: they are the controller's proof of answering);
 * - `request-closed`: anything after the closure;
 * - `request-in-future` / `request-date-order`: a date after today, or before the receipt;
 * - `request-due-mismatch`: `dueOn` is not what the rules give;
 * - `request-paused` / `request-not-paused`: a second clarification while one is open, or a
 *   resumption with none open;
 * - `request-already-extended` / `request-extension-late`: a second extension, or one decided
 *   after the first due date (Art. 12(3): the person is told within the first month);
 * - `rectification-change-required`: a rectification closed as done without the change it made.
 */
export function checkRequestStep(
  step: RequestStep,
  before: DataRequest | null,
  after: DataRequest,
  today: string,
  isHoliday: HolidayCalendar,
): void {
  if (step === 'record' ? before !== null : before === null) throw new DomainError('request-step');
  if (after.deletedAt !== null) throw new DomainError('request-step');
  if (before) {
    if (before.closure !== null) throw new DomainError('request-closed');
    const own = new Set(stepFields[step]);
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      if (alwaysFree.has(key) || own.has(key)) continue;
      const a = (before as Record<string, unknown>)[key];
      const b = (after as Record<string, unknown>)[key];
      if (!sameValue(a, b)) throw new DomainError('request-step');
    }
    if (!sameValue(after.actions.slice(0, before.actions.length), before.actions))
      throw new DomainError('request-step');
  } else if (after.closure !== null || after.extension !== null || after.pauses.length > 0) {
    throw new DomainError('request-step');
  }
  if (after.receivedOn > today) throw new DomainError('request-in-future');
  for (const date of datesOf(after)) {
    if (date > today) throw new DomainError('request-in-future');
    if (date < after.receivedOn) throw new DomainError('request-date-order');
  }
  if (after.dueOn !== requestDue(after, isHoliday)) throw new DomainError('request-due-mismatch');
  switch (step) {
    case 'pause':
      if (before && isPaused(before)) throw new DomainError('request-paused');
      if (after.pauses.length !== (before?.pauses.length ?? 0) + 1 || !isPaused(after))
        throw new DomainError('request-step');
      break;
    case 'resume':
      if (!before || !isPaused(before)) throw new DomainError('request-not-paused');
      if (after.pauses.length !== before.pauses.length || isPaused(after))
        throw new DomainError('request-step');
      break;
    case 'extend':
      if (before!.extension !== null) throw new DomainError('request-already-extended');
      if (after.extension === null) throw new DomainError('request-step');
      // The first due date is the one in force before the extension; it is decided on or before it.
      if (after.extension.firstDueOn !== before!.dueOn) throw new DomainError('request-step');
      if (today > before!.dueOn || after.extension.decidedOn > before!.dueOn)
        throw new DomainError('request-extension-late');
      break;
    case 'close':
      if (after.closure === null) throw new DomainError('request-step');
      if (
        after.type === 'rectification' &&
        (after.closure.outcome === 'fulfilled' || after.closure.outcome === 'partly-fulfilled') &&
        after.closure.changes.length === 0
      )
        throw new DomainError('rectification-change-required');
      break;
    default:
      break;
  }
}

/**
 * The changes a rectification made: the fields of the person's history entries recorded on or
 * after the day the request was received (newest last), the bookkeeping clock left out.
 */
export function rectificationChanges(
  request: Pick<DataRequest, 'receivedOn'>,
  history: Iterable<{
    readonly at: string;
    readonly command: string;
    readonly changes: readonly { field: string; oldValue: unknown; newValue: unknown }[];
  }>,
): RectifiedField[] {
  const out: RectifiedField[] = [];
  const entries = [...history].filter((h) => h.at.slice(0, 10) >= request.receivedOn);
  entries.sort((a, b) => a.at.localeCompare(b.at));
  for (const entry of entries) {
    for (const c of entry.changes) {
      if (c.field === 'clock') continue;
      out.push({ field: c.field, oldValue: c.oldValue, newValue: c.newValue, at: entry.at });
    }
  }
  return out;
}
