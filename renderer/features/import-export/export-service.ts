// Export files of the vault's lists: CSV (any table or selection), vCard, iCalendar. File names
// carry the kind of content and the date only, never a name from the data.
import type { Activity, Person } from '../../../shared/domain';
import {
  activitiesTable,
  dealsTable,
  organizationsTable,
  peopleTable,
  peopleToVcards,
  tasksTable,
  toICalendar,
  writeCsv,
  type CsvDelimiter,
  type CsvTable,
  type VcardVersion,
} from '../../../shared/formats';
import type { HostClient } from '../../../shared/host/contract';
import type { Model } from '../../vault';

/** Lists a CSV export can hold. */
export const csvEntities = ['people', 'organizations', 'deals', 'activities', 'tasks'] as const;
/** One of `csvEntities`. */
export type CsvEntity = (typeof csvEntities)[number];

const live = <T extends { deletedAt: string | null }>(rows: readonly T[]): T[] =>
  rows.filter((r) => r.deletedAt === null);

/** The table of one list; `ids` restricts it to a selection. */
export function entityTable(model: Model, entity: CsvEntity, ids?: ReadonlySet<string>): CsvTable {
  const pick = <T extends { id: string; deletedAt: string | null }>(rows: readonly T[]) =>
    live(rows).filter((r) => !ids || ids.has(r.id));
  const orgName = (id: string) => model.get('organizations', id)?.name ?? '';
  switch (entity) {
    case 'people':
      return peopleTable(pick(model.list('people')), orgName);
    case 'organizations':
      return organizationsTable(pick(model.list('organizations')));
    case 'deals':
      return dealsTable(
        pick(model.list('deals')),
        (d) => model.get('pipelines', d.pipelineId)?.stages.find((s) => s.id === d.stageId)?.name ?? '',
      );
    case 'activities':
      return activitiesTable(pick(model.list('activities')));
    case 'tasks':
      return tasksTable(pick(model.list('tasks')));
  }
}

/** A list as CSV bytes (UTF-8 with BOM; `;` for Excel set to Italian). */
export function exportCsv(
  model: Model,
  entity: CsvEntity,
  delimiter: CsvDelimiter,
  ids?: ReadonlySet<string>,
): Uint8Array {
  return new TextEncoder().encode(writeCsv(entityTable(model, entity, ids), { delimiter }));
}

/** Live people as one vCard file. */
export function exportVcards(model: Model, version: VcardVersion, ids?: ReadonlySet<string>): Uint8Array {
  const people = live(model.list('people')).filter((p) => !ids || ids.has(p.id));
  const orgName = (p: Person) => {
    const first = p.organizations[0];
    return first ? model.get('organizations', first.organizationId)?.name : undefined;
  };
  return new TextEncoder().encode(peopleToVcards(people, version, orgName));
}

/** Meetings, calls, visits and tasks as one iCalendar file. */
export function exportICalendar(
  model: Model,
  options: { tasksAsEvents: boolean; kindLabel: (kind: Activity['kind']) => string; now?: number },
): Uint8Array {
  return new TextEncoder().encode(
    toICalendar(model.list('activities'), model.list('tasks'), {
      now: options.now ?? Date.now(),
      tasksAsEvents: options.tasksAsEvents,
      kindLabel: options.kindLabel,
    }),
  );
}

/** A file name with the content kind and the local date and time: `scrigno-people-2026-11-28-1035.csv`. */
export function exportFileName(kind: string, extension: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `scrigno-${kind}-${date}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.${extension}`;
}

/**
 * Asks the user for a folder and writes the file there (never overwriting). Returns the file
 * name, or null when the user cancelled the folder dialog.
 */
export async function saveThroughHost(
  host: HostClient,
  name: string,
  data: Uint8Array,
): Promise<string | null> {
  const folder = await host.invoke('dialog:choose-folder', { purpose: 'export' });
  if (!folder) return null;
  await host.invoke('file:write', {
    folderId: folder.folderId,
    name,
    data: new Uint8Array(data),
    mode: 'create',
  });
  return name;
}
