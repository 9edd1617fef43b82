// Raw figures the other suites compare against: plain IndexedDB (no Dexie), raw WebCrypto
// AES-256-GCM and JSON, on `size` synthetic records of about 520 bytes of JSON each.
// The records are made up here from the seed (not by the fixture generator) so this suite keeps
// working whatever the domain model becomes: only their size and shape matter.
import { collectGarbage, heapUsedMb, settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

/** Approximate JSON size of one contact record, as measured on realistic fixtures. */
const recordBytes = 520;
/** Records per row in the chunked layout. */
const chunkSize = 100;
const rowsDb = 'bench-raw-rows';
const chunksDb = 'bench-raw-chunks';
const storeName = 'rows';

interface SyntheticRecord {
  id: string;
  kind: 'person';
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  city: string;
  tags: string[];
  notes: string;
  createdAt: string;
  updatedAt: string;
  clock: number;
}

/** mulberry32: small, fast and good enough to make reproducible filler. */
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

const letters = 'abcdefghijklmnopqrstuvwxyz';

function makeRecords(count: number, seed: number): SyntheticRecord[] {
  const next = random(seed);
  const word = (min: number, max: number): string => {
    const length = min + Math.floor(next() * (max - min + 1));
    let out = '';
    for (let i = 0; i < length; i++) out += letters[Math.floor(next() * 26)] ?? 'a';
    return out;
  };
  const base = Date.UTC(2024, 0, 1);
  const records: SyntheticRecord[] = [];
  for (let i = 0; i < count; i++) {
    const givenName = word(3, 9);
    const familyName = word(4, 11);
    const record: SyntheticRecord = {
      id: `c_${i.toString(36).padStart(8, '0')}${word(12, 12)}`,
      kind: 'person',
      givenName,
      familyName,
      email: `${givenName}.${familyName}@${word(4, 8)}.example`,
      phone: `+39 0${Math.floor(next() * 1e9)}`,
      city: word(4, 12),
      tags: [word(3, 8), word(3, 8)],
      notes: '',
      createdAt: new Date(base + Math.floor(next() * 3e10)).toISOString(),
      updatedAt: new Date(base + Math.floor(next() * 3e10)).toISOString(),
      clock: Math.floor(next() * 1e12),
    };
    // Pad the notes so every record serialises to the same size as a typical real one.
    let notes = '';
    const missing = recordBytes - JSON.stringify(record).length;
    while (notes.length < missing) notes += `${word(2, 9)} `;
    record.notes = notes.slice(0, Math.max(0, missing)).trimEnd();
    records.push(record);
  }
  return records;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('idb-request-failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('idb-transaction-failed'));
    tx.onabort = () => reject(tx.error ?? new Error('idb-transaction-aborted'));
  });
}

function openDb(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(storeName, { keyPath: 'id' });
  return request(req);
}

async function deleteDb(name: string): Promise<void> {
  await request(indexedDB.deleteDatabase(name));
}

/** Writes all rows in one readwrite transaction and waits for the commit. */
async function writeAll(name: string, rows: readonly { id: number; data: Uint8Array }[]): Promise<number> {
  await deleteDb(name);
  const db = await openDb(name);
  try {
    const { ms } = await timed(async () => {
      const tx = db.transaction(storeName, 'readwrite');
      const store = tx.objectStore(storeName);
      for (const row of rows) store.put(row);
      await done(tx);
    });
    return ms;
  } finally {
    db.close();
  }
}

