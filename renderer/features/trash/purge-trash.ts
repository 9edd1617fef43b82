import {
  planPurge,
  purgeTables,
  tombstoneSchema,
  validate,
  type PurgeTable,
  type RecordBase,
} from '../../../shared/domain';
import { type Model, ValidationFailed, type Repository, type Vault } from '../../vault';
import type { Run } from '../../commands';

/** The command id of the purge in the audit log (ids and field names only, like every command). */
export const purgeCommand = 'trash.purge' as const;

/** What the purge needs from the open workspace. */
export interface PurgeContext {
  readonly vault: Vault;
  readonly model: Model;
  readonly repo: Repository;
  readonly run: Run;
  /**
   * Erases one person for good (key destroyed in the vault and in the backups' key ledger, an
   * erasure ledger entry): a person purged from the trash is erased, not merely tombstoned.
   */
  readonly erasePerson?: (personId: string) => Promise<unknown>;
}

// History entries are local only (never synced), so a vault-level delete is enough for them.
async function deleteHistory(ctx: PurgeContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // One transaction for all of them: a purge after a large import undone can hold 100k entries.
  await ctx.vault.deleteMany(ids.map((id) => ({ table: 'history', id })));
  ctx.model.remove(ids.map((id) => ({ table: 'history' as const, id })));
}

/**
 * Purges every record that has been in the trash for the whole retention period, as one
 * `trash.purge` command that cannot be undone: the records become tombstones (kept in the store
 * for sync, never in the model), their history is deleted, and the vault is compacted so the
 * superseded versions that still held the content leave the store. Does nothing, and writes
 * nothing, when nothing is due. Returns the number of records purged.
 */
export async function purgeTrash(ctx: PurgeContext, now = Date.now()): Promise<number> {
  const { model, repo, run } = ctx;
  const planNow = () => {
    const records = {} as Record<PurgeTable, readonly RecordBase[]>;
    for (const table of purgeTables) records[table] = model.list(table);
    return planPurge({ records, history: model.entries('history') }, repo.stamp(now));
  };
  let plan = planNow();
  let erased = 0;
  if (ctx.erasePerson) {
    // People first, as erasures: their records leave with their key, the rest is planned again.
    const people = plan.changes.filter((c) => c.table === 'people').map((c) => c.after.id);
    for (const id of people) await ctx.erasePerson(id);
    erased = people.length;
    if (erased > 0) plan = planNow();
  }
  if (plan.changes.length === 0) return erased;
  // The entity schemas describe live records; a tombstone is checked against its own schema here
  // and written without the repository re-checking it.
  for (const change of plan.changes) {
    const checked = validate(tombstoneSchema, change.after);
    if (!checked.ok) throw new ValidationFailed(change.table, checked.issues);
  }
  const planned = new Map(plan.changes.map((c) => [c.after.id, model.get(c.table, c.after.id)]));
  // History first: should the run stop after this, the records are still due and the next run
  // purges them.
  await deleteHistory(ctx, plan.historyIds);
  // A record restored or edited meanwhile (the model holds a new object) is no longer purged.
  const changes = plan.changes.filter((c) => model.get(c.table, c.after.id) === planned.get(c.after.id));
  if (changes.length === 0) return erased;
  await run(purgeCommand, { changes: changes, validated: true });
  const purged = new Set(changes.map((c) => c.after.id));
  // The command's own history entries (field names, null values) belong to no visible record.
  await deleteHistory(
    ctx,
    model
      .entries('history')
      .filter(([, entry]) => purged.has(entry.recordId))
      .map(([id]) => id),
  );
  model.remove(changes.map((c) => ({ table: c.table, id: c.after.id })));
  await ctx.vault.compact();
  return erased + changes.length;
}
