// The relay as `npm run relay` runs it: a child process on 127.0.0.1 with a random port, real
// y-websocket clients in this process, LevelDB files on disk.
import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  addSpace,
  cleanUp,
  connectClient,
  countOccurrences,
  entries,
  fileCount,
  messageKind,
  newEnvelopeKey,
  openValue,
  removeBundle,
  runRelayCommandLine,
  scanFolder,
  sealValue,
  startRelayProcess,
  tempDir,
  tokenProtocols,
  whenSynced,
  type RelayClient,
} from '../../test/relay/harness';

afterEach(cleanUp);

/** Reconnection backs off and a relay restarts: polled expectations get fifteen seconds. */
const patient = { timeout: 15_000, interval: 50 };
afterAll(removeBundle);

async function relayWithSpace(extra: string[] = []) {
  const dataDir = await tempDir();
  const space = await addSpace(dataDir);
  const relay = await startRelayProcess(['--data', dataDir, '--port', '0', ...extra]);
  return { dataDir, relay, ...space };
}

/** The status an upgrade request gets, and whether the server switched protocols. */
function upgradeStatus(port: number, path: string, protocols: string[] | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        ...(protocols ? { 'sec-websocket-protocol': protocols.join(', ') } : {}),
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The close code a WebSocket client gets (or the HTTP status, when the upgrade is refused). */
function closeCode(port: number, path: string, protocols: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols);
    ws.on('close', (code: number) => resolve(code));
    ws.on('unexpected-response', (_req: unknown, res: { statusCode?: number }) =>
      resolve(res.statusCode ?? 0),
    );
    ws.on('error', (error: Error) =>
      error.message.includes('Unexpected server response') ? undefined : reject(error),
    );
  });
}

/** Waits until two clients hold the same entries (both sides read at every poll). */
async function convergedOn(a: RelayClient, b: RelayClient): Promise<void> {
  const same = () => JSON.stringify(entries(a.records)) === JSON.stringify(entries(b.records));
  await expect.poll(same, patient).toBe(true);
  expect(entries(a.records)).toEqual(entries(b.records));
}

