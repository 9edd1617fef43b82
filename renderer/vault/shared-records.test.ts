// Records sealed for several subjects at once (`subjectIds`): every subject's key is needed to
// read them, so erasing any one subject makes them unreadable and drops them from the store.
import { afterEach, describe, expect, it } from 'vitest';
import { VaultDb } from './db';
import { FAST_TEST_KDF_POLICY } from './test-support';
import { createVault, openVault, type Vault, type VaultOptions } from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
let counter = 0;
const opened: Vault[] = [];

afterEach(() => {
  for (const v of opened.splice(0)) if (v.unlocked) v.lock();
});

async function fresh(packSize?: number) {
  const opts: VaultOptions & { dbName: string } = {
    dbName: `shared-test-${++counter}-${Date.now()}`,
    kdfPolicy: FAST_TEST_KDF_POLICY,
    ...(packSize ? { packSize } : {}),
  };
  const { vault } = await createVault(PASS, opts);
  opened.push(vault);
  return { vault, opts };
}

async function reopen(opts: VaultOptions): Promise<Vault> {
  const vault = await openVault({ passphrase: PASS }, opts);
  opened.push(vault);
  return vault;
}

/** The stored rows of every table as text (bytes as hex). */
async function dump(dbName: string): Promise<string> {
  const db = new VaultDb(dbName);
  try {
    const out: Record<string, unknown> = {};
    for (const table of db.tables) out[table.name] = await table.toArray();
    return JSON.stringify(out, (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
    );
  } finally {
    db.close();
  }
}

const sorted = (records: Array<{ table: string; id: string }>) =>
  records.map((r) => `${r.table}/${r.id}`).sort();

describe('shared records', () => {
  it('need every subject: erasing one drops them, in packs and in the overlay', async () => {
    const { vault, opts } = await fresh();
    await vault.putMany([
      { table: 'activities', id: 'meeting', data: 'both', subjectIds: ['p1', 'p2'] },
      { table: 'people', id: 'one', data: 'p1 self', subjectId: 'p1' },
      { table: 'people', id: 'two', data: 'p2 self', subjectId: 'p2' },
      { table: 'parts', id: 'meeting.two', data: 'p2 part', subjectId: 'p2' },
    ]);
    await vault.put('deals', 'deal', 'deal of both', { subjectIds: ['p2', 'p1'] });
    expect(await vault.get('activities', 'meeting')).toBe('both');
    expect(await vault.get('deals', 'deal')).toBe('deal of both');
    const loaded = await vault.loadAll();
    expect(loaded.find((r) => r.id === 'meeting')).toMatchObject({ subjectIds: ['p1', 'p2'] });
    expect(loaded.find((r) => r.id === 'deal')).toMatchObject({ subjectIds: ['p2', 'p1'] });

    await vault.destroySubjectKey('p1');
    expect(await vault.get('activities', 'meeting')).toBeUndefined();
    expect(await vault.get('deals', 'deal')).toBeUndefined();
    const tampered: string[] = [];
    const again = await reopen(opts);
    expect(sorted(await again.loadAll((t, id) => tampered.push(`${t}/${id}`)))).toEqual([
      'parts/meeting.two',
      'people/two',
    ]);
    expect(tampered).toEqual([]);
    const stored = JSON.parse(await dump(opts.dbName)) as {
      packs: Array<{ m: string }>;
      overlay: unknown[];
      subjectPacks: Array<{ sids: string[] }>;
    };
    // Nothing names the erased subject any more: no manifest, no overlay row, no key row.
    expect(stored.packs.map((p) => p.m).join()).not.toContain('p1');
    expect(stored.overlay).toEqual([]);
    expect(stored.subjectPacks.flatMap((r) => r.sids)).toEqual(['p2']);
  });

  it('survive compaction and keep their subjects', async () => {
    const { vault, opts } = await fresh(4);
    await vault.put('activities', 'a', 'shared', { subjectIds: ['p1', 'p2', 'p3'] });
    await vault.putMany([{ table: 'activities', id: 'b', data: 'own', subjectId: 'p3' }]);
    await vault.compact();
    expect(await vault.overlaySize()).toBe(0);
    const again = await reopen(opts);
    const loaded = await again.loadAll();
    expect(loaded.find((r) => r.id === 'a')).toMatchObject({
      data: 'shared',
      subjectIds: ['p1', 'p2', 'p3'],
    });
    await again.destroySubjectKey('p2');
    expect(sorted(await again.loadAll())).toEqual(['activities/b']);
    expect(await again.get('activities', 'b')).toBe('own');
  });

  it('erasure also removes older copies under fewer keys, so they do not become current', async () => {
    const { vault, opts } = await fresh();
    // A business first under its own key, then sealed for it and its owner too.
    await vault.putMany([{ table: 'organizations', id: 'biz', data: 'old name', subjectId: 'biz' }]);
    await vault.putMany([
      { table: 'organizations', id: 'biz', data: 'new name', subjectIds: ['biz', 'owner'] },
    ]);
    await vault.put('history', 'h1', 'renamed', { subjectId: 'biz' });
    await vault.put('history', 'h1', 'renamed, sealed for both', { subjectIds: ['biz', 'owner'] });
    await vault.putMany([{ table: 'organizations', id: 'other', data: 'kept', subjectId: 'biz' }]);
    await vault.destroySubjectKey('owner');
    expect(await vault.get('organizations', 'biz')).toBeUndefined();
    expect(await vault.get('history', 'h1')).toBeUndefined();
    const again = await reopen(opts);
    expect(sorted(await again.loadAll())).toEqual(['organizations/other']);
  });

  it('survive a master-key rotation, still under every subject key', async () => {
    const { vault } = await fresh();
    await vault.putMany([
      { table: 'activities', id: 'meeting', data: 'both', subjectIds: ['p1', 'p2'] },
      { table: 'activities', id: 'own', data: 'p2 alone', subjectId: 'p2' },
    ]);
    await vault.rotateMasterKey(PASS, { reblind: () => [] });
    expect((await vault.loadAll()).find((r) => r.id === 'meeting')).toMatchObject({
      data: 'both',
      subjectIds: ['p1', 'p2'],
    });
    await vault.destroySubjectKey('p1');
    expect(sorted(await vault.loadAll())).toEqual(['activities/own']);
  });

  it('refuses subject ids that are malformed, repeated or given with subjectId', async () => {
    const { vault } = await fresh();
    await expect(vault.put('t', 'a', 1, { subjectIds: ['p1', 'p1'] })).rejects.toThrow(/subject ids/);
    await expect(vault.put('t', 'a', 1, { subjectIds: [] })).rejects.toThrow(/subject ids/);
    await expect(vault.put('t', 'a', 1, { subjectIds: ['p1,p2'] })).rejects.toThrow(/subject id/);
    await expect(vault.put('t', 'a', 1, { subjectId: 'p1', subjectIds: ['p2'] })).rejects.toThrow();
  });
});
