// Two devices with their own vaults converge through a real, unmodified `@y/websocket-server`
// (spawned on 127.0.0.1 with LevelDB persistence) after offline edits on each; an erasure reaches
// a device back from offline; the canary of a person's record is in no WebSocket frame and in no
// file of the relay's LevelDB folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { canonicalJson } from '../../shared/domain';
import { WebSocketProvider, type WebSocketConstructor } from '../../renderer/sync';
import {
  createOrganization,
  createPerson,
  editPerson,
  erasePerson,
  testPeer,
  testSpace,
  type Peer,
} from '../fixtures/sync-peers';

const root = path.resolve(import.meta.dirname, '../..');
const canary = 'CANARY-relay-93e1c7';

/** Every frame a client sent or received, per client. */
const frames = new Map<string, { sent: Uint8Array[]; received: Uint8Array[] }>();

// Node 20 has no global WebSocket: the `ws` package (6.x, the one the relay runs on) stands in for
// the browser's.
// It ships no types; it is used through the DOM WebSocket interface it implements.
const wsModule = 'ws';
const NodeWebSocket = ((await import(wsModule)) as { default: unknown }).default as WebSocketConstructor;

function recordingWebSocket(name: string): WebSocketConstructor {
  const log = { sent: [] as Uint8Array[], received: [] as Uint8Array[] };
  frames.set(name, log);
  return class Recording extends NodeWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        log.received.push(new Uint8Array(event.data as ArrayBuffer));
      });
    }
    override send(data: string | Blob | BufferSource): void {
      log.sent.push(new Uint8Array(data as ArrayBuffer));
      super.send(data);
    }
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let relay: ChildProcess;
let port: number;
let dataDir: string;

async function startRelay(samePort = false): Promise<void> {
  if (!samePort) port = await freePort();
  relay = spawn(process.execPath, [path.join(root, 'node_modules/@y/websocket-server/src/server.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('exit', (code) => reject(new Error(`relay exited (${code})`)));
    relay.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('running at')) resolve();
    });
  });
}

async function stopRelay(): Promise<void> {
  if (relay.exitCode !== null || relay.signalCode !== null) return;
  const exited = new Promise((resolve) => relay.once('exit', resolve));
  relay.kill('SIGTERM');
  await exited;
}

/** Flushes until `done()` holds (polled: the relay is another process). */
async function until(peers: readonly Peer[], done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    for (const p of peers) await p.bridge.flush();
    if (done()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const same = (a: Peer, b: Peer) =>
  (['people', 'organizations'] as const).every(
    (t) =>
      canonicalJson([...a.ws.model.list(t)].sort((x, y) => (x.id < y.id ? -1 : 1))) ===
      canonicalJson([...b.ws.model.list(t)].sort((x, y) => (x.id < y.id ? -1 : 1))),
  );

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'scrigno-relay-'));
  await startRelay();
});

afterAll(async () => {
  await stopRelay();
  await rm(dataDir, { recursive: true, force: true });
});