describe('the token gate', () => {
  it('refuses a missing, wrong or foreign token with a close code the page can read, before any Yjs byte', async () => {
    const { relay, spaceId, token, dataDir } = await relayWithSpace();
    const other = await addSpace(dataDir);
    // Not a Scrigno client (no subprotocol), or no space in the path: a bare HTTP status.
    expect(await upgradeStatus(relay.port, `/${spaceId}`, null)).toBe(401);
    expect(await upgradeStatus(relay.port, '/a/b', tokenProtocols(token))).toBe(400);
    // A Scrigno client is accepted, then closed with 4401 (no token) or 4403 (refused): a browser
    // reports an HTTP refusal as 1006, like a relay it cannot reach.
    expect(await closeCode(relay.port, `/${spaceId}`, ['scrigno-relay.v1'])).toBe(4401);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await closeCode(relay.port, `/${spaceId}`, tokenProtocols(wrong))).toBe(4403);
    // Another space's token does not open this one, and an unknown space looks the same as a
    // wrong token.
    expect(await closeCode(relay.port, `/${spaceId}`, tokenProtocols(other.token))).toBe(4403);
    expect(await closeCode(relay.port, '/no-such-space', tokenProtocols(token))).toBe(4403);
    expect(await upgradeStatus(relay.port, `/${spaceId}`, tokenProtocols(token))).toBe(101);

    // A Yjs client with a wrong token receives nothing (no sync step, no awareness) and sends
    // nothing but its opening state vector: none of its content leaves it.
    const refused = connectClient(relay.url, spaceId, wrong);
    refused.records.set('x', 'never sent');
    const closed = new Promise<void>((resolve) => refused.provider.on('connection-close', () => resolve()));
    await closed;
    refused.provider.destroy();
    expect(refused.frames.received).toHaveLength(0);
    const needle = Buffer.from('never sent');
    expect(refused.frames.sent.every((f) => !Buffer.from(f).includes(needle))).toBe(true);
    expect(refused.frames.sent.map(messageKind).filter((k) => k === 'update' || k === 'step2')).toEqual([]);
    const reader = connectClient(relay.url, spaceId, token);
    await whenSynced(reader);
    expect(reader.records.size).toBe(0);
  });

  it('lets pairing rooms in without a token, with a small message limit, and stores nothing of them', async () => {
    const { relay, dataDir } = await relayWithSpace();
    const room = `pair-${Buffer.alloc(16, 7).toString('base64url')}`;
    expect(await upgradeStatus(relay.port, `/${room}`, ['scrigno-relay.v1'])).toBe(101);
    // Not quite a pairing room (21 characters): neither a room nor a space (space ids never
    // start with `pair-`).
    expect(await upgradeStatus(relay.port, `/${room.slice(0, -1)}`, ['scrigno-relay.v1'])).toBe(400);
    const canary = 'CANARY-pairing-room-61f0';
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = connectClient(relay.url, room, '', docA, ['scrigno-relay.v1']);
    const b = connectClient(relay.url, room, '', docB, ['scrigno-relay.v1']);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.records.set('m', canary);
    await expect.poll(() => b.records.get('m'), patient).toBe(canary);
    // A message over 64 KiB closes that connection (1009, or 1006 as ws 6 drops the socket).
    const big = new Promise<number>((resolve) =>
      a.provider.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    a.records.set('big', 'x'.repeat(100 * 1024));
    expect([1006, 1009]).toContain(await big);
    a.provider.destroy();
    b.records.set('after', 'still here');
    const c = connectClient(relay.url, room, '', new Y.Doc(), ['scrigno-relay.v1']);
    await expect.poll(() => c.records.get('after'), patient).toBe('still here');
    expect(c.records.has('big')).toBe(false);
    for (const client of [b, c]) client.provider.destroy();
    relay.child.kill('SIGINT');
    await relay.exited;
    expect(await fileCount(dataDir)).toBeGreaterThan(0);
    expect(await scanFolder(dataDir, Buffer.from(canary))).toEqual({});
  });

  it('lets a removed space in no more, while the relay runs', async () => {
    const { relay, spaceId, token, dataDir } = await relayWithSpace();
    expect(await upgradeStatus(relay.port, `/${spaceId}`, tokenProtocols(token))).toBe(101);
    const removed = await runRelayCommandLine(['--data', dataDir, '--remove-space', spaceId]);
    expect(removed).toMatchObject({ code: 0, stdout: `Space ${spaceId} removed.\n` });
    expect(await closeCode(relay.port, `/${spaceId}`, tokenProtocols(token))).toBe(4403);
  });
});

