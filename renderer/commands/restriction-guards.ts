/**
 * The rules of the restriction and objection commands, whoever planned the change: a person has
 * at most one restriction in force; a restriction is lifted only with a note and, in the same
 * command, a task to tell the person (Art. 18(3)); an objection is only ever added. Each throws
 * `DomainError` before anything is written.
 */
import {
  activeRestriction,
  DomainError,
  type Objection,
  type Restriction,
  type Task,
} from '../../shared/domain';
import type { Guard } from './privacy-guards';

const restrictionsOf = (changes: Parameters<Guard>[0]) =>
  changes.filter((c) => c.table === 'restrictions') as unknown as Array<{
    before: Restriction | null;
    after: Restriction;
  }>;

/** A new restriction, in force, for a person who has none in force. */
export const restrictionSet: Guard = (changes, model) => {
  const seen = new Set<string>();
  for (const { before, after } of restrictionsOf(changes)) {
    if (before !== null || after.liftedOn !== null || after.deletedAt !== null)
      throw new DomainError('already-restricted');
    if (seen.has(after.personId) || activeRestriction(model.list('restrictions'), after.personId))
      throw new DomainError('already-restricted');
    seen.add(after.personId);
  }
};

/**
 * A restriction in force, now lifted (with the note the schema requires), and for each person
 * lifted a new open task linked to them: the reminder to inform them before processing resumes.
 */
export const restrictionLift: Guard = (changes, model) => {
  const tasks = changes
    .filter((c) => c.table === 'tasks' && c.before === null)
    .map((c) => c.after as Task)
    .filter((t) => !t.done && t.deletedAt === null && t.link?.table === 'person');
  const lifted = restrictionsOf(changes);
  if (lifted.length === 0) throw new DomainError('not-restricted');
  for (const { before, after } of lifted) {
    const current = model.get('restrictions', after.id);
    if (
      !before ||
      !current ||
      current.liftedOn !== null ||
      current.deletedAt !== null ||
      after.liftedOn === null
    )
      throw new DomainError('not-restricted');
    if (
      after.personId !== current.personId ||
      after.reason !== current.reason ||
      after.since !== current.since
    )
      throw new DomainError('not-restricted');
    if (!tasks.some((t) => t.link?.id === after.personId)) throw new DomainError('lift-task-required');
  }
};

/** Objections are only added, never edited or removed through this command. */
export const objectionRecord: Guard = (changes, model) => {
  // The objection and the suppressed hashes that go with it: both only added, never edited.
  for (const change of changes) {
    const after = change.after as Objection;
    if (change.before !== null || after.deletedAt !== null || model.get(change.table, after.id))
      throw new DomainError('objection-append-only');
  }
};