describe('sync through a real relay', () => {
  it('converges after offline edits, erases across devices, and the relay sees only ciphertext', async () => {
    const space = await testSpace();
    const provider = (name: string) => (doc: Y.Doc) =>
      new WebSocketProvider(doc, {
        url: `ws://127.0.0.1:${port}`,
        room: space.id,
        WebSocket: recordingWebSocket(name),
      });
    const a = await testPeer(space, provider('a'), 'ra', { newSpace: true });
    const b = await testPeer(space, provider('b'), 'rb');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws, { givenName: canary, notes: `${canary} note` });
    const kept = await createPerson(a.ws, { givenName: 'Giulia' });
    const org = await createOrganization(a.ws, { name: 'Ditta Uno' });
    await until([a, b], () => b.ws.model.get('people', person.id) !== undefined && same(a, b), 'first sync');
    expect(b.ws.model.get('people', person.id)?.givenName).toBe(canary);
    await until([a, b], () => a.bridge.status.state === 'synced', 'A synced');

    // Both go offline and edit: different fields of one record, the same field, new records.
    a.bridge.pause();
    b.bridge.pause();
    for (let i = 0; i < 20; i++) await editPerson(a.ws, kept.id, { jobTitle: `Ruolo ${i}` });
    await editPerson(b.ws, kept.id, { notes: 'Da B' });
    const fromB = await createOrganization(b.ws, { name: 'Ditta di B' });
    await a.bridge.flush();
    await b.bridge.flush();
    expect(a.bridge.status.pendingChanges).toBeGreaterThan(0);
    const sentBefore = frames.get('a')!.sent.length;
    a.bridge.resume();
    b.bridge.resume();
    await until(
      [a, b],
      () => same(a, b) && a.ws.model.get('organizations', fromB.id) !== undefined,
      'converge',
    );
    expect(a.ws.model.get('people', kept.id)).toMatchObject({ jobTitle: 'Ruolo 19', notes: 'Da B' });
    expect(b.ws.model.get('organizations', org.id)?.name).toBe('Ditta Uno');
    // 20 offline edits went out as one merged update (with the sync step 1 and a meta write),
    // not as 20 messages.
    expect(frames.get('a')!.sent.length - sentBefore).toBeLessThanOrEqual(6);

    // The relay is killed and restarted (its LevelDB folder kept): both reconnect by themselves.
    await stopRelay();
    await until([a, b], () => a.bridge.status.state === 'offline', 'A sees the relay gone');
    expect(a.bridge.status.connected).toBe(false);
    await editPerson(a.ws, kept.id, { jobTitle: 'Dopo il riavvio' });
    await startRelay(true);
    await until(
      [a, b],
      () => b.ws.model.get('people', kept.id)?.jobTitle === 'Dopo il riavvio',
      'after restart',
    );
    expect(a.bridge.status.errorCode).toBeNull();

    // Erasure while B is offline; B edits the person meanwhile, then comes back.
    await until([a, b], () => b.bridge.status.state === 'synced', 'B synced');
    b.bridge.pause();
    await editPerson(b.ws, person.id, { jobTitle: `${canary} offline` });
    await b.bridge.flush();
    const destroyed = vi.spyOn(b.ws.vault, 'destroySubjectKey');
    await erasePerson(a, person);
    b.bridge.resume();
    await until([a, b], () => b.ws.model.get('people', person.id) === undefined, 'erasure reaches B');
    expect(destroyed).toHaveBeenCalledWith(person.subjectId);
    expect(await b.ws.vault.get('people', person.id)).toBeUndefined();
    await until([a, b], () => same(a, b), 'converge after erasure');
    expect(a.ws.model.get('people', person.id)).toBeUndefined();

    for (const p of [a, b]) await p.bridge.stop();
    await stopRelay();

    // Not one frame, in either direction, and not one relay file holds the canary.
    const needle = Buffer.from(canary, 'utf8');
    let frameCount = 0;
    for (const log of frames.values()) {
      for (const frame of [...log.sent, ...log.received]) {
        frameCount++;
        expect(Buffer.from(frame).includes(needle)).toBe(false);
      }
    }
    expect(frameCount).toBeGreaterThan(10);
    const files = await filesUnder(dataDir);
    let persisted = 0;
    // Control: the locators the relay stored are readable in its files as they are (the scan
    // reads the real data), so a canary in clear would be found too.
    const locators = [...a.bridge.doc.getMap('records').keys()].map((l) => Buffer.from(l, 'utf8'));
    let locatorSeen = false;
    for (const file of files) {
      const bytes = await readFile(file);
      persisted += bytes.length;
      expect(bytes.includes(needle), path.basename(file)).toBe(false);
      if (locators.some((l) => bytes.includes(l))) locatorSeen = true;
    }
    expect(persisted).toBeGreaterThan(1000);
    expect(locatorSeen).toBe(true);
  }, 120_000);

  it('reports a relay that accepts and then refuses the connection', async () => {
    type Server = {
      on(event: 'connection', listener: (socket: { close(code: number): void }) => void): void;
      on(event: 'listening', listener: () => void): void;
      close(callback: () => void): void;
    };
    const mod = (await import(wsModule)) as {
      default: { Server: new (options: { host: string; port: number }) => Server };
    };
    const WebSocketServer = mod.default.Server;
    const gatePort = await freePort();
    const gate = new WebSocketServer({ host: '127.0.0.1', port: gatePort });
    await new Promise<void>((resolve) => gate.on('listening', resolve));
    gate.on('connection', (socket) => socket.close(4403));
    const space = await testSpace();
    const peer = await testPeer(
      space,
      (doc) =>
        new WebSocketProvider(doc, {
          url: `ws://127.0.0.1:${gatePort}`,
          room: space.id,
          WebSocket: NodeWebSocket,
        }),
      'refused',
    );
    await peer.bridge.start();
    await until([peer], () => peer.bridge.status.errorCode === 'relay-refused', 'refusal reported');
    expect(peer.bridge.status.connected).toBe(false);
    await peer.bridge.stop();
    expect(peer.bridge.status.state).toBe('off');
    await new Promise<void>((resolve) => gate.close(resolve));
  });
});
