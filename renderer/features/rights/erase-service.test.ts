/**
 * The erasure of one person with the real vault, workspace, backup engine and host over a folder
 * on disk: what goes, what a legal hold keeps, the order (the key is destroyed in the vault and in
 * both copies of the backup key ledger, read back, before the erasure reports done), a folder that
 * cannot be reached (pending, completed later), the suppression list and the `subject-erased`
 * check.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rename } from 'node:fs/promises';
import {
  applyChanges,
  createRecord,
  isTombstone,
  newActivityId,
  REDACTED_TITLE,
  trashRecord,
  verifyChain,
  type Activity,
  type Deal,
  type Person,
} from '../../../shared/domain';
import { keyLedgerFileName } from '../../../shared/backup/names';
import { analyzeCsv, mapCsvRows } from '../../../shared/formats';
import { openKeyLedger, readKeyLedger } from '../../backup';
import { PolicyRefused } from '../../commands';
import { webSha256 } from '../../commands/privacy-guards';
import { commitImport, planImport } from '../import-export/import-service';
import { purgeTrash } from '../trash/purge-trash';
import { backupWorld, type BackupWorld } from '../../../test/unit/backup-harness';
import { testLink, testPurpose } from '../../../test/fixtures/privacy';
import { completePendingErasures, erasePerson, type ErasureStep } from './erase-service';
import { installErasurePolicy } from './erase-policy';
import { leaveOutRule } from './erase-filter';
import { planErasure } from './erase-plan';
import { suppressionIndex } from './suppression';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});
beforeAll(() => installErasurePolicy());

const day = 86_400_000;

/** A person of the world with a note, a single-person activity, a shared one and a won deal. */
async function subject(w: BackupWorld, canary = 'Zanzibar-canary') {
  const { ws } = w;
  const [base, other] = ws.model.list('people');
  const person = applyChanges<Person>(
    base!,
    { givenName: canary, notes: `${canary} prefers calls`, taxCode: 'RSSMRA80A01H501U' },
    ws.repo.stamp(),
  );
  await ws.run('people.update', { changes: [{ table: 'people', before: base!, after: person }] });
  const activity = (participantIds: string[], text: string): Activity =>
    createRecord(
      'activities',
      newActivityId(() => crypto.getRandomValues(new Uint8Array(16))),
      { kind: 'call', at: new Date().toISOString(), text, participantIds, dealIds: [] } as never,
      ws.repo.stamp(),
    );
  const own = activity([person.id], `${canary} called`);
  const shared = activity([person.id, other!.id], 'Meeting of two');
  await ws.run('activities.log', {
    changes: [
      { table: 'activities', before: null, after: own },
      { table: 'activities', before: null, after: shared },
    ],
  });
  const template = ws.model.list('deals')[0]!;
  const deal = {
    ...template,
    id: ws.repo.newId(),
    title: 'Fattura 2026/14',
    status: 'won',
    closedAt: new Date(Date.now() - 30 * day).toISOString(),
    personIds: [person.id],
  } as Deal;
  delete (deal as { lostReason?: string }).lostReason;
  await ws.run('deals.create', { changes: [{ table: 'deals', before: null, after: deal }] });
  return { person, other: other!, own, shared, deal };
}

/** Links the person to the accounting purpose (legal obligation, ten years from the last entry). */
async function accounting(w: BackupWorld, personId: string) {
  const purpose = testPurpose(w.ws.repo.newId(), w.ws.repo.stamp(), 'accounting');
  await w.ws.run('purposes.create', { changes: [{ table: 'purposes', before: null, after: purpose }] });
  const link = testLink(w.ws.repo.newId(), personId, purpose.id, w.ws.repo.stamp());
  await w.ws.run('person-purposes.link', {
    changes: [{ table: 'person-purposes', before: null, after: link }],
  });
  return purpose;
}

