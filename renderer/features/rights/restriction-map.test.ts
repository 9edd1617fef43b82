/**
 * The command map under restriction (Art. 18): every command that writes, reads or exports
 * people's records declares the `subject-restricted` check or is exempted here with its reason,
 * and with a restricted person each declaring command refuses (`PolicyRefused`), or, for a bulk
 * command or an export, leaves the person out and reports the count. The lists are walked from
 * the registries, so a new command without a decision fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandCatalog } from '../../../shared/commands/catalog';
import {
  applyChanges,
  recordRegistry,
  type EntityTable,
  type Person,
  type RecordBase,
} from '../../../shared/domain';
import { generateDataset } from '../../../test/fixtures/generate';
import { testRestriction } from '../../../test/fixtures/restriction';
import { testWorkspace } from '../../../test/fixtures/workspace';
import {
  PolicyRefused,
  readCommandIds,
  readCommands,
  writeCommandIds,
  writeCommands,
  type LeftOut,
  type WriteCommandId,
} from '../../commands';
import { checkedChangesInput, mergeInput } from '../../commands/write-commands';
import type { Workspace } from '../../session/workspace';
import type { Change } from '../../vault';
import { installRestrictionPolicies } from './restriction-policy';

/**
 * The tables whose records are about, or name, a person. Organizations are sealed for their
 * subjects when they are sole traders (a data subject of their own), but an organization record
 * names no person and a restriction is recorded on a person: the commands that write only
 * organizations declare the check and are walked apart (below).
 */
const personTables = new Set<EntityTable>(
  (Object.keys(recordRegistry) as EntityTable[]).filter(
    (t) =>
      recordRegistry[t].kind === 'entity' &&
      t !== 'organizations' &&
      (recordRegistry[t].subject.kind !== 'none' || t === 'deals'),
  ),
);

/**
 * Commands that touch people's tables and deliberately do not declare the check, with why.
 * Storage is what Art. 18(2) leaves allowed; the rights themselves must never be blocked by it.
 */
const exempt: Readonly<Record<string, string>> = {
  'people.create': 'a new person is never restricted (a fresh id)',
  'people.trash': 'storage: the trash keeps the record, restorable',
  'people.restore': 'storage: back from the trash',
  'people.trash-many': 'storage: the trash keeps the records',
  'organizations.trash': 'storage: the trash keeps the records',
  'organizations.trash-many': 'storage: the trash keeps the records',
  'deals.trash': 'storage',
  'deals.restore': 'storage',
  'deals.trash-many': 'storage',
  'deals.restore-many': 'storage',
  'pipelines.update': 'moves deals off a removed stage: the structure, not the person',
  'activities.trash': 'storage',
  'activities.restore': 'storage',
  'tasks.complete': 'the user’s own bookkeeping (e.g. the task to inform the person, Art. 18(3))',
  'tasks.reopen': 'the user’s own bookkeeping',
  'tasks.trash': 'storage',
  'tasks.restore': 'storage',
  'tasks.trash-many': 'storage',
  'tasks.restore-many': 'storage',
  'tasks.complete-many': 'the user’s own bookkeeping',
  'person-purposes.link': 'accountability record (Art. 5(2)), not processing of the data',
  'person-purposes.unlink': 'accountability record',
  'consents.give': 'the person’s own act on the ledger',
  'consents.withdraw': 'nothing may make withdrawing harder (Art. 7(3))',
  'indirect-notices.record': 'Art. 14 obligations continue under restriction',
  'indirect-notices.mark-informed': 'informing the person is what restriction asks for',
  'retention.anonymise': 'the retention review (legal hold applies)',
  'retention.extend': 'the retention review',
  'restrictions.set': 'the right itself',
  'restrictions.lift': 'the right itself (and its Art. 18(3) task)',
  'objections.record': 'the right to object (Art. 21)',
  'requests.record': 'a restricted person keeps every right to ask (Art. 12(3), 18)',
  'requests.link-person': 'the request of a restricted person is still answered',
  'requests.check-identity': 'answering the request (Art. 12(6))',
  'requests.ask-clarification': 'answering the request',
  'requests.resume': 'answering the request',
  'requests.extend': 'answering the request (Art. 12(3))',
  'requests.close': 'answering the request',
  'rights.erase-subject':
    'the right to erasure (Art. 17) is not stopped by a restriction (legal hold applies)',
  'import.archive': 'storage: an archive restores the person with their restriction',
  'import.undo': 'removes what an import added',
  'trash.restore': 'storage',
  'trash.purge': 'erasure from the trash (legal hold applies)',
  'export.archive': 'storage: the controller’s own copy of the vault, restriction included',
  'privacy.access-package': 'the person’s own package (Art. 15, 20): the right itself',
  'sync.apply': 'storage: restricted records still sync between the user’s own devices (docs/sync.md)',
};

let ws: Workspace;
let restricted: Person;
let other: Person;
let uninstall: () => void;
let seed = 0;

beforeAll(async () => {
  uninstall = installRestrictionPolicies();
  ws = await testWorkspace('restriction-map');
  const people = generateDataset({ contacts: 6, seed: 41 }).people.filter((p) => p.deletedAt === null);
  [restricted, other] = [people[0]!, people[1]!];
  await ws.run('people.create', {
    changes: [restricted, other].map((after) => ({ table: 'people' as const, before: null, after })),
  });
  await ws.run('restrictions.set', {
    changes: [
      {
        table: 'restrictions',
        before: null,
        after: testRestriction(ws.repo.newId(), restricted.id, ws.repo.stamp()),
      },
    ],
  });
});
afterAll(() => {
  uninstall();
  ws.dispose();
});

