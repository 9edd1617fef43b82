import { afterEach, describe, expect, it, vi } from 'vitest';
import { menuCommandIds } from '../../shared/commands/catalog';
import { handleCommand, registerCommand } from '../ui/commands';
import { menuAllDisabled, menuEnabledState, syncMenuEnabled, type MenuEnabledState } from './menu-state';

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

describe('menu state', () => {
  it('lists every menu command, and only those', () => {
    cleanup.push(registerCommand('vault.lock', vi.fn()));
    const state = menuEnabledState();
    expect(Object.keys(state)).toEqual([...menuCommandIds]);
    expect(state['vault.lock']).toBe(true);
    expect(state['nav.deals']).toBe(false);
    expect(Object.values(menuAllDisabled()).every((v) => v === false)).toBe(true);
  });

  it('is sent at once, then only when it changes, batched, and all disabled at the end', async () => {
    const sent: MenuEnabledState[] = [];
    let undoable = false;
    let signal: () => void = () => undefined;
    cleanup.push(registerCommand('edit.undo', vi.fn(), () => undoable));
    cleanup.push(registerCommand('deals.switch-view', vi.fn(), () => false));
    const stop = syncMenuEnabled(
      (state) => sent.push(state),
      [
        (listener) => {
          signal = listener;
          return () => (signal = () => undefined);
        },
      ],
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!['edit.undo']).toBe(false);

    // A commit elsewhere: nothing changed, nothing is sent.
    signal();
    await settle();
    expect(sent).toHaveLength(1);

    // Something became undoable: one message for several signals.
    undoable = true;
    signal();
    signal();
    await settle();
    expect(sent).toHaveLength(2);
    expect(sent[1]!['edit.undo']).toBe(true);

    // A registration change is noticed without a signal.
    cleanup.push(registerCommand('vault.lock', vi.fn()));
    const offHandler = handleCommand('tasks.switch-view', { perform: vi.fn() });
    await settle();
    expect(sent).toHaveLength(3);
    expect(sent[2]!['vault.lock']).toBe(true);
    offHandler();

    stop();
    expect(sent.at(-1)).toEqual(menuAllDisabled());
    const count = sent.length;
    signal();
    await settle();
    expect(sent).toHaveLength(count);
  });
});
