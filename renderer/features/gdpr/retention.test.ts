import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  (globalThis as { self?: unknown }).self ??= globalThis;
});

import { DomainError, type Person } from '../../../shared/domain';
import { generateDataset } from '../../../test/fixtures/generate';
import { testLink, testPurpose } from '../../../test/fixtures/privacy';
import { testWorkspace } from '../../../test/fixtures/workspace';
import type { Workspace } from '../../session/workspace';
import { anonymisePeople, extendPeople, planAnonymise } from './retention-actions';
import { retentionEveryMs, retentionQueueOf, startRetentionJob, type JobClock } from './retention-job';

const day = 86_400_000;

/** A fake clock: `tick` moves time on and fires the interval when its period has passed. */
function fakeClock(start: number): JobClock & { tick(ms: number): void } {
  let now = start;
  let job: { run: () => void; every: number; next: number } | null = null;
  return {
    now: () => now,
    setInterval: (run, every) => (job = { run, every, next: now + every }),
    clearInterval: () => void (job = null),
    tick(ms) {
      now += ms;
      while (job && job.next <= now) {
        job.next += job.every;
        job.run();
      }
    },
  };
}

// A person collected on `collected`, on the 24-month follow-up purpose, with no activity.
async function seed(ws: Workspace, collected: string, n: number): Promise<Person> {
  const base = generateDataset({ contacts: 3, seed: 11 + n }).people[0]!;
  const person = {
    ...base,
    id: ws.repo.newId(),
    subjectId: ws.repo.newId(),
    source: { method: 'manual', date: collected },
  } as Person;
  await ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
  let purpose = ws.model.list('purposes')[0];
  if (!purpose) {
    purpose = testPurpose(ws.repo.newId(), ws.repo.stamp(), 'legitimate-follow-up');
    await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: purpose }] });
  }
  const link = testLink(ws.repo.newId(), person.id, purpose.id, ws.repo.stamp());
  await ws.run('person-purposes.link', {
    changes: [{ table: 'person-purposes', before: null, after: link }],
  });
  return person;
}

describe('the retention review', () => {
  it('fills the queue at start and again every 24 hours, never writing anything itself', async () => {
    const ws = await testWorkspace('retention-job');
    const start = Date.now();
    const clock = fakeClock(start);
    // Due in 20 days: 24 months from its collection.
    const soon = new Date(start - 2 * 365 * day + 20 * day).toISOString().slice(0, 10);
    await seed(ws, soon, 1);
    const writes = ws.model.list('audit').length;
    const stop = startRetentionJob(ws.model, clock);
    const store = retentionQueueOf(ws.model);
    expect(store.get()!.scan.due).toHaveLength(0);
    clock.tick(retentionEveryMs - 1);
    expect(store.get()!.scannedAt).toBe(start);
    clock.tick(1);
    expect(store.get()!.scannedAt).toBe(start + retentionEveryMs);
    clock.tick(25 * day);
    expect(store.get()!.scan.due).toHaveLength(1);
    stop();
    clock.tick(5 * retentionEveryMs);
    expect(store.get()!.scannedAt).toBe(start + 26 * retentionEveryMs);
    expect(ws.model.list('audit')).toHaveLength(writes);
  });

  it('anonymises only due people, removes their values from the model and history, audits ids only', async () => {
    const ws = await testWorkspace('retention-anonymise');
    const old = await seed(ws, '2020-01-01', 1);
    const recent = await seed(ws, new Date().toISOString().slice(0, 10), 2);
    await ws.run('people.update', {
      changes: [{ table: 'people', before: old, after: { ...old, jobTitle: 'Buyer' } }],
    });
    // A person still within the period is refused, and nothing is written.
    await expect(
      ws.run('retention.anonymise', { changes: planAnonymise(ws, [recent.id], 'Anonymous') }),
    ).rejects.toThrow(DomainError);
    expect(ws.model.get('people', recent.id)!.familyName).toBe(recent.familyName);
    // A person rewritten without the decision record is refused too.
    const withoutDecision = planAnonymise(ws, [old.id], 'Anonymous').filter(
      (c) => c.table !== 'retention-decisions',
    );
    await expect(ws.run('retention.anonymise', { changes: withoutDecision })).rejects.toThrow(DomainError);

    expect(await anonymisePeople(ws, [old.id], 'Anonymous')).toBe(1);
    const after = ws.model.get('people', old.id)!;
    expect(after).toMatchObject({ givenName: '', familyName: 'Anonymous', emails: [], phones: [] });
    expect(after.jobTitle).toBeUndefined();
    const values = [old.givenName, old.familyName, ...old.emails.map((e) => e.address), 'Buyer'];
    const history = JSON.stringify(ws.model.entries('history'));
    const audit = JSON.stringify(ws.model.list('audit'));
    for (const v of values) {
      expect(history).not.toContain(v);
      expect(audit).not.toContain(v);
    }
    expect(ws.model.list('audit').some((e) => e.command === 'retention.anonymise')).toBe(true);
    // Never queued again.
    expect(retentionQueueOf(ws.model).refresh().scan.anonymised).toBe(1);
  });

  it('extends a due person to a later date with a reason, refuses a past date, and undoes', async () => {
    const ws = await testWorkspace('retention-extend');
    const old = await seed(ws, '2020-01-01', 1);
    const queue = () => retentionQueueOf(ws.model).refresh().scan;
    expect(queue().due.map((v) => v.personId)).toEqual([old.id]);
    await expect(extendPeople(ws, [old.id], '2020-01-01', 'Dispute')).rejects.toThrow(DomainError);
    const token = await extendPeople(ws, [old.id], '2099-12-31', 'Open dispute');
    expect(queue().due).toEqual([]);
    expect(queue().extended.map((v) => v.extendedUntil)).toEqual(['2099-12-31']);
    expect(await ws.repo.undo(token)).toBe('retention.extend');
    expect(queue().due.map((v) => v.personId)).toEqual([old.id]);
  });
});
