import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandCatalog, type CommandId } from '../../shared/commands/catalog';
import {
  dropArrivalsAwayFrom,
  handleCommand,
  isCommandEnabled,
  listCommands,
  runCommand,
} from '../ui/commands';
import { registerShellCommands, type ShellActions } from './shell-commands';

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function fakeActions(canUndo = false) {
  return {
    navigate: vi.fn(),
    togglePalette: vi.fn(),
    chooseActivitySubject: vi.fn(),
    toggleTheme: vi.fn(),
    setLanguage: vi.fn(),
    openGdprText: vi.fn(),
    print: vi.fn(),
    lock: vi.fn(),
    undo: vi.fn(),
    canUndo: vi.fn(() => canUndo),
  } satisfies ShellActions;
}

/** Everything a command run did through the shell's actions, as readable lines. */
function effects(actions: ReturnType<typeof fakeActions>): string[] {
  return Object.entries(actions).flatMap(([name, spy]) =>
    name === 'canUndo' ? [] : spy.mock.calls.map((args) => [name, ...args].join(' ')),
  );
}

/** The commands only a page (or the undo stack) can make act: disabled where nothing handles them. */
const pageBound: readonly CommandId[] = [
  'deals.switch-view',
  'tasks.switch-view',
  'privacy.access-package',
  'edit.undo',
];

let detach: Array<() => void> = [];
beforeEach(() => {
  detach = [];
});
afterEach(() => {
  detach.forEach((off) => off());
  dropArrivalsAwayFrom('');
});

describe('shell commands', () => {
  it('register every declared command exactly once', () => {
    detach.push(registerShellCommands(fakeActions()));
    expect(listCommands().map((c) => c.id)).toEqual(commandCatalog.map((c) => c.id));
    expect(() => registerShellCommands(fakeActions())).toThrow(/registered twice/);
    // The failed second shell left the first one's registrations in place.
    expect(listCommands()).toHaveLength(commandCatalog.length);
  });

  it('on a page that handles nothing, every command either acts or says it is disabled', async () => {
    const actions = fakeActions();
    detach.push(registerShellCommands(actions));
    const disabled: CommandId[] = [];
    for (const { id, route, intent } of commandCatalog) {
      Object.values(actions).forEach((spy) => spy.mockClear());
      const ran = runCommand(id);
      expect(ran, id).toBe(isCommandEnabled(id));
      if (!ran) {
        disabled.push(id);
        expect(effects(actions), id).toEqual([]);
        continue;
      }
      expect(effects(actions), id).not.toEqual([]);
      if (route) expect(effects(actions), id).toEqual([`navigate ${route}`]);
      if (intent) {
        // Arriving at the route, the page's handler finishes the command, once.
        const perform = vi.fn();
        const off = handleCommand(id, { perform });
        await settle();
        expect(perform, id).toHaveBeenCalledTimes(1);
        off();
      }
    }
    expect(disabled.sort()).toEqual([...pageBound].sort());
  });

  it('use the handler of the page shown instead of going anywhere', () => {
    const actions = fakeActions();
    detach.push(registerShellCommands(actions));
    const handled: CommandId[] = ['deals.switch-view', 'tasks.create', 'activities.log', 'import.csv'];
    const performs = handled.map((id) => {
      const perform = vi.fn();
      detach.push(handleCommand(id, { perform }));
      return perform;
    });
    for (const id of handled) expect(runCommand(id), id).toBe(true);
    performs.forEach((perform) => expect(perform).toHaveBeenCalledTimes(1));
    expect(effects(actions)).toEqual([]);
  });

  it('follow a handler that says it cannot act, and the undo stack', () => {
    const actions = fakeActions(true);
    detach.push(registerShellCommands(actions));
    detach.push(handleCommand('tasks.switch-view', { perform: vi.fn(), isEnabled: () => false }));
    expect(isCommandEnabled('tasks.switch-view')).toBe(false);
    expect(isCommandEnabled('edit.undo')).toBe(true);
    runCommand('edit.undo');
    expect(actions.undo).toHaveBeenCalledTimes(1);
  });

  it('away from a record, ask which person or organization an activity is about', () => {
    const actions = fakeActions();
    detach.push(registerShellCommands(actions));
    runCommand('activities.log');
    expect(effects(actions)).toEqual(['chooseActivitySubject']);
  });
});
