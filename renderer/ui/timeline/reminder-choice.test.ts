import { describe, expect, it } from 'vitest';
import { localEpoch } from './local-time';
import { reminderChoiceOf, resolveReminder } from './reminder-choice';

describe('reminder choices', () => {
  it('resolves relative choices against the due moment, date-only tasks at 09:00', () => {
    expect(resolveReminder('at-due', '2026-11-30', '14:30', '')).toBe(
      new Date(localEpoch('2026-11-30', '14:30')).toISOString(),
    );
    expect(resolveReminder('1h', '2026-11-30', '', '')).toBe(
      new Date(localEpoch('2026-11-30', '08:00')).toISOString(),
    );
    expect(resolveReminder('1d', '2026-12-01', '00:10', '')).toBe(
      new Date(localEpoch('2026-11-30', '00:10')).toISOString(),
    );
  });

  it('needs a due date for relative choices and a time for a custom one', () => {
    expect(resolveReminder('15m', '', '', '')).toBeNull();
    expect(resolveReminder('custom', '2026-11-30', '', '')).toBeNull();
    expect(resolveReminder('none', '', '', 'garbage')).toBeUndefined();
    expect(resolveReminder('custom', '', '', '2026-11-30T07:05')).toBe(
      new Date(localEpoch('2026-11-30', '07:05')).toISOString(),
    );
  });

  it('reads a stored reminder back as the choice that produced it', () => {
    for (const choice of ['at-due', '15m', '1h', '1d'] as const) {
      const at = resolveReminder(choice, '2026-11-30', '10:00', '');
      expect(reminderChoiceOf(at as string, '2026-11-30', '10:00')).toEqual({ choice, custom: '' });
    }
    const odd = new Date(localEpoch('2026-11-29', '17:45')).toISOString();
    expect(reminderChoiceOf(odd, '2026-11-30', '10:00')).toEqual({
      choice: 'custom',
      custom: '2026-11-29T17:45',
    });
    expect(reminderChoiceOf(undefined, '', '')).toEqual({ choice: 'none', custom: '' });
  });
});
