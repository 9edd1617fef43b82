// The vault at scale: KDF, bulk insert, cold open (read + decrypt), single durable edits, heap.
// Contacts are generated here from the seed (~500 bytes of JSON each, 3 activities per contact,
// all four records under the contact's data-subject key) so the suite does not depend on fixtures.
import { argon2id as hashWasmArgon2id } from 'hash-wasm';
import { Dexie } from 'dexie';
import { createVault, openVault, type PutItem, type Reblind } from '../../../renderer/vault';
import { workerKdf } from '../../../renderer/vault/kdf-client';
import { PRODUCTION_KDF_FLOOR } from '../../../renderer/vault/policy';
import { FAST_TEST_KDF_POLICY } from '../../../renderer/vault/test-support';
import { collectGarbage, heapUsedMb, settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

const DB = 'bench-vault';
const PLAIN_DB = 'bench-vault-plain';
const RAW_WRITE_DB = 'bench-vault-raw-write';
/** The vault's stores that hold records, with their key paths (see `renderer/vault/db.ts`). */
const STORED_STORES = ['packs', 'overlay', 'subjectPacks'] as const;
type StoredStore = (typeof STORED_STORES)[number];
const storeKeys: Record<StoredStore, string> = { packs: 'pid', overlay: 'k', subjectPacks: 'pid' };
const PASSPHRASE = 'Bench lanterna verde sul molo 42';
const EDITS = 200;
const contactBytes = 500;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  items: PutItem[];
  emails: string[];
}

function generate(size: number, seed: number): Generated {
  const next = random(seed);
  const word = (min: number, max: number): string => {
    let out = '';
    const n = min + Math.floor(next() * (max - min + 1));
    for (let i = 0; i < n; i++) out += String.fromCharCode(97 + Math.floor(next() * 26));
    return out;
  };
  const id = (prefix: string, i: number) => `${prefix}_${i.toString(36).padStart(7, '0')}${word(10, 10)}`;
  const items: PutItem[] = [];
  const emails: string[] = [];
  for (let i = 0; i < size; i++) {
    const subjectId = id('s', i);
    const contactId = id('c', i);
    const givenName = word(3, 9);
    const familyName = word(4, 11);
    const email = `${givenName}.${familyName}@${word(4, 8)}.example`;
    emails.push(email);
    const contact = {
      id: contactId,
      kind: 'person',
      givenName,
      familyName,
      emails: [email],
      phones: [`+39 0${Math.floor(next() * 1e9)}`],
      address: { city: word(4, 12), street: `${word(5, 10)} ${Math.floor(next() * 200)}` },
      tags: [word(3, 8), word(3, 8)],
      notes: '',
      createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 3e10)).toISOString(),
    };
    contact.notes = word(contactBytes - JSON.stringify(contact).length, contactBytes - JSON.stringify(contact).length);
    items.push({ table: 'contacts', id: contactId, data: contact, subjectId });
    for (let a = 0; a < 3; a++) {
      const activity = { id: id('a', i * 3 + a), contactId, type: 'call', at: new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 3e10)).toISOString(), summary: word(40, 120) };
      items.push({ table: 'activities', id: activity.id, data: activity, subjectId });
    }
  }
  // Strings as a parser or an input field gives them: the `+=` and template strings above are V8
  // ropes, and the first `JSON.stringify` of a rope flattens it first, which would make the timed
  // insert measure this generator (1.2 s of it at 100k) rather than the vault. The records of a
  // real import come from a parser (papaparse, JSON.parse) as flat strings.
  return JSON.parse(JSON.stringify({ items, emails })) as Generated;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('idb-request-failed'));
  });
}

/** Writes the given rows into a new plain IndexedDB database, one strict transaction, committed. */
async function writeRows(name: string, rows: Record<StoredStore, readonly object[]>): Promise<void> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const store of STORED_STORES) open.result.createObjectStore(store, { keyPath: storeKeys[store] });
  };
  const db = await request(open);
  try {
    const tx = db.transaction([...STORED_STORES], 'readwrite', { durability: 'strict' });
    for (const store of STORED_STORES) for (const row of rows[store]) tx.objectStore(store).put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('idb-transaction-failed'));
    });
  } finally {
    db.close();
  }
}

function deleteDatabase(name: string): Promise<unknown> {
  return request(indexedDB.deleteDatabase(name) as IDBRequest<unknown>);
}

