/**
 * What a person receives when they exercise their right of access (Art. 15 GDPR) and to data
 * portability (Art. 20): every record Scrigno holds about them, gathered from the vault's tables,
 * with the data of other people in shared records left out (Art. 15(4): the copy must not
 * adversely affect the rights of others). A meeting with a second participant keeps only this
 * person among its participants and says how many were left out; a deal with other people, the
 * same; the other people's names, emails and phone numbers are masked wherever they appear in the
 * free text of those shared records; a referral names no referrer. Pure and linear: one pass over
 * each table, so a person with 500 activities in a vault of 100,000 people costs milliseconds.
 */
import type { Activity } from './activity';
import type { AuditEntry } from './audit';
import type { ConsentEntry } from './consent';
import type { Deal } from './deal';
import type { HistoryEntry } from './history';
import type { IndirectNotice } from './indirect-notice';
import { displayName, type Person, type PersonSource } from './person';
import type { PersonPurpose, Purpose } from './privacy';
import type { RecordBase } from './record';
import type { Task } from './task';

/** What replaces another person's name, email or phone in the free text of a shared record. */
export const maskedPerson = '[…]';

/** The vault's records the package is gathered from (the in-memory model's tables fit). */
export interface AccessSource {
  readonly activities: Iterable<Activity>;
  readonly tasks: Iterable<Task>;
  readonly deals: Iterable<Deal>;
  readonly personPurposes: Iterable<PersonPurpose>;
  readonly consents: Iterable<ConsentEntry>;
  readonly indirectNotices: Iterable<IndirectNotice>;
  readonly history: Iterable<HistoryEntry>;
  readonly audit: Iterable<AuditEntry>;
  /** A purpose of the catalogue by id. */
  purpose(id: string): Purpose | undefined;
  /** Another person by id (to mask their name in shared records), if still in the vault. */
  person(id: string): Person | undefined;
  /** An organization's name by id (a legal person: not personal data of someone else). */
  organizationName(id: string): string | undefined;
  /** A deal's stage name. */
  stageName(deal: Deal): string;
}

/** One of the person's purposes: their link and the purpose it names. */
export interface AccessPurpose {
  readonly link: PersonPurpose;
  readonly purpose: Purpose;
}

/** One operation of the audit log on the person's record: when, by whom, which command and fields. */
export interface AccessOperation {
  readonly at: string;
  readonly actor: string;
  readonly command: string;
  readonly fields: readonly string[];
}

/** The person's data, gathered and masked: what the package's files and report are written from. */
export interface AccessData {
  readonly person: Person;
  /** Names of the person's organizations, by id. */
  readonly organizations: readonly { readonly id: string; readonly name: string; readonly role?: string }[];
  /** Activities the person took part in, oldest first; other participants removed. */
  readonly activities: readonly Activity[];
  /** Tasks about the person or about one of their activities or deals, by due date. */
  readonly tasks: readonly Task[];
  /** Deals the person is linked to; other people removed. */
  readonly deals: readonly Deal[];
  /** Stage names of those deals, by deal id. */
  readonly stages: Readonly<Record<string, string>>;
  /** The purposes that apply to the person, by purpose name. */
  readonly purposes: readonly AccessPurpose[];
  /** The consent ledger, in chain order. */
  readonly consents: readonly ConsentEntry[];
  /** Where data not obtained from the person came from (Art. 14). */
  readonly sources: readonly IndirectNotice[];
  /** Changes to the person's record, oldest first. */
  readonly history: readonly HistoryEntry[];
  /** The audit log's entries about the person's record, oldest first. */
  readonly operations: readonly AccessOperation[];
  /** Shared records whose other people were left out, and how many different people those were. */
  readonly leftOut: { readonly activities: number; readonly deals: number; readonly people: number };
}

const byString =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The texts that identify other people: full name, family name (when it is not a short word
 * that would mask ordinary text), emails and phone numbers. Longest first, so a full name is
 * masked whole before its family name is looked for.
 */
