/**
 * The read commands: every way the app takes people's records out of the vault in bulk (an
 * export, the reminders it shows) is declared here with the tables it reads and its privacy
 * policy, like a write command. `read(id, table, records)` hands the checks the records about
 * to be read; a check leaves out the ones it refuses and the caller is told how many.
 */
import type { EntityTable, RecordOf } from '../../shared/domain';
import type { Model } from '../vault';
import { applyPolicy, type LeftOut, type PolicyCheck } from './policy';

/** One read command's declaration. */
export interface ReadCommandDefinition {
  /** The only tables it reads. */
  readonly tables: readonly EntityTable[];
  /** The privacy checks that apply, in order (an empty list is a decision too: say why). */
  readonly policy: readonly PolicyCheck[];
}

const reads = (tables: readonly EntityTable[], policy: readonly PolicyCheck[]): ReadCommandDefinition => ({
  tables,
  policy,
});

/** Every read command, by id (`area.verb`). */
export const readCommands = {
  // The export panel: a list as CSV, people as vCard, the calendar.
  'export.csv': reads(['people', 'organizations', 'deals', 'activities', 'tasks'], ['subject-restricted']),
  'export.vcard': reads(['people'], ['subject-restricted']),
  'export.ical': reads(['activities', 'tasks'], ['subject-restricted']),
  // A list's "Export selection" (people, organizations, deals, tasks).
  'export.selection': reads(['people', 'organizations', 'deals', 'tasks'], ['subject-restricted']),
  // The newsletter list: people with a marketing purpose, minus restriction and objection.
  'export.marketing': reads(['people'], ['subject-restricted', 'marketing-suppression']),
  // The portable archive is the controller's own copy of the whole vault, a form of storage,
  // which Art. 18(2) leaves allowed; a restricted person stays in it with their restriction, so
  // restoring it keeps them restricted. (See the rights feature's README.)
  'export.archive': reads(['people', 'activities', 'tasks', 'deals'], []),
  // Reminders shown in the app and as system notifications are processing too.
  'reminders.due': reads(['tasks'], ['subject-restricted']),
  // The person's own access and portability package (Art. 15, 20), made for them: no check may
  // stand in the way of a right, a restricted or objecting person's included (Art. 18(2) does not
  // stop giving the person their own data). Its export and print are audited (`recordRead`).
  'privacy.access-package': reads(
    ['people', 'activities', 'tasks', 'deals', 'person-purposes', 'consents', 'indirect-notices'],
    [],
  ),
} satisfies Record<string, ReadCommandDefinition>;

/** A read command id. */
export type ReadCommandId = keyof typeof readCommands;
/** The ids of every read command. */
export const readCommandIds = Object.keys(readCommands) as ReadCommandId[];

/** What a read lets through, and how many records each check left out. */
export interface ReadResult<T> {
  readonly records: T[];
  readonly leftOut: LeftOut;
}

/** Filters records about to be read through the command's checks. */
export type Read = <K extends EntityTable>(
  id: ReadCommandId,
  table: K,
  records: readonly RecordOf<K>[],
) => ReadResult<RecordOf<K>>;

/** A read command used a table it does not declare (a programming error). */
export class UndeclaredRead extends Error {
  override readonly name = 'UndeclaredRead';
  constructor(
    readonly command: string,
    readonly table: string,
  ) {
    super(`${command} may not read ${table}`);
  }
}

/** The reader of one open workspace's model. */
export function createReader(model: Model): Read {
  return (id, table, records) => {
    const definition: ReadCommandDefinition = readCommands[id];
    if (!definition.tables.includes(table)) throw new UndeclaredRead(id, table);
    const changes = records.map((r) => ({ table, before: r, after: r }));
    const outcome = applyPolicy(definition.policy, { command: id, changes, model }, true);
    // The records come back as given (the checks only leave some out).
    const kept = new Set<unknown>(outcome.changes.map((c) => c.after));
    return { records: records.filter((r) => kept.has(r)), leftOut: outcome.leftOut };
  };
}
