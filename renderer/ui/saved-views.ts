import { z } from 'zod';
import type { Workspace } from '../session/workspace';

/** A saved list view: filter text, sort, visible columns, trash shown or not, list-specific filters. */
export const savedViewSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  list: z.enum(['people', 'organizations', 'deals', 'tasks']),
  name: z.string().trim().min(1).max(80),
  query: z.string().max(500),
  sort: z.object({ column: z.string(), descending: z.boolean() }),
  columns: z.array(z.string()).max(30),
  showTrash: z.boolean(),
  /** Filters a list has besides the text (the deals' status): name to chosen value. */
  filters: z.record(z.string().max(40), z.string().max(40)).optional(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** The saved views of one list, by name. */
export function viewsOf(workspace: Workspace, list: SavedView['list']): SavedView[] {
  return workspace.model
    .list('views')
    .map((v) => savedViewSchema.safeParse(v))
    .flatMap((r) => (r.success && r.data.list === list ? [r.data] : []))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Stores a view (encrypted like every record: a filter may contain a name). Views are
 * preferences, not business records, so they skip history and the audit log.
 */
export async function saveView(workspace: Workspace, view: SavedView): Promise<void> {
  const checked = savedViewSchema.parse(view);
  await workspace.vault.put('views', checked.id, checked);
  workspace.model.upsert([{ table: 'views', id: checked.id, data: checked }]);
}

/** Deletes a saved view. */
export async function deleteView(workspace: Workspace, id: string): Promise<void> {
  await workspace.vault.delete('views', id);
  workspace.model.remove([{ table: 'views', id }]);
}
