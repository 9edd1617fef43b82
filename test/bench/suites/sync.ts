// The `sync` suite: the relay (`npm run relay`, started on loopback by the runner) with y-websocket
// clients in this page. Until the sync bridge's own envelopes are wired in, every record is a
// stand-in of the same shape: a ~480-byte record padded to 512 bytes and sealed with AES-256-GCM
// (12-byte nonce + 16-byte tag: 540 bytes) in one Y.Map of record id → envelope.
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sizeLabel } from '../harness/report';
import type { BenchContext, BenchSuite } from '../harness/types';

interface RelayInfo {
  url: string;
  spaces: Record<'initial' | 'converge' | 'converge-plain' | 'edit' | 'edit-plain', { spaceId: string; token: string }>;
}

const BUCKET = 512;
/** Offline edits per peer in the convergence figure (10k, the size the target is set for; fewer at smaller sizes). */
const MAX_EDITS = 10_000;

/** A seeded generator, so every run at a size measures the same records. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` contact-shaped JSON records of about 480 characters. */
function plainRecords(count: number, seed: number, edit = 0): string[] {
  const next = random(seed + edit * 7919);
  const word = (length: number): string =>
    Array.from({ length }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `r${i}`,
      edit,
      name: `${word(7)} ${word(9)}`,
      email: `${word(8)}@${word(6)}.it`,
      phone: `+39 3${Math.floor(next() * 1e9)}`,
      notes: word(330),
    }),
  );
}

async function seal(key: CryptoKey, text: string): Promise<Uint8Array> {
  const body = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil((body.length + 4) / BUCKET) * BUCKET);
  new DataView(padded.buffer).setUint32(0, body.length);
  padded.set(body, 4);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, padded));
  const out = new Uint8Array(12 + sealed.length);
  out.set(iv);
  out.set(sealed, 12);
  return out;
}

const sealAll = (key: CryptoKey, texts: string[]): Promise<Uint8Array[]> => Promise.all(texts.map((t) => seal(key, t)));

/** A y-websocket WebSocket class that adds the size of every message it sends to `sent`. */
function countingWebSocket(sent: number[]): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      sent.push(typeof data === 'string' ? data.length : data instanceof Blob ? data.size : data.byteLength);
      super.send(data);
    }
  };
}

interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  sent: number[];
  records: Y.Map<unknown>;
}

function connect(relay: RelayInfo, space: keyof RelayInfo['spaces'], doc = new Y.Doc(), online = true): Peer {
  const sent: number[] = [];
  const { spaceId, token } = relay.spaces[space];
  const provider = new WebsocketProvider(relay.url, spaceId, doc, {
    connect: online,
    WebSocketPolyfill: countingWebSocket(sent),
    protocols: ['scrigno-relay.v1', `scrigno-token.${token}`],
    // Providers of one page would otherwise sync through a BroadcastChannel, not the relay.
    disableBc: true,
    maxBackoffTime: 100,
  });
  return { doc, provider, sent, records: doc.getMap('records') };
}

/** Resolves when `done()` holds, checked now and after every change to any of `docs`. */
function when(docs: Y.Doc[], done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!done()) return;
      for (const doc of docs) doc.off('update', check);
      resolve();
    };
    for (const doc of docs) doc.on('update', check);
    check();
  });
}

const sameState = (a: Y.Doc, b: Y.Doc): boolean => {
  const x = Y.encodeStateVector(a);
  const y = Y.encodeStateVector(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
};

const synced = (peer: Peer): Promise<void> =>
  peer.provider.synced ? Promise.resolve() : new Promise((resolve) => peer.provider.once('sync', () => resolve()));

/** Initial sync of `count` envelopes to an empty device, beside the same bytes over a plain WebSocket. */
async function initialSync(ctx: BenchContext, relay: RelayInfo, key: CryptoKey): Promise<void> {
  const count = ctx.size;
  const label = sizeLabel(count);
  ctx.progress(`sealing ${count} envelopes`);
  const envelopes = await sealAll(key, plainRecords(count, ctx.seed));
  const source = connect(relay, 'initial', new Y.Doc(), false);
  source.doc.transact(() => envelopes.forEach((envelope, i) => source.records.set(`r${i}`, envelope)));
  ctx.progress('uploading them to the relay');
  source.provider.connect();
  const probe = connect(relay, 'initial');
  await when([probe.doc], () => probe.records.size === count);
  probe.provider.destroy();

  ctx.progress('initial sync to an empty device');
  const start = performance.now();
  const joining = connect(relay, 'initial');
  await when([joining.doc], () => joining.records.size === count);
  const ms = performance.now() - start;
  joining.provider.destroy();
  source.provider.destroy();

  ctx.progress('the same bytes over a plain WebSocket');
  const rawUrl = (await window.benchRelay!('raw')) as string;
  const total = envelopes.reduce((sum, e) => sum + e.length, 0);
  const bytes = new Uint8Array(total);
  envelopes.reduce((at, e) => (bytes.set(e, at), at + e.length), 0);
  await new Promise<void>((resolve) => {
    const upload = new WebSocket(`${rawUrl}/store`);
    upload.onopen = () => upload.send(bytes);
    upload.onmessage = () => (upload.close(), resolve());
  });
  const rawStart = performance.now();
  await new Promise<void>((resolve) => {
    const download = new WebSocket(`${rawUrl}/fetch`);
    download.binaryType = 'arraybuffer';
    download.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      if (event.data.byteLength === total) resolve();
      download.close();
    };
  });
  const rawMs = performance.now() - rawStart;
  ctx.record(`sync.raw_initial_${label}_ms`, rawMs, 'ms');
  const target = label === '10k' ? 1000 : label === '100k' ? 8000 : undefined;
  ctx.record(`sync.initial_${label}_ms`, ms, 'ms', `sync.raw_initial_${label}_ms`, target);
  if (count >= 100_000) {
    const rss = (await window.benchRelay!('peak-rss-mb')) as number | null;
    if (rss !== null) ctx.record('sync.relay_peak_rss_mb', rss, 'mb', undefined, 800);
  }
}

