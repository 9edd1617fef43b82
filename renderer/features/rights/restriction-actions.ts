/**
 * The changes of the restriction and objection commands, planned with the domain rules: restrict
 * a person, lift their restriction with a note and the task to inform them (Art. 18(3)), record an
 * objection to direct marketing (Art. 21(2)). Pure planning: `run` writes them.
 */
import {
  applyChanges,
  createRecord,
  newObjectionId,
  newRestrictionId,
  newTaskId,
  type CalendarDate,
  type Objection,
  type Person,
  type PersonId,
  type Restriction,
  type RestrictionReason,
  type Stamp,
  type Task,
} from '../../../shared/domain';
import type { Workspace } from '../../session/workspace';
import { randomBytes, type Change } from '../../vault';
import { planSuppression, suppressibleValues } from './suppression';

/** A new restriction of `personId`, in force from `since`. */
export function planRestriction(
  personId: PersonId,
  reason: RestrictionReason,
  note: string,
  since: CalendarDate,
  stamp: Stamp,
): Change[] {
  const after = createRecord(
    'restrictions',
    newRestrictionId(randomBytes),
    { personId, reason, note: note.trim(), since, liftedOn: null, liftNote: '' },
    stamp,
  );
  return [{ table: 'restrictions', before: null, after }];
}

/**
 * Lifts `restriction` on `today` with `note`, and creates the open task, linked to the person,
 * to inform them (due `informBy`).
 */
export function planLift(
  restriction: Restriction,
  note: string,
  today: CalendarDate,
  informBy: CalendarDate,
  taskTitle: string,
  stamp: Stamp,
): Change[] {
  const after = applyChanges(restriction, { liftedOn: today, liftNote: note.trim() }, stamp);
  const task: Task = createRecord(
    'tasks',
    newTaskId(randomBytes),
    {
      title: taskTitle,
      dueDate: informBy,
      priority: 'high',
      done: false,
      link: { table: 'person', id: restriction.personId },
    },
    stamp,
  );
  return [
    { table: 'restrictions', before: restriction, after },
    { table: 'tasks', before: null, after: task },
  ];
}

/** A new objection of `personId` to direct marketing, received on `objectedOn`. */
export function planObjection(
  personId: PersonId,
  objectedOn: CalendarDate,
  note: string,
  stamp: Stamp,
): Change[] {
  const after: Objection = createRecord(
    'objections',
    newObjectionId(randomBytes),
    { personId, objectedOn, note: note.trim() },
    stamp,
  );
  return [{ table: 'objections', before: null, after }];
}

/**
 * The changes of `objections.record` as the person page writes them: the objection and, in the
 * same command, the person's emails and phones on the suppression list (reason `objection`,
 * keyed hashes only), so that an import or an archive flags them instead of re-creating them,
 * even after an erasure took the objection itself away with the person's key.
 */
export function planObjectionWithSuppression(
  ws: Pick<Workspace, 'model' | 'repo' | 'vault'>,
  person: Person,
  objectedOn: CalendarDate,
  note: string,
  now = Date.now(),
): Change[] {
  return [
    ...planObjection(person.id, objectedOn, note, ws.repo.stamp(now)),
    ...planSuppression(ws, suppressibleValues(person), 'objection', now),
  ];
}
