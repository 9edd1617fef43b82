import { erasedIds, withoutPeople, type Organization, type Person } from '../../../shared/domain';
import type { Workspace } from '../../session/workspace';
import { sealedFor, tables, type TableName, type PutItem } from '../../vault';
import type { RestorableBackup } from './engine';

const kept: ReadonlySet<TableName> = new Set(['settings']);
// Erasure is never undone: the erasure ledger and the suppression list of the vault outlive a
// restore of an older backup (the backup's own entries join them).
const merged: ReadonlySet<TableName> = new Set(['erasures', 'suppressions']);

/**
 * Replaces the vault's records with a backup's: every restored record is written with its
 * subject and blind-index tokens, then records absent from the backup are deleted. Device and
 * backup settings stay as they are, and so do the erasure ledger and the suppression list. The
 * erasure ledger is replayed first: a person it names does not come back (their own records were
 * dropped when the backup was opened; shared records come back without their id).
 * WARNING: destructive; the caller makes a safety backup first and reloads the workspace after.
 */
export async function replaceWithBackup(workspace: Workspace, backup: RestorableBackup): Promise<void> {
  const { vault, model, repo } = workspace;
  const restoredErasures = backup.records.filter((r) => r.table === 'erasures').map((r) => r.data);
  const erased = erasedIds({
    list: () => [
      ...model.list('erasures'),
      ...(restoredErasures as ReturnType<typeof model.list<'erasures'>>),
    ],
  });
  const items: PutItem[] = [];
  for (const r of backup.records) {
    if (kept.has(r.table)) continue;
    if (r.table === 'people' && erased.subjects.has((r.data as Person).subjectId)) continue;
    // A shared record comes with its subjects comma-joined: it is sealed for all of them again.
    const subjects = r.subjectId?.split(',') ?? [];
    // Sealed for an erased subject: it held their data and opened only with their key. Never
    // written back (sealing it would make that subject a new key), whatever opened it; what the
    // other parties keep of it comes as their own parts.
    if (subjects.some((sid) => erased.subjects.has(sid))) continue;
    const data = withoutPeople(r.table, r.data, erased.people);
    if (data === null) continue;
    const blind =
      r.table === 'people' || r.table === 'organizations'
        ? await repo.blindTokens(data as Person | Organization)
        : undefined;
    items.push({ table: r.table, id: r.id, data, ...sealedFor(subjects), blind });
  }
  await vault.putMany(items);
  const incoming = new Set(items.map((r) => `${r.table}/${r.id}`));
  for (const table of tables) {
    if (kept.has(table) || merged.has(table)) continue;
    for (const [id] of model.entries(table)) {
      if (!incoming.has(`${table}/${id}`)) await vault.delete(table, id);
    }
  }
}
