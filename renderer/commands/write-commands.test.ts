import { beforeEach, describe, expect, it } from 'vitest';

import {
  applyChanges,
  createRecord,
  isEntityTable,
  newCustomFieldId,
  type EntityTable,
  type Person,
  type RecordBase,
} from '../../shared/domain';
import { generateDataset } from '../../test/fixtures/generate';
import {
  testBreach,
  testDecision,
  testErasure,
  testLegalHold,
  testSuppression,
  testController,
  testDraft,
  testEntries,
  testIndirectNotice,
  testLink,
  testNotice,
  testPurpose,
} from '../../test/fixtures/privacy';
import { testObjection, testRestriction } from '../../test/fixtures/restriction';
import type { Workspace } from '../session/workspace';
import { randomBytes } from '../vault/bytes';
import { testWorkspace } from '../../test/fixtures/workspace';
import { testRequest, testRequestStep } from '../../test/fixtures/requests';
import { loadHolidayCalendar } from '../features/rights/holiday-calendar';
import { localToday, setHolidayCalendar } from './request-guards';
import { policyChecks, PolicyRefused, setPolicyCheck, type PolicyCheck } from './policy';
import { UndeclaredTable } from './run';
import {
  checkedChangesInput,
  mergeInput,
  writeCommandIds,
  writeCommands,
  type WriteCommandId,
} from './write-commands';

let counter = 0;
const workspace = (): Promise<Workspace> => testWorkspace('commands');

// Valid new records of every table, from the seeded generator (fresh ids on every call).
async function freshRecord(ws: Workspace, table: EntityTable, id?: WriteCommandId): Promise<RecordBase> {
  const stamp = ws.repo.stamp();
  switch (table) {
    case 'privacy-controller':
      return testController(ws.repo.newId(), stamp);
    case 'purposes':
      return testPurpose(ws.repo.newId(), stamp);
    case 'person-purposes':
      return testLink(ws.repo.newId(), ws.repo.newId(), ws.repo.newId(), stamp);
    case 'notices':
      return testNotice(ws.repo.newId(), stamp);
    case 'indirect-notices':
      return testIndirectNotice(ws.repo.newId(), ws.repo.newId(), stamp);
    case 'breaches':
      return testBreach(ws.repo.newId(), stamp, stamp.at - 3_600_000);
    case 'retention-decisions':
      return testDecision(ws.repo.newId(), ws.repo.newId(), stamp);
    case 'restrictions':
      return testRestriction(ws.repo.newId(), ws.repo.newId(), stamp);
    case 'objections':
      return testObjection(ws.repo.newId(), ws.repo.newId(), stamp);
    case 'requests':
      return testRequest(ws.repo.newId(), stamp, italian, { receivedOn: localToday(stamp.at) });
    case 'erasures':
      return testErasure(ws.repo.newId(), ws.repo.newId(), ws.repo.newId(), stamp);
    case 'suppressions':
      return testSuppression(ws.repo.newId(), stamp);
    case 'legal-holds':
      return testLegalHold(ws.repo.newId(), ws.repo.newId(), stamp);
    case 'consents': {
      const personId = ws.repo.newId();
      const purposeId = ws.repo.newId();
      const at = new Date(stamp.at).toISOString();
      const given = testDraft({ id: ws.repo.newId(), personId, purposeId, action: 'given', at });
      const [first] = await testEntries([], [given], stamp);
      if (id !== 'consents.withdraw') return first!;
      // A withdrawal follows a consent in force: record that one first.
      await ws.run('consents.give', { changes: [{ table: 'consents', before: null, after: first! }] });
      const withdrawn = testDraft({ id: ws.repo.newId(), personId, purposeId, action: 'withdrawn', at });
      return (await testEntries([first!], [withdrawn], stamp))[0]!;
    }
    default:
      break;
  }
  if (table === 'custom-fields') {
    return createRecord(
      'custom-fields',
      newCustomFieldId(randomBytes),
      {
        entity: 'person',
        label: 'Codice cliente',
        type: 'text',
        choices: [],
        personalData: false,
        position: 0,
      },
      ws.repo.stamp(),
    );
  }
  const data = generateDataset({ contacts: 8, seed: ++counter });
  const pool = data[table] as readonly RecordBase[];
  return { ...pool[0]!, id: ws.repo.newId() };
}