function identifiers(people: readonly Person[]): string[] {
  const out = new Set<string>();
  for (const p of people) {
    const full = displayName(p);
    if (full.length >= 3) out.add(full);
    if (p.familyName.trim().length >= 4) out.add(p.familyName.trim());
    if (p.givenName.trim().length >= 4 && p.familyName.trim() === '') out.add(p.givenName.trim());
    for (const e of p.emails) out.add(e.address);
    for (const ph of p.phones) out.add(ph.number);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** A function that masks the given people's names, emails and phones in a text (case-insensitive). */
export function maskerFor(people: readonly Person[]): (text: string) => string {
  const ids = identifiers(people);
  if (ids.length === 0) return (text) => text;
  const pattern = new RegExp(ids.map(escapeRegExp).join('|'), 'giu');
  return (text) => text.replace(pattern, maskedPerson);
}

// Records in the package carry no clocks: they are sync bookkeeping, not the person's data.
const unclocked = <T extends RecordBase>(record: T): T => ({ ...record, clock: {} });

/** The source as the person may see it: a referral does not say who referred them. */
function ownSource(source: PersonSource): PersonSource {
  if (source.method === 'referral') return { method: 'referral', date: source.date };
  return source;
}

/**
 * Gathers everything about `person` from `source`, trashed records included (they are still held
 * until purged), with other people's data left out or masked as the module comment says.
 */
export function collectAccessData(person: Person, source: AccessSource): AccessData {
  const id: string = person.id;
  const others = new Map<string, Person>();
  const leftOutPeople = new Set<string>();
  const otherPeople = (ids: readonly string[]): Person[] =>
    ids.flatMap((other) => {
      if (other === id) return [];
      leftOutPeople.add(other);
      let found = others.get(other);
      if (!found) {
        found = source.person(other);
        if (found) others.set(other, found);
      }
      return found ? [found] : [];
    });

  const activities: Activity[] = [];
  const activityIds = new Set<string>();
  let leftOutOfActivities = 0;
  for (const a of source.activities) {
    if (!a.participantIds.includes(id as Activity['participantIds'][number])) continue;
    activityIds.add(a.id);
    if (a.participantIds.length === 1) {
      activities.push(unclocked(a));
      continue;
    }
    leftOutOfActivities++;
    const mask = maskerFor(otherPeople(a.participantIds));
    activities.push(
      unclocked({
        ...a,
        participantIds: [id as Activity['participantIds'][number]],
        subject: a.subject === undefined ? undefined : mask(a.subject),
        text: mask(a.text),
      }),
    );
  }
  activities.sort(byString((a) => a.at + a.id));

  const deals: Deal[] = [];
  const stages: Record<string, string> = {};
  const dealIds = new Set<string>();
  let leftOutOfDeals = 0;
  for (const d of source.deals) {
    if (!d.personIds.includes(id as Deal['personIds'][number])) continue;
    dealIds.add(d.id);
    stages[d.id] = source.stageName(d);
    if (d.personIds.length === 1) {
      deals.push(unclocked(d));
      continue;
    }
    leftOutOfDeals++;
    const mask = maskerFor(otherPeople(d.personIds));
    deals.push(
      unclocked({
        ...d,
        personIds: [id as Deal['personIds'][number]],
        title: mask(d.title),
        notes: d.notes === undefined ? undefined : mask(d.notes),
      }),
    );
  }
  deals.sort(byString((d) => d.createdAt + d.id));

  const tasks: Task[] = [];
  for (const t of source.tasks) {
    const link = t.link;
    if (!link) continue;
    const about =
      (link.table === 'person' && link.id === id) ||
      (link.table === 'activity' && activityIds.has(link.id)) ||
      (link.table === 'deal' && dealIds.has(link.id));
    if (about) tasks.push(unclocked(t));
  }
  tasks.sort(byString((t) => (t.dueDate ?? '9999-12-31') + t.id));

  const purposes: AccessPurpose[] = [];
  for (const link of source.personPurposes) {
    if (link.personId !== id) continue;
    const purpose = source.purpose(link.purposeId);
    if (purpose) purposes.push({ link: unclocked(link), purpose: unclocked(purpose) });
  }
  purposes.sort(byString((p) => p.purpose.name + p.purpose.id));

  const consents: ConsentEntry[] = [];
  for (const c of source.consents) if (c.personId === id) consents.push(unclocked(c));
  consents.sort((a, b) => a.seq - b.seq);

  const sources: IndirectNotice[] = [];
  for (const n of source.indirectNotices) if (n.personId === id) sources.push(unclocked(n));
  sources.sort(byString((n) => n.obtainedOn + n.id));

  const history: HistoryEntry[] = [];
  for (const h of source.history) {
    if (h.recordTable !== 'people' || h.recordId !== id) continue;
    history.push({
      ...h,
      // A referral's referrer is someone else: the change keeps only that there was one.
      changes: h.changes.map((c) =>
        c.field === 'source'
          ? {
              field: c.field,
              oldValue: c.oldValue && ownSource(c.oldValue as PersonSource),
              newValue: c.newValue && ownSource(c.newValue as PersonSource),
            }
          : c,
      ),
    });
  }
  history.sort(byString((h) => h.at));

  const operations: AccessOperation[] = [];
  for (const e of source.audit) {
    if (e.recordId !== id && !e.recordIds?.includes(id)) continue;
    operations.push({ at: e.at, actor: e.actor, command: e.command, fields: [...e.fields] });
  }
  operations.sort(byString((o) => o.at));

  const organizations = person.organizations.map((o) => ({
    id: o.organizationId,
    name: source.organizationName(o.organizationId) ?? '',
    ...(o.role ? { role: o.role } : {}),
  }));

  return {
    person: unclocked({ ...person, source: ownSource(person.source) }),
    organizations,
    activities,
    tasks,
    deals,
    stages,
    purposes,
    consents,
    sources,
    history,
    operations,
    leftOut: { activities: leftOutOfActivities, deals: leftOutOfDeals, people: leftOutPeople.size },
  };
}
