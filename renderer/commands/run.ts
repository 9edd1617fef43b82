/**
 * `run(id, input)`: the one entry point of every data write. It checks the input against the
 * command's schema, refuses changes to tables the command does not declare, applies the command's
 * privacy checks, and then lets its handler write through the repository.
 */
import type { Change, Repository } from '../vault';
import { applyPolicy, type LeftOut } from './policy';
import {
  writeCommands,
  type CommandInput,
  type WriteCommandDefinition,
  type WriteCommandId,
} from './write-commands';

/** What a caller may ask of one run. */
export interface RunOptions {
  /** Told, before anything is written, how many records a bulk command's checks left out. */
  readonly onLeftOut?: (leftOut: LeftOut) => void;
}

/** Runs a write command; resolves to the token `Repository.undo` takes. */
export type Run = <K extends WriteCommandId>(
  id: K,
  input: CommandInput<K>,
  options?: RunOptions,
) => Promise<number>;

/** A command was given changes to a table it does not declare (a programming error). */
export class UndeclaredTable extends Error {
  override readonly name = 'UndeclaredTable';
  constructor(
    readonly command: string,
    readonly table: string,
  ) {
    super(`${command} may not write ${table}`);
  }
}

/** The runner of one open workspace's repository. */
export function createRunner(repo: Repository): Run {
  return async (id, input, options) => {
    const definition = writeCommands[id] as WriteCommandDefinition<unknown>;
    const parsed = definition.input.parse(input) as { changes: readonly Change[] };
    const allowed = new Set(definition.tables);
    for (const change of parsed.changes) {
      if (!allowed.has(change.table)) throw new UndeclaredTable(id, change.table);
    }
    const outcome = applyPolicy(
      definition.policy,
      { command: id, changes: parsed.changes, model: repo.model },
      definition.bulk,
    );
    options?.onLeftOut?.(outcome.leftOut);
    const kept = outcome.changes === parsed.changes ? parsed : { ...parsed, changes: outcome.changes };
    return definition.handler({ id, repo, undoable: definition.undoable }, kept);
  };
}
