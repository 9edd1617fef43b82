import { describe, expect, it } from 'vitest';
import { formatShortcut, matchesShortcut } from './shortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
  code = '',
) =>
  ({
    key: k,
    code,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  }) as KeyboardEvent;

describe('shortcuts', () => {
  it('maps Mod to Ctrl elsewhere and Cmd on macOS', () => {
    expect(matchesShortcut(key('k', { ctrlKey: true }), 'Mod+K', false)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), 'Mod+K', false)).toBe(false);
    expect(matchesShortcut(key('k', { metaKey: true }), 'Mod+K', true)).toBe(true);
    expect(matchesShortcut(key('k', { ctrlKey: true }), 'Mod+K', true)).toBe(false);
  });

  it('requires the exact modifiers', () => {
    expect(matchesShortcut(key('K', { ctrlKey: true, shiftKey: true }), 'Mod+K', false)).toBe(false);
    expect(matchesShortcut(key('L', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+L', false)).toBe(true);
    expect(matchesShortcut(key('k'), 'Mod+K', false)).toBe(false);
  });

  it('matches digits by physical key, whatever the layout prints', () => {
    expect(matchesShortcut(key('&', { ctrlKey: true }, 'Digit1'), 'Mod+1', false)).toBe(true);
    expect(matchesShortcut(key(',', { ctrlKey: true }), 'Mod+,', false)).toBe(true);
  });

  it('writes shortcuts the platform way', () => {
    expect(formatShortcut('Mod+Shift+L', false)).toBe('Ctrl+Shift+L');
    expect(formatShortcut('Mod+K', true)).toBe('⌘K');
  });
});
