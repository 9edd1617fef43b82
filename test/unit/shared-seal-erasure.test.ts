/**
 * Erasing a person reaches every record that holds their data, not only their own: a meeting they
 * shared with someone else, the deals they are linked to, their sole-trader business and its
 * history. Canary strings are written in each; after the person's vault key and backup key are
 * destroyed, no row of the store (decrypted with every key left) and no old backup (opened with
 * every backup key left) shows any of them, and the other person keeps their records and their
 * part of the shared ones. Real vault, workspace, backup engine and host on a real folder.
 */
import { afterEach, describe, expect, it } from 'vitest';

import {
  applyChanges,
  createRecord,
  newActivityId,
  newDealId,
  newOrganizationId,
  newPersonId,
  newSubjectId,
  REDACTED_TITLE,
  type Activity,
  type Deal,
  type Organization,
  type Person,
  type RecordBase,
} from '../../shared/domain';
import { openBackup, readKeyLedger } from '../../renderer/backup';
import { loadBackupKeys, recordBackupErasure } from '../../renderer/features/backups/backup-keys';
import { openForRestore, unsealBackupRecord } from '../../renderer/features/backups/engine';
import {
  Model,
  openVault,
  randomBytes,
  type Change,
  type EntityTable,
  type LoadedRecord,
} from '../../renderer/vault';
import { VaultDb } from '../../renderer/vault/db';
import { FAST_TEST_KDF_POLICY, decryptEveryRow } from '../../renderer/vault/test-support';
import type { Workspace } from '../../renderer/session/workspace';
import { PASSPHRASE, backupWorld, type BackupWorld } from './backup-harness';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

const CANARIES = {
  meeting: 'CANARY-meeting-notes-4711',
  meetingSubject: 'CANARY-meeting-subject-0815',
  deal: 'CANARY-deal-title-9044',
  dealNotes: 'CANARY-deal-notes-2231',
  sharedDeal: 'CANARY-shared-deal-7070',
  orgName: 'CANARY-sole-trader-name-3131',
  orgOldName: 'CANARY-sole-trader-old-name-5151',
  orgVisit: 'CANARY-visit-at-business-6262',
};
const ALL = Object.values(CANARIES);
const P2_NOTE = 'p2 keeps this note';

function person(ws: Workspace, givenName: string, extra: Partial<Person> = {}): Person {
  return createRecord(
    'people',
    newPersonId(randomBytes),
    {
      subjectId: newSubjectId(randomBytes),
      kind: 'private',
      givenName,
      familyName: 'Test',
      organizations: [],
      emails: [],
      phones: [],
      addresses: [],
      source: { method: 'manual', date: '2026-01-15' },
      tags: [],
      customFields: {},
      ...extra,
    },
    ws.repo.stamp(),
  );
}

function activity(
  ws: Workspace,
  participants: Person[],
  text: string,
  extra: Partial<Activity> = {},
): Activity {
  return createRecord(
    'activities',
    newActivityId(randomBytes),
    {
      kind: 'meeting',
      at: '2026-03-02T10:00:00.000Z',
      durationMinutes: 45,
      text,
      participantIds: participants.map((p) => p.id),
      ...extra,
    },
    ws.repo.stamp(),
  );
}

function deal(ws: Workspace, people: Person[], title: string, notes: string): Deal {
  const pipeline = ws.model.list('pipelines')[0]!;
  return createRecord(
    'deals',
    newDealId(randomBytes),
    {
      title,
      notes,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      value: { amountMinor: 125_000, currency: 'EUR' },
      status: 'open',
      personIds: people.map((p) => p.id),
      tags: [],
      customFields: {},
    },
    ws.repo.stamp(),
  );
}

const create = (ws: Workspace, records: Array<[EntityTable, RecordBase]>) =>
  ws.repo.commit(
    'test.create',
    records.map(([table, after]): Change => ({ table, before: null, after })),
  );

