import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  commandHandler,
  dropArrivalsAwayFrom,
  handleCommand,
  isCommandEnabled,
  listCommands,
  registerCommand,
  runCommand,
  runOnArrival,
  subscribeCommands,
} from './commands';

const cleanup: Array<() => void> = [];
const keep = (off: () => void): (() => void) => {
  cleanup.push(off);
  return off;
};
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
  dropArrivalsAwayFrom('');
});

describe('command registry', () => {
  it('refuses an id registered twice, and registers it again once detached', () => {
    const first = vi.fn();
    const off = keep(registerCommand('vault.lock', first));
    expect(() => registerCommand('vault.lock', vi.fn())).toThrow(/registered twice: vault\.lock/);
    // The failed attempt changed nothing.
    expect(runCommand('vault.lock')).toBe(true);
    expect(first).toHaveBeenCalledTimes(1);
    off();
    off(); // detaching twice is harmless
    expect(runCommand('vault.lock')).toBe(false);
    const second = vi.fn();
    keep(registerCommand('vault.lock', second));
    runCommand('vault.lock');
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('refuses an id the catalog does not declare (for untyped callers)', () => {
    expect(() => registerCommand('no.such' as never, vi.fn())).toThrow(/not declared/);
  });

  it('survives the StrictMode sequence: register, detach, register', () => {
    const perform = vi.fn();
    const effect = () => registerCommand('app.toggle-theme', perform);
    const offFirst = effect();
    offFirst();
    keep(effect());
    // A stale detach from the first mount does not remove the second registration.
    offFirst();
    expect(listCommands().map((c) => c.id)).toEqual(['app.toggle-theme']);
    expect(runCommand('app.toggle-theme')).toBe(true);
  });

  it('does not run a disabled command and reports it disabled', () => {
    let enabled = false;
    const perform = vi.fn();
    keep(registerCommand('edit.undo', perform, () => enabled));
    expect(isCommandEnabled('edit.undo')).toBe(false);
    expect(runCommand('edit.undo')).toBe(false);
    enabled = true;
    expect(isCommandEnabled('edit.undo')).toBe(true);
    expect(runCommand('edit.undo')).toBe(true);
    expect(perform).toHaveBeenCalledTimes(1);
    expect(isCommandEnabled('vault.lock')).toBe(false); // not registered at all
  });

  it('lists registered commands in catalog order, whatever the registration order', () => {
    keep(registerCommand('help.gdpr-text', vi.fn()));
    keep(registerCommand('app.palette', vi.fn()));
    keep(registerCommand('nav.deals', vi.fn()));
    expect(listCommands().map((c) => c.id)).toEqual(['app.palette', 'nav.deals', 'help.gdpr-text']);
  });

  it('notifies subscribers of registrations and handlers', () => {
    const listener = vi.fn();
    keep(subscribeCommands(listener));
    const off = registerCommand('nav.tasks', vi.fn());
    const offHandler = handleCommand('tasks.switch-view', { perform: vi.fn() });
    off();
    offHandler();
    expect(listener).toHaveBeenCalledTimes(4);
  });
});

describe('page handlers', () => {
  it('allow one handler per id at a time; a stale detach leaves the new one', () => {
    const offFirst = handleCommand('deals.switch-view', { perform: vi.fn() });
    expect(() => handleCommand('deals.switch-view', { perform: vi.fn() })).toThrow(/handled twice/);
    offFirst();
    const second = { perform: vi.fn() };
    keep(handleCommand('deals.switch-view', second));
    offFirst();
    expect(commandHandler('deals.switch-view')).toBe(second);
  });

  it('run a command that brought the user here once, on arrival, by the handler attached then', async () => {
    runOnArrival('import.csv', '/transfer');
    const first = vi.fn();
    const second = vi.fn();
    // StrictMode: attach, detach, attach again before the microtask runs.
    handleCommand('import.csv', { perform: first })();
    keep(handleCommand('import.csv', { perform: second }));
    await settle();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    // Consumed: coming back later does not run it again.
    cleanup.pop()!();
    keep(handleCommand('import.csv', { perform: second }));
    await settle();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('forget a command on its way once the user is elsewhere', async () => {
    runOnArrival('activities.log', '/contacts/p1');
    dropArrivalsAwayFrom('/contacts/p1'); // arrived: still waiting for the page's handler
    dropArrivalsAwayFrom('/dashboard');
    const perform = vi.fn();
    keep(handleCommand('activities.log', { perform }));
    await settle();
    expect(perform).not.toHaveBeenCalled();
  });

  it('leave other commands waiting for their own handler', async () => {
    runOnArrival('export.csv', '/transfer');
    const other = vi.fn();
    keep(handleCommand('import.csv', { perform: other }));
    const mine = vi.fn();
    keep(handleCommand('export.csv', { perform: mine }));
    await settle();
    expect(other).not.toHaveBeenCalled();
    expect(mine).toHaveBeenCalledTimes(1);
  });
});
