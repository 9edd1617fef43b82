/**
 * Dates and times. Calendar dates (birthdays, due dates) are `YYYY-MM-DD` strings, not timestamps:
 * a birthday must not move when the user travels across time zones. Instants are ISO 8601 UTC
 * strings (`2026-03-01T09:30:00.000Z`); rules take "now" as epoch milliseconds so they stay pure.
 */
import { z } from 'zod';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True if `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date in `YYYY-MM-DD` form (2023-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  const m = datePattern.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A calendar date `YYYY-MM-DD`. */
export const calendarDateSchema = z.string().refine(isCalendarDate, { error: 'invalid-date' });
/** A calendar date `YYYY-MM-DD`. */
export type CalendarDate = z.infer<typeof calendarDateSchema>;

/** A wall-clock time `HH:MM` (24 h). */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'invalid-time' });

const instantPattern = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{3})?Z$/;

/** True for an ISO 8601 UTC instant with a real calendar date. */
export function isInstant(value: string): boolean {
  return instantPattern.test(value) && isCalendarDate(value.slice(0, 10));
}

/** An instant, ISO 8601 in UTC (`Z`), milliseconds optional. */
export const instantSchema = z.string().refine(isInstant, { error: 'invalid-datetime' });
/** An instant, ISO 8601 in UTC. */
export type Instant = z.infer<typeof instantSchema>;

/** Formats epoch milliseconds as an instant string. */
export function toInstant(epochMs: number): Instant {
  return new Date(epochMs).toISOString();
}

/** Epoch milliseconds of an instant string. */
export function instantToEpoch(instant: Instant): number {
  return Date.parse(instant);
}

/** The UTC calendar date of epoch milliseconds. */
export function toCalendarDate(epochMs: number): CalendarDate {
  return new Date(epochMs).toISOString().slice(0, 10);
}