/** Every stored row of the vault database as text (bytes as Latin-1, so a plaintext would show). */
async function rawRows(dbName: string): Promise<string> {
  const db = new VaultDb(dbName);
  try {
    const out: string[] = [];
    for (const table of db.tables) {
      for (const row of await table.toArray())
        out.push(
          JSON.stringify(row, (_k, v: unknown) =>
            v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
          ),
        );
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

const hits = (text: string) => ALL.filter((c) => text.includes(c));

interface Scene {
  p1: Person;
  p2: Person;
  business: Organization;
  meeting: Activity;
  visit: Activity;
  own: Activity;
  dealP1: Deal;
  dealBoth: Deal;
}

async function scene(ws: Workspace): Promise<Scene> {
  const business = createRecord(
    'organizations',
    newOrganizationId(randomBytes),
    {
      name: CANARIES.orgOldName,
      naturalPerson: true,
      addresses: [],
      phones: [],
      emails: [],
      tags: [],
      customFields: {},
    },
    ws.repo.stamp(),
  );
  const p1 = person(ws, 'Prima', {
    kind: 'sole-trader',
    organizations: [{ organizationId: business.id }],
  });
  const p2 = person(ws, 'Seconda');
  const meeting = activity(ws, [p1, p2], CANARIES.meeting, { subject: CANARIES.meetingSubject });
  const visit = activity(ws, [p2], CANARIES.orgVisit, { kind: 'visit', organizationId: business.id });
  const own = activity(ws, [p2], P2_NOTE, { kind: 'call' });
  const dealP1 = deal(ws, [p1], CANARIES.deal, CANARIES.dealNotes);
  const dealBoth = deal(ws, [p1, p2], CANARIES.sharedDeal, CANARIES.sharedDeal);
  await create(ws, [
    ['organizations', business],
    ['people', p1],
    ['people', p2],
    ['activities', meeting],
    ['activities', visit],
    ['activities', own],
    ['deals', dealP1],
    ['deals', dealBoth],
  ]);
  // The business is renamed: its history holds the old name and the new.
  const renamed = applyChanges(business, { name: CANARIES.orgName }, ws.repo.stamp());
  await ws.repo.commit('test.rename', [{ table: 'organizations', before: business, after: renamed }]);
  return { p1, p2, business: renamed, meeting, visit, own, dealP1, dealBoth };
}

describe('erasing a person shreds the shared records that hold their data', () => {
  it('live store and old backups: no canary left anywhere; the other person keeps theirs', async () => {
    world = await backupWorld(2);
    const { ws, vault } = world;
    const s = await scene(ws);
    // Before: everything is readable, and the store holds no canary in plaintext.
    expect(hits(await rawRows(world.dbName))).toEqual([]);
    const before = (await vault.loadAll()).map((r) => JSON.stringify(r.data)).join('\n');
    expect(hits(before)).toEqual(ALL);
    const old = await world.backup();

    await vault.destroySubjectKey(s.p1.subjectId);
    await recordBackupErasure(ws, s.p1.subjectId);
    await world.backup();

    // The live store: every row, raw, and every record the remaining keys decrypt.
    expect(hits(await rawRows(world.dbName))).toEqual([]);
    const reopened = await openVault(
      { passphrase: PASSPHRASE },
      { dbName: world.dbName, kdfPolicy: FAST_TEST_KDF_POLICY },
    );
    const tampered: string[] = [];
    const loaded = await reopened.loadAll((t, id) => tampered.push(`${t}/${id}`));
    reopened.lock();
    expect(tampered).toEqual([]);
    expect(hits(loaded.map((r) => JSON.stringify(r.data)).join('\n'))).toEqual([]);
    // Every row opened on its own, older copies included, with every key the store still holds.
    const everything = await decryptEveryRow(
      { passphrase: PASSPHRASE },
      { dbName: world.dbName, kdfPolicy: FAST_TEST_KDF_POLICY },
    );
    expect(everything.length).toBeGreaterThan(loaded.length / 2);
    expect(hits(JSON.stringify(everything))).toEqual([]);
    expect(JSON.stringify(everything)).toContain(P2_NOTE);

    // p2 keeps their records, and their part of what they shared.
    const model = Model.fromRecords(loaded);
    expect(model.get('people', s.p1.id)).toBeUndefined();
    expect(model.get('organizations', s.business.id)).toBeUndefined();
    expect(model.get('people', s.p2.id)?.givenName).toBe('Seconda');
    expect(model.get('activities', s.own.id)?.text).toBe(P2_NOTE);
    expect(model.get('activities', s.meeting.id)).toMatchObject({
      kind: 'meeting',
      at: s.meeting.at,
      durationMinutes: 45,
      participantIds: [s.p2.id],
      text: '',
    });
    expect(model.get('activities', s.meeting.id)?.subject).toBeUndefined();
    // The visit at p1's business: p2 keeps that it took place, not where or what was said.
    expect(model.get('activities', s.visit.id)).toMatchObject({ participantIds: [s.p2.id], text: '' });
    expect(model.get('activities', s.visit.id)?.organizationId).toBeUndefined();
    expect(model.get('deals', s.dealBoth.id)).toMatchObject({
      personIds: [s.p2.id],
      title: REDACTED_TITLE,
      value: { amountMinor: 125_000, currency: 'EUR' },
    });
    // A deal of p1 alone: the business keeps its figures, with no one linked.
    expect(model.get('deals', s.dealP1.id)).toMatchObject({ personIds: [], title: REDACTED_TITLE });
    expect(model.get('deals', s.dealP1.id)?.notes).toBeUndefined();

    // The backup made before the erasure, opened with every backup key left and without its
    // erasure list: what opens holds no canary; p1's and the shared records do not open.
    const key = vault.purposeKey('backups');
    const { data } = await world.host.invoke('backup:read', { folderId: world.folderId, name: old.name });
    const raw = await openBackup(data, key);
    const ledger = (await readKeyLedger(world.host, world.folderId, vault.vaultId, key))!.ledger;
    const own = await loadBackupKeys(ws);
    expect(ledger.subjects.has(s.p1.subjectId)).toBe(false);
    expect(own.subjects.has(s.p1.subjectId)).toBe(false);
    const rawOf = (sid: string) => own.subjects.get(sid) ?? ledger.subjects.get(sid);
    const opened: string[] = [];
    let shut = 0;
    for (const r of raw.records) {
      const value = await unsealBackupRecord(r, rawOf);
      if (value === null) shut++;
      else opened.push(JSON.stringify(value));
    }
    expect(hits(opened.join('\n'))).toEqual([]);
    expect(shut).toBeGreaterThan(0);
    expect(opened.join('\n')).toContain(P2_NOTE);

    // Restored on a new computer from that backup: p2 and their part, no canary, nothing missing.
    const restored = await openForRestore(world.host, world.folderId, old.name, key, vault.vaultId);
    expect(restored.missingKeys).toBe(0);
    expect(hits(restored.records.map((r) => JSON.stringify(r.data)).join('\n'))).toEqual([]);
    const back = Model.fromRecords(
      restored.records.map((r): LoadedRecord => ({
        table: r.table,
        id: r.id,
        data: r.data,
        schemaVersion: 1,
      })),
    );
    expect(back.get('people', s.p2.id)?.givenName).toBe('Seconda');
    expect(back.get('activities', s.meeting.id)).toMatchObject({ participantIds: [s.p2.id], text: '' });
    expect(back.get('people', s.p1.id)).toBeUndefined();
  });

  it('erasing the sole-trader business itself shreds it, its history and what it shared', async () => {
    world = await backupWorld(1);
    const { ws, vault } = world;
    const s = await scene(ws);
    await vault.destroySubjectKey(s.business.id);
    const text = JSON.stringify(
      await decryptEveryRow(
        { passphrase: PASSPHRASE },
        { dbName: world.dbName, kdfPolicy: FAST_TEST_KDF_POLICY },
      ),
    );
    const loaded = await vault.loadAll();
    expect(text).not.toContain(CANARIES.orgName);
    expect(text).not.toContain(CANARIES.orgOldName);
    expect(text).not.toContain(CANARIES.orgVisit);
    // Not about the business: still there.
    expect(text).toContain(CANARIES.meeting);
    expect(text).toContain(CANARIES.deal);
    const model = Model.fromRecords(loaded);
    expect(model.get('people', s.p1.id)?.givenName).toBe('Prima');
    expect(model.get('activities', s.visit.id)).toMatchObject({ participantIds: [s.p2.id], text: '' });
  });
});
