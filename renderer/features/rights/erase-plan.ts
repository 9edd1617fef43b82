/**
 * What erasing one person (Art. 17) removes and what it keeps, planned on the in-memory model
 * before anything is written: the preview the erase page shows, and the changes of the
 * `rights.erase-subject` command.
 *
 * - Gone with the person's key: every record the vault seals for them (`subjectsOf` names their
 *   subject), alone or with others: the person, their activities, tasks, purposes links,
 *   consents, Art. 14 records, retention decisions, requests, history; the meetings they shared,
 *   their deals (alone or with others), the sole-trader business they own with its history and
 *   everything sealed for it. Nothing of these is rewritten before the key goes: an edited shared
 *   record would be sealed again for the other parties only, with everything written in it. The
 *   other parties keep their part (`shared-parts`) and the record comes back from it as a
 *   skeleton (`Repository.forgetSubject`, `Model.fromRecords`); a deal keeps its figures in its
 *   base part under the records key.
 * - Gone by an edit: links to the person (or to a record that leaves with the key for good) in
 *   records that are NOT sealed for them, trashed ones included, so that nothing left points at
 *   them: a task under the records key linked to one of their own activities, for instance.
 * - Kept under a legal hold: when a purpose with the legal basis "legal obligation" still runs for
 *   them (accounting: ten years from the last entry, art. 2220 c.c.), a `legal-holds` record keeps
 *   the name and tax identifiers the obligation needs, with the won deals it concerns and the
 *   purpose and date that justify it. The deals keep their amounts, stage and dates (base part).
 */
import {
  applyChanges,
  createRecord,
  displayName,
  entityTables,
  isTombstone,
  peopleNamedBy,
  scanRetention,
  toCalendarDate,
  toInstant,
  withoutPeople,
  type Deal,
  type ErasureCause,
  type LegalHold,
  type Person,
  type Purpose,
  type RecordBase,
} from '../../../shared/domain';
import { SubjectFinder, tables, type Change, type Model, type Repository, type TableName } from '../../vault';
import { suppressibleValues, type SuppressedValue } from './suppression';

/** One legal hold the erasure keeps, before it is written. */
export interface PlannedHold {
  readonly purpose: Purpose;
  readonly until: string;
  readonly deals: readonly Deal[];
  /** The reduced identity that stays (`legal-holds` record). */
  readonly record: LegalHold;
}

/** Everything one erasure does, for the preview and for the command. */
export interface ErasurePlan {
  readonly person: Person;
  /**
   * Every record the vault seals for the person, alone or with others (they leave the store with
   * the key, whole).
   */
  readonly underKey: ReadonlyArray<{ readonly table: TableName; readonly id: string }>;
  /** Counts by table of `underKey`'s records that do not come back, for the preview. */
  readonly counts: Readonly<Partial<Record<TableName, number>>>;
  /**
   * Records of `underKey` that come back without anything written in them: deals (from their
   * base part: pipeline, stage, value, dates) and activities shared with other people (from the
   * others' parts: that it took place, when, with whom among them).
   */
  readonly shared: { readonly deals: number; readonly activities: number };
  /** Records not sealed for the person that still link to them: the links go (an edit). */
  readonly unlinks: readonly Change[];
  readonly holds: readonly PlannedHold[];
  /** Emails and phones a suppression would hash (shown to the user, never stored). */
  readonly suppressible: readonly SuppressedValue[];
}

// Where a record links to a record of another table (a task's link names its table in the singular).
const linkTables: Readonly<Record<string, TableName>> = {
  person: 'people',
  organization: 'organizations',
  deal: 'deals',
  activity: 'activities',
};

/**
 * The fields of `record` (not sealed for the person) that change so that it no longer points at
 * them: their id out of its people, a task's link to them or to a record that leaves for good.
 * undefined when it does not point at them.
 */
