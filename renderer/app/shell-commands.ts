import { commandCatalog, type CommandId } from '../../shared/commands/catalog';
import type { Language } from '../../shared/i18n';
import { commandHandler, registerCommand, runOnArrival, type CommandBehaviour } from '../ui/commands';

/** What the shell's own commands do, given by the shell (and by tests). */
export interface ShellActions {
  navigate(to: string): void;
  togglePalette(): void;
  /** Asks which person or organization an activity is about; their page then logs it. */
  chooseActivitySubject(): void;
  toggleTheme(): void;
  setLanguage(language: Language): void;
  openGdprText(): void;
  lock(): void;
  undo(): void;
  canUndo(): boolean;
}

/** The commands whose behaviour away from a handling page is the shell's, not a route. */
function ownBehaviour(actions: ShellActions): { [K in CommandId]?: CommandBehaviour } {
  return {
    'app.palette': { perform: () => actions.togglePalette() },
    'app.toggle-theme': { perform: () => actions.toggleTheme() },
    'app.language-it': { perform: () => actions.setLanguage('it') },
    'app.language-en': { perform: () => actions.setLanguage('en') },
    'activities.log': { perform: () => actions.chooseActivitySubject() },
    'edit.undo': { perform: () => actions.undo(), isEnabled: () => actions.canUndo() },
    'vault.lock': { perform: () => actions.lock() },
    'help.gdpr-text': { perform: () => actions.openGdprText() },
  };
}

/**
 * Registers every declared command, once, for as long as the shell is shown; returns the
 * function that detaches them all. Each command does, in this order:
 * 1. what the page shown does with it, if that page attached a handler (`useCommandHandler`);
 * 2. else the shell's own behaviour (palette, theme, language, undo, lock, the activity picker);
 * 3. else it goes to its declared `route`, and with `intent` the page there runs it on arrival;
 * 4. else nothing can: it is disabled (the page-bound commands, such as `deals.switch-view`).
 */
export function registerShellCommands(actions: ShellActions): () => void {
  const own = ownBehaviour(actions);
  const detach = commandCatalog.map(({ id, route, intent }) => {
    const fallback: CommandBehaviour | undefined =
      own[id] ??
      (route === undefined
        ? undefined
        : {
            perform: () => {
              if (intent) runOnArrival(id, route.split('?')[0]!);
              actions.navigate(route);
            },
          });
    return registerCommand(
      id,
      () => (commandHandler(id) ?? fallback)?.perform(),
      () => {
        const behaviour = commandHandler(id) ?? fallback;
        return behaviour !== undefined && behaviour.isEnabled?.() !== false;
      },
    );
  });
  return () => detach.forEach((off) => off());
}
