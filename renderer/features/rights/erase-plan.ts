/**
 * What erasing one person (Art. 17) removes and what it keeps, planned on the in-memory model
 * before anything is written: the preview the erase page shows, and the changes of the
 * `rights.erase-subject` command.
 *
 * - Gone with the person's key: every record under it (the person, single-person activities,
 *   tasks linked to them, their purposes links, consents, Art. 14 records, retention decisions,
 *   the history of their record), counted by table.
 * - Gone by an edit: the person's links in records that are not theirs alone (deals, activities
 *   with several participants), trashed ones included, so that nothing left points at them.
 * - Kept under a legal hold: when a purpose with the legal basis "legal obligation" still runs for
 *   them (accounting: ten years from the last entry, art. 2220 c.c.), a `legal-holds` record keeps
 *   the name and tax identifiers the obligation needs, with the won deals it concerns and the
 *   purpose and date that justify it. The deals themselves stay (they are the business's books).
 */
import {
  applyChanges,
  createRecord,
  displayName,
  scanRetention,
  toCalendarDate,
  toInstant,
  type Deal,
  type ErasureCause,
  type LegalHold,
  type Person,
  type Purpose,
} from '../../../shared/domain';
import { subjectOf, tables, type Change, type Model, type Repository, type TableName } from '../../vault';
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
  /** Records under the person's key, by table (they leave the store with the key). */
  readonly underKey: ReadonlyArray<{ readonly table: TableName; readonly id: string }>;
  /** Counts of `underKey` by table, for the preview. */
  readonly counts: Readonly<Partial<Record<TableName, number>>>;
  /** Shared records that lose their link to the person (an edit, with history). */
  readonly unlinks: readonly Change[];
  /** Deals and shared activities whose link goes, for the preview. */
  readonly unlinked: { readonly deals: number; readonly activities: number };
  readonly holds: readonly PlannedHold[];
  /** Emails and phones a suppression would hash (shown to the user, never stored). */
  readonly suppressible: readonly SuppressedValue[];
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
  for (const table of tables) {
    for (const [id, data] of model.entries(table)) {
      if (subjectOf(model, table, data) !== person.subjectId) continue;
      underKey.push({ table, id });
      counts[table] = (counts[table] ?? 0) + 1;
    }
  }
  const mine = new Set(underKey.map((r) => `${r.table}/${r.id}`));
  const unlinks: Change[] = [];
  const unlinked = { deals: 0, activities: 0 };
  for (const deal of model.list('deals')) {
    if (!deal.personIds.includes(person.id)) continue;
    const personIds = deal.personIds.filter((p) => p !== person.id);
    unlinks.push({ table: 'deals', before: deal, after: applyChanges(deal, { personIds }, stamp) });
    unlinked.deals++;
  }
  // Tasks linked to the person are under their key; activities of several people are not (yet).
  for (const activity of model.list('activities')) {
    if (mine.has(`activities/${activity.id}`) || !activity.participantIds.includes(person.id)) continue;
    const participantIds = activity.participantIds.filter((p) => p !== person.id);
    unlinks.push({
      table: 'activities',
      before: activity,
      after: applyChanges(activity, { participantIds }, stamp),
    });
    unlinked.activities++;
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
  return { person, underKey, counts, unlinks, unlinked, holds, suppressible: suppressibleValues(person) };
}

/** The erasure ledger entry of a plan: random id, date, the person's random ids. */
export function erasureEntryOf(
  plan: Pick<ErasurePlan, 'person'>,
  repo: Pick<Repository, 'stamp' | 'newId'>,
  cause: ErasureCause,
  now = Date.now(),
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
    },
    repo.stamp(now),
  );
}
