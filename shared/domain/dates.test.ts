import { describe, expect, it } from 'vitest';
import { calendarDateSchema, isCalendarDate, isInstant, toCalendarDate, toInstant } from './dates';

describe('calendar dates', () => {
  it('accepts real dates including leap days', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2023-12-31', '1950-01-01'])
      expect(isCalendarDate(d)).toBe(true);
  });

  it('rejects impossible or malformed dates', () => {
    for (const d of [
      '2023-02-30',
      '2023-02-29',
      '1900-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-1-5',
      '20230105',
      '2023-01-05T00:00:00Z',
    ]) {
      expect(isCalendarDate(d)).toBe(false);
    }
  });

  it('reports invalid-date through the schema', () => {
    const result = calendarDateSchema.safeParse('2023-02-30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('invalid-date');
  });
});

describe('instants', () => {
  it('round-trips epoch milliseconds', () => {
    const ms = Date.UTC(2026, 2, 1, 9, 30);
    expect(toInstant(ms)).toBe('2026-03-01T09:30:00.000Z');
    expect(isInstant(toInstant(ms))).toBe(true);
    expect(toCalendarDate(ms)).toBe('2026-03-01');
  });

  it('requires UTC and a real date', () => {
    expect(isInstant('2026-03-01T09:30:00Z')).toBe(true);
    expect(isInstant('2026-03-01T09:30:00+01:00')).toBe(false);
    expect(isInstant('2026-02-30T09:30:00Z')).toBe(false);
    expect(isInstant('2026-03-01 09:30:00Z')).toBe(false);
  });
});