function unlinked(
  table: TableName,
  record: RecordBase,
  personId: string,
  gone: ReadonlySet<string>,
): Partial<Record<string, unknown>> | undefined {
  const fields: Record<string, unknown> = {};
  if (peopleNamedBy(table, record).includes(personId)) {
    const stripped = withoutPeople(table, record, new Set([personId])) as Record<string, unknown> | null;
    for (const field of ['participantIds', 'personIds'] as const) {
      const ids = (record as unknown as Record<string, unknown>)[field];
      if (Array.isArray(ids) && ids.includes(personId))
        fields[field] = stripped ? stripped[field] : ids.filter((id) => id !== personId);
    }
  }
  const link = (record as unknown as { link?: { table: string; id: string } }).link;
  if (table === 'tasks' && link) {
    const target = linkTables[link.table];
    if ((link.table === 'person' && link.id === personId) || (target && gone.has(`${target}/${link.id}`)))
      fields.link = undefined;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function oneLine(person: Person): string | undefined {
  const a = person.addresses[0];
  if (!a) return undefined;
  const line = [a.street, [a.postalCode, a.city, a.province].filter(Boolean).join(' '), a.country]
    .filter((s) => s !== undefined && s !== '')
    .join(', ');
  return line === '' ? undefined : line.slice(0, 400);
}

/**
 * Plans the erasure of `personId` on `model`; undefined when there is no such live or trashed
 * person. `today` decides which legal holds still run.
 */
export function planErasure(
  model: Model,
  repo: Pick<Repository, 'stamp' | 'newId'>,
  personId: string,
  now = Date.now(),
): ErasurePlan | undefined {
  const person = model.get('people', personId);
  if (!person) return undefined;
  const stamp = repo.stamp(now);
  const today = toCalendarDate(now);
  const underKey: Array<{ table: TableName; id: string }> = [];
  const counts: Partial<Record<TableName, number>> = {};
  const shared = { deals: 0, activities: 0 };
  // Records that leave for good (nothing of them comes back from parts), as `table/id`.
  const gone = new Set<string>();
  const others: Array<[Change['table'], RecordBase]> = [];
  // One finder for the whole scan: it indexes the sole traders' businesses once.
  const finder = new SubjectFinder(model);
  const entity = new Set<TableName>(entityTables);
  for (const table of tables) {
    for (const [id, data] of model.entries(table)) {
      const subjects = finder.subjects(table, data);
      if (!subjects.includes(person.subjectId)) {
        // Domain records only: the audit log names random ids, never a link to edit.
        if (entity.has(table) && !isTombstone(data))
          others.push([table as Change['table'], data as RecordBase]);
        continue;
      }
      underKey.push({ table, id });
      // A deal keeps its base part; an activity with other parties keeps theirs.
      if (table === 'deals') shared.deals++;
      else if (table === 'activities' && subjects.length > 1) shared.activities++;
      else {
        counts[table] = (counts[table] ?? 0) + 1;
        gone.add(`${table}/${id}`);
      }
    }
  }
  const unlinks: Change[] = [];
  for (const [table, record] of others) {
    const after = unlinked(table, record, person.id, gone);
    if (after)
      unlinks.push({
        table,
        before: record,
        after: applyChanges(record, after, stamp),
      });
  }
  const purposes = new Map(model.list('purposes').map((p) => [p.id as string, p]));
  const scan = scanRetention({
    people: [person],
    purposes,
    links: model.list('person-purposes').filter((l) => l.personId === person.id),
    activities: model.list('activities'),
    deals: model.list('deals'),
    consents: model.list('consents').filter((c) => c.personId === person.id),
    decisions: model.list('retention-decisions').filter((d) => d.personId === person.id),
    today,
  });
  const holds: PlannedHold[] = [];
  for (const verdict of scan.held) {
    const purpose = verdict.holdPurposeId ? purposes.get(verdict.holdPurposeId) : undefined;
    if (!purpose || !verdict.holdUntil) continue;
    const deals = model.list('deals').filter((d) => d.personIds.includes(person.id) && d.status === 'won');
    const address = oneLine(person);
    const record = createRecord(
      'legal-holds',
      repo.newId(),
      {
        purposeId: purpose.id,
        until: verdict.holdUntil,
        name: displayName(person).slice(0, 200) || '—',
        ...(person.taxCode ? { taxCode: person.taxCode } : {}),
        ...(person.vatNumber ? { vatNumber: person.vatNumber } : {}),
        ...(address ? { address } : {}),
        dealIds: deals.map((d) => d.id),
        erasedOn: today,
      },
      stamp,
    );
    holds.push({ purpose, until: verdict.holdUntil, deals, record });
  }
  return { person, underKey, counts, shared, unlinks, holds, suppressible: suppressibleValues(person) };
}

/** The erasure ledger entry of a plan: random id, date, the person's random ids. */
export function erasureEntryOf(
  plan: Pick<ErasurePlan, 'person'>,
  repo: Pick<Repository, 'stamp' | 'newId'>,
  cause: ErasureCause,
  now = Date.now(),
  requestIds: readonly string[] = [],
) {
  return createRecord(
    'erasures',
    repo.newId(),
    {
      erasedAt: toInstant(now),
      personId: plan.person.id,
      subjectId: plan.person.subjectId,
      cause,
      backupLedger: 'pending',
      ...(requestIds.length > 0 ? { requestIds: [...requestIds] } : {}),
    },
    repo.stamp(now),
  );
}