interface CaseInput {
  readonly changes: Array<{ table: EntityTable; before: RecordBase | null; after: RecordBase }>;
  readonly extraHistory?: [];
  readonly validated?: boolean;
}

/** An anonymisation at a retention review: a person collected long ago, on a 24-month purpose. */
async function dueAnonymisation(ws: Workspace): Promise<CaseInput> {
  const base = generateDataset({ contacts: 2, seed: ++counter }).people[0]!;
  const person = {
    ...base,
    id: ws.repo.newId(),
    subjectId: ws.repo.newId(),
    source: { method: 'manual', date: '2015-01-01' },
  } as Person;
  const purpose = testPurpose(ws.repo.newId(), ws.repo.stamp(), 'legitimate-follow-up');
  const link = testLink(ws.repo.newId(), person.id, purpose.id, ws.repo.stamp());
  await ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
  await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: purpose }] });
  await ws.run('person-purposes.link', {
    changes: [{ table: 'person-purposes', before: null, after: link }],
  });
  const decision = testDecision(ws.repo.newId(), person.id, ws.repo.stamp(), null);
  const anonymous = applyChanges(
    person,
    { givenName: '', familyName: 'Anonymous', emails: [], phones: [] },
    ws.repo.stamp(),
  );
  return {
    changes: [
      { table: 'retention-decisions', before: null, after: decision },
      { table: 'people', before: person, after: anonymous },
    ] as unknown as CaseInput['changes'],
  };
}

/**
 * Lifting a restriction: the restriction in force (set first), lifted with a note, and the task
 * to inform the person. The lifted restriction comes first, so the checks below find it.
 */
async function liftedRestriction(ws: Workspace): Promise<CaseInput> {
  const restriction = testRestriction(ws.repo.newId(), ws.repo.newId(), ws.repo.stamp());
  await ws.run('restrictions.set', {
    changes: [{ table: 'restrictions', before: null, after: restriction }],
  });
  const lifted = applyChanges(
    restriction,
    { liftedOn: '2026-11-30', liftNote: 'Dati verificati' },
    ws.repo.stamp(),
  );
  const task = {
    ...generateDataset({ contacts: 2, seed: ++counter }).tasks[0]!,
    id: ws.repo.newId(),
    done: false,
    doneAt: undefined,
    link: { table: 'person', id: restriction.personId },
  };
  return {
    changes: [
      { table: 'restrictions', before: restriction, after: lifted },
      { table: 'tasks', before: null, after: task },
    ] as unknown as CaseInput['changes'],
  };
}

const italian = await loadHolidayCalendar('IT');
setHolidayCalendar(() => Promise.resolve(italian));

/**
 * A step of a request: a request received today is stored first (through the repository, so no
 * check is consulted), then the command's own step is planned on it.
 */
async function requestCase(ws: Workspace, id: WriteCommandId): Promise<CaseInput> {
  const today = localToday(Date.now());
  const request = testRequest(ws.repo.newId(), ws.repo.stamp(), italian, { receivedOn: today });
  if (id === 'requests.record') return { changes: [{ table: 'requests', before: null, after: request }] };
  await ws.repo.commit('requests.record', [{ table: 'requests', before: null, after: request }]);
  const person = generateDataset({ contacts: 1, seed: ++counter }).people[0]!;
  const step = testRequestStep(id, request, today, italian, () => ws.repo.stamp(), person.id);
  let before = request;
  if (step.setup) {
    await ws.repo.commit('requests.ask-clarification', [{ table: 'requests', before, after: step.setup }]);
    before = step.setup;
  }
  return { changes: [{ table: 'requests', before, after: step.after }] as unknown as CaseInput['changes'] };
}