/** Reads every row back through a fresh connection, as an app does when it starts. */
async function readAll(name: string): Promise<{ ms: number; count: number }> {
  const { ms, result } = await timed(async () => {
    const db = await openDb(name);
    try {
      const rows: unknown[] = await request(db.transaction(storeName, 'readonly').objectStore(storeName).getAll());
      return rows;
    } finally {
      db.close();
    }
  });
  return { ms, count: result.length };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function run(ctx: BenchContext): Promise<void> {
  const { size } = ctx;
  ctx.progress(`generating ${size} records`);
  const records = makeRecords(size, ctx.seed);
  await settle();

  const stringified = await timed(() => records.map((record) => JSON.stringify(record)));
  ctx.record('json.stringify_ms', stringified.ms, 'ms');
  const texts = stringified.result;

  const parsed = await timed(() => texts.map((text) => JSON.parse(text) as SyntheticRecord));
  ctx.record('json.parse_ms', parsed.ms, 'ms');
  if (parsed.result.length !== size) throw new Error('bench-baseline-parse-count');

  // Heap held by the decoded records alone: the floor for any in-memory model of the vault.
  records.length = 0;
  parsed.result.length = 0;
  const before = heapUsedMb();
  const held = texts.map((text) => JSON.parse(text) as SyntheticRecord);
  const after = heapUsedMb();
  if (Number.isFinite(before) && Number.isFinite(after)) ctx.record('raw.records_heap_mb', Math.max(0, after - before), 'mb');
  held.length = 0;

  ctx.progress('encrypting');
  const encoder = new TextEncoder();
  const plain = texts.map((text) => encoder.encode(text));
  texts.length = 0;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // One record at a time, awaited: the way a record-by-record write path uses WebCrypto.
  const encrypted = await timed(async () => {
    const out: { iv: Uint8Array<ArrayBuffer>; data: Uint8Array }[] = [];
    for (const bytes of plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      out.push({ iv, data: new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes)) });
    }
    return out;
  });
  ctx.record('raw.webcrypto_encrypt_ms', encrypted.ms, 'ms');
  const sealed = encrypted.result;

  const decrypted = await timed(async () => {
    let total = 0;
    for (const { iv, data } of sealed) {
      total += (await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data as Uint8Array<ArrayBuffer>)).byteLength;
    }
    return total;
  });
  ctx.record('raw.webcrypto_decrypt_ms', decrypted.ms, 'ms');
  if (decrypted.result !== plain.reduce((sum, bytes) => sum + bytes.byteLength, 0)) {
    throw new Error('bench-baseline-decrypt-mismatch');
  }
  plain.length = 0;
  collectGarbage();

  // The same ciphertext bytes, once as one row per record and once packed 100 records per row.
  ctx.progress('writing one row per record');
  const rows = sealed.map(({ data }, id) => ({ id, data }));
  ctx.record('raw.idb_write_rows_ms', await writeAll(rowsDb, rows), 'ms');
  await settle();

  ctx.progress(`writing ${chunkSize} records per row`);
  const chunks: { id: number; data: Uint8Array }[] = [];
  for (let start = 0; start < sealed.length; start += chunkSize) {
    chunks.push({ id: chunks.length, data: concat(sealed.slice(start, start + chunkSize).map(({ data }) => data)) });
  }
  ctx.record('raw.idb_write_chunked_ms', await writeAll(chunksDb, chunks), 'ms', 'raw.idb_write_rows_ms');
  rows.length = 0;
  chunks.length = 0;
  sealed.length = 0;
  collectGarbage();
  await settle();

  ctx.progress('reading back');
  const readRows = await readAll(rowsDb);
  if (readRows.count !== size) throw new Error('bench-baseline-read-count');
  ctx.record('raw.idb_read_ms', readRows.ms, 'ms');
  collectGarbage();
  const readChunks = await readAll(chunksDb);
  if (readChunks.count !== Math.ceil(size / chunkSize)) throw new Error('bench-baseline-read-count');
  ctx.record('raw.idb_read_chunked_ms', readChunks.ms, 'ms', 'raw.idb_read_ms');

  await deleteDb(rowsDb);
  await deleteDb(chunksDb);
}

/** Raw IndexedDB, WebCrypto and JSON figures measured in the same run as the product suites. */
const suite: BenchSuite = { name: 'baseline', run };
export default suite;
