import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DomainError,
  activeRestriction,
  peopleInRecord,
  type Person,
  type Purpose,
} from '../../../shared/domain';
import { generateDataset } from '../../../test/fixtures/generate';
import { testDraft, testEntries, testLink, testPurpose } from '../../../test/fixtures/privacy';
import { testWorkspace } from '../../../test/fixtures/workspace';
import { PolicyRefused } from '../../commands';
import type { Workspace } from '../../session/workspace';
import { ValidationFailed } from '../../vault';
import { planLift, planObjection, planRestriction } from './restriction-actions';
import { installRestrictionPolicies } from './restriction-policy';

let uninstall: () => void;
beforeAll(() => void (uninstall = installRestrictionPolicies()));
afterAll(() => uninstall());

let seed = 0;
async function withPeople(n: number): Promise<{ ws: Workspace; people: Person[] }> {
  const ws = await testWorkspace('restriction');
  const people = generateDataset({ contacts: n + 4, seed: ++seed })
    .people.filter((p) => p.deletedAt === null)
    .slice(0, n);
  await ws.run('people.create', {
    changes: people.map((after) => ({ table: 'people' as const, before: null, after })),
  });
  return { ws, people };
}

describe('restriction commands', () => {
  it('restricts once, undoes the restriction, and refuses a second one in force', async () => {
    const { ws, people } = await withPeople(1);
    const p = people[0]!;
    const token = await ws.run('restrictions.set', {
      changes: planRestriction(p.id, 'accuracy-contested', ' rif. 12 ', '2026-11-02', ws.repo.stamp()),
    });
    const r = activeRestriction(ws.model.list('restrictions'), p.id)!;
    expect(r).toMatchObject({
      reason: 'accuracy-contested',
      note: 'rif. 12',
      since: '2026-11-02',
      liftedOn: null,
    });
    await expect(
      ws.run('restrictions.set', {
        changes: planRestriction(p.id, 'legal-claims', '', '2026-11-03', ws.repo.stamp()),
      }),
    ).rejects.toEqual(new DomainError('already-restricted'));
    expect(await ws.repo.undo(token)).toBe('restrictions.set');
    expect(activeRestriction(ws.model.list('restrictions'), p.id)).toBeUndefined();
    ws.dispose();
  });

  it('lifts only with a note and the task to inform the person, written together', async () => {
    const { ws, people } = await withPeople(1);
    const p = people[0]!;
    await ws.run('restrictions.set', {
      changes: planRestriction(p.id, 'objection-pending', '', '2026-11-02', ws.repo.stamp()),
    });
    const r = activeRestriction(ws.model.list('restrictions'), p.id)!;
    const noNote = planLift(r, '  ', '2026-11-30', '2026-12-04', 'Informare', ws.repo.stamp());
    await expect(ws.run('restrictions.lift', { changes: noNote })).rejects.toBeInstanceOf(ValidationFailed);
    const lift = planLift(r, 'Verifica conclusa', '2026-11-30', '2026-12-04', 'Informare', ws.repo.stamp());
    await expect(ws.run('restrictions.lift', { changes: lift.slice(0, 1) })).rejects.toEqual(
      new DomainError('lift-task-required'),
    );
    expect(activeRestriction(ws.model.list('restrictions'), p.id)).toEqual(r);
    await ws.run('restrictions.lift', { changes: lift });
    expect(activeRestriction(ws.model.list('restrictions'), p.id)).toBeUndefined();
    expect(ws.model.get('restrictions', r.id)).toMatchObject({
      liftedOn: '2026-11-30',
      liftNote: 'Verifica conclusa',
    });
    const task = ws.model.list('tasks').find((t) => t.link?.id === p.id)!;
    expect(task).toMatchObject({ title: 'Informare', dueDate: '2026-12-04', done: false });
    // A lifted restriction is not lifted twice.
    await expect(ws.run('restrictions.lift', { changes: lift })).rejects.toEqual(
      new DomainError('not-restricted'),
    );
    // Undoing the lift restores the restriction in force and takes the task away with it.
    expect(await ws.repo.undo()).toBe('restrictions.lift');
    expect(activeRestriction(ws.model.list('restrictions'), p.id)?.id).toBe(r.id);
    expect(ws.model.get('tasks', task.id)?.deletedAt).not.toBeNull();
    ws.dispose();
  });

  it('refuses to edit, merge or log an activity about a restricted person, and says which check', async () => {
    const { ws, people } = await withPeople(2);
    const [p, q] = people as [Person, Person];
    await ws.run('restrictions.set', {
      changes: planRestriction(p.id, 'legal-claims', '', '2026-11-02', ws.repo.stamp()),
    });
    const edit = { table: 'people' as const, before: p, after: { ...p, jobTitle: 'Altro' } };
    await expect(ws.run('people.update', { changes: [edit] })).rejects.toMatchObject({
      name: 'PolicyRefused',
      check: 'subject-restricted',
    });
    await expect(
      ws.run('people.merge', {
        changes: [
          { table: 'people', before: q, after: { ...q, notes: 'unito' } },
          { table: 'people', before: p, after: { ...p, deletedAt: new Date().toISOString() } },
        ],
        extraHistory: [],
      }),
    ).rejects.toBeInstanceOf(PolicyRefused);
    expect(ws.model.get('people', p.id)).toEqual(p);
    expect(ws.model.get('people', q.id)).toEqual(q);
    ws.dispose();
  });

  it('records objections append-only', async () => {
    const { ws, people } = await withPeople(1);
    const changes = planObjection(people[0]!.id, '2026-11-20', 'email', ws.repo.stamp());
    await ws.run('objections.record', { changes });
    const o = changes[0]!.after;
    await expect(
      ws.run('objections.record', {
        changes: [{ table: 'objections', before: o, after: { ...o, note: 'x' } }],
      }),
    ).rejects.toEqual(new DomainError('objection-append-only'));
    ws.dispose();
  });
});

