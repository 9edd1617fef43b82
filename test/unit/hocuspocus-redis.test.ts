// The shop setup of docs/sync-relay-scaling.md: two Hocuspocus instances on loopback behind one
// redis-server started here, persistence configured, the relay's per-space tokens, and a client
// on each instance. Skips (saying so) only where redis-server is not installed; `.ci/run`
// installs it.
import { createServer } from 'node:net';
import type { Server } from '@hocuspocus/server';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SpaceTokens } from '../../electron/relay/space-tokens';
import { cleanUp, entries, recordingWebSocket, tempDir, type FrameLog } from '../relay/harness';
import {
  MergingHocuspocusProvider,
  REDIS_BINARY,
  shardOf,
  startRedis,
  startShopRelay,
  type RedisServer,
} from '../relay/hocuspocus-shop';

if (!REDIS_BINARY)
  console.warn('hocuspocus-redis: skipped, redis-server is not installed (apt-get install redis-server)');

const patient = { timeout: 15_000, interval: 50 };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** What a Hocuspocus client frame is: `sync-step1`, `sync-step2`, `sync-update`, or its type number. */
function frameKind(frame: Uint8Array): string {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== 0) return String(type);
  return ['sync-step1', 'sync-step2', 'sync-update'][decoding.readVarUint(decoder)] ?? 'sync-other';
}

let redis: RedisServer;
let instances: Server[] = [];
let tokens: SpaceTokens;
let storeDir: string;
const providers: HocuspocusProvider[] = [];

describe.skipIf(!REDIS_BINARY)('Hocuspocus with Redis', () => {
  beforeAll(async () => {
    redis = await startRedis(REDIS_BINARY!, await freePort());
    const dir = await tempDir();
    tokens = await SpaceTokens.open(`${dir}/relay`);
    storeDir = `${dir}/documents`;
    instances = await Promise.all(
      [0, 1].map(() =>
        startShopRelay({ port: 0, redis: { host: '127.0.0.1', port: redis.port }, storeDir, tokens }),
      ),
    );
  }, 60_000);
  afterAll(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    for (const instance of instances) await instance.destroy();
    await redis?.stop();
    await cleanUp();
  }, 60_000);

  function client(
    instance: number,
    spaceId: string,
    token: string,
    Provider: typeof HocuspocusProvider = MergingHocuspocusProvider,
  ) {
    const frames: FrameLog = { sent: [], received: [] };
    const doc = new Y.Doc();
    // The provider hands its whole configuration to the socket it creates, WebSocketPolyfill
    // included; its type only lists the provider's own options.
    const provider = new Provider({
      url: `ws://127.0.0.1:${instances[instance]!.address.port}`,
      name: spaceId,
      document: doc,
      token,
      WebSocketPolyfill: recordingWebSocket(frames),
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    providers.push(provider);
    return { doc, provider, frames, records: doc.getMap('records') };
  }
  type Client = ReturnType<typeof client>;

  async function convergedOn(a: Client, b: Client): Promise<void> {
    const same = () => JSON.stringify(entries(a.records)) === JSON.stringify(entries(b.records));
    await expect.poll(same, patient).toBe(true);
  }

  /**
   * Disconnects and waits until the socket is closed: the provider's `connect()` does nothing
   * while its status still says connected.
   */
  async function offline(c: Client): Promise<void> {
    c.provider.disconnect();
    await expect.poll(() => c.provider.configuration.websocketProvider.status, patient).toBe('disconnected');
  }

  async function space() {
    const spaceId = `shop-${Math.random().toString(36).slice(2, 12)}`;
    return { spaceId, token: await tokens.set(spaceId) };
  }

  it('converges a client on each instance, offline edits included, and keeps the document', async () => {
    const { spaceId, token } = await space();
    const a = client(0, spaceId, token);
    const b = client(1, spaceId, token);
    a.records.set('from-a', 'one');
    await expect.poll(() => b.records.get('from-a'), patient).toBe('one');
    b.records.set('from-b', 'two');
    await expect.poll(() => a.records.get('from-b'), patient).toBe('two');

    await Promise.all([offline(a), offline(b)]);
    for (let i = 0; i < 30; i += 1) {
      a.records.set(`a-${i}`, `a ${i}`);
      b.records.set(`b-${i}`, `b ${i}`);
    }
    void a.provider.connect();
    void b.provider.connect();
    await convergedOn(a, b);
    expect(a.records.size).toBe(62);

    // Everyone leaves; a new device on either instance still gets it all (persistence).
    a.provider.destroy();
    b.provider.destroy();
    await expect
      .poll(() => instances.every((i) => i.hocuspocus.getDocumentsCount() === 0), patient)
      .toBe(true);
    const fresh = client(1, spaceId, token);
    await expect.poll(() => fresh.records.size, patient).toBe(62);
  });

  it('refuses a wrong token in onAuthenticate', async () => {
    const { spaceId } = await space();
    const intruder = client(0, spaceId, 'x'.repeat(43));
    const failed = new Promise<string>((resolve) =>
      intruder.provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
    );
    intruder.records.set('x', 'never stored');
    expect(await failed).toBe('permission-denied');
    const reader = client(1, spaceId, await tokens.set(spaceId));
    await expect.poll(() => reader.provider.isSynced, patient).toBe(true);
    expect(reader.records.size).toBe(0);
  });

  it('sends one merged update on reconnect, where the stock provider replays each offline edit', async () => {
    const offlineEdits = async (Provider: typeof HocuspocusProvider) => {
      const { spaceId, token } = await space();
      const a = client(0, spaceId, token, Provider);
      const b = client(1, spaceId, token);
      await expect.poll(() => a.provider.isSynced && b.provider.isSynced, patient).toBe(true);
      await offline(a);
      for (let i = 0; i < 50; i += 1) a.records.set(`r${i}`, `edit ${i}`);
      const from = a.frames.sent.length;
      void a.provider.connect();
      await convergedOn(a, b);
      expect(b.records.size).toBe(50);
      return a.frames.sent.slice(from).map(frameKind);
    };
    const stock = await offlineEdits(HocuspocusProvider);
    expect(stock.filter((kind) => kind === 'sync-update').length).toBeGreaterThanOrEqual(50);
    const merged = await offlineEdits(MergingHocuspocusProvider);
    expect(merged.filter((kind) => kind === 'sync-update')).toHaveLength(0);
    expect(merged.filter((kind) => kind === 'sync-step2')).toHaveLength(1);
  });
});

describe('sharding spaces by name', () => {
  it('sends a space to the same instance every time, and spreads spaces over all of them', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `space-${i.toString(36).padStart(6, '0')}`);
    expect(ids.map((id) => shardOf(id, 3))).toEqual(ids.map((id) => shardOf(id, 3)));
    const counts = [0, 0, 0];
    for (const id of ids) counts[shardOf(id, 3)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(80);
  });
});
