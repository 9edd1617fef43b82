import { afterEach, describe, expect, it, vi } from 'vitest';

import { Dexie } from 'dexie';
import { VaultDb, type PackRow } from './db';
import type { Manifest } from './pack';
import { VaultError } from './errors';
import { PRODUCTION_KDF_POLICY } from './policy';
import { scratchContents } from './crypto';
import { calibrateKdf } from './kdf-client';
import { FAST_TEST_KDF_POLICY } from './test-support';
import {
  createVault,
  openVault,
  openKeySlots,
  resetPassphraseWithRecoveryKey,
  vaultExists,
  type Vault,
  type VaultOptions,
} from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
const PASS2 = 'Quattro gatti neri ballano il tango 7';
let counter = 0;
const opened: Vault[] = [];

function options(): VaultOptions & { dbName: string } {
  return { dbName: `vault-test-${++counter}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY };
}

async function fresh(packSize?: number) {
  const opts = { ...options(), ...(packSize ? { packSize } : {}) };
  const { vault, recoveryKey } = await createVault(PASS, opts);
  opened.push(vault);
  return { vault, recoveryKey, opts };
}

async function reopen(
  opts: VaultOptions,
  secret: { passphrase: string } | { recoveryKey: string } = { passphrase: PASS },
) {
  const vault = await openVault(secret, opts);
  opened.push(vault);
  return vault;
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

/** Every row of every table, bytes as hex, for before/after comparisons. */
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

/** Every pack row, read directly. */
async function rows(dbName: string): Promise<PackRow[]> {
  const db = new VaultDb(dbName);
  try {
    return await db.packs.toArray();
  } finally {
    db.close();
  }
}

/** The pack row whose manifest lists `key`. */
function packOf(packs: PackRow[], key: string): PackRow {
  const pack = packs.find((p) => (JSON.parse(p.m) as Manifest).k.includes(key));
  if (!pack) throw new Error('no pack');
  return pack;
}

/** Applies `edit` to the stored database directly (what an attacker with file access could do). */
async function tamper(dbName: string, edit: (db: VaultDb) => Promise<unknown>): Promise<void> {
  const db = new VaultDb(dbName);
  try {
    await edit(db);
  } finally {
    db.close();
  }
}

/** The parts of the header body JSON these tests edit. */
interface HeaderJson {
  createdAt: string;
  slots: Array<{ kdf: { m: number }; salt: string }>;
}

/** Rewrites the header body JSON and recomputes the checksum (keeping the old MAC). */
async function rewriteHeader(
  dbName: string,
  change: (body: HeaderJson) => void,
  version?: number,
): Promise<void> {
  await tamper(dbName, async (db) => {
    const bytes = (await db.meta.get('header'))!.bytes!;
    const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(5);
    const body = JSON.parse(new TextDecoder().decode(bytes.slice(9, 9 + len))) as HeaderJson;
    change(body);
    const newBody = new TextEncoder().encode(JSON.stringify(body));
    const mac = bytes.slice(9 + len, 9 + len + 32);
    const prefix = bytes.slice(0, 9);
    if (version !== undefined) prefix[4] = version;
    new DataView(prefix.buffer).setUint32(5, newBody.length);
    const sealed = new Uint8Array([...prefix, ...newBody, ...mac]);
    const sum = new Uint8Array(await crypto.subtle.digest('SHA-256', sealed));
    await db.meta.put({ k: 'header', bytes: new Uint8Array([...sealed, ...sum]) });
  });
}

afterEach(() => {
  for (const v of opened.splice(0)) v.lock();
});

describe('create and unlock', () => {
  it('stores, reopens with the passphrase and with a forgivingly typed recovery key', async () => {
    const { vault, recoveryKey, opts } = await fresh();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){6}[0-9A-Z]{5}$/);
    await vault.put('contacts', 'c1', { name: 'Ada' }, { subjectId: 'subj1' });
    await vault.put('orgs', 'o1', { name: 'ACME' });
    vault.lock();
    expect(await codeOf(vault.get('orgs', 'o1'))).toBe('locked');

    const again = await reopen(opts);
    expect(await again.get('contacts', 'c1')).toEqual({ name: 'Ada' });
    again.lock();
    const sloppy = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const viaRecovery = await reopen(opts, { recoveryKey: ` ${sloppy} ` });
    expect(await viaRecovery.get('orgs', 'o1')).toEqual({ name: 'ACME' });
    expect(viaRecovery.vaultId).toBe(vault.vaultId);
  });

  it('reports wrong secrets, missing vaults and existing vaults with their codes', async () => {
    const { recoveryKey, opts } = await fresh();
    expect(await codeOf(openVault({ passphrase: PASS + 'x' }, opts))).toBe('wrong-passphrase');
    expect(await codeOf(openVault({ passphrase: '' }, opts))).toBe('wrong-passphrase');
    const typo = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1);
    expect(await codeOf(openVault({ recoveryKey: typo }, opts))).toBe('wrong-recovery-key');
    expect(await codeOf(openVault({ recoveryKey: 'not a key' }, opts))).toBe('wrong-recovery-key');
    // A well-formed key (valid check characters) of another vault.
    const other = await fresh();
    expect(await codeOf(openVault({ recoveryKey: other.recoveryKey }, opts))).toBe('wrong-recovery-key');
    expect(await codeOf(openVault({ passphrase: PASS }, options()))).toBe('no-vault');
    expect(await codeOf(createVault(PASS, opts))).toBe('vault-exists');
  });

  it('refuses weak passphrases without creating anything', async () => {
    const opts = options();
    expect(await codeOf(createVault('password1', opts))).toBe('weak-passphrase');
    expect(await vaultExists(opts.dbName)).toBe(false);
  });

  it('refuses a policy below the production floor unless it is the marked test policy', async () => {
    const unmarked = { floor: { m: 256, t: 1, p: 1 }, params: { m: 256, t: 1, p: 1 } };
    await expect(createVault(PASS, { ...options(), kdfPolicy: unmarked })).rejects.toThrow(
      /production floor/,
    );
  });

  it('enforces the production floor at unlock: a weak header is tampered, whatever the passphrase', async () => {
    const { opts } = await fresh();
    expect(await codeOf(openVault({ passphrase: PASS }, { ...opts, kdfPolicy: PRODUCTION_KDF_POLICY }))).toBe(
      'header-tampered',
    );
  });

  it('100 wrong passphrases change no stored byte', async () => {
    const { vault, opts } = await fresh();
    await vault.putMany([{ table: 'contacts', id: 'a', data: { n: 1 }, subjectId: 's1', blind: ['tok'] }]);
    await vault.put('contacts', 'b', { n: 2 });
    vault.lock();
    const before = await dump(opts.dbName);
    for (let i = 0; i < 100; i++)
      expect(await codeOf(openVault({ passphrase: `${PASS}-${i}` }, opts))).toBe('wrong-passphrase');
    expect(await dump(opts.dbName)).toBe(before);
  });
});

describe('header integrity', () => {
  it('corrupt bytes or truncation: header-damaged', async () => {
    const { opts } = await fresh();
    await tamper(opts.dbName, async (db) => {
      const bytes = (await db.meta.get('header'))!.bytes!;
      bytes[20] = bytes[20]! ^ 1;
      await db.meta.put({ k: 'header', bytes });
    });
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('header-damaged');
    await tamper(opts.dbName, async (db) => {
      const bytes = (await db.meta.get('header'))!.bytes!;
      await db.meta.put({ k: 'header', bytes: bytes.slice(0, 40) });
    });
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('header-damaged');
  });

  it('a newer format version: newer-version', async () => {
    const { opts } = await fresh();
    await rewriteHeader(opts.dbName, () => {}, 2);
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('newer-version');
  });

  it('KDF params lowered below the floor: header-tampered before any key is derived', async () => {
    const { opts } = await fresh();
    await rewriteHeader(opts.dbName, (body) => {
      body.slots[0]!.kdf.m = 64;
    });
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('header-tampered');
  });

  it('KDF params raised or salt replaced: the passphrase never opens it, the recovery key reveals the tampering', async () => {
    for (const edit of [
      (body: HeaderJson) => (body.slots[0]!.kdf.m = 512),
      (body: HeaderJson) => (body.slots[0]!.salt = 'AAAAAAAAAAAAAAAAAAAAAA'),
    ]) {
      const { opts, recoveryKey } = await fresh();
      await rewriteHeader(opts.dbName, edit);
      expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('wrong-passphrase');
      expect(await codeOf(openVault({ recoveryKey }, opts))).toBe('header-tampered');
    }
  });

  it('an edit outside the opened slot: header-tampered', async () => {
    const { opts } = await fresh();
    await rewriteHeader(opts.dbName, (body) => {
      body.createdAt = '2001-01-01T00:00:00.000Z';
    });
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('header-tampered');
  });

  it('a structurally impossible body with a valid checksum: header-tampered', async () => {
    const { opts } = await fresh();
    await rewriteHeader(opts.dbName, (body) => {
      body.slots.push({ ...body.slots[0]! });
    });
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('header-tampered');
  });
});

describe('envelope binding', () => {
  it('rejects envelopes swapped between rows and between tables', async () => {
    const { vault, opts } = await fresh();
    await vault.put('contacts', 'a', { n: 'a' });
    await vault.put('contacts', 'b', { n: 'b' });
    await vault.put('orgs', 'a', { n: 'org' });
    await tamper(opts.dbName, async (db) => {
      const a = (await db.overlay.get('contacts/a'))!;
      const b = (await db.overlay.get('contacts/b'))!;
      const o = (await db.overlay.get('orgs/a'))!;
      await db.overlay.put({ ...a, e: b.e });
      await db.overlay.put({ ...o, e: a.e });
    });
    expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    expect(await codeOf(vault.get('orgs', 'a'))).toBe('record-tampered');
    expect(await vault.get('contacts', 'b')).toEqual({ n: 'b' });
  });

  it('rejects pack envelopes and manifests moved between pack rows', async () => {
    const { vault, opts } = await fresh(2);
    await vault.putMany([
      { table: 'contacts', id: 'a', data: 1, subjectId: 's1' },
      { table: 'contacts', id: 'b', data: 2, subjectId: 's1' },
      { table: 'contacts', id: 'c', data: 3, subjectId: 's2' },
      { table: 'orgs', id: 'o', data: 4 },
    ]);
    const packs = await rows(opts.dbName);
    const [first, second] = [packOf(packs, 'contacts/a'), packOf(packs, 'contacts/c')];
    // The envelope of one pack under the other pack's row (same key kind: both subject packs).
    await tamper(opts.dbName, (db) => db.packs.put({ ...first, h: second.h, e: second.e }));
    expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    expect(await vault.get('contacts', 'c')).toBe(3);
    // Envelope and manifest together under another row id.
    await tamper(opts.dbName, async (db) => {
      await db.packs.put({ ...second, pid: first.pid });
      await db.packs.delete(second.pid);
    });
    const tampered: string[] = [];
    const loaded = await vault.loadAll((t, id) => tampered.push(`${t}/${id}`));
    expect(tampered).toEqual(['contacts/c']);
    expect(loaded.map((r) => r.id)).toEqual(['o']);
  });

  it('rejects records swapped, relabelled or dropped inside a pack manifest', async () => {
    const edits: Array<(m: Manifest) => void> = [
      (m) => m.k.reverse(),
      (m) => (m.k[0] = 'contacts/z'),
      (m) => (m.c[1] = m.c[1]! + 1000),
      (m) => (m.v[0] = 7),
      (m) => (m.i[0] = -1),
      (m) => (m.b[1] = 'tok'),
      (m) => {
        for (const key of ['k', 'c', 'v', 'i', 'b'] as const) m[key].pop();
      },
    ];
    for (const edit of edits) {
      const { vault, opts } = await fresh();
      await vault.putMany([
        { table: 'contacts', id: 'a', data: 1, subjectId: 's1' },
        { table: 'contacts', id: 'b', data: 2, subjectId: 's1' },
      ]);
      await tamper(opts.dbName, async (db) => {
        const [pack] = await db.packs.toArray();
        const m = JSON.parse(pack!.m) as Manifest;
        edit(m);
        await db.packs.put({ ...pack!, m: JSON.stringify(m) });
      });
      const again = await reopen(opts);
      const tampered: string[] = [];
      expect(await again.loadAll((_t, id) => tampered.push(id))).toEqual([]);
      expect(tampered.length).toBeGreaterThan(0);
      expect(await codeOf(again.get('contacts', 'a').then((v) => (v === undefined ? 'ok' : v)))).toMatch(
        /^(record-tampered|ok)$/,
      );
    }
  });

  it('a pack relabelled with a subject that has no key loads nothing of it', async () => {
    const { vault, opts } = await fresh();
    await vault.putMany([{ table: 'contacts', id: 'a', data: 1, subjectId: 's1' }]);
    await tamper(opts.dbName, async (db) => {
      const [pack] = await db.packs.toArray();
      await db.packs.put({ ...pack!, m: pack!.m.replace('"s1"', '"s9"') });
    });
    // Indistinguishable from an erased subject: the effect of deleting the row, which is not preventable.
    expect(await (await reopen(opts)).loadAll()).toEqual([]);
  });

  it('rejects an older pack replayed under a newer row, and truncated packs', async () => {
    const { vault, opts } = await fresh();
    await vault.putMany([{ table: 'contacts', id: 'a', data: 'old', subjectId: 's1' }]);
    const [old] = await rows(opts.dbName);
    await vault.putMany([{ table: 'contacts', id: 'a', data: 'new', subjectId: 's1' }]);
    const current = (await rows(opts.dbName)).find((p) => p.pid !== old!.pid)!;
    await tamper(opts.dbName, async (db) => {
      await db.packs.put({ ...current, m: old!.m, h: old!.h, e: old!.e });
      await db.packs.delete(old!.pid);
    });
    expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    for (const length of [0, 1, 13, 15, current.e.length - 1]) {
      await tamper(opts.dbName, (db) => db.packs.put({ ...current, e: current.e.slice(0, length) }));
      expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    }
    await tamper(opts.dbName, (db) => db.packs.put({ ...current, h: current.h.slice(0, 13) }));
    expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    await tamper(opts.dbName, (db) => db.packs.put(current));
    expect(await vault.get('contacts', 'a')).toBe('new');
  });

  it('rejects a replayed older envelope and edited index fields', async () => {
    const { vault, opts } = await fresh();
    await vault.put('contacts', 'a', { v: 1 }, { blind: ['t1'] });
    const old = await new VaultDb(opts.dbName).overlay.get('contacts/a');
    await vault.put('contacts', 'a', { v: 2 }, { blind: ['t1'] });
    await tamper(opts.dbName, async (db) => {
      const cur = (await db.overlay.get('contacts/a'))!;
      await db.overlay.put({ ...cur, e: old!.e });
    });
    expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    for (const edit of [{ c: 999 }, { v: 7 }, { b: ['t2'] }, { s: 'someone' }]) {
      await vault.put('contacts', 'a', { v: 3 }, { blind: ['t1'] });
      await tamper(opts.dbName, async (db) => {
        const cur = (await db.overlay.get('contacts/a'))!;
        await db.overlay.put({ ...cur, ...edit });
      });
      expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    }
  });

  it('rejects every single flipped byte and every truncation', async () => {
    const { vault, opts } = await fresh();
    await vault.put('contacts', 'a', { n: 'x' }, { subjectId: 's1' });
    const original = (await new VaultDb(opts.dbName).overlay.get('contacts/a'))!;
    const e = original.e!;
    for (let i = 0; i < e.length; i++) {
      const bad = e.slice();
      bad[i] = bad[i]! ^ 0x40;
      await tamper(opts.dbName, (db) => db.overlay.put({ ...original, e: bad }));
      expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    }
    for (const length of [0, 1, 13, 14, 29, e.length - 1]) {
      await tamper(opts.dbName, (db) => db.overlay.put({ ...original, e: e.slice(0, length) }));
      expect(await codeOf(vault.get('contacts', 'a'))).toBe('record-tampered');
    }
    await tamper(opts.dbName, (db) => db.overlay.put(original));
    expect(await vault.get('contacts', 'a')).toEqual({ n: 'x' });
  });
});

describe('records', () => {
  it('leaves no plaintext in the shared encoding buffers after lock', async () => {
    const { vault } = await fresh();
    const canary = 'CANARY-scratch-7f3a9c';
    const bytes = new TextEncoder().encode(canary);
    const holds = (buf: Uint8Array) => buf.some((_, i) => bytes.every((b, j) => buf[i + j] === b));
    await vault.put('contacts', 'c1', { name: canary }, { subjectId: 's1' });
    await vault.putMany([{ table: 'contacts', id: 'c2', data: { name: canary }, subjectId: 's2' }]);
    // The buffers do hold the last plaintext while unlocked (so the check below can fail).
    expect(scratchContents().some(holds)).toBe(true);
    vault.lock();
    expect(scratchContents().some(holds)).toBe(false);
  });

  it('newest version wins across packs and overlay; delete, compact and loadAll agree', async () => {
    const { vault, opts } = await fresh(3);
    const items = Array.from({ length: 10 }, (_, i) => ({
      table: 'contacts',
      id: `c${i}`,
      data: { i },
      subjectId: `s${i % 4}`,
    }));
    await vault.putMany(items);
    await vault.put('contacts', 'c1', { i: 'edited' }, { subjectId: 's1' });
    await vault.delete('contacts', 'c2');
    await vault.putMany([{ table: 'contacts', id: 'c3', data: { i: 'bulk-edited' }, subjectId: 's3' }]);
    const summary = (rows: Awaited<ReturnType<Vault['loadAll']>>) =>
      Object.fromEntries(
        rows.map((r): [string, unknown] => [r.id, r.data]).sort(([a], [b]) => a.localeCompare(b)),
      );
    const before = summary(await vault.loadAll());
    expect(Object.keys(before)).toHaveLength(9);
    expect(before.c1).toEqual({ i: 'edited' });
    expect(before.c3).toEqual({ i: 'bulk-edited' });
    expect(before.c2).toBeUndefined();
    expect(await vault.compact()).toBe(2);
    expect(await vault.overlaySize()).toBe(0);
    expect(summary(await vault.loadAll())).toEqual(before);
    expect(await vault.get('contacts', 'c2')).toBeUndefined();
    vault.lock();
    const again = await reopen(opts);
    expect(summary(await again.loadAll())).toEqual(before);
    await again.put('contacts', 'c4', 'after reopen', { subjectId: 's0' });
    expect(await again.get('contacts', 'c4')).toBe('after reopen');
  });

  it('keeps the distinct mark through new keys only, and loads the newest version either way', async () => {
    const { vault, opts } = await fresh(3);
    const mark = async () => {
      const db = new VaultDb(opts.dbName);
      try {
        return (await db.meta.get('distinct')) !== undefined;
      } finally {
        db.close();
      }
    };
    const summary = async (v: Vault) =>
      Object.fromEntries((await v.loadAll()).map((r): [string, unknown] => [r.id, r.data]));
    expect(await mark()).toBe(true);
    await vault.putMany([1, 2, 3].map((i) => ({ table: 'contacts', id: `c${i}`, data: i })));
    await vault.putMany([4, 5].map((i) => ({ table: 'contacts', id: `c${i}`, data: i })));
    expect(await mark()).toBe(true);
    // An overlay edit leaves the mark: loadAll still compares the overlay with the packs.
    await vault.put('contacts', 'c1', 'edited');
    vault.lock();
    let again = await reopen(opts);
    expect(await summary(again)).toEqual({ c1: 'edited', c2: 2, c3: 3, c4: 4, c5: 5 });
    // A bulk write of a key a pack already holds clears the mark: the newest version still wins.
    await again.putMany([{ table: 'contacts', id: 'c2', data: 'bulk' }]);
    expect(await mark()).toBe(false);
    again.lock();
    again = await reopen(opts);
    expect(await summary(again)).toEqual({ c1: 'edited', c2: 'bulk', c3: 3, c4: 4, c5: 5 });
    // Compaction leaves every key in one pack and sets the mark again.
    await again.compact();
    expect(await mark()).toBe(true);
    again.lock();
    expect(await summary(await reopen(opts))).toEqual({ c1: 'edited', c2: 'bulk', c3: 3, c4: 4, c5: 5 });
  });

  it('deletes many records in one call, from packs and overlay alike', async () => {
    const { vault, opts } = await fresh(2);
    await vault.putMany([1, 2, 3, 4].map((i) => ({ table: 'history', id: `h${i}`, data: i })));
    await vault.put('history', 'h5', 5);
    await vault.deleteMany([
      { table: 'history', id: 'h2' },
      { table: 'history', id: 'h5' },
      { table: 'history', id: 'h4' },
    ]);
    const ids = async (v: Vault) => (await v.loadAll()).map((r) => r.id).sort();
    expect(await ids(vault)).toEqual(['h1', 'h3']);
    await vault.compact();
    vault.lock();
    expect(await ids(await reopen(opts))).toEqual(['h1', 'h3']);
  });

  it('loadAll reports the records of a tampered pack and loads the rest', async () => {
    const { vault, opts } = await fresh(2);
    await vault.putMany(Array.from({ length: 5 }, (_, i) => ({ table: 'contacts', id: `c${i}`, data: i })));
    await tamper(opts.dbName, async (db) => {
      const pack = packOf(await db.packs.toArray(), 'contacts/c3');
      pack.e[pack.e.length - 1] = pack.e[pack.e.length - 1]! ^ 1;
      await db.packs.put(pack);
    });
    const tampered: string[] = [];
    const rows = await vault.loadAll((table, id) => tampered.push(`${table}/${id}`));
    expect(tampered.sort()).toEqual(['contacts/c2', 'contacts/c3']);
    expect(rows.map((r) => r.data).sort()).toEqual([0, 1, 4]);
  });

  it('loadAll reports a pack whose manifest is unreadable once, and loads the rest', async () => {
    const { vault, opts } = await fresh(2);
    await vault.putMany(Array.from({ length: 4 }, (_, i) => ({ table: 'contacts', id: `c${i}`, data: i })));
    const victim = packOf(await rows(opts.dbName), 'contacts/c0');
    await tamper(opts.dbName, (db) => db.packs.put({ ...victim, m: '{"k":' }));
    const tampered: string[] = [];
    const loaded = await (await reopen(opts)).loadAll((table, id) => tampered.push(`${table}/${id}`));
    expect(tampered).toEqual([`#pack/${victim.pid}`]);
    expect(loaded.map((r) => r.data).sort()).toEqual([2, 3]);
  });

  it('finds records by blind token without decrypting, following the newest version', async () => {
    const { vault } = await fresh();
    const ada = await vault.blindToken('email', 'ada@example.org');
    const bob = await vault.blindToken('email', 'bob@example.org');
    expect(ada).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await vault.blindToken('phone', 'ada@example.org')).not.toBe(ada);
    expect(await vault.blindToken('email', 'ada@example.org')).toBe(ada);
    await vault.putMany([
      { table: 'contacts', id: 'a', data: 1, blind: [ada] },
      { table: 'contacts', id: 'b', data: 2, blind: [bob] },
      { table: 'leads', id: 'x', data: 3, blind: [ada] },
    ]);
    expect(await vault.findByBlind(ada)).toEqual([
      { table: 'contacts', id: 'a' },
      { table: 'leads', id: 'x' },
    ]);
    await vault.put('contacts', 'a', 1, { blind: [bob] });
    await vault.delete('contacts', 'b');
    expect(await vault.findByBlind(ada)).toEqual([{ table: 'leads', id: 'x' }]);
    expect(await vault.findByBlind(bob)).toEqual([{ table: 'contacts', id: 'a' }]);
  });

  it('erasing a subject makes only their records unreadable, also after reopening', async () => {
    const { vault, opts } = await fresh();
    await vault.createSubjectKey('keep');
    await vault.putMany([
      { table: 'contacts', id: 'gone', data: 'x', subjectId: 'erase-me' },
      { table: 'activities', id: 'gone-a', data: 'y', subjectId: 'erase-me' },
      { table: 'contacts', id: 'kept', data: 'z', subjectId: 'keep' },
      { table: 'contacts', id: 'kept2', data: 'w', subjectId: 'keep2' },
    ]);
    await vault.destroySubjectKey('erase-me');
    expect(await vault.get('contacts', 'gone')).toBeUndefined();
    const tampered: string[] = [];
    expect((await vault.loadAll((t, id) => tampered.push(id))).map((r) => r.id).sort()).toEqual([
      'kept',
      'kept2',
    ]);
    expect(tampered).toEqual([]);
    vault.lock();
    const again = await reopen(opts);
    expect(await again.get('activities', 'gone-a')).toBeUndefined();
    expect(await again.get('contacts', 'kept2')).toBe('w');
  });

  it('erasure re-seals only the packs holding the subject and leaves no trace of them', async () => {
    const { vault, opts } = await fresh(4);
    const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await vault.putMany(
      people.flatMap((sid) =>
        [0, 1].map((n) => ({ table: 'activities', id: `${sid}-${n}`, data: n, subjectId: sid })),
      ),
    );
    await vault.put('contacts', 'p2', 'edited', { subjectId: 'p2' });
    const manifest = (p: PackRow) => JSON.parse(p.m) as Manifest;
    const before = await rows(opts.dbName);
    expect(before).toHaveLength(3);
    await vault.destroySubjectKey('p2');
    const after = await rows(opts.dbName);
    for (const pack of before.filter((p) => !manifest(p).s.includes('p2')))
      expect(after.find((q) => q.pid === pack.pid)).toEqual(pack);
    expect(after.flatMap((p) => manifest(p).s).sort()).toEqual(['p1', 'p3', 'p4', 'p5', 'p6']);
    const stored = JSON.parse(await dump(opts.dbName)) as {
      overlay: unknown[];
      subjectPacks: Array<{ sids: string[] }>;
    };
    expect(stored.overlay).toEqual([]);
    expect(stored.subjectPacks.flatMap((r) => r.sids)).not.toContain('p2');
    const tampered: string[] = [];
    const loaded = await (await reopen(opts)).loadAll((_t, id) => tampered.push(id));
    expect(loaded.map((r) => r.id).sort()).toEqual(
      people.filter((p) => p !== 'p2').flatMap((sid) => [`${sid}-0`, `${sid}-1`]),
    );
    expect(tampered).toEqual([]);
  });

  it('compact merges small packs and keeps every record as it was', async () => {
    const { vault, opts } = await fresh(8);
    for (let i = 0; i < 6; i++)
      await vault.putMany([
        { table: 'audit', id: `a${i}`, data: { i } },
        { table: 'people', id: `p${i}`, data: i, subjectId: `s${i}` },
      ]);
    const summary = async (v: Vault) =>
      JSON.stringify((await v.loadAll()).sort((a, b) => (a.id < b.id ? -1 : 1)));
    const before = await summary(vault);
    expect(await rows(opts.dbName)).toHaveLength(12);
    expect(await vault.compact()).toBe(0);
    expect((await rows(opts.dbName)).length).toBeLessThan(4);
    expect(await summary(vault)).toBe(before);
    expect(await summary(await reopen(opts))).toBe(before);
    expect(await vault.get('people', 'p3')).toBe(3);
  });

  it('quota exceeded: the write is refused with its code and nothing else changes', async () => {
    const { vault, opts } = await fresh();
    await vault.put('contacts', 'a', { n: 1 });
    const before = await dump(opts.dbName);
    const quota = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const store = globalThis.IDBObjectStore.prototype;
    const put = vi.spyOn(store, 'put').mockImplementation(quota);
    const add = vi.spyOn(store, 'add').mockImplementation(quota);
    try {
      expect(await codeOf(vault.put('contacts', 'a', { n: 2 }))).toBe('quota-exceeded');
      expect(await codeOf(vault.putMany([{ table: 'contacts', id: 'b', data: 1, subjectId: 'new' }]))).toBe(
        'quota-exceeded',
      );
    } finally {
      put.mockRestore();
      add.mockRestore();
    }
    expect(await dump(opts.dbName)).toBe(before);
    expect(await vault.get('contacts', 'a')).toEqual({ n: 1 });
    await vault.putMany([{ table: 'contacts', id: 'b', data: 1, subjectId: 'new' }]);
    expect(await vault.get('contacts', 'b')).toBe(1);
  });
  it('putMany with a pending check writes only once it passes, and nothing when it fails', async () => {
    const { vault, opts } = await fresh();
    await vault.put('contacts', 'a', { n: 1 });
    const before = await dump(opts.dbName);
    const items = [
      { table: 'contacts', id: 'b', data: 2, subjectId: 's-b' },
      { table: 'contacts', id: 'c', data: 3 },
    ];
    const refused = Promise.reject(new Error('check failed'));
    await expect(vault.putMany(items, { ready: refused })).rejects.toThrow('check failed');
    expect(await dump(opts.dbName)).toBe(before);
    expect(await vault.get('contacts', 'b')).toBeUndefined();

    let pass = () => {};
    const ready = new Promise<void>((resolve) => (pass = resolve));
    const writing = vault.putMany(items, { ready });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await dump(opts.dbName)).toBe(before);
    pass();
    await writing;
    const reopened = await reopen(opts);
    expect(await reopened.get('contacts', 'b')).toBe(2);
    expect(await reopened.get('contacts', 'c')).toBe(3);
  });
});

