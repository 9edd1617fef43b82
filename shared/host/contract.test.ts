import { describe, expect, it } from 'vitest';
import { menuCommandIds } from '../commands/catalog';
import { hostChannels, hostEvents } from './contract';

describe('host contract: commands', () => {
  it('carries only declared command ids in menu events', () => {
    expect(hostEvents['menu:command'].safeParse({ commandId: 'deals.create' }).success).toBe(true);
    expect(hostEvents['menu:command'].safeParse({ commandId: 'deals.delete-everything' }).success).toBe(
      false,
    );
  });

  it('takes the enabled state of every menu command, and of nothing else', () => {
    const input = hostChannels['menu:set-enabled'].input;
    const all = Object.fromEntries(menuCommandIds.map((id) => [id, true]));
    expect(input.safeParse({ enabled: all }).success).toBe(true);
    const { 'vault.lock': _, ...missing } = all;
    expect(input.safeParse({ enabled: missing }).success).toBe(false);
    expect(input.safeParse({ enabled: { ...all, 'tags.create': true } }).success).toBe(false);
    expect(input.safeParse({ enabled: { ...all, 'vault.lock': 'yes' } }).success).toBe(false);
  });
});
