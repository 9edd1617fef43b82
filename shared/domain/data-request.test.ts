import { describe, expect, it } from 'vitest';
import { loadHolidayCalendar } from '../../renderer/features/rights/holiday-calendar';
import { testRequest } from '../../test/fixtures/requests';
import {
  askClarification,
  checkRequestStep,
  closeRequest,
  daysLeft,
  extendRequest,
  isPaused,
  linkRequestPerson,
  pausedDays,
  recordIdentityCheck,
  rectificationChanges,
  requestDue,
  requestsNeedingAttention,
  requestState,
  resumeRequest,
  type DataRequest,
} from './data-request';
import { applyChanges, type Stamp } from './record';
import { dataRequestSchema } from './data-request';
import { validate } from './validation';

const italian = await loadHolidayCalendar('IT');
let tick = 0;
const stamp = (): Stamp => ({
  clock: `${(1_800_000_000_000 + ++tick).toString(16).padStart(12, '0')}-0000-${'a'.repeat(16)}`,
  at: 1_800_000_000_000 + tick,
});
const id = (n: number) => n.toString(16).padStart(32, '0');
const received = (on: string, type: DataRequest['type'] = 'access') =>
  testRequest(id(++tick), stamp(), italian, { receivedOn: on, type });
const step = (
  s: Parameters<typeof checkRequestStep>[0],
  before: DataRequest | null,
  after: DataRequest,
  today: string,
) => checkRequestStep(s, before, after, today, italian);

