// Vaults written before shared records were sealed for all their subjects kept meetings of
// several people and deals under the records key. Opening the repository seals them again, with
// their parties' parts, and compacts the old copies away; after that, erasure reaches them.
import { describe, expect, it } from 'vitest';

import {
  compactClock,
  createRecord,
  encodeHlc,
  newActivityId,
  newDealId,
  newOrganizationId,
  newPersonId,
  newPipelineId,
  newStageId,
  newSubjectId,
  type Activity,
  type Deal,
  type Person,
} from '../../shared/domain';
import { randomBytes } from './bytes';
import { VaultDb } from './db';
import { Model } from './model';
import type { Manifest } from './pack';
import { Repository } from './repository';
import { FAST_TEST_KDF_POLICY } from './test-support';
import { createVault, openVault, type VaultOptions } from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
const CANARY = 'CANARY-old-vault-meeting-3377';
const DEAL_CANARY = 'CANARY-old-vault-deal-8181';
const stamp = {
  clock: encodeHlc({ wallTime: Date.UTC(2026, 0, 15, 9), counter: 0, node: 'a1a1a1a1a1a1a1a1' }),
  at: Date.UTC(2026, 0, 15, 9),
};

const person = (givenName: string): Person =>
  createRecord(
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
    },
    stamp,
  );

async function packs(dbName: string): Promise<Manifest[]> {
  const db = new VaultDb(dbName);
  try {
    return (await db.packs.toArray()).map((p) => JSON.parse(p.m) as Manifest);
  } finally {
    db.close();
  }
}

async function open(opts: VaultOptions) {
  const vault = await openVault({ passphrase: PASS }, opts);
  const model = Model.fromRecords(await vault.loadAll());
  return { vault, model };
}

describe('sealing shared records of an older vault again', () => {
  it('moves them under every subject key at open, with parts, and erasure then reaches them', async () => {
    const opts = { dbName: `seal-migration-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY };
    const { vault: old } = await createVault(PASS, opts);
    const p1 = person('Prima');
    const p2 = person('Seconda');
    const meeting: Activity = createRecord(
      'activities',
      newActivityId(randomBytes),
      { kind: 'meeting', at: '2026-01-10T10:00:00.000Z', text: CANARY, participantIds: [p1.id, p2.id] },
      stamp,
    );
    const dealOfP1: Deal = createRecord(
      'deals',
      newDealId(randomBytes),
      {
        title: DEAL_CANARY,
        pipelineId: newPipelineId(randomBytes),
        stageId: newStageId(randomBytes),
        value: { amountMinor: 900, currency: 'EUR' },
        status: 'open',
        personIds: [p1.id],
        tags: [],
        customFields: {},
      },
      stamp,
    );
    // As the earlier write path stored them: the people under their keys, the rest under the
    // records key; an organization at schema version 1 (no natural-person flag yet).
    const { naturalPerson: _flag, ...orgV1 } = {
      ...createRecord(
        'organizations',
        newOrganizationId(randomBytes),
        {
          name: 'Vecchia S.r.l.',
          naturalPerson: false,
          addresses: [],
          phones: [],
          emails: [],
          tags: [],
          customFields: {},
        },
        stamp,
      ),
      schemaVersion: 1,
    };
    await old.putMany([
      { table: 'people', id: p1.id, data: compactClock(p1), subjectId: p1.subjectId, schemaVersion: 2 },
      { table: 'people', id: p2.id, data: compactClock(p2), subjectId: p2.subjectId, schemaVersion: 2 },
      { table: 'activities', id: meeting.id, data: compactClock(meeting), schemaVersion: 1 },
      { table: 'deals', id: dealOfP1.id, data: compactClock(dealOfP1), schemaVersion: 1 },
      { table: 'organizations', id: orgV1.id, data: orgV1, schemaVersion: 1 },
    ]);
    old.lock();
    const underRecordsKey = async () =>
      (await packs(opts.dbName)).filter((m) => m.s.length === 0).flatMap((m) => m.k);
    expect(await underRecordsKey()).toContain(`activities/${meeting.id}`);

    const first = await open(opts);
    const repo = await Repository.open(first.vault, first.model, 'Test laptop');
    expect(first.model.get('organizations', orgV1.id)?.naturalPerson).toBe(false);
    // Sealed again at open: no copy of either left under the records key, parts written.
    const stillPlain = await underRecordsKey();
    expect(stillPlain).not.toContain(`activities/${meeting.id}`);
    expect(stillPlain).not.toContain(`deals/${dealOfP1.id}`);
    const loaded = await first.vault.loadAll();
    expect(loaded.find((r) => r.id === meeting.id)?.subjectIds?.sort()).toEqual(
      [p1.subjectId, p2.subjectId].sort(),
    );
    expect(loaded.find((r) => r.id === dealOfP1.id)?.subjectId).toBe(p1.subjectId);
    expect(
      loaded
        .filter((r) => r.table === 'shared-parts')
        .map((r) => r.id)
        .sort(),
    ).toEqual(
      [
        `activities.${meeting.id}.${p1.id}`,
        `activities.${meeting.id}.${p2.id}`,
        `deals.${dealOfP1.id}`,
        `deals.${dealOfP1.id}.${p1.id}`,
      ].sort(),
    );
    // Done once: the next open finds nothing to do.
    expect(await repo.resealShared()).toBe(0);

    await first.vault.destroySubjectKey(p1.subjectId);
    first.vault.lock();
    const after = await open(opts);
    const text = JSON.stringify((await after.vault.loadAll()).map((r) => r.data));
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(DEAL_CANARY);
    expect(after.model.get('activities', meeting.id)).toMatchObject({ participantIds: [p2.id], text: '' });
    expect(after.model.get('deals', dealOfP1.id)).toMatchObject({
      personIds: [],
      value: { amountMinor: 900 },
    });
    after.vault.lock();
  });
});
