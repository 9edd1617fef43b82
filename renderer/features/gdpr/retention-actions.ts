/**
 * The two decisions of a retention review, planned from the model and written as one command
 * each: anonymise the selected people (their personal fields replaced, their decision recorded,
 * their history and the superseded versions removed from the store), or keep them until a later
 * date with a reason (undoable).
 */
import {
  anonymisedActivity,
  anonymisedPerson,
  applyChanges,
  createRecord,
  metaFields,
  type Person,
  type RetentionDecisionEntry,
} from '../../../shared/domain';
import type { Change } from '../../vault';
import type { Workspace } from '../../session/workspace';

/** The decision record for one person. */
function decision(
  ws: Workspace,
  personId: string,
  fields: Pick<RetentionDecisionEntry, 'decision' | 'until' | 'reason'>,
): Change {
  const after = createRecord(
    'retention-decisions',
    ws.repo.newId() as RetentionDecisionEntry['id'],
    { personId: personId as RetentionDecisionEntry['personId'], ...fields },
    ws.repo.stamp(),
  );
  return { table: 'retention-decisions', before: null, after };
}

/** The changes that anonymise `personIds`: their records, their activities, their decisions. */
export function planAnonymise(ws: Workspace, personIds: readonly string[], placeholder: string): Change[] {
  const changes: Change[] = [];
  const stamp = ws.repo.stamp();
  const activities = ws.model.list('activities');
  for (const id of personIds) {
    const person = ws.model.get('people', id);
    if (!person) continue;
    const anon = anonymisedPerson(person, placeholder) as Record<string, unknown>;
    // Every field the anonymous form drops is set to undefined, so it is removed and clocked.
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(person)) if (!metaFields.has(key)) patch[key] = anon[key];
    changes.push(decision(ws, id, { decision: 'anonymised', until: null, reason: '' }));
    changes.push({
      table: 'people',
      before: person,
      after: applyChanges(person, patch as Partial<Person>, stamp),
    });
    for (const a of activities) {
      const next = a.deletedAt === null ? anonymisedActivity(a, person.id) : null;
      if (!next) continue;
      // Only the fields the anonymous form changes: a shared activity loses this participant,
      // one that was theirs alone its subject and text too.
      const patch: Partial<typeof a> =
        next.participantIds.length > 0
          ? { participantIds: next.participantIds }
          : { participantIds: [], text: '', subject: undefined };
      changes.push({ table: 'activities', before: a, after: applyChanges(a, patch, stamp) });
    }
  }
  return changes;
}

/**
 * Anonymises the people, then deletes their history (it holds the earlier values) and compacts
 * the vault, so the old versions leave the store. Returns how many people were anonymised.
 * WARNING: cannot be undone; the page asks for confirmation first.
 */
export async function anonymisePeople(
  ws: Workspace,
  personIds: readonly string[],
  placeholder: string,
): Promise<number> {
  const changes = planAnonymise(ws, personIds, placeholder);
  if (changes.length === 0) return 0;
  await ws.run('retention.anonymise', { changes });
  const ids = new Set(personIds);
  const history = ws.model
    .entries('history')
    .filter(([, entry]) => ids.has(entry.recordId))
    .map(([id]) => ({ table: 'history' as const, id }));
  if (history.length > 0) {
    await ws.vault.deleteMany(history);
    ws.model.remove(history);
  }
  await ws.vault.compact();
  return ids.size;
}

/** Keeps the people until `until` (a later date) for `reason`; returns the command's Undo token. */
export function extendPeople(
  ws: Workspace,
  personIds: readonly string[],
  until: string,
  reason: string,
): Promise<number> {
  const changes = personIds.map((id) => decision(ws, id, { decision: 'extended', until, reason }));
  return ws.run('retention.extend', { changes });
}
