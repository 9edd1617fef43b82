import { describe, expect, it } from 'vitest';
import { testBreach } from '../../test/fixtures/privacy';
import { exampleStamp } from '../../test/fixtures/records';
import { breachClock, breachSchema, checkBreach, openBreaches } from './breach';
import { validate } from './validation';

const hour = 3_600_000;
const aware = Date.UTC(2026, 2, 2, 9);
const iso = (ms: number) => new Date(ms).toISOString();
const breach = (overrides = {}) => testBreach('e'.repeat(32), exampleStamp, aware, overrides);

describe('the breach register', () => {
  it('runs the 72-hour clock from awareness: warning at 48 h, overdue at 72 h', () => {
    const b = breach();
    expect(validate(breachSchema, b).ok).toBe(true);
    expect(breachClock(b, aware + 47 * hour + 59 * 60_000)).toMatchObject({
      state: 'running',
      hours: 47,
      late: false,
    });
    expect(breachClock(b, aware + 48 * hour)).toMatchObject({ state: 'warning', hours: 48 });
    expect(breachClock(b, aware + 72 * hour)).toMatchObject({ state: 'warning', late: false });
    expect(breachClock(b, aware + 72 * hour + 1)).toMatchObject({ state: 'overdue', late: true });
    expect(breachClock(b, aware).deadline).toBe(aware + 72 * hour);
    const notified = breach({ garanteNotifiedAt: iso(aware + 30 * hour) });
    expect(breachClock(notified, aware + 100 * hour)).toMatchObject({ state: 'notified', late: false });
    const lateNotice = breach({ garanteNotifiedAt: iso(aware + 80 * hour) });
    expect(breachClock(lateNotice, aware + 100 * hour)).toMatchObject({ state: 'notified', late: true });
    const noRisk = breach({ notNotifiedReason: 'Encrypted; the key was not compromised.' });
    expect(breachClock(noRisk, aware + 100 * hour).state).toBe('not-required');
  });

  it('refuses a breach dated in the future, and dates out of order', () => {
    const now = aware + hour;
    expect(() => checkBreach(testBreach('e'.repeat(32), exampleStamp, now + 2 * hour), now)).toThrow(
      'breach-in-future',
    );
    expect(() => checkBreach(breach({ garanteNotifiedAt: iso(now + 2 * hour) }), now)).toThrow(
      'breach-in-future',
    );
    expect(() => checkBreach(breach({ occurredAt: iso(aware + 10 * 60_000) }), now)).toThrow('breach-order');
    expect(() => checkBreach(breach({ garanteNotifiedAt: iso(aware - hour) }), now)).toThrow('breach-order');
    expect(() => checkBreach(breach({ occurredAt: iso(aware - 5 * hour) }), now)).not.toThrow();
  });

  it('refuses closing a late entry without the reasons for the delay', () => {
    const now = aware + 100 * hour;
    const late = breach({ garanteNotifiedAt: iso(aware + 80 * hour), closedAt: iso(now) });
    expect(() => checkBreach(late, now)).toThrow('breach-delay-reason-required');
    expect(() =>
      checkBreach({ ...late, delayReason: 'The loss was reported by the courier only on day 3.' }, now),
    ).not.toThrow();
    const inTime = breach({ garanteNotifiedAt: iso(aware + 20 * hour), closedAt: iso(now) });
    expect(() => checkBreach(inTime, now)).not.toThrow();
    // Neither notified nor a reason not to: it cannot be closed; open, it is simply overdue.
    expect(() => checkBreach(breach({ closedAt: iso(now) }), now)).toThrow('breach-decision-required');
    expect(() => checkBreach(breach(), now)).not.toThrow();
    const closedLate = breach({ closedAt: iso(now), notNotifiedReason: '' });
    expect(breachClock({ ...closedLate, notNotifiedReason: '' }, now)).toMatchObject({
      state: 'closed',
      late: true,
    });
  });

  it('refuses an entry without the moment of awareness, and lists open entries oldest first', () => {
    const { awareAt: _a, ...undated } = breach();
    const r = validate(breachSchema, undated);
    expect(r.ok ? [] : r.issues).toEqual([{ path: ['awareAt'], code: 'breach-date-required' }]);
    const older = testBreach('1'.repeat(32), exampleStamp, aware - hour);
    const closed = breach({ closedAt: iso(aware + hour), garanteNotifiedAt: iso(aware + hour) });
    expect(openBreaches([breach(), closed, older]).map((b) => b.id)).toEqual([
      '1'.repeat(32),
      'e'.repeat(32),
    ]);
  });
});
