import type { Organization, Person } from '../../../shared/domain';
import type { Workspace } from '../../session/workspace';
import { sealedFor, tables, type TableName, type PutItem } from '../../vault';
import type { RestorableBackup } from './engine';

const kept: ReadonlySet<TableName> = new Set(['settings']);

/**
 * Replaces the vault's records with a backup's: every restored record is written with its
 * subject and blind-index tokens, then records absent from the backup are deleted. Device and
 * backup settings stay as they are.
 * WARNING: destructive; the caller makes a safety backup first and reloads the workspace after.
 */
export async function replaceWithBackup(workspace: Workspace, backup: RestorableBackup): Promise<void> {
  const { vault, model, repo } = workspace;
  const incoming = new Set(backup.records.map((r) => `${r.table}/${r.id}`));
  const items: PutItem[] = [];
  for (const r of backup.records) {
    if (kept.has(r.table)) continue;
    const blind =
      r.table === 'people' || r.table === 'organizations'
        ? await repo.blindTokens(r.data as Person | Organization)
        : undefined;
    // A shared record's subjects come comma-joined: it is sealed for all of them again.
    items.push({
      table: r.table,
      id: r.id,
      data: r.data,
      ...sealedFor(r.subjectId?.split(',') ?? []),
      blind,
    });
  }
  await vault.putMany(items);
  for (const table of tables) {
    if (kept.has(table)) continue;
    for (const [id] of model.entries(table)) {
      if (!incoming.has(`${table}/${id}`)) await vault.delete(table, id);
    }
  }
}