/** Two devices each make `count` offline overwrites, then come back; timed until both hold the same state. */
async function converge(
  ctx: BenchContext,
  relay: RelayInfo,
  space: 'converge' | 'converge-plain',
  values: (edit: number) => Promise<Array<Uint8Array | string>>,
): Promise<number> {
  const base = await values(0);
  const origin = new Y.Doc();
  origin.transact(() => base.forEach((value, i) => origin.getMap('records').set(`r${i}`, value)));
  const update = Y.encodeStateAsUpdate(origin);
  const [a, b] = [connect(relay, space), connect(relay, space)];
  Y.applyUpdate(a.doc, update);
  Y.applyUpdate(b.doc, update);
  await Promise.all([synced(a), synced(b)]);
  await when([a.doc, b.doc], () => sameState(a.doc, b.doc));
  a.provider.disconnect();
  b.provider.disconnect();
  const [fromA, fromB] = [await values(1), await values(2)];
  fromA.forEach((value, i) => a.doc.transact(() => a.records.set(`r${i}`, value)));
  fromB.forEach((value, i) => b.doc.transact(() => b.records.set(`r${i}`, value)));

  const start = performance.now();
  a.provider.connect();
  b.provider.connect();
  await when([a.doc, b.doc], () => sameState(a.doc, b.doc));
  const ms = performance.now() - start;
  a.provider.destroy();
  b.provider.destroy();
  return ms;
}

/** Bytes one device sends for one edit of one field of one record (the record's new value). */
async function editBytes(relay: RelayInfo, space: 'edit' | 'edit-plain', values: Array<Uint8Array | string>, edited: Uint8Array | string): Promise<number> {
  const peer = connect(relay, space);
  peer.doc.transact(() => values.forEach((value, i) => peer.records.set(`r${i}`, value)));
  await synced(peer);
  const before = peer.sent.length;
  peer.records.set('r7', edited);
  const bytes = peer.sent.slice(before).reduce((sum, size) => sum + size, 0);
  peer.provider.destroy();
  return bytes;
}

const suite: BenchSuite = {
  name: 'sync',
  async run(ctx) {
    if (!window.benchRelay) throw new Error('bench-sync-needs-runner: the relay is started by npm run bench');
    const relay = (await window.benchRelay('start')) as RelayInfo;
    try {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await initialSync(ctx, relay, key);

      const edits = Math.min(ctx.size, MAX_EDITS);
      const label = sizeLabel(edits);
      ctx.progress(`${edits} offline edits on each of two devices, plaintext Yjs`);
      const plainMs = await converge(ctx, relay, 'converge-plain', async (edit) => plainRecords(edits, ctx.seed, edit));
      ctx.record(`sync.plain_converge_${label}_ms`, plainMs, 'ms');
      ctx.progress(`${edits} offline edits on each of two devices, sealed envelopes`);
      const sealedMs = await converge(ctx, relay, 'converge', (edit) => sealAll(key, plainRecords(edits, ctx.seed, edit)));
      ctx.record(`sync.converge_${label}_ms`, sealedMs, 'ms', `sync.plain_converge_${label}_ms`, label === '10k' ? 6000 : undefined);

      ctx.progress('one field edit on the wire');
      const plain = plainRecords(100, ctx.seed);
      const changed = JSON.stringify({ ...(JSON.parse(plain[7] ?? '{}') as object), phone: '+39 3471234567' });
      const plainBytes = await editBytes(relay, 'edit-plain', plain, changed);
      const sealedBytes = await editBytes(relay, 'edit', await sealAll(key, plain), await seal(key, changed));
      ctx.record('sync.plain_edit_wire_bytes', plainBytes, 'bytes');
      ctx.record('sync.edit_wire_bytes', sealedBytes, 'bytes', 'sync.plain_edit_wire_bytes', 1.2 * plainBytes + 100);

      ctx.progress(`history left by ${edits} overwrites`);
      const doc = new Y.Doc();
      const records = doc.getMap('records');
      const first = await sealAll(key, plainRecords(edits, ctx.seed));
      doc.transact(() => first.forEach((value, i) => records.set(`r${i}`, value)));
      const before = Y.encodeStateAsUpdate(doc).length;
      const second = await sealAll(key, plainRecords(edits, ctx.seed, 1));
      second.forEach((value, i) => doc.transact(() => records.set(`r${i}`, value)));
      const after = Y.encodeStateAsUpdate(doc).length;
      ctx.record('sync.history_bytes_per_overwrite', (after - before) / edits, 'bytes', undefined, 12);
    } finally {
      await window.benchRelay('stop');
    }
  },
};
export default suite;
