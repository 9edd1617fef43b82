import { describe, expect, it } from 'vitest';
import type { Activity, Deal, Organization, Person, RecordBase, Task } from '../../../shared/domain';
import { planRestore, trashEntries, type RecordRef, type TrashTables } from './trash-rows';

let n = 0;
const id = () => (++n).toString(16).padStart(32, '0');
const day = 86_400_000;
const at = (epoch: number) => new Date(epoch).toISOString();
const base = (deletedAt: number | null) => ({
  id: id(),
  clock: {},
  schemaVersion: 1,
  createdAt: at(0),
  updatedAt: at(0),
  deletedAt: deletedAt === null ? null : at(deletedAt),
});

const person = (deletedAt: number | null) =>
  ({ ...base(deletedAt), givenName: 'Anna', familyName: 'Verdi' }) as unknown as Person;
const org = (deletedAt: number | null) => ({ ...base(deletedAt), name: 'Alfa' }) as unknown as Organization;
const activity = (deletedAt: number | null, participantIds: string[], extra: Partial<Activity> = {}) =>
  ({ ...base(deletedAt), kind: 'call', text: '', participantIds, ...extra }) as unknown as Activity;
const task = (deletedAt: number | null, link?: Task['link']) =>
  ({ ...base(deletedAt), title: 'Call back', link }) as unknown as Task;

function tablesOf(records: Partial<TrashTables>): TrashTables {
  return { people: [], organizations: [], deals: [], activities: [], tasks: [], ...records };
}

function lookupIn(tables: TrashTables) {
  const all = new Map<string, RecordBase>();
  for (const list of Object.values(tables) as RecordBase[][]) for (const r of list) all.set(r.id, r);
  return (ref: RecordRef) => all.get(ref.id);
}

const stamp = { clock: '0000000000000:0000:node' as never, at: 40 * day };

describe('trash entries', () => {
  it('lists only trashed records of every kind, newest first, with their links', () => {
    const anna = person(3 * day);
    const live = person(null);
    const alfa = org(5 * day);
    const call = activity(4 * day, [anna.id], { subject: 'Prices', organizationId: alfa.id });
    const todo = task(1 * day, { table: 'person', id: anna.id });
    const deal = { ...base(2 * day), title: 'Renewal', personIds: [] } as unknown as Deal;
    const entries = trashEntries(
      tablesOf({
        people: [anna, live],
        organizations: [alfa],
        activities: [call],
        tasks: [todo],
        deals: [deal],
      }),
    );
    expect(entries.map((e) => [e.type, e.title])).toEqual([
      ['organization', 'Alfa'],
      ['activity', 'Prices'],
      ['person', 'Anna Verdi'],
      ['deal', 'Renewal'],
      ['task', 'Call back'],
    ]);
    expect(entries[1]!.links).toEqual([
      { type: 'person', id: anna.id },
      { type: 'organization', id: alfa.id },
    ]);
    expect(entries[1]!.activityKind).toBe('call');
  });
});

describe('restore plan', () => {
  it('restores a task whose person is trashed and reports the trashed link', () => {
    const anna = person(3 * day);
    const todo = task(4 * day, { table: 'person', id: anna.id });
    const tables = tablesOf({ people: [anna], tasks: [todo] });
    const plan = planRestore([{ type: 'task', id: todo.id }], lookupIn(tables), stamp, false);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]!.table).toBe('tasks');
    expect(plan.changes[0]!.after.deletedAt).toBeNull();
    expect(plan.trashedLinks).toEqual([{ type: 'person', id: anna.id }]);
  });

  it('restores the linked records too when asked, in the same plan, each once', () => {
    const anna = person(3 * day);
    const alfa = org(3 * day);
    const call = activity(4 * day, [anna.id], { organizationId: alfa.id });
    const todo = task(4 * day, { table: 'person', id: anna.id });
    const tables = tablesOf({ people: [anna], organizations: [alfa], activities: [call], tasks: [todo] });
    const refs: RecordRef[] = [
      { type: 'activity', id: call.id },
      { type: 'task', id: todo.id },
    ];
    const plan = planRestore(refs, lookupIn(tables), stamp, true);
    expect(plan.changes.map((c) => c.table).sort()).toEqual([
      'activities',
      'organizations',
      'people',
      'tasks',
    ]);
    expect(plan.changes.every((c) => c.after.deletedAt === null)).toBe(true);
    expect(plan.trashedLinks).toEqual([]);
  });

  it('does not report links that are live or restored by the same plan, and skips live targets', () => {
    const anna = person(null);
    const bruno = person(2 * day);
    const call = activity(4 * day, [anna.id, bruno.id]);
    const livePerson = person(null);
    const tables = tablesOf({ people: [anna, bruno, livePerson], activities: [call] });
    const plan = planRestore(
      [
        { type: 'activity', id: call.id },
        { type: 'person', id: bruno.id },
        { type: 'person', id: livePerson.id },
      ],
      lookupIn(tables),
      stamp,
      false,
    );
    expect(plan.changes.map((c) => c.after.id).sort()).toEqual([call.id, bruno.id].sort());
    expect(plan.trashedLinks).toEqual([]);
  });
});
