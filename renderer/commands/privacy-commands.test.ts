import { describe, expect, it } from 'vitest';

import { verifyConsentChain, chainOf, type ConsentEntry, type Person } from '../../shared/domain';
import { generateDataset } from '../../test/fixtures/generate';
import {
  testBreach,
  testController,
  testDraft,
  testEntries,
  testLink,
  testNotice,
  testPurpose,
  testSha256,
} from '../../test/fixtures/privacy';
import type { Workspace } from '../session/workspace';
import { ValidationFailed } from '../vault';
import { testWorkspace } from '../../test/fixtures/workspace';

const workspace = (): Promise<Workspace> => testWorkspace('privacy');

async function withPerson(ws: Workspace): Promise<Person> {
  const base = generateDataset({ contacts: 2, seed: 7 }).people[0]!;
  const person = { ...base, id: ws.repo.newId(), subjectId: ws.repo.newId() } as Person;
  await ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
  return person;
}

const iso = (ms: number) => new Date(ms).toISOString();
const append = (ws: Workspace, entry: ConsentEntry) => ({
  changes: [{ table: 'consents' as const, before: null, after: entry }],
});

describe('the privacy commands', () => {
  it('records give → withdraw → give as three chained entries, refusing edits and out-of-order entries', async () => {
    const ws = await workspace();
    const person = await withPerson(ws);
    const purpose = testPurpose(ws.repo.newId(), ws.repo.stamp());
    await ws.run('purposes.accept-preset', {
      changes: [{ table: 'purposes', before: null, after: purpose }],
    });
    const now = Date.now();
    const draft = (action: 'given' | 'withdrawn', at: number) =>
      testDraft({ id: ws.repo.newId(), personId: person.id, purposeId: purpose.id, action, at: iso(at) });
    const chain = () => chainOf(ws.model.list('consents'), person.id);
    for (const [action, at] of [
      ['given', now - 3000],
      ['withdrawn', now - 2000],
      ['given', now - 1000],
    ] as const) {
      const [entry] = await testEntries(chain(), [draft(action, at)], ws.repo.stamp());
      await ws.run(action === 'given' ? 'consents.give' : 'consents.withdraw', append(ws, entry!));
    }
    expect(chain().map((e) => e.action)).toEqual(['given', 'withdrawn', 'given']);
    expect((await verifyConsentChain(chain(), testSha256)).ok).toBe(true);

    // An edit of an entry, an entry dated before the last, a forked link: refused, nothing written.
    const first = chain()[0]!;
    await expect(
      ws.run('consents.give', {
        changes: [{ table: 'consents', before: first, after: { ...first, evidence: 'x' } }],
      }),
    ).rejects.toThrow('ledger-append-only');
    const [late] = await testEntries(chain(), [draft('withdrawn', now)], ws.repo.stamp());
    await expect(ws.run('consents.withdraw', append(ws, { ...late!, at: iso(now - 2500) }))).rejects.toThrow(
      /ledger-(out-of-order|broken)/,
    );
    await expect(ws.run('consents.withdraw', append(ws, { ...late!, seq: 1 }))).rejects.toThrow(
      'ledger-out-of-order',
    );
    await expect(ws.run('consents.give', append(ws, late!))).rejects.toThrow('ledger-append-only');
    const { at: _at, ...undated } = late!;
    await expect(ws.run('consents.withdraw', append(ws, undated as ConsentEntry))).rejects.toThrow(
      ValidationFailed,
    );
    expect(chain()).toHaveLength(3);
    await ws.run('consents.withdraw', append(ws, late!));
    expect(chain()).toHaveLength(4);

    // The audit log names the command, fields and random ids, never the values.
    const audit = ws.model.list('audit').filter((a) => a.command.startsWith('consents.'));
    expect(audit).toHaveLength(4);
    const text = JSON.stringify(audit);
    for (const value of [late!.recordedBy, late!.hash, 'Preset marketing']) expect(text).not.toContain(value);
    expect(audit[0]!.fields).toContain('action');
    ws.dispose();
  });

  it('refuses a purpose without legal basis or with a zero retention, a second controller, a forged notice, a purpose in use', async () => {
    const ws = await workspace();
    const purpose = testPurpose(ws.repo.newId(), ws.repo.stamp());
    const { legalBasis: _b, ...baseless } = purpose;
    await expect(
      ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: baseless as never }] }),
    ).rejects.toThrow(ValidationFailed);
    await expect(
      ws.run('purposes.create', {
        changes: [
          {
            table: 'purposes',
            before: null,
            after: { ...purpose, retention: { ...purpose.retention, months: 0 } },
          },
        ],
      }),
    ).rejects.toThrow(ValidationFailed);
    expect(ws.model.list('purposes')).toHaveLength(0);

    await ws.run('privacy.set-controller', {
      changes: [
        {
          table: 'privacy-controller',
          before: null,
          after: testController(ws.repo.newId(), ws.repo.stamp()),
        },
      ],
    });
    await expect(
      ws.run('privacy.set-controller', {
        changes: [
          {
            table: 'privacy-controller',
            before: null,
            after: testController(ws.repo.newId(), ws.repo.stamp()),
          },
        ],
      }),
    ).rejects.toThrow('controller-exists');

    const notice = await testNotice(ws.repo.newId(), ws.repo.stamp());
    await expect(
      ws.run('notices.save-text', {
        changes: [{ table: 'notices', before: null, after: { ...notice, text: 'Altro testo' } }],
      }),
    ).rejects.toThrow('notice-hash-mismatch');
    await ws.run('notices.save-text', { changes: [{ table: 'notices', before: null, after: notice }] });
    await expect(
      ws.run('notices.save-text', {
        changes: [{ table: 'notices', before: notice, after: { ...notice, version: 'v2' } }],
      }),
    ).rejects.toThrow('notice-immutable');

    const person = await withPerson(ws);
    await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: purpose }] });
    const link = testLink(ws.repo.newId(), person.id, purpose.id, ws.repo.stamp());
    await ws.run('person-purposes.link', {
      changes: [{ table: 'person-purposes', before: null, after: link }],
    });
    const trashed = { ...purpose, deletedAt: iso(Date.now()) };
    await expect(
      ws.run('purposes.delete', { changes: [{ table: 'purposes', before: purpose, after: trashed }] }),
    ).rejects.toThrow('purpose-in-use');
    ws.dispose();
  });

  it('erasing the person removes their purpose links and consent entries from the store', async () => {
    const ws = await workspace();
    const person = await withPerson(ws);
    const other = await withPerson(ws);
    const purpose = testPurpose(ws.repo.newId(), ws.repo.stamp());
    await ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: purpose }] });
    const mine: string[] = [];
    for (const p of [person, other]) {
      const link = testLink(ws.repo.newId(), p.id, purpose.id, ws.repo.stamp());
      await ws.run('person-purposes.link', {
        changes: [{ table: 'person-purposes', before: null, after: link }],
      });
      const [entry] = await testEntries(
        [],
        [
          testDraft({
            id: ws.repo.newId(),
            personId: p.id,
            purposeId: purpose.id,
            action: 'given',
            at: iso(Date.now() - 1000),
          }),
        ],
        ws.repo.stamp(),
      );
      await ws.run('consents.give', append(ws, entry!));
      if (p === person) mine.push(link.id, entry!.id);
    }
    await ws.vault.destroySubjectKey(person.subjectId);
    const ids = (await ws.vault.loadAll()).map((r) => r.id);
    for (const id of mine) expect(ids).not.toContain(id);
    expect(ids).toContain(purpose.id);
    expect(ids.filter((id) => ws.model.get('consents', id)?.personId === other.id)).toHaveLength(1);
    ws.dispose();
  });

  it('records breaches, refusing one dated in the future and a late one closed without the reasons for the delay', async () => {
    const ws = await workspace();
    const hour = 3_600_000;
    const future = testBreach(ws.repo.newId(), ws.repo.stamp(), Date.now() + 2 * hour);
    await expect(
      ws.run('breaches.record', { changes: [{ table: 'breaches', before: null, after: future }] }),
    ).rejects.toThrow('breach-in-future');
    const old = testBreach(ws.repo.newId(), ws.repo.stamp(), Date.now() - 100 * hour);
    await ws.run('breaches.record', { changes: [{ table: 'breaches', before: null, after: old }] });
    const closed = { ...old, garanteNotifiedAt: iso(Date.now() - 10 * hour), closedAt: iso(Date.now()) };
    await expect(
      ws.run('breaches.close', { changes: [{ table: 'breaches', before: old, after: closed }] }),
    ).rejects.toThrow('breach-delay-reason-required');
    expect(ws.model.get('breaches', old.id)?.closedAt).toBeNull();
    await ws.run('breaches.close', {
      changes: [
        {
          table: 'breaches',
          before: old,
          after: { ...closed, delayReason: 'Found out about the scope on day 4.' },
        },
      ],
    });
    expect(ws.model.get('breaches', old.id)?.closedAt).not.toBeNull();
    ws.dispose();
  });
});