describe('a request’s deadline (Art. 12(3), Regulation 1182/71, Italian holidays)', () => {
  it('is computed when the request is recorded, for the four dates of the rule', () => {
    expect(received('2028-01-30').dueOn).toBe('2028-02-29');
    expect(received('2027-03-31').dueOn).toBe('2027-04-30');
    expect(received('2027-01-30').dueOn).toBe('2027-03-01');
    expect(received('2027-05-02').dueOn).toBe('2027-06-03');
    const r = received('2027-05-02');
    expect(validate(dataRequestSchema, r).ok).toBe(true);
    expect(() => step('record', null, r, '2027-05-02')).not.toThrow();
  });

  it('refuses a stored deadline the rules do not give, and a receipt in the future', () => {
    const r = received('2027-05-02');
    // 2 June is the Festa della Repubblica: a deadline left on it is refused.
    expect(() => step('record', null, { ...r, dueOn: '2027-06-02' }, '2027-05-02')).toThrow(
      'request-due-mismatch',
    );
    expect(() => step('record', null, r, '2027-05-01')).toThrow('request-in-future');
  });

  it('extends by two further months only with a reason, once, on or before the first due date', () => {
    const r = received('2027-03-31');
    const extended = extendRequest(r, 'Thirty years of records', '2027-04-30', italian, stamp());
    expect(extended.dueOn).toBe('2027-06-30');
    expect(extended.extension).toEqual({
      decidedOn: '2027-04-30',
      reason: 'Thirty years of records',
      firstDueOn: '2027-04-30',
    });
    // On the first due date itself: still in time.
    expect(() => step('extend', r, extended, '2027-04-30')).not.toThrow();
    // The day after: too late, whatever date the caller wrote.
    expect(() => step('extend', r, extended, '2027-05-01')).toThrow('request-extension-late');
    const backDated = extendRequest(r, 'Thirty years of records', '2027-04-20', italian, stamp());
    expect(() => step('extend', r, backDated, '2027-05-03')).toThrow('request-extension-late');
    // Twice: refused.
    const again = extendRequest(extended, 'More', '2027-04-30', italian, stamp());
    expect(() => step('extend', extended, again, '2027-04-30')).toThrow('request-already-extended');
    // Without a reason: the record itself is invalid.
    const bare = extendRequest(r, '  ', '2027-04-30', italian, stamp());
    expect(validate(dataRequestSchema, bare).ok).toBe(false);
    // An extension written by another step is refused.
    expect(() => step('identity', r, extended, '2027-04-30')).toThrow('request-step');
  });

  it('stops the clock from the clarification request and moves the deadline by the paused days', () => {
    const r = received('2027-03-31'); // due Friday 30 April
    const paused = askClarification(r, 'Which contracts?', '2027-04-10', stamp());
    expect(isPaused(paused)).toBe(true);
    expect(requestState(paused, '2027-05-20')).toBe('paused');
    expect(() => step('pause', r, paused, '2027-04-10')).not.toThrow();
    // A second question while the first is open: refused.
    const twice = askClarification(paused, 'And which years?', '2027-04-11', stamp());
    expect(() => step('pause', paused, twice, '2027-04-11')).toThrow('request-paused');
    // Answer on 13 April: 3 days paused → 30 April + 3 = Monday 3 May.
    const resumed = resumeRequest(paused, '2027-04-13', italian, stamp());
    expect(pausedDays(resumed)).toBe(3);
    expect(resumed.dueOn).toBe('2027-05-03');
    expect(() => step('resume', paused, resumed, '2027-04-13')).not.toThrow();
    expect(() => resumeRequest(resumed, '2027-04-14', italian, stamp())).toThrow('request-not-paused');
    // Asked and answered the same day: no day paused, the deadline stays.
    const sameDay = resumeRequest(
      askClarification(r, 'Q', '2027-04-10', stamp()),
      '2027-04-10',
      italian,
      stamp(),
    );
    expect(sameDay.dueOn).toBe('2027-04-30');
    // The moved end lands on a holiday and moves on: received 1 May → due Tuesday 1 June; one
    // day paused → 2 June, Festa della Repubblica → 3 June.
    const may = received('2027-05-01'); // due Tuesday 1 June
    const one = resumeRequest(
      askClarification(may, 'Q', '2027-05-10', stamp()),
      '2027-05-11',
      italian,
      stamp(),
    );
    expect(one.dueOn).toBe('2027-06-03');
  });

  it('refuses a resumption before its question, dates in the future or before the receipt', () => {
    const r = received('2027-03-31');
    const paused = askClarification(r, 'Q', '2027-04-10', stamp());
    const early = {
      ...paused,
      pauses: [{ ...paused.pauses[0]!, resumedOn: '2027-04-09' }],
    } as DataRequest;
    expect(validate(dataRequestSchema, early).ok).toBe(false);
    const future = recordIdentityCheck(r, 'Passport', '2027-04-12', stamp());
    expect(() => step('identity', r, future, '2027-04-11')).toThrow('request-in-future');
    const before = recordIdentityCheck(r, 'Passport', '2027-03-30', stamp());
    expect(() => step('identity', r, before, '2027-04-11')).toThrow('request-date-order');
  });

  it('takes each step’s own fields only, keeps the log, and freezes a closed request', () => {
    const r = received('2027-03-31');
    const linked = linkRequestPerson(r, id(999) as DataRequest['personId'], '2027-04-01', stamp());
    expect(() => step('link', r, linked, '2027-04-01')).not.toThrow();
    expect(() => step('identity', r, linked, '2027-04-01')).toThrow('request-step');
    const shortened = applyChanges(linked, { actions: [] }, stamp());
    expect(() => step('link', r, shortened, '2027-04-01')).toThrow('request-step');
    const trashed = applyChanges(r, { deletedAt: '2027-04-01T10:00:00.000Z' }, stamp());
    expect(() => step('link', r, trashed, '2027-04-01')).toThrow('request-step');
    const closed = closeRequest(
      r,
      { outcome: 'fulfilled', note: 'Sent', changes: [] },
      '2027-04-20',
      stamp(),
    );
    expect(() => step('close', r, closed, '2027-04-20')).not.toThrow();
    const after = recordIdentityCheck(closed, 'Late', '2027-04-21', stamp());
    expect(() => step('identity', closed, after, '2027-04-21')).toThrow('request-closed');
    expect(requestState(closed, '2028-01-01')).toBe('closed');
    // A refusal needs its reasons (Art. 12(4)).
    const refused = closeRequest(r, { outcome: 'refused', note: '', changes: [] }, '2027-04-20', stamp());
    expect(validate(dataRequestSchema, refused).ok).toBe(false);
  });

  it('closes a rectification as done only with the change it made', () => {
    const r = received('2027-03-31', 'rectification');
    const empty = closeRequest(r, { outcome: 'fulfilled', note: '', changes: [] }, '2027-04-02', stamp());
    expect(() => step('close', r, empty, '2027-04-02')).toThrow('rectification-change-required');
    const history = [
      {
        at: '2027-03-30T09:00:00.000Z',
        command: 'people.update',
        changes: [{ field: 'jobTitle', oldValue: 'a', newValue: 'b' }],
      },
      {
        at: '2027-04-01T09:00:00.000Z',
        command: 'people.update',
        changes: [
          { field: 'familyName', oldValue: 'Rosi', newValue: 'Rossi' },
          { field: 'clock', oldValue: {}, newValue: {} },
        ],
      },
    ];
    const changes = rectificationChanges(r, history);
    expect(changes).toEqual([
      { field: 'familyName', oldValue: 'Rosi', newValue: 'Rossi', at: '2027-04-01T09:00:00.000Z' },
    ]);
    const done = closeRequest(r, { outcome: 'fulfilled', note: '', changes }, '2027-04-02', stamp());
    expect(() => step('close', r, done, '2027-04-02')).not.toThrow();
    // Refusing a rectification needs no change, only its reasons.
    const refused = closeRequest(
      r,
      { outcome: 'refused', note: 'Data are accurate', changes: [] },
      '2027-04-02',
      stamp(),
    );
    expect(() => step('close', r, refused, '2027-04-02')).not.toThrow();
  });

  it('reports overdue and due-soon requests, earliest deadline first', () => {
    const a = received('2027-03-31'); // due 30 April
    const b = received('2027-03-01'); // due 1 April
    const c = received('2027-04-20'); // due 20 May
    expect(daysLeft(a, '2027-04-28')).toBe(2);
    expect(requestState(a, '2027-04-22')).toBe('open');
    expect(requestState(a, '2027-04-23')).toBe('due-soon');
    expect(requestState(a, '2027-04-30')).toBe('due-soon');
    expect(requestState(a, '2027-05-01')).toBe('overdue');
    expect(requestState(c, '2027-04-28')).toBe('open');
    const { overdue, dueSoon } = requestsNeedingAttention([a, b, c], '2027-04-28');
    expect(overdue.map((r) => r.id)).toEqual([b.id]);
    expect(dueSoon.map((r) => r.id)).toEqual([a.id]);
    expect(requestDue(a, italian)).toBe(a.dueOn);
  });
});
