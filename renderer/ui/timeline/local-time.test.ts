import { describe, expect, it } from 'vitest';
import { localDate, localDateTime, localEpoch, parseLocalDateTime } from './local-time';

describe('local wall-clock helpers', () => {
  it('round-trips a local date and time through epoch milliseconds', () => {
    const epoch = new Date(2026, 2, 29, 1, 30).getTime();
    expect(localDate(epoch)).toBe('2026-03-29');
    expect(localDateTime(epoch)).toBe('2026-03-29T01:30');
    expect(parseLocalDateTime(localDateTime(epoch))).toBe(epoch);
  });

  it('reads a date without a time as local midnight', () => {
    expect(localEpoch('2026-12-31')).toBe(new Date(2026, 11, 31).getTime());
  });

  it('refuses dates that do not exist and malformed input', () => {
    expect(localEpoch('2026-02-30')).toBeNaN();
    expect(localEpoch('2026-13-01')).toBeNaN();
    expect(parseLocalDateTime('2026-01-01')).toBeNaN();
    expect(parseLocalDateTime('')).toBeNaN();
  });
});