describe('marketing suppression', () => {
  it('leaves out people who objected or withdrew a marketing consent, in any command that declares it', async () => {
    const { ws, people } = await withPeople(4);
    const [consenting, objected, withdrawn, other] = people as [Person, Person, Person, Person];
    const marketing: Purpose = testPurpose(ws.repo.newId(), ws.repo.stamp(), 'marketing');
    await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: marketing }] });
    const at = new Date(Date.now() - 60_000).toISOString();
    for (const person of [consenting, withdrawn]) {
      const [given] = await testEntries(
        [],
        [
          testDraft({
            id: ws.repo.newId(),
            personId: person.id,
            purposeId: marketing.id,
            action: 'given',
            at,
          }),
        ],
        ws.repo.stamp(),
      );
      await ws.run('consents.give', { changes: [{ table: 'consents', before: null, after: given! }] });
      if (person === withdrawn) {
        const [out] = await testEntries(
          [given!],
          [
            testDraft({
              id: ws.repo.newId(),
              personId: person.id,
              purposeId: marketing.id,
              action: 'withdrawn',
              at,
            }),
          ],
          ws.repo.stamp(),
        );
        await ws.run('consents.withdraw', { changes: [{ table: 'consents', before: null, after: out! }] });
      }
    }
    await ws.run('objections.record', {
      changes: planObjection(objected.id, '2026-11-20', '', ws.repo.stamp()),
    });
    const result = ws.read('export.marketing', 'people', [consenting, objected, withdrawn, other]);
    expect(result.records.map((p) => p.id).sort()).toEqual([consenting.id, other.id].sort());
    expect(result.leftOut).toEqual({ 'marketing-suppression': 2 });
    // A vCard export does not declare it: an objection concerns marketing only.
    expect(ws.read('export.vcard', 'people', [objected]).records).toEqual([objected]);
    // Linking is not marketing work: the person-purpose link itself is still allowed.
    await ws.run('person-purposes.link', {
      changes: [
        {
          table: 'person-purposes',
          before: null,
          after: testLink(ws.repo.newId(), objected.id, marketing.id, ws.repo.stamp()),
        },
      ],
    });
    ws.dispose();
  });
});

describe('peopleInRecord', () => {
  it('names the people of each kind of record', () => {
    expect(peopleInRecord('people', { id: 'a' })).toEqual(['a']);
    expect(peopleInRecord('activities', { participantIds: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(peopleInRecord('deals', { personIds: ['c'] })).toEqual(['c']);
    expect(peopleInRecord('tasks', { link: { table: 'person', id: 'd' } })).toEqual(['d']);
    expect(peopleInRecord('tasks', { link: { table: 'deal', id: 'd' } })).toEqual([]);
    expect(peopleInRecord('consents', { personId: 'e' })).toEqual(['e']);
    expect(peopleInRecord('organizations', { name: 'x' })).toEqual([]);
  });
});
