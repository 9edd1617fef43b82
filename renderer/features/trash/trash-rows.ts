import {
  displayName,
  instantToEpoch,
  restoreRecord,
  type Activity,
  type Deal,
  type Instant,
  type Organization,
  type Person,
  type RecordBase,
  type Stamp,
  type Task,
} from '../../../shared/domain';
import type { Change, EntityTable } from '../../vault';

/** The kinds of record the trash lists, in filter order. */
export const trashTypes = ['person', 'organization', 'deal', 'activity', 'task'] as const;
/** One of `trashTypes`. */
export type TrashType = (typeof trashTypes)[number];

/** The table each kind of record lives in. */
export const tableOf: Readonly<Record<TrashType, EntityTable>> = {
  person: 'people',
  organization: 'organizations',
  deal: 'deals',
  activity: 'activities',
  task: 'tasks',
};

/** A record by kind and id. */
export interface RecordRef {
  readonly type: TrashType;
  readonly id: string;
}

/** What the trash reads: every table it lists. */
export interface TrashTables {
  readonly people: readonly Person[];
  readonly organizations: readonly Organization[];
  readonly deals: readonly Deal[];
  readonly activities: readonly Activity[];
  readonly tasks: readonly Task[];
}

/** One trashed record as the list shows it. */
export interface TrashEntry extends RecordRef {
  /** The record's own title; empty for an activity with neither subject nor text. */
  readonly title: string;
  /** Only for activities: the kind, which names an untitled one. */
  readonly activityKind?: Activity['kind'];
  readonly deletedAt: Instant;
  /** The records this one points to (participants, organization, deal, a task's subject). */
  readonly links: readonly RecordRef[];
}

/** Looks a record up by kind and id (the in-memory model in the app). */
export type RecordLookup = (ref: RecordRef) => RecordBase | undefined;

/** The records an activity, task or deal points to; people and organizations point nowhere here. */
export function linksOf(type: TrashType, record: RecordBase): RecordRef[] {
  switch (type) {
    case 'activity': {
      const a = record as Activity;
      return [
        ...a.participantIds.map((id): RecordRef => ({ type: 'person', id })),
        ...(a.organizationId ? [{ type: 'organization' as const, id: a.organizationId }] : []),
        ...(a.dealId ? [{ type: 'deal' as const, id: a.dealId }] : []),
      ];
    }
    case 'task': {
      const link = (record as Task).link;
      return link ? [{ type: link.table, id: link.id }] : [];
    }
    case 'deal': {
      const d = record as Deal;
      return [
        ...(d.organizationId ? [{ type: 'organization' as const, id: d.organizationId }] : []),
        ...d.personIds.map((id): RecordRef => ({ type: 'person', id })),
      ];
    }
    default:
      return [];
  }
}

/** The title a record is listed with; empty for an activity with neither subject nor text. */
export function titleOf(type: TrashType, record: RecordBase): string {
  switch (type) {
    case 'person':
      return displayName(record as Person);
    case 'organization':
      return (record as Organization).name;
    case 'deal':
      return (record as Deal).title;
    case 'task':
      return (record as Task).title;
    case 'activity': {
      const a = record as Activity;
      return a.subject || a.text.replace(/\s+/g, ' ').trim().slice(0, 80);
    }
  }
}

/** Every trashed record of every kind, newest first. */
export function trashEntries(tables: TrashTables): TrashEntry[] {
  const out: TrashEntry[] = [];
  const add = (type: TrashType, records: readonly RecordBase[]) => {
    for (const r of records) {
      if (r.deletedAt === null) continue;
      out.push({
        type,
        id: r.id,
        title: titleOf(type, r),
        ...(type === 'activity' ? { activityKind: (r as Activity).kind } : {}),
        deletedAt: r.deletedAt,
        links: linksOf(type, r),
      });
    }
  };
  add('person', tables.people);
  add('organization', tables.organizations);
  add('deal', tables.deals);
  add('activity', tables.activities);
  add('task', tables.tasks);
  return out.sort((a, b) => instantToEpoch(b.deletedAt) - instantToEpoch(a.deletedAt));
}

/** The changes of one restore command, and what it leaves pointing into the trash. */
export interface RestorePlan {
  readonly changes: Change[];
  /** Trashed records that restored ones point to and that this plan does not restore. */
  readonly trashedLinks: RecordRef[];
}

/**
 * Plans restoring `targets` as one command. A restored record whose links point to trashed
 * records is restored anyway (its links are kept, as the rest of the app keeps links to trashed
 * records); with `withLinks` those linked records are restored too, in the same command.
 * Targets that are not (or no longer) in the trash are skipped.
 */
export function planRestore(
  targets: readonly RecordRef[],
  lookup: RecordLookup,
  stamp: Stamp,
  withLinks: boolean,
): RestorePlan {
  const key = (ref: RecordRef) => `${ref.type}:${ref.id}`;
  const restoring = new Map<string, { ref: RecordRef; record: RecordBase }>();
  for (const ref of targets) {
    const record = lookup(ref);
    if (record && record.deletedAt !== null) restoring.set(key(ref), { ref, record });
  }
  const linked = new Map<string, { ref: RecordRef; record: RecordBase }>();
  for (const { ref, record } of restoring.values())
    for (const link of linksOf(ref.type, record)) {
      const target = lookup(link);
      if (target && target.deletedAt !== null && !restoring.has(key(link)))
        linked.set(key(link), { ref: link, record: target });
    }
  const all = withLinks ? [...restoring.values(), ...linked.values()] : [...restoring.values()];
  return {
    changes: all.map(({ ref, record }) => ({
      table: tableOf[ref.type],
      before: record,
      after: restoreRecord(record, stamp),
    })),
    trashedLinks: withLinks ? [] : [...linked.values()].map((l) => l.ref),
  };
}
