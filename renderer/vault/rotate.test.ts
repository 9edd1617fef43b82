import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Table } from 'dexie';
import { VaultDb } from './db';
import { VaultError } from './errors';
import { FAST_TEST_KDF_POLICY } from './test-support';
import {
  createVault,
  openKeySlots,
  openVault,
  type Reblind,
  type RotationProgress,
  type Vault,
} from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
let counter = 0;
const opened: Vault[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const v of opened.splice(0)) if (v.unlocked) v.lock();
});

const options = () => ({ dbName: `rotate-test-${++counter}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY });

/** People's records carry their email as the indexed value. */
const reblind: Reblind = (rec, token) => {
  const email = (rec.data as { email?: string } | null)?.email;
  return email ? [token('email', email)] : [];
};

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

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof VaultError) return error.code;
    throw error;
  }
}

async function populated() {
  const opts = options();
  const { vault, recoveryKey } = await createVault(PASS, opts);
  opened.push(vault);
  const person = (n: number) => ({
    table: 'people',
    id: `p${n}`,
    subjectId: `s${n}`,
    data: { name: `Persona ${n}`, email: `p${n}@example.org` },
    blind: [vault.blindTokenNow('email', `p${n}@example.org`)],
  });
  await vault.putMany(Array.from({ length: 30 }, (_, n) => person(n)));
  await vault.putMany([{ table: 'orgs', id: 'o1', data: { name: 'Officina' } }]);
  // Overlay edits and a deletion, folded by the rotation's compaction.
  await vault.put(
    'people',
    'p1',
    { name: 'Persona uno', email: 'p1@example.org' },
    {
      subjectId: 's1',
      blind: [vault.blindTokenNow('email', 'p1@example.org')],
    },
  );
  await vault.delete('people', 'p2');
  await vault.destroySubjectKey('s3');
  return { vault, recoveryKey, opts };
}

describe('rotateMasterKey', () => {
  it('re-seals every record under new keys and a new vault id; the data stays the same', async () => {
    const { vault, recoveryKey, opts } = await populated();
    const before = await vault.loadAll();
    const oldId = vault.vaultId;
    const oldToken = vault.blindTokenNow('email', 'p5@example.org');
    const oldDump = JSON.parse(await dump(opts.dbName)) as Record<string, Array<{ e?: string }>>;
    const oldSlots = await vault.exportKeySlots();

    const newKey = await vault.rotateMasterKey(PASS, { reblind });
    expect(vault.vaultId).not.toBe(oldId);
    expect(newKey).not.toBe(recoveryKey);
    const sort = (rs: typeof before) =>
      [...rs].sort((a, b) => `${a.table}/${a.id}`.localeCompare(`${b.table}/${b.id}`));
    const after = await vault.loadAll();
    const plain = (rs: typeof before) =>
      sort(rs).map(({ table, id, data, subjectId }) => ({ table, id, data, subjectId }));
    expect(plain(after)).toEqual(plain(before));
    expect(after.some((r) => r.id === 'p2' || r.id === 'p3')).toBe(false);

    // Blind tokens are under the new key: the old token finds nothing, the new one finds p5.
    const newToken = vault.blindTokenNow('email', 'p5@example.org');
    expect(newToken).not.toBe(oldToken);
    expect(await vault.findByBlind(oldToken)).toEqual([]);
    expect(await vault.findByBlind(newToken)).toEqual([{ table: 'people', id: 'p5' }]);

    // No ciphertext of the old store survives.
    const newDump = JSON.parse(await dump(opts.dbName)) as Record<string, Array<{ e?: string }>>;
    const oldCipher = new Set(
      [...oldDump.packs!, ...oldDump.subjectPacks!, ...oldDump.overlay!].map((r) => r.e).filter(Boolean),
    );
    for (const row of [...newDump.packs!, ...newDump.subjectPacks!]) expect(oldCipher.has(row.e)).toBe(false);
    expect(newDump.overlay).toEqual([]);

    // The same passphrase opens the rotated vault; the old recovery key does not, the new one does.
    vault.lock();
    const again = await openVault({ passphrase: PASS }, opts);
    opened.push(again);
    expect(again.vaultId).not.toBe(oldId);
    expect(await again.get('people', 'p1')).toEqual({ name: 'Persona uno', email: 'p1@example.org' });
    again.lock();
    expect(await codeOf(openVault({ recoveryKey }, opts))).toBe('wrong-recovery-key');
    const byRecovery = await openVault({ recoveryKey: newKey }, opts);
    opened.push(byRecovery);
    expect(await byRecovery.get('orgs', 'o1')).toEqual({ name: 'Officina' });

    // Slots exported before (what older backups carry) still open with the secrets of their day.
    const old = await openKeySlots(oldSlots, { recoveryKey }, { kdfPolicy: FAST_TEST_KDF_POLICY });
    expect(old.vaultId).toBe(oldId);
  });

  it('refuses a wrong current passphrase and changes no byte', async () => {
    const { vault, opts } = await populated();
    const before = await dump(opts.dbName);
    expect(await codeOf(vault.rotateMasterKey('not the passphrase at all 99', { reblind }))).toBe(
      'wrong-passphrase',
    );
    expect(await dump(opts.dbName)).toBe(before);
  });

  it('leaves the old vault byte for byte when it fails while sealing or inside the transaction', async () => {
    const { vault, opts } = await populated();
    // Compaction is part of the rotation; compact first so the comparison covers only the rotation.
    await vault.compact();
    const before = await dump(opts.dbName);
    const oldId = vault.vaultId;

    let calls = 0;
    const failing: Reblind = (rec, token) => {
      if (++calls === 10) throw new Error('injected');
      return reblind(rec, token);
    };
    await expect(vault.rotateMasterKey(PASS, { reblind: failing })).rejects.toThrow('injected');
    expect(await dump(opts.dbName)).toBe(before);
    expect(vault.vaultId).toBe(oldId);

    // Inside the transaction: the second bulkAdd (the packs, after the rows were cleared) fails.
    // Dexie's tables share one prototype that defines bulkAdd; find it from any table.
    const probe = new VaultDb(`${opts.dbName}-probe`);
    let proto = Object.getPrototypeOf(probe.packs) as Record<string, unknown>;
    while (!Object.prototype.hasOwnProperty.call(proto, 'bulkAdd'))
      proto = Object.getPrototypeOf(proto) as never;
    probe.close();
    const bulkAdd = proto.bulkAdd as (...a: unknown[]) => never;
    let adds = 0;
    vi.spyOn(proto as { bulkAdd: (...a: unknown[]) => unknown }, 'bulkAdd').mockImplementation(function (
      this: Table,
      ...args: unknown[]
    ) {
      if (++adds === 2) return Promise.reject(new Error('injected in transaction'));
      return bulkAdd.apply(this, args);
    });
    await expect(vault.rotateMasterKey(PASS, { reblind })).rejects.toThrow();
    vi.restoreAllMocks();
    expect(adds).toBe(2);
    expect(await dump(opts.dbName)).toBe(before);

    // Still the old vault, fully working, and a later rotation succeeds.
    expect(vault.vaultId).toBe(oldId);
    expect(await vault.get('people', 'p1')).toEqual({ name: 'Persona uno', email: 'p1@example.org' });
    await vault.put('orgs', 'o2', { name: 'Bottega' });
    await vault.rotateMasterKey(PASS, { reblind });
    expect(await vault.get('orgs', 'o2')).toEqual({ name: 'Bottega' });
  });

  it('writes issued during a rotation wait, then apply to the rotated vault with re-keyed tokens', async () => {
    const { vault, opts } = await populated();
    const staleToken = vault.blindTokenNow('email', 'nuovo@example.org');
    const progress: RotationProgress[] = [];
    const rotating = vault.rotateMasterKey(PASS, { reblind, onProgress: (p) => progress.push(p) });
    const writing = vault.put(
      'people',
      'p-new',
      { name: 'Nuova', email: 'nuovo@example.org' },
      { subjectId: 's-new', blind: [staleToken] },
    );
    const erasing = vault.destroySubjectKey('s4');
    await Promise.all([rotating, writing, erasing]);
    expect(await vault.get('people', 'p-new')).toEqual({ name: 'Nuova', email: 'nuovo@example.org' });
    expect(await vault.get('people', 'p4')).toBeUndefined();
    expect(await vault.findByBlind(vault.blindTokenNow('email', 'nuovo@example.org'))).toEqual([
      { table: 'people', id: 'p-new' },
    ]);
    vault.lock();
    const again = await openVault({ passphrase: PASS }, opts);
    opened.push(again);
    expect(await again.get('people', 'p-new')).toEqual({ name: 'Nuova', email: 'nuovo@example.org' });

    // Progress: reading, sealing up to every record, writing, done.
    expect(progress[0]!.phase).toBe('reading');
    // 30 people, one deleted and one erased before, and one organisation.
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 29, total: 29 });
    const sealing = progress.filter((p) => p.phase === 'sealing').map((p) => p.done);
    expect(sealing).toEqual([...sealing].sort((a, b) => a - b));
  });

  it('keeps every backups key it retires, so backups made before open with the keys they were made with', async () => {
    const { vault, opts } = await populated();
    const iv = new Uint8Array(12);
    const sealWith = (key: CryptoKey, text: string) =>
      crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text));
    const opens = (key: CryptoKey, ct: ArrayBuffer) =>
      crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ct).then(
        (pt) => new TextDecoder().decode(pt),
        () => null,
      );
    expect(await vault.retiredBackupKeys()).toEqual([]);
    const first = { id: vault.vaultId, ct: await sealWith(vault.purposeKey('backups'), 'chain 0') };
    await vault.rotateMasterKey(PASS, { reblind });
    const second = { id: vault.vaultId, ct: await sealWith(vault.purposeKey('backups'), 'chain 1') };
    await vault.rotateMasterKey(PASS, { reblind });
    // The current backups key is a new one: it opens neither older chain.
    expect(await opens(vault.purposeKey('backups'), first.ct)).toBeNull();
    expect(await opens(vault.purposeKey('backups'), second.ct)).toBeNull();

    const check = async (v: Vault) => {
      const retired = await v.retiredBackupKeys();
      expect(retired.map((r) => r.vaultId)).toEqual([second.id, first.id]);
      expect(retired.every((r) => !r.key.extractable)).toBe(true);
      expect(await opens(retired[0]!.key, second.ct)).toBe('chain 1');
      expect(await opens(retired[1]!.key, first.ct)).toBe('chain 0');
    };
    await check(vault);
    vault.lock();
    const again = await openVault({ passphrase: PASS }, opts);
    opened.push(again);
    await check(again);
  });
});
