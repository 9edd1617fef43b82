import { useEffect, useRef, useSyncExternalStore } from 'react';
import { commandCatalog, type CommandDeclaration, type CommandId } from '../../shared/commands/catalog';

/** What a command does here, and whether it can act now. */
export interface CommandBehaviour {
  perform(): void | Promise<void>;
  /**
   * False when the command cannot act now: the menu item is greyed, the palette shows it
   * disabled and its shortcut does nothing. Absent means always enabled.
   */
  isEnabled?(): boolean;
}

/** A command: its declaration from the catalog plus what it does here. */
export interface Command extends CommandDeclaration, CommandBehaviour {}

const registry = new Map<CommandId, Command>();
const handlers = new Map<CommandId, CommandBehaviour>();
const subscribers = new Set<() => void>();
let snapshot: readonly Command[] = [];
/** A command run elsewhere that brought the user to `path`; the page there finishes it. */
let pending: { id: CommandId; path: string } | null = null;

function changed(): void {
  snapshot = commandCatalog.flatMap((c) => registry.get(c.id) ?? []);
  for (const notify of subscribers) notify();
}

/**
 * Attaches behaviour to a declared command. Returns the function that detaches it (calling it
 * again does nothing). An id is registered once: registering it again before detaching throws.
 * The shell registers every declared command (`shell-commands.ts`); pages use
 * `useCommandHandler` instead.
 */
export function registerCommand(
  id: CommandId,
  perform: CommandBehaviour['perform'],
  isEnabled?: CommandBehaviour['isEnabled'],
): () => void {
  const declaration = commandCatalog.find((c) => c.id === id);
  // The type already says so; this is for ids that arrive untyped.
  if (!declaration) throw new Error(`Command not declared: ${id}`);
  if (registry.has(id)) throw new Error(`Command registered twice: ${id}`);
  const command: Command = { ...declaration, perform, isEnabled };
  registry.set(id, command);
  changed();
  return () => {
    if (registry.get(id) !== command) return;
    registry.delete(id);
    changed();
  };
}

/** Whether a command is registered and can act now. */
export function isCommandEnabled(id: CommandId): boolean {
  const command = registry.get(id);
  return command !== undefined && command.isEnabled?.() !== false;
}

/** Runs a command by id if it is registered and enabled; returns whether it ran. */
export function runCommand(id: CommandId): boolean {
  const command = registry.get(id);
  if (!command || command.isEnabled?.() === false) return false;
  void command.perform();
  return true;
}

/**
 * Lets the page shown handle a command while it is mounted: running the command calls this
 * behaviour instead of the shell's (`renderer/app/README.md`). One handler per id at a time: a
 * second one before the first is detached throws. If the command was run elsewhere and brought
 * the user here (`runOnArrival`), it runs now, once, after the page's effects have run.
 */
export function handleCommand(id: CommandId, behaviour: CommandBehaviour): () => void {
  if (handlers.has(id)) throw new Error(`Command handled twice: ${id}`);
  handlers.set(id, behaviour);
  if (pending?.id === id) {
    pending = null;
    // Run by whichever handler is attached then: StrictMode attaches, detaches and attaches again.
    queueMicrotask(() => {
      const handler = handlers.get(id);
      if (handler && handler.isEnabled?.() !== false) void handler.perform();
    });
  }
  changed();
  return () => {
    if (handlers.get(id) !== behaviour) return;
    handlers.delete(id);
    changed();
  };
}

/** The handler the page shown attached for a command, if any. */
export function commandHandler(id: CommandId): CommandBehaviour | undefined {
  return handlers.get(id);
}

/**
 * Remembers that the command `id` is on its way to `path` (a pathname): the page there runs it
 * when it attaches its handler. Set it before navigating.
 */
export function runOnArrival(id: CommandId, path: string): void {
  pending = { id, path };
}

/** Forgets a command on its way to another path than `pathname` (the user went elsewhere). */
export function dropArrivalsAwayFrom(pathname: string): void {
  if (pending && pending.path !== pathname) pending = null;
}

/** Calls `listener` after any registration or handler changes; returns the unsubscribe. */
export function subscribeCommands(listener: () => void): () => void {
  subscribers.add(listener);
  return () => subscribers.delete(listener);
}

/**
 * `handleCommand` for as long as the component is mounted, always calling the latest
 * `perform` and `isEnabled` of the render. A change of `isEnabled()`'s answer between renders
 * is announced to subscribers (the menu state).
 */
export function useCommandHandler(
  id: CommandId,
  perform: CommandBehaviour['perform'],
  isEnabled?: CommandBehaviour['isEnabled'],
): void {
  const latest = useRef({ perform, isEnabled });
  const answer = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    latest.current = { perform, isEnabled };
    const now = isEnabled?.();
    if (now !== answer.current) {
      answer.current = now;
      changed();
    }
  });
  useEffect(
    () =>
      handleCommand(id, {
        perform: () => latest.current.perform(),
        isEnabled: () => latest.current.isEnabled?.() !== false,
      }),
    [id],
  );
}

/** Every registered command, in catalog order. */
export function listCommands(): readonly Command[] {
  return snapshot;
}

/** The registered commands, re-rendering when the registry changes. */
export function useCommands(): readonly Command[] {
  return useSyncExternalStore(subscribeCommands, () => snapshot);
}