async function ledgerCopies(w: BackupWorld) {
  const { copies } = await w.host.invoke('backup:ledger-read', {
    folderId: w.folderId,
    name: keyLedgerFileName(w.vault.vaultId),
  });
  return Promise.all(copies.map((c) => openKeyLedger(c!, w.vault.purposeKey('backups'))));
}

describe('erasePerson', () => {
  it('plans what goes and what a legal hold keeps, with the reason', async () => {
    world = await backupWorld(3);
    const { person, deal, shared } = await subject(world);
    const purpose = await accounting(world, person.id);
    const plan = planErasure(world.ws.model, world.ws.repo, person.id)!;
    expect(plan.counts.people).toBe(1);
    expect(plan.counts.activities).toBeGreaterThanOrEqual(1);
    expect(plan.counts['person-purposes']).toBe(1);
    // The shared meeting and the deals go whole with the key (nothing rewritten before it).
    expect(plan.shared.activities).toBe(1);
    expect(plan.shared.deals).toBeGreaterThanOrEqual(1);
    expect(plan.unlinks.some((c) => c.table === 'activities' || c.table === 'deals')).toBe(false);
    expect(plan.underKey.map((r) => r.id)).toEqual(expect.arrayContaining([shared.id, deal.id]));
    expect(plan.holds).toHaveLength(1);
    expect(plan.holds[0]!.purpose.id).toBe(purpose.id);
    expect(plan.holds[0]!.deals.map((d) => d.id)).toContain(deal.id);
    expect(plan.holds[0]!.record.taxCode).toBe('RSSMRA80A01H501U');
    expect(plan.holds[0]!.until > new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it('destroys the key in the vault and in both ledger copies, verified, before it reports done', async () => {
    world = await backupWorld(3);
    await world.backup();
    const { person, other, own, shared, deal } = await subject(world);
    await accounting(world, person.id);
    const events: string[] = [];
    const vault = world.vault;
    const destroy = vault.destroySubjectKey.bind(vault);
    vault.destroySubjectKey = async (sid) => {
      await destroy(sid);
      events.push('vault-key-destroyed');
    };
    const invoke = world.host.invoke.bind(world.host);
    world.host.invoke = (async (channel: string, input: never) => {
      const out = await invoke(channel as 'backup:list', input);
      if (channel === 'backup:ledger-write') events.push('ledger-written');
      if (channel === 'backup:ledger-read') events.push('ledger-read');
      return out;
    }) as typeof world.host.invoke;
    const outcome = await erasePerson(world.ws, world.host, person.id, {
      suppress: true,
      onStep: (s: ErasureStep) => events.push(`step:${s}`),
    });
    expect(outcome.backupLedger).toBe('verified');
    const done = events.indexOf('step:done');
    expect(events.indexOf('step:flag')).toBe(0);
    expect(events.indexOf('vault-key-destroyed')).toBeGreaterThan(0);
    expect(events.indexOf('vault-key-destroyed')).toBeLessThan(events.indexOf('ledger-written'));
    expect(events.lastIndexOf('ledger-read')).toBeGreaterThan(events.indexOf('ledger-written'));
    expect(events.lastIndexOf('ledger-read')).toBeLessThan(done);
    // Both copies lack the key and list the erasure.
    for (const ledger of await ledgerCopies(world)) {
      expect(ledger.subjects.has(person.subjectId)).toBe(false);
      expect(ledger.erasures.map((e) => e.subjectId)).toContain(person.subjectId);
    }
    // The live store and the model: the person and what was theirs alone are gone.
    const ws = world.ws;
    const stored = await vault.loadAll();
    expect(stored.some((r) => r.id === person.id || r.id === own.id)).toBe(false);
    expect(ws.model.get('people', person.id)).toBeUndefined();
    expect(ws.model.get('activities', own.id)).toBeUndefined();
    // Shared records come back from the parts the others keep, with nothing written in them.
    expect(ws.model.get('activities', shared.id)).toMatchObject({ participantIds: [other.id], text: '' });
    expect(ws.model.get('deals', deal.id)).toMatchObject({ personIds: [], title: REDACTED_TITLE });
    // The legal hold keeps what it promises: the won deal's amount and dates (its base part) …
    expect(ws.model.get('deals', deal.id)).toMatchObject({
      status: 'won',
      value: deal.value,
      closedAt: deal.closedAt,
    });
    // … and the reduced identity, under the records key.
    const [hold] = ws.model.list('legal-holds');
    expect(hold!.dealIds).toContain(deal.id);
    expect(hold!.name).toContain('Zanzibar-canary');
    expect(stored.some((r) => r.id === hold!.id)).toBe(true);
    // The ledger entry: random ids and a date.
    const [entry] = ws.model.list('erasures');
    expect(entry).toMatchObject({ personId: person.id, backupLedger: 'verified', cause: 'request' });
    expect(JSON.stringify(entry)).not.toContain('Zanzibar');
    // Suppressed: only tokens.
    expect(ws.model.list('suppressions').length).toBe(outcome.suppressed);
    expect(outcome.suppressed).toBeGreaterThan(0);
    expect(JSON.stringify(ws.model.list('suppressions'))).not.toContain('@');
    // The audit log still verifies and names nobody.
    const audit = [...ws.model.list('audit')].sort((a, b) => a.seq - b.seq);
    expect(await verifyChain(audit, webSha256)).toBeNull();
    expect(JSON.stringify(audit)).not.toContain('Zanzibar');
    expect(audit.some((a) => a.command === 'rights.erase-subject')).toBe(true);
  });

  it('says the ledger is pending when the folder is unreachable, and completes it later', async () => {
    world = await backupWorld(3);
    await world.backup();
    const { person } = await subject(world);
    const away = `${world.folder}-unplugged`;
    await rename(world.folder, away);
    const outcome = await erasePerson(world.ws, world.host, person.id, { suppress: false });
    expect(outcome.backupLedger).toBe('pending');
    expect(world.ws.model.list('erasures')[0]!.backupLedger).toBe('pending');
    // The vault key is gone already.
    expect((await world.vault.loadAll()).some((r) => r.id === person.id)).toBe(false);
    await rename(away, world.folder);
    // Before completion, the folder's ledger still holds the key.
    const before = await readKeyLedger(
      world.host,
      world.folderId,
      world.vault.vaultId,
      world.vault.purposeKey('backups'),
    );
    expect(before!.ledger.subjects.has(person.subjectId)).toBe(true);
    expect(await completePendingErasures(world.ws, world.host)).toBe(1);
    expect(world.ws.model.list('erasures')[0]!.backupLedger).toBe('verified');
    for (const ledger of await ledgerCopies(world)) expect(ledger.subjects.has(person.subjectId)).toBe(false);
  });

  it('a ledger that does not read back as written is not called verified', async () => {
    world = await backupWorld(3);
    await world.backup();
    const { person } = await subject(world);
    const invoke = world.host.invoke.bind(world.host);
    let written = false;
    world.host.invoke = (async (channel: string, input: never) => {
      if (channel === 'backup:ledger-write') written = true;
      // A folder that loses the second copy right after writing it.
      if (channel === 'backup:ledger-read' && written) {
        const out = (await invoke('backup:ledger-read', input)) as {
          copies: [Uint8Array | null, Uint8Array | null];
        };
        return { copies: [out.copies[0], null] };
      }
      return invoke(channel as 'backup:list', input);
    }) as typeof world.host.invoke;
    const outcome = await erasePerson(world.ws, world.host, person.id, { suppress: false });
    expect(outcome.backupLedger).toBe('pending');
    expect(world.ws.model.list('erasures')[0]!.backupLedger).toBe('pending');
  });

  it('a pending ledger is also completed by the next backup', async () => {
    world = await backupWorld(3);
    await world.backup();
    const { person } = await subject(world);
    const away = `${world.folder}-unplugged`;
    await rename(world.folder, away);
    await erasePerson(world.ws, world.host, person.id, { suppress: false });
    await rename(away, world.folder);
    await world.backup();
    for (const ledger of await ledgerCopies(world)) {
      expect(ledger.subjects.has(person.subjectId)).toBe(false);
      expect(ledger.erasures.map((e) => e.subjectId)).toContain(person.subjectId);
    }
  });

  it('refuses any command that would bring the erased person back', async () => {
    world = await backupWorld(3);
    const { person, own } = await subject(world);
    await erasePerson(world.ws, null, person.id, { suppress: false });
    const ws = world.ws;
    await expect(
      ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] }),
    ).rejects.toThrow(PolicyRefused);
    const copy = { ...person, id: ws.repo.newId() } as Person;
    await expect(
      ws.run('people.create', { changes: [{ table: 'people', before: null, after: copy }] }),
    ).rejects.toMatchObject({ check: 'subject-erased' });
    await expect(
      ws.run('activities.log', {
        changes: [{ table: 'activities', before: null, after: { ...own, id: ws.repo.newId() } }],
      }),
    ).rejects.toMatchObject({ check: 'subject-erased' });
    expect(ws.model.get('people', person.id)).toBeUndefined();
    // Undo cannot write an earlier version back either.
    expect(ws.repo.undoable).toBeUndefined();
    // A backup folder is set but no host was reachable: the ledger is pending.
    expect(ws.model.list('erasures')[0]!.backupLedger).toBe('pending');
  });

  it('erase and suppress: a later CSV holding the person flags them instead of creating them', async () => {
    world = await backupWorld(3);
    const { person } = await subject(world);
    const email = person.emails[0]!.address;
    await erasePerson(world.ws, world.host, person.id, { suppress: true });
    expect(suppressionIndex(world.ws).size).toBeGreaterThan(0);
    const csv = new TextEncoder().encode(
      `Nome;Cognome;Email\nRitorno;Indesiderato;${email.toUpperCase()}\nNuova;Persona;nuova@example.it\n`,
    );
    const rows = analyzeCsv(csv);
    const opts = { locale: 'it-IT', defaultCountry: 'IT' };
    const plan = planImport(
      world.ws,
      'x.csv',
      'csv',
      mapCsvRows(rows, rows.mapping, opts),
      leaveOutRule(world.ws),
    );
    expect(plan.flagged).toBe(1);
    const log = await commitImport(world.ws, plan, new Map(), 'skip');
    expect(log.counts).toMatchObject({ created: 1, flagged: 1 });
    const names = world.ws.model.list('people').map((p) => p.givenName);
    expect(names).toContain('Nuova');
    expect(names).not.toContain('Ritorno');
  });

  it('a person purged from the trash is erased: key, ledger and erasure entry', async () => {
    world = await backupWorld(3);
    await world.backup();
    const { person } = await subject(world);
    const ws = world.ws;
    const trashed = trashRecord(person, ws.repo.stamp(Date.now() - 31 * day));
    await ws.run('people.trash', {
      changes: [{ table: 'people', before: ws.model.get('people', person.id)!, after: trashed }],
    });
    const w = world;
    const purged = await purgeTrash({
      ...ws,
      erasePerson: (id) => erasePerson(ws, w.host, id, { suppress: false, cause: 'trash-purge' }),
    });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(ws.model.list('erasures')[0]).toMatchObject({
      personId: person.id,
      cause: 'trash-purge',
      backupLedger: 'verified',
    });
    const stored = await ws.vault.loadAll();
    expect(stored.some((r) => r.id === person.id && !isTombstone(r.data))).toBe(false);
    for (const ledger of await ledgerCopies(world)) expect(ledger.subjects.has(person.subjectId)).toBe(false);
  });
});