describe('passphrase change and recovery', () => {
  it('old passphrase fails, new works, recovery works, no record envelope changed', async () => {
    const { vault, recoveryKey, opts } = await fresh();
    await vault.putMany([{ table: 'contacts', id: 'a', data: 1, subjectId: 's' }]);
    await vault.put('orgs', 'o', 2);
    const records = async () => {
      const all = JSON.parse(await dump(opts.dbName)) as Record<string, unknown>;
      delete all.meta;
      return JSON.stringify(all);
    };
    const before = await records();
    expect(await codeOf(vault.changePassphrase(PASS, 'abc'))).toBe('weak-passphrase');
    await vault.changePassphrase(PASS, PASS2);
    expect(await records()).toBe(before);
    vault.lock();
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('wrong-passphrase');
    expect(await (await reopen(opts, { passphrase: PASS2 })).get('orgs', 'o')).toBe(2);
    expect(await (await reopen(opts, { recoveryKey })).get('contacts', 'a')).toBe(1);
  });

  it('refuses a wrong current passphrase with wrong-passphrase and changes no byte', async () => {
    const { vault, recoveryKey, opts } = await fresh();
    await vault.put('orgs', 'o', 1);
    const before = await dump(opts.dbName);
    for (const wrong of [PASS2, '', PASS + ' ', PASS.toUpperCase()])
      expect(await codeOf(vault.changePassphrase(wrong, 'Sette nuvole rosse sopra il porto 9'))).toBe(
        'wrong-passphrase',
      );
    expect(await codeOf(vault.replaceRecoveryKey(PASS2))).toBe('wrong-passphrase');
    expect(await dump(opts.dbName)).toBe(before);
    // Still the same slots: the old secrets open it, and the vault keeps working.
    await vault.put('orgs', 'o', 2);
    vault.lock();
    expect(await (await reopen(opts)).get('orgs', 'o')).toBe(2);
    expect(await (await reopen(opts, { recoveryKey })).get('orgs', 'o')).toBe(2);
  });

  it('takes the new passphrase as the current one for the next change', async () => {
    const { vault, opts } = await fresh();
    const PASS3 = 'Sette nuvole rosse sopra il porto 9';
    await vault.changePassphrase(PASS, PASS2);
    expect(await codeOf(vault.changePassphrase(PASS, PASS3))).toBe('wrong-passphrase');
    await vault.changePassphrase(PASS2, PASS3);
    vault.lock();
    expect(await codeOf(openVault({ passphrase: PASS2 }, opts))).toBe('wrong-passphrase');
    expect((await reopen(opts, { passphrase: PASS3 })).unlocked).toBe(true);
  });

  it('a new recovery key replaces the recovery slot; the old key opens only the slots of its day', async () => {
    const { vault, recoveryKey, opts } = await fresh();
    await vault.putMany([{ table: 'contacts', id: 'a', data: 1, subjectId: 's' }]);
    const records = async () => {
      const all = JSON.parse(await dump(opts.dbName)) as Record<string, unknown>;
      delete all.meta;
      return JSON.stringify(all);
    };
    const before = await records();
    const oldSlots = await vault.exportKeySlots();
    const next = await vault.replaceRecoveryKey(PASS);
    expect(next).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){6}$/);
    expect(next).not.toBe(recoveryKey);
    expect(await records()).toBe(before);
    // Slots exported now (what the next backup carries) refuse the old key and take the new one.
    const newSlots = await vault.exportKeySlots();
    const slotOpts = { kdfPolicy: FAST_TEST_KDF_POLICY };
    expect(await codeOf(openKeySlots(newSlots, { recoveryKey }, slotOpts))).toBe('wrong-recovery-key');
    expect((await openKeySlots(newSlots, { recoveryKey: next }, slotOpts)).vaultId).toBe(vault.vaultId);
    // A backup made before still opens with the key of its day.
    expect((await openKeySlots(oldSlots, { recoveryKey }, slotOpts)).vaultId).toBe(vault.vaultId);
    vault.lock();
    expect(await codeOf(openVault({ recoveryKey }, opts))).toBe('wrong-recovery-key');
    expect(await codeOf(resetPassphraseWithRecoveryKey(recoveryKey, PASS2, opts))).toBe('wrong-recovery-key');
    expect(await (await reopen(opts, { recoveryKey: next })).get('contacts', 'a')).toBe(1);
    expect(await (await reopen(opts)).get('contacts', 'a')).toBe(1);
  });

  it('resets a forgotten passphrase with the recovery key', async () => {
    const { vault, recoveryKey, opts } = await fresh();
    await vault.put('orgs', 'o', 'data');
    vault.lock();
    const reset = await resetPassphraseWithRecoveryKey(recoveryKey, PASS2, opts);
    opened.push(reset);
    expect(await reset.get('orgs', 'o')).toBe('data');
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('wrong-passphrase');
    expect(await (await reopen(opts, { passphrase: PASS2 })).get('orgs', 'o')).toBe('data');
  });

  it('hands out non-extractable purpose keys', async () => {
    const { vault } = await fresh();
    const key = vault.purposeKey('backups');
    expect(key.extractable).toBe(false);
    expect(key.algorithm.name).toBe('AES-GCM');
    expect(vault.purposeKey('sync')).not.toBe(key);
  });
});

