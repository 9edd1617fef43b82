// What the bridge writes through: the workspace's model (reads), the `sync.apply` write command
// (remote changes, with the same validation, policies, history and audit as local writes) and
// the vault (a remote erasure destroys this device's copy of the person's key).
import { isTombstone, type EntityTable, type RecordBase } from '../../shared/domain';
import type { Run } from '../commands';
import { subjectsOf, type Change, type Model, type Repository, type Vault } from '../vault';

/** The bridge's view of one open workspace. */
export interface SyncTarget {
  readonly model: Model;
  /** The local record (a purged record's tombstone included), or undefined. */
  local(table: EntityTable, id: string): RecordBase | undefined;
  /**
   * The data subjects whose keys a record is under (the registry's subject rule): none (the
   * records key), one (a person's own record) or several (a shared record: all their keys).
   */
  subjectsOf(table: EntityTable, record: RecordBase): readonly string[];
  /** Writes merged remote records in one command (`sync.apply`). */
  apply(changes: readonly Change[]): Promise<void>;
  /** Erases a person here, as a peer did: their key destroyed, their records out of the model. */
  erase(subjectId: string): Promise<void>;
  /** Moves this device's clock past a clock seen on a peer's record. */
  witness(clock: string): void;
  /**
   * Subject ids erased on this device (the erasure ledger), so an erasure made while sync was
   * not running reaches the space at the next start.
   */
  erased(): Iterable<string>;
}

/**
 * The target of an open workspace. `tombstones`: purged records the store holds but the model
 * does not (what `openWorkspace` filtered out), so a peer's older copy cannot bring one back.
 * `erased`: the subject ids erased on this device (none until the erasure feature keeps them).
 */
export function syncTargetOf(
  workspace: { readonly vault: Vault; readonly model: Model; readonly repo: Repository; readonly run: Run },
  options: {
    tombstones?: Iterable<{ table: string; id: string; data: unknown }>;
    erased?: () => Iterable<string>;
  } = {},
): SyncTarget {
  const { model, vault, repo, run } = workspace;
  const { tombstones = [], erased = () => [] } = options;
  const purged = new Map<string, RecordBase>();
  for (const t of tombstones) purged.set(`${t.table}/${t.id}`, t.data as RecordBase);
  // Tombstones written from now on leave the model at once: keep them here.
  model.subscribe((table, _ids, written) => {
    for (const record of written ?? []) {
      if (isTombstone(record)) purged.set(`${table}/${(record as RecordBase).id}`, record as RecordBase);
    }
  });
  return {
    model,
    local: (table, id) => model.get(table, id) ?? purged.get(`${table}/${id}`),
    subjectsOf: (table, record) => subjectsOf(model, table, record),
    witness: (clock) => repo.witness(clock),
    erased,
    apply: async (changes) => {
      await run('sync.apply', { changes });
    },
    erase: async (subjectId) => {
      await vault.destroySubjectKey(subjectId);
      // Every record sealed for them leaves the model (their own, and the shared records they
      // were a party to); the shared ones come back from the other parties' parts.
      repo.forgetSubject(subjectId);
    },
  };
}
