/**
 * Periods of EU law, as Regulation (EEC, Euratom) No 1182/71 counts them, for the deadlines of
 * data subjects' requests (GDPR Art. 12(3): one month from receipt, extendable by two further
 * months). A period in months ends on the same date of the last month, or on that month's last
 * day where the date does not exist (Art. 3(2)(c)); a period ending on a Saturday, a Sunday or a
 * public holiday ends on the next working day (Art. 3(4)). Holidays are passed in, so the rule
 * stays pure: the app gives it the Italian public holidays (`date-holidays`, lazily loaded).
 */
import { daysInMonth, isCalendarDate } from './dates';
import { DomainError } from './validation';

/** True when the calendar date (`YYYY-MM-DD`) is a public holiday where the controller works. */
export type HolidayCalendar = (date: string) => boolean;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const format = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function checked(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new DomainError('invalid-date');
  return parts(date);
}

/** The date `months` months after `date`, clamped to the last day of a shorter month (Art. 3(2)(c)). */
export function addMonthsEu(date: string, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError('months must be a whole number ≥ 0');
  const [y, m, d] = checked(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The day after `date`. */
export function nextDay(date: string): string {
  const [y, m, d] = checked(date);
  if (d < daysInMonth(y, m)) return format(y, m, d + 1);
  return m < 12 ? format(y, m + 1, 1) : format(y + 1, 1, 1);
}

/** Day of the week of a calendar date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = checked(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `date` itself if it is a working day, else the next working day (Art. 3(4)). */
export function workingDayFrom(date: string, isHoliday: HolidayCalendar): string {
  let day = date;
  // Weekends and holidays never run a year long: the bound only stops a calendar that says every day is one.
  for (let i = 0; i < 366; i++) {
    const w = weekday(day);
    if (w !== 0 && w !== 6 && !isHoliday(day)) return day;
    day = nextDay(day);
  }
  throw new RangeError('holiday calendar has no working day within a year');
}

/** The end of a period of `months` months from `start`, moved off non-working days. */
export function periodEnd(start: string, months: number, isHoliday: HolidayCalendar): string {
  return workingDayFrom(addMonthsEu(start, months), isHoliday);
}

/**
 * The deadline to answer a request received on `received` (Art. 12(3)): one month, or three in all
 * when extended. Days the clock was paused (the controller waiting for a clarification, counted by
 * the caller) push the nominal end forward before the working-day rule applies.
 */
export function requestDueDate(
  received: string,
  isHoliday: HolidayCalendar,
  options: { extended?: boolean; pausedDays?: number } = {},
): string {
  const paused = options.pausedDays ?? 0;
  if (!Number.isInteger(paused) || paused < 0) throw new RangeError('pausedDays must be a whole number ≥ 0');
  let end = addMonthsEu(received, options.extended ? 3 : 1);
  for (let i = 0; i < paused; i++) end = nextDay(end);
  return workingDayFrom(end, isHoliday);
}
