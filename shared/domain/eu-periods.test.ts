import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsEu,
  nextDay,
  requestDueDate,
  weekday,
  workingDayFrom,
  type HolidayCalendar,
} from './eu-periods';
import { loadHolidayCalendar } from '../../renderer/features/rights/holiday-calendar';
import { daysInMonth, isCalendarDate } from './dates';

const italian = await loadHolidayCalendar('IT');
const none: HolidayCalendar = () => false;

describe('request deadlines (Regulation 1182/71, Italian public holidays)', () => {
  it('falls on the same date next month, the last day of a shorter month, or the next working day', () => {
    // Leap year: 30 January → 29 February (a Tuesday).
    expect(requestDueDate('2028-01-30', italian)).toBe('2028-02-29');
    // 31 March → 30 April (a Friday).
    expect(requestDueDate('2027-03-31', italian)).toBe('2027-04-30');
    // 30 January → 28 February 2027, a Sunday → Monday 1 March.
    expect(requestDueDate('2027-01-30', italian)).toBe('2027-03-01');
    // 2 May → 2 June, Festa della Repubblica (a Wednesday) → 3 June.
    expect(requestDueDate('2027-05-02', italian)).toBe('2027-06-03');
  });

  it('moves off Easter Monday and a Saturday followed by a holiday-free Monday', () => {
    // 29 March 2027 is Easter Monday: received 28 February → due 28 March (Easter Sunday) → Tuesday 30 March.
    expect(requestDueDate('2027-02-28', italian)).toBe('2027-03-30');
    // Without holidays the same Sunday ends on the Monday.
    expect(requestDueDate('2027-02-28', none)).toBe('2027-03-29');
    // 2027-11-06 is a Saturday: received 6 October → Monday 8 November.
    expect(requestDueDate('2027-10-06', italian)).toBe('2027-11-08');
  });

  it('extends to three months in all, and a paused clock pushes the end by the days it was paused', () => {
    expect(requestDueDate('2027-03-31', italian, { extended: true })).toBe('2027-06-30');
    // 30 April + 3 paused days = 3 May 2027, a Monday.
    expect(requestDueDate('2027-03-31', italian, { pausedDays: 3 })).toBe('2027-05-03');
  });

  it('refuses dates that do not exist', () => {
    expect(() => requestDueDate('2027-02-29', italian)).toThrow('invalid-date');
    expect(() => addMonthsEu('2027-13-01', 1)).toThrow('invalid-date');
  });

  it('always ends on a working day within the month after the nominal end, never before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 24 }),
        (y, m, d, months) => {
          const start = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, daysInMonth(y, m))).padStart(2, '0')}`;
          const nominal = addMonthsEu(start, months);
          expect(isCalendarDate(nominal)).toBe(true);
          // Same day of month, or the month's last day when the start's day is past it.
          const [, , sd] = start.split('-').map(Number) as [number, number, number];
          const [ny, nm, nd] = nominal.split('-').map(Number) as [number, number, number];
          expect(nd).toBe(Math.min(sd, daysInMonth(ny, nm)));
          expect(ny * 12 + nm - (y * 12 + m)).toBe(months);
          const end = workingDayFrom(nominal, none);
          expect(end >= nominal).toBe(true);
          expect([1, 2, 3, 4, 5]).toContain(weekday(end));
          // At most two days later without holidays (Saturday → Monday).
          expect([nominal, nextDay(nominal), nextDay(nextDay(nominal))]).toContain(end);
        },
      ),
    );
  });
});
