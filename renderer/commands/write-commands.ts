/**
 * The write commands: the only way the app changes domain records. Each is declared once here
 * with its input schema, the tables it may touch, its privacy policy (the checks of `policy.ts`
 * that apply to it), whether Undo can reverse it, and its handler, which writes through the
 * repository (history and audit included). Components call `run(id, input)` (see `run.ts`).
 */
import { z } from 'zod';
import { entityTables, schemaOf, validate, type EntityTable, type RecordBase } from '../../shared/domain';
import { ValidationFailed, type Change, type HistoryCopy, type Repository } from '../vault';
import type { PolicyCheck } from './policy';
import {
  breachRules,
  ledgerAppend,
  noticeVersion,
  purposeUnused,
  retentionDue,
  retentionExtension,
  singleController,
  type Guard,
} from './privacy-guards';
import { objectionRecord, restrictionLift, restrictionSet } from './restriction-guards';
import { requestRules } from './request-guards';

/** What a handler is given. */
export interface CommandContext {
  readonly id: WriteCommandId;
  readonly repo: Repository;
  readonly undoable: boolean;
}

/** One command's declaration. */
export interface WriteCommandDefinition<I> {
  readonly input: z.ZodType<I>;
  /** The only tables its changes may touch. */
  readonly tables: readonly EntityTable[];
  /** The privacy checks that apply, in order (an empty list is a decision too). */
  readonly policy: readonly PolicyCheck[];
  /** Whether the app's Undo can reverse it. */
  readonly undoable: boolean;
  /**
   * A bulk command (a list's bulk action, an import): a check leaves the records it refuses out
   * and the caller is told how many (`RunOptions.onLeftOut`), instead of refusing the whole command.
   */
  readonly bulk?: boolean;
  /** Writes the command; returns the repository's token for Undo. */
  readonly handler: (context: CommandContext, input: I) => Promise<number>;
}

// Records are checked by their domain schemas in the repository; the input schema checks shape.
const isRecordLike = (v: unknown): v is RecordBase =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
const changesSchema = z.custom<readonly Change[]>(
  (v) =>
    Array.isArray(v) &&
    v.every(
      (c: Partial<Change> | null) => isRecordLike(c?.after) && (c.before === null || isRecordLike(c.before)),
    ),
  { error: 'changes expected' },
);

/** The input of a command that writes records it planned with the domain rules. */
export const changesInput = z.object({ changes: changesSchema });
/** The input of a merge: the changes, and history copied from the merged-away record to the kept one. */
export const mergeInput = z.object({
  changes: changesSchema,
  extraHistory: z.custom<readonly HistoryCopy[]>(Array.isArray),
});
/** The input of a bulk write whose records a worker already checked, and that waits for that check. */
export const checkedChangesInput = z.object({
  changes: changesSchema,
  /** The records were just checked with the same schemas (an import worker): skip re-checking. */
  validated: z.boolean(),
  /** A check still running elsewhere: nothing is written unless it resolves. */
  ready: z.custom<Promise<void>>((v) => v instanceof Promise).optional(),
});

type ChangesInput = z.infer<typeof changesInput>;

function changes(
  tables: readonly EntityTable[],
  policy: readonly PolicyCheck[],
  undoable = true,
  guard?: Guard,
): WriteCommandDefinition<ChangesInput> {
  return {
    input: changesInput,
    tables,
    policy,
    undoable,
    handler: async ({ id, repo }, input) => {
      if (guard) {
        // The records' own rules first, so a malformed record reports its field, not a rule.
        for (const change of input.changes) {
          const checked = validate(schemaOf(change.table), change.after);
          if (!checked.ok) throw new ValidationFailed(change.table, checked.issues);
        }
        await guard(input.changes, repo.model);
      }
      return repo.commit(id, input.changes, { undoable });
    },
  };
}

// A command whose changes must also pass a rule of its own (see `privacy-guards.ts`) first.
const guarded = (
  tables: readonly EntityTable[],
  policy: readonly PolicyCheck[],
  guard: Guard,
  undoable = true,
): WriteCommandDefinition<ChangesInput> => changes(tables, policy, undoable, guard);

function merge(
  table: EntityTable,
  policy: readonly PolicyCheck[],
): WriteCommandDefinition<z.infer<typeof mergeInput>> {
  return {
    input: mergeInput,
    tables: [table, 'deals', 'activities', 'tasks', 'people'],
    policy,
    undoable: true,
    handler: ({ id, repo }, input) => repo.commit(id, input.changes, { extraHistory: input.extraHistory }),
  };
}

function checked(
  tables: readonly EntityTable[],
  policy: readonly PolicyCheck[],
): WriteCommandDefinition<z.infer<typeof checkedChangesInput>> {
  return {
    input: checkedChangesInput,
    tables,
    policy,
    undoable: false,
    handler: ({ id, repo }, input) =>
      repo.commit(id, input.changes, {
        undoable: false,
        validated: input.validated,
        ...(input.ready ? { ready: input.ready } : {}),
      }),
  };
}