async function kdfFigures(ctx: BenchContext): Promise<void> {
  const pass = new TextEncoder().encode(PASSPHRASE);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const p = PRODUCTION_KDF_FLOOR;
  // Each derivation starts a worker of its own: its start and wasm compilation are in the figure.
  await workerKdf(pass, salt, { m: 1024, t: 1, p: 1 });
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push((await timed(() => workerKdf(pass, salt, p))).ms);
    theirs.push((await timed(() => hashWasmArgon2id({ password: pass, salt, parallelism: p.p, iterations: p.t, memorySize: p.m, hashLength: 32, outputType: 'binary' }))).ms);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[1]!;
  ctx.record('hashwasm.kdf_ms', median(theirs), 'ms');
  ctx.record('vault.kdf_ms', median(ours), 'ms', 'hashwasm.kdf_ms', 1000);
}

async function run(ctx: BenchContext): Promise<void> {
  const at100k = ctx.size >= 100_000;

  ctx.progress(`generating ${ctx.size} contacts with 3 activities each`);
  const { items, emails } = generate(ctx.size, ctx.seed);
  await Dexie.delete(DB);
  const { vault } = await createVault(PASSPHRASE, { dbName: DB, kdfPolicy: FAST_TEST_KDF_POLICY });
  // Blind tokens are computed by the domain layer before a write; not part of the timed insert.
  const tokens = await Promise.all(emails.map((e) => vault.blindToken('email', e)));
  tokens.forEach((t, i) => (items[i * 4]!.blind = [t]));
  await settle();

  ctx.progress('bulk insert');
  const insert = await timed(() => vault.putMany(items));
  vault.lock();

  items.length = 0;
  collectGarbage();
  // An unlock never follows a bulk import immediately: let IndexedDB's own background work on the
  // freshly written store settle, as it would have by the next start of the app.
  await new Promise((resolve) => setTimeout(resolve, 2000));

  ctx.progress('cold open');
  const opened = await openVault({ passphrase: PASSPHRASE }, { dbName: DB, kdfPolicy: FAST_TEST_KDF_POLICY });
  const cold = await timed(() => opened.loadAll());
  const records = cold.result;
  if (records.length !== ctx.size * 4) throw new Error('bench-vault-count');
  ctx.record('vault.heap_mb', heapUsedMb(), 'mb');
  ctx.record('vault.cold_open_ms', cold.ms, 'ms', 'raw.vault_idb_read_ms', at100k ? 1500 : undefined);

  ctx.progress('raw read and decrypt baselines');
  const rawRead = await timed(async () => {
    const db = await request(indexedDB.open(DB));
    try {
      const tx = db.transaction(['packs', 'overlay', 'subjectPacks'], 'readonly');
      const [packs, overlay, subjectPacks] = await Promise.all([
        request(tx.objectStore('packs').getAll()),
        request(tx.objectStore('overlay').getAll()),
        request(tx.objectStore('subjectPacks').getAll()),
      ]);
      const rows: Record<StoredStore, Array<{ e: Uint8Array | null }>> = { packs, overlay, subjectPacks };
      return rows;
    } finally {
      db.close();
    }
  });
  ctx.record('raw.vault_idb_read_ms', rawRead.ms, 'ms');
  // WebCrypto's own floor for the stored layout: the same envelopes (one per pack) under one key.
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = new Uint8Array(12);
  const seal = (length: number) => crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new Uint8Array(length));
  const decryptAll = async (sealed: ArrayBuffer[]) => {
    for (let i = 0; i < sealed.length; i += 2048) {
      await Promise.all(sealed.slice(i, i + 2048).map((ct) => crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ct)));
    }
  };
  const packed: ArrayBuffer[] = [];
  for (const pack of rawRead.result.packs) packed.push(await seal(pack.e!.length - 16));
  ctx.record('raw.decrypt_ms', (await timed(() => decryptAll(packed))).ms, 'ms');
  packed.length = 0;
  // For comparison, one envelope per record (the layout before packs were sealed whole).
  const single: ArrayBuffer[] = [];
  for (const r of records) single.push(await seal(JSON.stringify(r.data).length));
  ctx.record('raw.decrypt_per_record_ms', (await timed(() => decryptAll(single))).ms, 'ms');
  single.length = 0;

  ctx.progress('raw write and encrypt baselines');
  // The write path's floor: the very rows the insert stored (same bytes, same row sizes, same
  // stores and keys), written by plain IndexedDB in one strict transaction, plus AES-GCM over the
  // same lengths in the same pieces (one encryption per stored envelope).
  const rawWrite = await timed(() => writeRows(RAW_WRITE_DB, rawRead.result));
  ctx.record('raw.vault_idb_write_ms', rawWrite.ms, 'ms');
  await deleteDatabase(RAW_WRITE_DB);
  const pieces = STORED_STORES.flatMap((store) =>
    rawRead.result[store].flatMap((row) => (row.e ? [Math.max(0, row.e.length - 16)] : [])),
  );
  const encrypt = await timed(async () => {
    for (let i = 0; i < pieces.length; i += 2048) {
      await Promise.all(pieces.slice(i, i + 2048).map((length) => seal(length)));
    }
  });
  ctx.record('raw.encrypt_ms', encrypt.ms, 'ms');
  const floor = rawWrite.ms + encrypt.ms;
  ctx.record('raw.vault_write_floor_ms', floor, 'ms');
  ctx.record('vault.bulk_insert_ms', insert.ms, 'ms', 'raw.vault_write_floor_ms', 1.5 * floor);
  collectGarbage();
  await settle();

  ctx.progress('blind lookup and erasure');
  const firstEmail = emails[0]!;
  const lookup = await timed(async () => opened.findByBlind(await opened.blindToken('email', firstEmail)));
  if (lookup.result.length !== 1) throw new Error('bench-vault-blind');
  ctx.record('vault.find_blind_ms', lookup.ms, 'ms');
  const victim = records.find((r) => r.subjectId !== undefined && r.table === 'contacts')!;
  ctx.record('vault.erase_subject_ms', (await timed(() => opened.destroySubjectKey(victim.subjectId!))).ms, 'ms');

  ctx.progress(`${EDITS} single edits`);
  const contacts = records.filter((r) => r.table === 'contacts' && r.subjectId !== victim.subjectId);
  const edits: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const rec = contacts[Math.floor((i * contacts.length) / EDITS)]!;
    const data = { ...(rec.data as Record<string, unknown>), notes: `edit ${i}` };
    edits.push((await timed(() => opened.put('contacts', rec.id, data, rec.subjectId ? { subjectId: rec.subjectId } : {}))).ms);
  }
  ctx.record('vault.edit_p95_ms', p95(edits), 'ms', undefined, 20);
  const compact = await timed(() => opened.compact());
  ctx.record('vault.compact_ms', compact.ms, 'ms');

  ctx.progress('master-key rotation');
  // Every record re-sealed under new keys, the contacts' email tokens recomputed (what the
  // repository's callback does), one transaction; beside the bulk insert of the same records.
  const reblind: Reblind = (rec, token) => {
    const mails = (rec.data as { emails?: string[] }).emails;
    return mails ? mails.map((m) => token('email', m)) : [];
  };
  const rotation = await timed(() => opened.rotateMasterKey(PASSPHRASE, { reblind }));
  ctx.record('vault.rotate_ms', rotation.ms, 'ms', 'vault.bulk_insert_ms', at100k ? 2 * insert.ms : undefined);
  // A contact neither erased nor edited above (the edits wrote no tokens) is found by its new token.
  const kept = (contacts[1]!.data as { emails: string[] }).emails[0]!;
  const rotatedLookup = await opened.findByBlind(opened.blindTokenNow('email', kept));
  if (rotatedLookup.length !== 1) throw new Error('bench-vault-rotate-blind');
  opened.lock();

  await sharedFigures(ctx);

  ctx.progress('plain Dexie bulkPut baseline');
  await Dexie.delete(PLAIN_DB);
  const plain = new Dexie(PLAIN_DB);
  plain.version(1).stores({ records: 'id, table, subjectId' });
  await plain.open();
  // Measured last, on the same data generated again: deleting its 400k rows keeps IndexedDB busy
  // for a while, which would otherwise slow down the vault figures measured after it.
  const plainRows = generate(ctx.size, ctx.seed).items.map((it) => ({ id: `${it.table}/${it.id}`, table: it.table, subjectId: it.subjectId, data: it.data }));
  const plainPut = await timed(() => plain.table('records').bulkPut(plainRows));
  ctx.record('dexie.plain_bulkput_ms', plainPut.ms, 'ms');
  plain.close();
  await Dexie.delete(PLAIN_DB);
  plainRows.length = 0;
  collectGarbage();
  await settle();

  ctx.progress('durability cost');
  // The cost of 'strict' for one small write, same row size as an edit, plain Dexie.
  for (const durability of ['strict', 'relaxed'] as const) {
    const db = new Dexie(`${PLAIN_DB}-${durability}`, { chromeTransactionDurability: durability });
    db.version(1).stores({ rows: 'k' });
    await db.open();
    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) times.push((await timed(() => db.table('rows').put({ k: `r${i % 10}`, e: new Uint8Array(600) }))).ms);
    ctx.record(`dexie.put_${durability}_p95_ms`, p95(times), 'ms');
    db.close();
    await Dexie.delete(`${PLAIN_DB}-${durability}`);
  }
  await Dexie.delete(DB);

  // Last: the hash-wasm baseline runs Argon2 on this page's thread, and the 64 MiB of WebAssembly
  // memory it keeps made the cold open measured after it 0.2-0.3 s slower. The app only ever runs
  // Argon2 in a worker (as the unlock above does).
  ctx.progress('kdf');
  await kdfFigures(ctx);
}