/** A change of `table` about `person`: an edit of the person, or a new record naming them. */
function about(table: EntityTable, person: Person): Change {
  if (table === 'people') {
    const current = ws.model.get('people', person.id)!;
    return {
      table,
      before: current,
      after: applyChanges(current, { jobTitle: `Ruolo ${++seed}` }, ws.repo.stamp()),
    };
  }
  const data = generateDataset({ contacts: 8, seed: 100 + ++seed });
  const base: Record<string, unknown> = {
    ...(data[table as 'deals'][0] as unknown as Record<string, unknown>),
    id: ws.repo.newId(),
  };
  if (table === 'activities') base.participantIds = [person.id];
  if (table === 'deals') base.personIds = [person.id];
  if (table === 'tasks')
    Object.assign(base, { link: { table: 'person', id: person.id }, done: false, doneAt: undefined });
  return { table, before: null, after: base as unknown as RecordBase };
}

const inputOf = (id: WriteCommandId, changes: Change[]) => {
  const input: unknown = writeCommands[id].input;
  if (input === mergeInput) return { changes, extraHistory: [] };
  if (input === checkedChangesInput) return { changes, validated: false };
  return { changes };
};

const firstPersonTable = (tables: readonly EntityTable[]) => tables.find((t) => personTables.has(t));

describe('the command map under restriction', () => {
  it('has a decision for every command touching people: the check declared, or a reason', () => {
    const undecided: string[] = [];
    for (const id of writeCommandIds) {
      const command = writeCommands[id];
      if (!command.tables.some((t) => personTables.has(t))) continue;
      const declares = command.policy.includes('subject-restricted');
      if (declares === id in exempt) undecided.push(id);
    }
    for (const id of readCommandIds) {
      const declares = readCommands[id].policy.includes('subject-restricted');
      if (declares === id in exempt) undecided.push(id);
    }
    expect(undecided).toEqual([]);
    // Every export the menu and palette offer is a read command, so it has a declared policy.
    const exports = commandCatalog.map((c) => c.id as string).filter((id) => id.startsWith('export.'));
    expect(exports.length).toBeGreaterThan(0);
    expect(exports.filter((id) => !(readCommandIds as string[]).includes(id))).toEqual([]);
    // Exemptions name real commands only.
    const known = new Set<string>([...writeCommandIds, ...readCommandIds]);
    expect(Object.keys(exempt).filter((id) => !known.has(id))).toEqual([]);
  });

  const declaring = writeCommandIds.filter(
    (id) =>
      writeCommands[id].policy.includes('subject-restricted') && firstPersonTable(writeCommands[id].tables),
  );

  it.each(declaring)('%s refuses or leaves out the restricted person', async (id) => {
    const table = firstPersonTable(writeCommands[id].tables)!;
    const touching = about(table, restricted);
    const untouched = about(table, other);
    let leftOut: LeftOut | undefined;
    if (writeCommands[id].bulk) {
      await ws.run(id, inputOf(id, [touching, untouched]), { onLeftOut: (l) => (leftOut = l) });
      expect(leftOut).toEqual({ 'subject-restricted': 1 });
      expect(ws.model.get(table, untouched.after.id)).toEqual(untouched.after);
    } else {
      const refusal = ws.run(id, inputOf(id, [touching]));
      await expect(refusal).rejects.toBeInstanceOf(PolicyRefused);
      await expect(refusal).rejects.toMatchObject({ check: 'subject-restricted', count: 1 });
    }
    // Nothing about the restricted person was written.
    expect(ws.model.get(table, touching.after.id) ?? null).toEqual(touching.before);
  });

  it('declares the check on every command that writes people, deals, activities or tasks', () => {
    // Commands with no people's table among theirs declare it for organizations, which become
    // data subjects when they are sole traders; nothing else is left unexercised above.
    const unexercised = writeCommandIds.filter(
      (id) =>
        writeCommands[id].policy.includes('subject-restricted') &&
        !firstPersonTable(writeCommands[id].tables),
    );
    expect(
      unexercised.every((id) => writeCommands[id].tables.every((t) => t === 'organizations' || t === 'tags')),
    ).toBe(true);
  });

  const reading = readCommandIds.filter((id) => readCommands[id].policy.includes('subject-restricted'));

  it.each(reading)('%s reads without the restricted person and counts them', (id) => {
    for (const table of readCommands[id].tables.filter((t) => personTables.has(t))) {
      const touching = about(table, restricted).after;
      const untouched = about(table, other).after;
      const result = ws.read(id, table, [touching, untouched] as never);
      expect(result.records).toEqual([untouched]);
      expect(result.leftOut).toEqual({ 'subject-restricted': 1 });
    }
  });

  it('lets the person through again once the restriction is lifted', async () => {
    const lifted = await testWorkspace('restriction-lifted');
    const person = generateDataset({ contacts: 3, seed: 77 }).people.find((p) => p.deletedAt === null)!;
    await lifted.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
    const restriction = testRestriction(lifted.repo.newId(), person.id, lifted.repo.stamp());
    await lifted.run('restrictions.set', {
      changes: [{ table: 'restrictions', before: null, after: restriction }],
    });
    expect(lifted.read('export.vcard', 'people', [person]).records).toEqual([]);
    const task = { ...about('tasks', person).after, id: lifted.repo.newId() };
    await lifted.run('restrictions.lift', {
      changes: [
        {
          table: 'restrictions',
          before: restriction,
          after: applyChanges(
            restriction,
            { liftedOn: '2026-12-01', liftNote: 'Esattezza verificata' },
            lifted.repo.stamp(),
          ),
        },
        { table: 'tasks', before: null, after: task },
      ],
    });
    expect(lifted.read('export.vcard', 'people', [person]).records).toEqual([person]);
    lifted.dispose();
  });
});
