import { useSyncExternalStore } from 'react';
import { commandCatalog, type CommandDeclaration } from '../../shared/commands/catalog';

/** A command: its declaration from the catalog plus what it does here. */
export interface Command extends CommandDeclaration {
  perform(): void | Promise<void>;
  /** When false the command is hidden from the palette and its shortcut does nothing. */
  isEnabled?(): boolean;
}

const registry = new Map<string, Command>();
const subscribers = new Set<() => void>();
let snapshot: readonly Command[] = [];

function changed(): void {
  snapshot = [...registry.values()];
  for (const notify of subscribers) notify();
}

/**
 * Attaches behaviour to a declared command. Returns the function that detaches it.
 * WARNING: the id must be declared in `shared/commands/catalog.ts`, so that menus and the
 * palette agree; an undeclared id throws.
 */
export function registerCommand(
  id: string,
  perform: Command['perform'],
  isEnabled?: () => boolean,
): () => void {
  const declaration = commandCatalog.find((c) => c.id === id);
  if (!declaration) throw new Error(`Command not declared: ${id}`);
  registry.set(id, { ...declaration, perform, isEnabled });
  changed();
  return () => {
    if (registry.get(id)?.perform === perform) {
      registry.delete(id);
      changed();
    }
  };
}

/** Runs a command by id if it is registered and enabled; returns whether it ran. */
export function runCommand(id: string): boolean {
  const command = registry.get(id);
  if (!command || command.isEnabled?.() === false) return false;
  void command.perform();
  return true;
}

/** Every registered command, in catalog order. */
export function listCommands(): readonly Command[] {
  return snapshot;
}

/** The registered commands, re-rendering when the registry changes. */
export function useCommands(): readonly Command[] {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => snapshot,
  );
}
