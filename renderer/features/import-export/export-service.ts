// Export files of the vault's lists: CSV (any table or selection), vCard, iCalendar. File names
// carry the kind of content and the date only, never a name from the data.
import {
  marketingAudience,
  marketingPurposes,
  type Activity,
  type Deal,
  type Person,
  type RecordOf,
} from '../../../shared/domain';
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
import type { LeftOut, PolicyCheck, Read } from '../../commands';
import type { Model } from '../../vault';

/** Lists a CSV export can hold. */
export const csvEntities = ['people', 'organizations', 'deals', 'activities', 'tasks'] as const;
/** One of `csvEntities`. */
export type CsvEntity = (typeof csvEntities)[number];

const live = <T extends { deletedAt: string | null }>(rows: readonly T[]): T[] =>
  rows.filter((r) => r.deletedAt === null);

/** What an export reads with: the model and the workspace's read commands (privacy checks). */
export interface ExportSource {
  readonly model: Model;
  readonly read: Read;
}

/** An export's bytes and how many records the privacy checks left out of it. */
export interface ExportResult {
  readonly data: Uint8Array;
  readonly leftOut: LeftOut;
}

const merged = (...all: LeftOut[]): LeftOut => {
  const out: LeftOut = {};
  for (const l of all)
    for (const [check, n] of Object.entries(l) as Array<[PolicyCheck, number]>)
      out[check] = (out[check] ?? 0) + n;
  return out;
};

/**
 * The table of one list, after the `export.csv` checks (a restricted person is left out, and so
 * are the activities, deals and tasks about them); `ids` restricts it to a selection.
 */
export function entityTable(
  { model, read }: ExportSource,
  entity: CsvEntity,
  ids?: ReadonlySet<string>,
): { table: CsvTable; leftOut: LeftOut } {
  const pick = <K extends CsvEntity>(table: K) => {
    const rows = live<RecordOf<K>>(model.list(table)).filter((r) => !ids || ids.has(r.id));
    return read('export.csv', table, rows);
  };
  const orgName = (id: string) => model.get('organizations', id)?.name ?? '';
  switch (entity) {
    case 'people': {
      const r = pick('people');
      return { table: peopleTable(r.records, orgName), leftOut: r.leftOut };
    }
    case 'organizations': {
      const r = pick('organizations');
      return { table: organizationsTable(r.records), leftOut: r.leftOut };
    }
    case 'deals': {
      const r = pick('deals');
      const stage = (d: Deal) =>
        model.get('pipelines', d.pipelineId)?.stages.find((s) => s.id === d.stageId)?.name ?? '';
      return { table: dealsTable(r.records, stage), leftOut: r.leftOut };
    }
    case 'activities': {
      const r = pick('activities');
      return { table: activitiesTable(r.records), leftOut: r.leftOut };
    }
    case 'tasks': {
      const r = pick('tasks');
      return { table: tasksTable(r.records), leftOut: r.leftOut };
    }
  }
}

/** A list as CSV bytes (UTF-8 with BOM; `;` for Excel set to Italian). */
export function exportCsv(
  source: ExportSource,
  entity: CsvEntity,
  delimiter: CsvDelimiter,
  ids?: ReadonlySet<string>,
): ExportResult {
  const { table, leftOut } = entityTable(source, entity, ids);
  return { data: new TextEncoder().encode(writeCsv(table, { delimiter })), leftOut };
}

/** Live people as one vCard file, after the `export.vcard` checks. */
export function exportVcards(
  { model, read }: ExportSource,
  version: VcardVersion,
  ids?: ReadonlySet<string>,
): ExportResult {
  const { records: people, leftOut } = read(
    'export.vcard',
    'people',
    live(model.list('people')).filter((p) => !ids || ids.has(p.id)),
  );
  const orgName = (p: Person) => {
    const first = p.organizations[0];
    return first ? model.get('organizations', first.organizationId)?.name : undefined;
  };
  return { data: new TextEncoder().encode(peopleToVcards(people, version, orgName)), leftOut };
}

/** Meetings, calls, visits and tasks as one iCalendar file, after the `export.ical` checks. */
export function exportICalendar(
  { model, read }: ExportSource,
  options: { tasksAsEvents: boolean; kindLabel: (kind: Activity['kind']) => string; now?: number },
): ExportResult {
  const activities = read('export.ical', 'activities', model.list('activities'));
  const tasks = read('export.ical', 'tasks', model.list('tasks'));
  return {
    data: new TextEncoder().encode(
      toICalendar(activities.records, tasks.records, {
        now: options.now ?? Date.now(),
        tasksAsEvents: options.tasksAsEvents,
        kindLabel: options.kindLabel,
      }),
    ),
    leftOut: merged(activities.leftOut, tasks.leftOut),
  };
}

/** The newsletter list and what was left out of it, by reason. */
export interface MarketingExport extends ExportResult {
  /** People in the file. */
  readonly count: number;
  /** Linked to a consent-based marketing purpose without that consent. */
  readonly withoutConsent: number;
  /** Otherwise eligible, but with no email address to send to. */
  readonly withoutEmail: number;
}

/**
 * The newsletter list (direct marketing) as CSV with name and email: the people linked to a
 * marketing purpose of the catalogue, with consent where that is its basis, after the
 * `export.marketing` checks (restricted people, objections and withdrawn consents are left out).
 * Null when the catalogue has no marketing purpose.
 */
export function exportMarketingCsv(
  { model, read }: ExportSource,
  delimiter: CsvDelimiter,
): MarketingExport | null {
  const purposes = marketingPurposes(model.list('purposes'));
  if (purposes.length === 0) return null;
  const people = live(model.list('people'));
  const audience = marketingAudience(
    model.list('person-purposes'),
    purposes,
    model.list('consents'),
    new Set(people.map((p) => p.id)),
  );
  const candidates = audience.candidates
    .map((id) => model.get('people', id))
    .filter((p): p is Person => p !== undefined);
  const { records, leftOut } = read('export.marketing', 'people', candidates);
  const reachable = records.filter((p) => p.emails.length > 0);
  const table: CsvTable = [
    ['First Name', 'Last Name', 'E-mail'],
    ...reachable.map((p) => [p.givenName, p.familyName, p.emails[0]!.address]),
  ];
  return {
    data: new TextEncoder().encode(writeCsv(table, { delimiter })),
    leftOut,
    count: reachable.length,
    withoutConsent: audience.withoutConsent,
    withoutEmail: records.length - reachable.length,
  };
}