// A list's bulk action or an import: records a check refuses are left out and counted.
const bulk = <I>(definition: WriteCommandDefinition<I>): WriteCommandDefinition<I> => ({
  ...definition,
  bulk: true,
});

const parties: readonly EntityTable[] = ['people', 'organizations', 'tags'];
const imported: readonly EntityTable[] = [...parties, 'indirect-notices'];
const everything: readonly EntityTable[] = entityTables;

/** Every write command, by id (`area.verb`). */
export const writeCommands = {
  'people.create': changes(['people'], ['subject-erased']),
  'people.update': changes(['people'], ['subject-restricted']),
  'people.trash': changes(['people'], ['legal-hold']),
  'people.restore': changes(['people'], ['subject-erased']),
  'people.trash-many': changes(['people'], ['legal-hold']),
  'people.tag-many': bulk(changes(['people', 'tags'], ['subject-restricted'])),
  'people.merge': merge('people', ['subject-restricted', 'legal-hold']),
  'organizations.create': changes(['organizations'], []),
  'organizations.update': changes(['organizations'], ['subject-restricted']),
  // Trashing an organization may take its contact people along.
  'organizations.trash': changes(['organizations', 'people'], ['legal-hold']),
  'organizations.restore': changes(['organizations'], []),
  'organizations.trash-many': changes(['organizations', 'people'], ['legal-hold']),
  'organizations.tag-many': bulk(changes(['organizations', 'tags'], ['subject-restricted'])),
  'organizations.merge': merge('organizations', ['subject-restricted', 'legal-hold']),
  'deals.create': changes(['deals'], ['subject-restricted']),
  'deals.update': changes(['deals'], ['subject-restricted']),
  'deals.move-stage': changes(['deals'], ['subject-restricted']),
  'deals.won': changes(['deals'], ['subject-restricted']),
  'deals.lost': changes(['deals'], ['subject-restricted']),
  'deals.reopen': changes(['deals'], ['subject-restricted']),
  'deals.trash': changes(['deals'], ['legal-hold']),
  'deals.restore': changes(['deals'], []),
  'deals.trash-many': changes(['deals'], ['legal-hold']),
  'deals.restore-many': changes(['deals'], []),
  'deals.tag-many': bulk(changes(['deals', 'tags'], ['subject-restricted'])),
  'pipelines.create': changes(['pipelines'], [], false),
  // Removing a stage moves its deals to another one.
  'pipelines.update': changes(['pipelines', 'deals'], []),
  'activities.log': changes(['activities'], ['subject-erased', 'subject-restricted']),
  'activities.update': changes(['activities'], ['subject-restricted']),
  'activities.trash': changes(['activities'], ['legal-hold']),
  'activities.restore': changes(['activities'], ['subject-erased']),
  'tasks.create': changes(['tasks'], ['subject-erased', 'subject-restricted']),
  'tasks.update': changes(['tasks'], ['subject-restricted']),
  'tasks.complete': changes(['tasks'], []),
  'tasks.reopen': changes(['tasks'], []),
  'tasks.trash': changes(['tasks'], ['legal-hold']),
  'tasks.restore': changes(['tasks'], ['subject-erased']),
  'tasks.trash-many': changes(['tasks'], ['legal-hold']),
  'tasks.restore-many': changes(['tasks'], ['subject-erased']),
  'tasks.complete-many': changes(['tasks'], []),
  'tasks.tag-many': bulk(changes(['tasks', 'tags'], ['subject-restricted'])),
  'tags.create': changes(['tags'], []),
  'tags.rename': changes(['tags'], []),
  'tags.update': changes(['tags'], []),
  'tags.trash': changes(['tags'], []),
  'custom-fields.create': changes(['custom-fields'], []),
  'custom-fields.rename': changes(['custom-fields'], []),
  'custom-fields.reorder': changes(['custom-fields'], []),
  'custom-fields.trash': changes(['custom-fields'], []),
  'privacy.set-controller': guarded(['privacy-controller'], [], singleController),
  'purposes.create': changes(['purposes'], []),
  'purposes.accept-preset': changes(['purposes'], []),
  'purposes.update': changes(['purposes'], []),
  'purposes.delete': guarded(['purposes'], [], purposeUnused),
  'person-purposes.link': changes(['person-purposes'], ['subject-erased']),
  'person-purposes.unlink': changes(['person-purposes'], []),
  // A notice version is kept as shown: never edited, so not undone either.
  'notices.save-text': guarded(['notices'], [], noticeVersion, false),
  // The ledger is append-only: Undo would remove an entry. Withdrawing consent must never be
  // harder than giving it (Art. 7(3)), so no check can stop a withdrawal.
  'consents.give': guarded(['consents'], ['subject-erased'], ledgerAppend('given'), false),
  'consents.withdraw': guarded(['consents'], [], ledgerAppend('withdrawn'), false),
  // The breach register: the 72-hour rules are checked at the time of writing.
  'breaches.record': guarded(['breaches'], [], breachRules()),
  'breaches.update': guarded(['breaches'], [], breachRules()),
  'breaches.close': guarded(['breaches'], [], breachRules()),
  // Art. 14: where a person's data came from, and when and how they were told.
  'indirect-notices.record': changes(['indirect-notices'], ['subject-erased']),
  'indirect-notices.mark-informed': changes(['indirect-notices'], []),
  // An import records each new person's source (Art. 14) in the same command.
  'import.csv': bulk(changes(imported, ['subject-erased', 'subject-restricted'])),
  'import.vcard': bulk(changes(imported, ['subject-erased', 'subject-restricted'])),
  // The retention review (Art. 5(1)(e)): anonymising replaces the personal fields and cannot be
  // undone (the earlier values leave the store); an extension is a new decision and can be.
  'retention.anonymise': guarded(
    ['retention-decisions', 'people', 'activities'],
    ['legal-hold'],
    retentionDue(),
    false,
  ),
  'retention.extend': guarded(['retention-decisions'], ['subject-erased'], retentionExtension()),
  // Restriction (Art. 18): set with its reason; lifting needs a note and writes the task to tell
  // the person (Art. 18(3)) in the same command, so undoing a lift puts the restriction back and
  // takes the task away together (and an earlier set can no longer be undone behind it). Neither declares the restriction
  // check, which would otherwise stop its own lifting. An objection (Art. 21) is the person's
  // act: nothing may stand in its way, and it is not undone.
  'restrictions.set': guarded(['restrictions'], ['subject-erased'], restrictionSet),
  'restrictions.lift': guarded(['restrictions', 'tasks'], [], restrictionLift),
  // With the person's emails and phones on the suppression list (reason `objection`), together.
  'objections.record': guarded(['objections', 'suppressions'], [], objectionRecord, false),
  // The requests inbox (Art. 12(3)): each command takes one step of a request and may write its
  // reminder tasks. No restriction check: a restricted person keeps every right to ask. A
  // request is not linked to an erased person. The steps are kept as the controller's proof
  // of answering, so none is undoable.
  'requests.record': guarded(['requests', 'tasks'], ['subject-erased'], requestRules('record'), false),
  'requests.link-person': guarded(['requests'], ['subject-erased'], requestRules('link'), false),
  'requests.check-identity': guarded(['requests'], [], requestRules('identity'), false),
  'requests.ask-clarification': guarded(['requests', 'tasks'], [], requestRules('pause'), false),
  'requests.resume': guarded(['requests', 'tasks'], [], requestRules('resume'), false),
  'requests.extend': guarded(['requests', 'tasks'], [], requestRules('extend'), false),
  'requests.close': guarded(['requests', 'tasks'], [], requestRules('close'), false),
  // Erasure (Art. 17): the ledger entry, the suppressed hashes, what a legal hold keeps, and the
  // person's links leaving shared records, in one command before the person's key is destroyed.
  // Not undoable: the key is gone right after. The entry's backup-ledger state is updated once
  // the key ledger beside the backups is rewritten and read back.
  'rights.erase-subject': changes(
    ['erasures', 'suppressions', 'legal-holds', 'deals', 'activities', 'tasks'],
    ['legal-hold'],
    false,
  ),
  'rights.erasure-ledger-written': changes(['erasures'], [], false),
  // A keyed hash of an email or phone kept so that an import flags the person (Art. 17(3), 21).
  'suppressions.add': changes(['suppressions'], [], false),
  'import.archive': checked(everything, ['subject-erased']),
  'import.undo': changes(everything, ['legal-hold'], false),
  'trash.restore': changes(everything, ['subject-erased']),
  'trash.purge': checked(everything, ['legal-hold']),
  // A change received from a sync peer, already merged field by field with the local record: it
  // is validated, historied and audited like any write. An erased person is refused; a restricted
  // one is not (storing is not processing: README of renderer/sync). Undo cannot reverse a peer.
  'sync.apply': changes(everything, ['subject-erased'], false),
};

/** A write command id. */
export type WriteCommandId = keyof typeof writeCommands;
/** The input of a write command. */
export type CommandInput<K extends WriteCommandId> = z.input<(typeof writeCommands)[K]['input']>;

/** The commands whose whole input is planned changes (lists' bulk actions run these). */
export type ChangesCommandId = {
  [K in WriteCommandId]: { changes: readonly Change[] } extends CommandInput<K> ? K : never;
}[WriteCommandId];

/** The ids of every write command. */
export const writeCommandIds = Object.keys(writeCommands) as WriteCommandId[];