const SHARED_DB = 'bench-vault-shared';

/**
 * Meetings of two people, as the repository stores them: the record sealed for both subjects and
 * a part under each one's key (three records where a one-person meeting is one), against the same
 * number of one-person meetings in the same run; then the cold open of each store and the erasure
 * of one subject who shares meetings with two others.
 */
async function sharedFigures(ctx: BenchContext): Promise<void> {
  ctx.progress('shared records');
  const n = ctx.size;
  const sid = (i: number) => `s_${(i % n).toString(36).padStart(7, '0')}`;
  const meeting = (i: number) => ({ kind: 'meeting', at: '2026-03-02T10:00:00.000Z', text: `notes ${i} `.repeat(20) });
  const part = (i: number, who: string) => ({ table: 'activities', recordId: `m${i}`, subjectIds: [who], version: '1', fields: { kind: 'meeting' } });
  const measure = async (name: string, items: () => PutItem[], count: number): Promise<{ insert: number; open: number }> => {
    await Dexie.delete(SHARED_DB);
    const { vault } = await createVault(PASSPHRASE, { dbName: SHARED_DB, kdfPolicy: FAST_TEST_KDF_POLICY });
    const batch = items();
    await settle();
    const insert = await timed(() => vault.putMany(batch));
    vault.lock();
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const again = await openVault({ passphrase: PASSPHRASE }, { dbName: SHARED_DB, kdfPolicy: FAST_TEST_KDF_POLICY });
    const cold = await timed(() => again.loadAll());
    if (cold.result.length !== count) throw new Error(`bench-vault-${name}-count`);
    if (name === 'shared') {
      const erase = await timed(() => again.destroySubjectKey(sid(1)));
      ctx.record('vault.erase_shared_ms', erase.ms, 'ms', 'vault.erase_subject_ms');
      if ((await again.loadAll()).length !== count - 4) throw new Error('bench-vault-shared-erase');
    }
    again.lock();
    return { insert: insert.ms, open: cold.ms };
  };
  const single = await measure(
    'single',
    () => Array.from({ length: n }, (_, i) => ({ table: 'activities', id: `m${i}`, data: meeting(i), subjectId: sid(i) })),
    n,
  );
  ctx.record('vault.single_meetings_insert_ms', single.insert, 'ms');
  ctx.record('vault.single_meetings_open_ms', single.open, 'ms');
  const shared = await measure(
    'shared',
    () =>
      Array.from({ length: n }, (_, i): PutItem[] => [
        { table: 'activities', id: `m${i}`, data: meeting(i), subjectIds: [sid(i), sid(i + 1)] },
        { table: 'shared-parts', id: `activities.m${i}.a`, data: part(i, sid(i)), subjectId: sid(i) },
        { table: 'shared-parts', id: `activities.m${i}.b`, data: part(i, sid(i + 1)), subjectId: sid(i + 1) },
      ]).flat(),
    3 * n,
  );
  ctx.record('vault.shared_meetings_insert_ms', shared.insert, 'ms', 'vault.single_meetings_insert_ms');
  ctx.record('vault.shared_meetings_open_ms', shared.open, 'ms', 'vault.single_meetings_open_ms');
  await Dexie.delete(SHARED_DB);
  collectGarbage();
  await settle();
}

/** The vault benchmark suite. */
export const suite: BenchSuite = { name: 'vault', run };
export default suite;