/** A valid input for each command: one new record of its first table (tables are checked below). */
const cases = Object.fromEntries(
  writeCommandIds.map((id) => [
    id,
    async (ws: Workspace): Promise<CaseInput> => {
      if (id === 'retention.anonymise') return dueAnonymisation(ws);
      if (id === 'restrictions.lift') return liftedRestriction(ws);
      if (id.startsWith('requests.')) return requestCase(ws, id);
      const table = writeCommands[id].tables[0]!;
      const changes = [{ table, before: null, after: await freshRecord(ws, table, id) }];
      const input: unknown = writeCommands[id].input;
      if (input === mergeInput) return { changes, extraHistory: [] };
      if (input === checkedChangesInput) return { changes, validated: false };
      return { changes };
    },
  ]),
) as { readonly [K in WriteCommandId]: (ws: Workspace) => Promise<CaseInput> };

describe('the write command map', () => {
  let restore: Array<() => void> = [];
  beforeEach(() => {
    for (const r of restore) r();
    restore = [];
  });

  it('declares every command with its tables and a policy of known checks', () => {
    for (const id of writeCommandIds) {
      const command = writeCommands[id];
      expect(command.tables.length, id).toBeGreaterThan(0);
      expect(
        command.tables.every((t) => isEntityTable(t)),
        id,
      ).toBe(true);
      expect(Array.isArray(command.policy), id).toBe(true);
      expect(
        command.policy.every((c) => (policyChecks as readonly string[]).includes(c)),
        id,
      ).toBe(true);
      expect(id).toMatch(/^[a-z-]+\.[a-z-]+$/);
    }
    // Every command has a case here: the map and the cases cannot drift apart.
    expect(Object.keys(cases).sort()).toEqual([...writeCommandIds].sort());
  });

  it('runs every command: written, audited under its id, consulting exactly its declared checks', async () => {
    const ws = await workspace();
    const consulted: PolicyCheck[] = [];
    for (const check of policyChecks) restore.push(setPolicyCheck(check, () => void consulted.push(check)));
    for (const id of writeCommandIds) {
      const input = await cases[id](ws);
      consulted.length = 0;
      const after = input.changes[0]!.after;
      await ws.run(id, input);
      expect(ws.model.get(input.changes[0]!.table, after.id), id).toEqual(after);
      const audit = [...ws.model.list('audit')].sort((a, b) => b.seq - a.seq)[0];
      expect(audit?.command, id).toBe(id);
      expect(consulted, id).toEqual(writeCommands[id].policy);
      // Undo follows the map, not the caller.
      expect(ws.repo.undoable === id, id).toBe(writeCommands[id].undoable);
    }
    ws.dispose();
  });

  it('writes nothing when a declared check refuses', async () => {
    const ws = await workspace();
    for (const check of policyChecks) {
      const undo = setPolicyCheck(check, () => {
        throw new PolicyRefused(check);
      });
      for (const id of writeCommandIds.filter((c) => writeCommands[c].policy.includes(check))) {
        const input = await cases[id](ws);
        await expect(ws.run(id, input as never), id).rejects.toThrow(PolicyRefused);
        // Nothing written: a new record is absent, a step leaves the stored record as it was.
        const first = input.changes[0]!;
        expect(ws.model.get(first.table, first.after.id), id).toEqual(first.before ?? undefined);
      }
      undo();
    }
    ws.dispose();
  });

  it('refuses changes to a table the command does not declare, and malformed input', async () => {
    const ws = await workspace();
    const person = await freshRecord(ws, 'people');
    await expect(
      ws.run('tags.create', { changes: [{ table: 'people', before: null, after: person }] }),
    ).rejects.toThrow(UndeclaredTable);
    expect(ws.model.get('people', person.id)).toBeUndefined();
    await expect(ws.run('tags.create', { changes: [{ table: 'tags' }] })).rejects.toThrow();
    ws.dispose();
  });
});