describe('calibrateKdf', () => {
  it('raises memory then iterations into the 0.5–1 s window, never below the floor', async () => {
    let clock = 0;
    // A fake machine where cost is linear in m·t: 64 MiB × 3 takes 150 ms.
    const kdf = async (_p: Uint8Array, _s: Uint8Array, params: { m: number; t: number }) => {
      clock += (150 * params.m * params.t) / (65536 * 3);
      return new Uint8Array(32);
    };
    const params = await calibrateKdf({ floor: PRODUCTION_KDF_POLICY.floor, kdf, now: () => clock });
    const ms = (150 * params.m * params.t) / (65536 * 3);
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(ms).toBeLessThanOrEqual(1000);
    expect(params.m).toBeGreaterThanOrEqual(65536);
    expect(params.t).toBeGreaterThanOrEqual(3);

    const slow = await calibrateKdf({
      floor: PRODUCTION_KDF_POLICY.floor,
      kdf: async () => ((clock += 5000), new Uint8Array(32)),
      now: () => clock,
    });
    expect(slow).toEqual(PRODUCTION_KDF_POLICY.floor);
  });
});

it('vaultExists does not create databases', async () => {
  const name = options().dbName;
  expect(await vaultExists(name)).toBe(false);
  expect(await Dexie.exists(name)).toBe(false);
});
