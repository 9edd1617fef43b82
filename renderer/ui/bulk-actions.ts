import {
  applyChanges,
  createRecord,
  newTagId,
  type RecordBase,
  type Stamp,
  type Tag,
  type TagId,
} from '../../shared/domain';
import { writeCsv, type CsvDelimiter, type CsvTable } from '../../shared/formats';
import type { HostClient } from '../../shared/host/contract';
import { randomBytes, type Change, type EntityTable } from '../vault';

type Taggable = RecordBase & { readonly tags: readonly TagId[] };

/**
 * The changes of one "add tag to the selection" command: the tag is created when no live tag has
 * that name (case-insensitive), and records already carrying it are left alone.
 */
export function planBulkTag<T extends Taggable>(
  table: EntityTable,
  records: readonly T[],
  tags: readonly Tag[],
  name: string,
  stamp: Stamp,
): Change[] {
  const changes: Change[] = [];
  let tag = tags.find((x) => x.deletedAt === null && x.name.toLowerCase() === name.toLowerCase());
  if (!tag) {
    tag = createRecord('tags', newTagId(randomBytes), { name, color: 'blue' } as never, stamp);
    changes.push({ table: 'tags', before: null, after: tag });
  }
  const tagId = tag.id;
  for (const record of records) {
    if (record.tags.includes(tagId)) continue;
    changes.push({
      table,
      before: record,
      after: applyChanges<T>(record, { tags: [...record.tags, tagId] } as never, stamp),
    });
  }
  return changes;
}

/** Excel set to Italian splits on `;`, so an Italian UI writes `;`; others `,`. */
export function csvDelimiterFor(language: string): CsvDelimiter {
  return language.startsWith('it') ? ';' : ',';
}

/**
 * A selection file name with the list and the local date and time only, never a name from the
 * data: `scrigno-people-selection-2026-11-28-103512.csv`. The time keeps a second export of the
 * day from colliding, since the host never overwrites.
 */
export function selectionFileName(list: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `scrigno-${list}-selection-${date}-${time}.csv`;
}

/**
 * Asks the host for the export folder and writes the table there as CSV (UTF-8 with BOM), never
 * overwriting. Returns the file name, or null when the folder dialog was cancelled.
 */
export async function saveSelectionCsv(
  host: HostClient,
  list: string,
  table: CsvTable,
  delimiter: CsvDelimiter,
  now = new Date(),
): Promise<string | null> {
  const folder = await host.invoke('dialog:choose-folder', { purpose: 'export' });
  if (!folder) return null;
  const name = selectionFileName(list, now);
  const data = new TextEncoder().encode(writeCsv(table, { delimiter }));
  await host.invoke('file:write', { folderId: folder.folderId, name, data, mode: 'create' });
  return name;
}