describe('two devices through the relay', () => {
  it('converge after each edits offline, each sending one merged update when it comes back', async () => {
    const { relay, spaceId, token } = await relayWithSpace();
    const a = connectClient(relay.url, spaceId, token);
    const b = connectClient(relay.url, spaceId, token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.records.set('shared', 'from a, online');
    await expect.poll(() => b.records.get('shared'), patient).toBe('from a, online');

    a.provider.disconnect();
    b.provider.disconnect();
    for (let i = 0; i < 200; i += 1) {
      a.doc.transact(() => a.records.set(`a-${i}`, `a value ${i}`));
      b.doc.transact(() => b.records.set(`b-${i}`, `b value ${i}`));
    }
    a.records.set('shared', 'from a, offline');
    b.records.set('shared', 'from b, offline');
    const sentBefore = a.frames.sent.length;
    a.provider.connect();
    b.provider.connect();
    await convergedOn(a, b);
    expect(a.records.size).toBe(401);
    expect(['from a, offline', 'from b, offline']).toContain(a.records.get('shared'));

    // 201 offline transactions went out as the sync handshake: one step 1, one step 2 holding all
    // of them, and no replay of individual updates.
    const kinds = a.frames.sent
      .slice(sentBefore)
      .map(messageKind)
      .filter((kind) => kind !== 'awareness');
    expect(kinds.filter((kind) => kind === 'step2')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'update')).toHaveLength(0);
  });

  it('lose nothing when the relay is killed mid-sync and restarted on the same folder', async () => {
    const { relay, spaceId, token, dataDir } = await relayWithSpace();
    const a = connectClient(relay.url, spaceId, token);
    const b = connectClient(relay.url, spaceId, token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    // A stream of small transactions, and the relay killed (no clean shutdown) in the middle.
    for (let i = 0; i < 300; i += 1) {
      a.doc.transact(() => a.records.set(`a-${i}`, `a ${i} `.repeat(50)));
      if (i === 150) relay.child.kill('SIGKILL');
      if (i % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await relay.exited).signal).toBe('SIGKILL');
    for (let i = 0; i < 100; i += 1) b.records.set(`b-${i}`, `b ${i}`);

    const again = await startRelayProcess(['--data', dataDir, '--port', String(relay.port)]);
    await convergedOn(a, b);
    expect(a.records.size).toBe(400);
    // The restarted relay holds it all: a device that never saw either peer gets every entry.
    const fresh = connectClient(again.url, spaceId, token);
    await convergedOn(fresh, a);
  });

  it('converge after a connection is cut under a device', async () => {
    const { relay, spaceId, token } = await relayWithSpace();
    const a = connectClient(relay.url, spaceId, token);
    const b = connectClient(relay.url, spaceId, token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const socket = (a.provider.ws as unknown as { _socket: { destroy(): void } })._socket;
    socket.destroy();
    a.records.set('during-cut', 'a');
    b.records.set('from-b', 'b');
    await convergedOn(a, b);
    expect(a.records.size).toBe(2);
  });

  it('takes the same update delivered twice as once', async () => {
    const { relay, spaceId, token } = await relayWithSpace();
    const origin = new Y.Doc();
    const map = origin.getMap('records');
    map.set('one', 'first');
    map.set('two', 'second');
    const update = Y.encodeStateAsUpdate(origin);
    map.delete('two');
    const deletion = Y.encodeStateAsUpdate(origin, Y.encodeStateVector(new Y.Doc()));

    // Straight to the relay, twice each, out of order, as a flaky network might.
    const raw = new WebSocket(`${relay.url}/${spaceId}`, tokenProtocols(token));
    await new Promise((resolve) => raw.once('open', resolve));
    const message = (u: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, u);
      return encoding.toUint8Array(encoder);
    };
    for (const u of [deletion, update, deletion, update]) raw.send(message(u));

    const reader = connectClient(relay.url, spaceId, token);
    await expect.poll(() => entries(reader.records), patient).toEqual(entries(map));
    // And applied twice on a device.
    Y.applyUpdate(reader.doc, update);
    Y.applyUpdate(reader.doc, update);
    expect(entries(reader.records)).toEqual([['one', Buffer.from('first').toString('base64')]]);
    raw.close();
  });

  it('closes a connection that sends more than the size limit, and goes on serving', async () => {
    const { relay, spaceId, token } = await relayWithSpace(['--max-message-mb', '1']);
    const big = new WebSocket(`${relay.url}/${spaceId}`, tokenProtocols(token));
    await new Promise((resolve) => big.once('open', resolve));
    // ws 6 drops the socket at once (1006 on this side); a close frame would say 1009.
    const closed = new Promise<number>((resolve) => big.once('close', (code: number) => resolve(code)));
    big.on('error', () => undefined);
    const doc = new Y.Doc();
    doc.getMap('records').set('huge', new Uint8Array(2 * 1024 * 1024).fill(7));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
    big.send(encoding.toUint8Array(encoder));
    expect([1006, 1009]).toContain(await closed);

    const a = connectClient(relay.url, spaceId, token);
    const b = connectClient(relay.url, spaceId, token);
    a.records.set('after', 'still here');
    await expect.poll(() => b.records.get('after'), patient).toBe('still here');
    expect(b.records.has('huge')).toBe(false);
    expect(relay.child.exitCode).toBeNull();
  });
});

describe('what the relay sees', () => {
  async function exchange(seal: (value: string) => Promise<Uint8Array | string>) {
    const canary = `CANARY-${Math.random().toString(36).slice(2)}-Rossi`;
    const { relay, spaceId, token, dataDir } = await relayWithSpace();
    const a = connectClient(relay.url, spaceId, token);
    const b = connectClient(relay.url, spaceId, token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    for (let i = 0; i < 20; i += 1) {
      a.records.set(`rec-${i}`, await seal(`{"name":"Mario ${canary}","n":${i}}`));
    }
    b.provider.disconnect();
    a.records.set('late', await seal(`{"note":"${canary} offline"}`));
    b.records.set('b-side', await seal(`{"note":"${canary} from b"}`));
    b.provider.connect();
    await convergedOn(a, b);
    // A clean stop flushes LevelDB; the files are scanned after it.
    relay.child.kill('SIGTERM');
    expect((await relay.exited).code).toBe(0);
    const needle = new TextEncoder().encode(canary);
    const frames = [...a.frames.sent, ...a.frames.received, ...b.frames.sent, ...b.frames.received];
    return {
      b,
      frameCount: frames.length,
      frameHits: frames.reduce((sum, frame) => sum + countOccurrences(frame, needle), 0),
      fileHits: await scanFolder(dataDir, needle),
      files: await fileCount(dataDir),
      canary,
    };
  }

  it('has no readable canary in any frame or LevelDB file when clients send AES-GCM envelopes', async () => {
    const key = await newEnvelopeKey();
    const seen = await exchange((value) => sealValue(key, value));
    expect(seen.frameCount).toBeGreaterThan(10);
    expect(seen.files).toBeGreaterThan(3);
    expect(seen.frameHits).toBe(0);
    expect(seen.fileHits).toEqual({});
    // The data did travel: the other device opens it.
    expect(await openValue(key, seen.b.records.get('rec-3') as Uint8Array)).toContain(seen.canary);
  });

  it('finds the canary in frames and files when a client sends it in clear (the scan can fail)', async () => {
    const seen = await exchange(async (value) => value);
    expect(seen.frameHits).toBeGreaterThan(20);
    expect(Object.values(seen.fileHits).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('npm run relay', () => {
  it('adds a space and prints its token once, keeping only an HMAC of it', async () => {
    const dataDir = await tempDir();
    const added = await runRelayCommandLine(['--data', dataDir, '--add-space', 'office-space-1']);
    expect(added.code).toBe(0);
    const token = /Token[^:]*: (\S+)/.exec(added.stdout)?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await scanFolder(dataDir, new TextEncoder().encode(token))).toEqual({});
    const listed = await runRelayCommandLine(['--data', dataDir, '--list-spaces']);
    expect(listed.stdout).toBe('office-space-1\n');
    const relay = await startRelayProcess(['--data', dataDir, '--port', '0']);
    expect(await upgradeStatus(relay.port, '/office-space-1', tokenProtocols(token))).toBe(101);
    expect(relay.stdout()).toMatch(
      /^Scrigno relay listening on ws:\/\/127\.0\.0\.1:\d+ \(1 space; Ctrl-C to stop\)\.\n$/,
    );
  });

  it('says in one sentence when the port is taken, the folder is in use or cannot be written', async () => {
    const { relay, dataDir } = await relayWithSpace();
    const other = await tempDir();
    const taken = await runRelayCommandLine(['--data', other, '--port', String(relay.port)]);
    expect(taken).toEqual({
      code: 1,
      stdout: '',
      stderr: `The relay cannot start: port ${relay.port} on 127.0.0.1 is already in use (another relay, or another program). Stop it, or choose another port with --port.\n`,
    });
    const shared = await runRelayCommandLine(['--data', dataDir, '--port', '0']);
    expect(shared.stderr).toBe(
      'The relay cannot start: another relay is already using this data folder. Stop it, or give another folder with --data.\n',
    );
    // A data folder under a file can never be created (a read-only folder would not stop root).
    const notWritable = await runRelayCommandLine(['--data', `${dataDir}/spaces.json/sub`]);
    expect(notWritable.code).toBe(1);
    expect(notWritable.stderr).toMatch(
      /^The relay cannot start: its data folder cannot be created or written\. [^\n]*\n$/,
    );
    const badPort = await runRelayCommandLine(['--port', '70000']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr.split('\n')[0]).toBe(
      'relay: --port must be a whole number from 0 (any free port) to 65535.',
    );
  });

  it('binds to 127.0.0.1 unless told otherwise, and stops cleanly on SIGINT', async () => {
    const { relay } = await relayWithSpace();
    expect(relay.stdout()).toContain('ws://127.0.0.1:');
    relay.child.kill('SIGINT');
    expect(await relay.exited).toEqual({ code: 0, signal: null });
    expect(relay.stdout()).toContain('Scrigno relay stopped.');
    expect(relay.stderr()).toBe('');
  });
});
