// What the relay tests share: the real `npm run relay` bundle started as a child process on
// loopback, spaces added to its data folder, y-websocket clients in Node whose every WebSocket
// frame is recorded, AES-GCM envelope-shaped values, and scans of bytes for a canary.
import { spawn, type ChildProcess } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { bundleRelay } from '../../build/scripts/relay-bundle.mjs';
import { RELAY_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../electron/relay/relay';
import { SpaceTokens } from '../../electron/relay/space-tokens';

let bundled: Promise<string> | undefined;
let bundleDir: string | undefined;
const cleanups: Array<() => Promise<void>> = [];

/** The relay's command line bundled once per test file (as `npm run relay` bundles it). */
export function relayBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the checkout, so the bundle's packages resolve from its node_modules.
    const dist = fileURLToPath(new URL('../../dist', import.meta.url));
    await mkdir(dist, { recursive: true });
    const dir = await mkdtemp(path.join(dist, 'relay-test-'));
    bundleDir = dir;
    const file = path.join(dir, 'relay.mjs');
    await bundleRelay(file);
    return file;
  })();
  return bundled;
}

/** A fresh folder removed by `cleanUp()`. */
export async function tempDir(prefix = 'scrigno-relay-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A relay process started by a test. */
export interface RelayProcess {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the relay command line with `args`, resolving once it says it listens (or it exits). */
export async function startRelayProcess(args: string[]): Promise<RelayProcess> {
  const child = spawn(process.execPath, [await relayBundle(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  const port = await new Promise<number>((resolve, reject) => {
    const check = (): void => {
      const match = /listening on ws:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', check);
    void exited.then(({ code }) => reject(new Error(`relay exited (${code}): ${err.trim()}`)));
  });
  return { port, url: `ws://127.0.0.1:${port}`, child, stdout: () => out, stderr: () => err, exited };
}

/** Runs a relay command that ends by itself (`--add-space`, a failed start) and returns its output. */
export async function runRelayCommandLine(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [await relayBundle(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** Adds a space to a relay data folder the way `--add-space` does; returns its id and token. */
export async function addSpace(
  dataDir: string,
  spaceId = `space-${Math.random().toString(36).slice(2, 12)}`,
) {
  const tokens = await SpaceTokens.open(dataDir);
  return { spaceId, token: await tokens.set(spaceId) };
}

/** The subprotocols a client offers to present a space's token. */
export function tokenProtocols(token: string): string[] {
  return [RELAY_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}

/** Every WebSocket message a client sent or received, in order. */
export interface FrameLog {
  sent: Uint8Array[];
  received: Uint8Array[];
}

const asBytes = (data: unknown): Uint8Array =>
  data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
      : new TextEncoder().encode(String(data));

/** A `ws` WebSocket class that records every message into `log` (the client's side of the wire). */
export function recordingWebSocket(log: FrameLog): typeof WebSocket {
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: unknown) => log.received.push(asBytes(data)));
    }
    override send(data: unknown, options?: object, callback?: (error?: Error) => void): void {
      log.sent.push(asBytes(data));
      super.send(data, options, callback);
    }
  };
}

/** A Yjs client of the relay: a doc, its y-websocket provider and the frames it exchanged. */
export interface RelayClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  frames: FrameLog;
  /** The entries map (record id → value), as the bridge's `records` map. */
  records: Y.Map<unknown>;
}

/** Connects a y-websocket client (Node, `ws` as the WebSocket) to a space on a relay. */
export function connectClient(
  url: string,
  spaceId: string,
  token: string,
  doc = new Y.Doc(),
  protocols: string[] = tokenProtocols(token),
): RelayClient {
  const frames: FrameLog = { sent: [], received: [] };
  const provider = new WebsocketProvider(url, spaceId, doc, {
    WebSocketPolyfill: recordingWebSocket(frames) as unknown as typeof globalThis.WebSocket,
    protocols,
    // Node has a BroadcastChannel: without this, two clients in one process would sync through
    // it and never need the relay.
    disableBc: true,
    maxBackoffTime: 200,
  });
  cleanups.push(async () => provider.destroy());
  return { doc, provider, frames, records: doc.getMap('records') };
}

/** Resolves once the provider has finished its sync handshake with the relay. */
export function whenSynced(client: RelayClient): Promise<void> {
  if (client.provider.synced && client.provider.wsconnected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (synced: boolean): void => {
      if (!synced) return;
      client.provider.off('sync', done);
      resolve();
    };
    client.provider.on('sync', done);
  });
}

/** A map's entries as a plain sorted object, to compare two peers. */
export function entries(map: Y.Map<unknown>): Array<[string, string]> {
  return [...map.entries()]
    .map(([key, value]): [string, string] => [key, Buffer.from(asBytes(value)).toString('base64')])
    .sort(([a], [b]) => a.localeCompare(b));
}

const subtle = webcrypto.subtle;

/** A space key for the AES-GCM envelopes the tests put in the doc. */
export function newEnvelopeKey(): Promise<CryptoKey> {
  return subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Padding bucket of the stand-in envelopes (the bridge pads records to size buckets). */
export const ENVELOPE_BUCKET = 512;

/** An envelope-shaped value: nonce ‖ AES-GCM(padded plaintext), as the bridge stores per record. */
export async function sealValue(key: CryptoKey, plaintext: string): Promise<Uint8Array> {
  const body = new TextEncoder().encode(plaintext);
  const padded = new Uint8Array(Math.ceil((body.length + 4) / ENVELOPE_BUCKET) * ENVELOPE_BUCKET);
  new DataView(padded.buffer).setUint32(0, body.length);
  padded.set(body, 4);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, padded));
  const out = new Uint8Array(12 + sealed.length);
  out.set(iv);
  out.set(sealed, 12);
  return out;
}

/** The plaintext of a `sealValue` envelope. */
export async function openValue(key: CryptoKey, envelope: Uint8Array): Promise<string> {
  const padded = new Uint8Array(
    await subtle.decrypt({ name: 'AES-GCM', iv: envelope.slice(0, 12) }, key, envelope.slice(12)),
  );
  const length = new DataView(padded.buffer).getUint32(0);
  return new TextDecoder().decode(padded.slice(4, 4 + length));
}

/** How many times `needle` occurs in `haystack`. */
export function countOccurrences(haystack: Uint8Array, needle: Uint8Array): number {
  const hay = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  let count = 0;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) count += 1;
  return count;
}

/** Occurrences of `needle` in every file under `dir`, by file name (only files with hits). */
export async function scanFolder(dir: string, needle: Uint8Array): Promise<Record<string, number>> {
  const hits: Record<string, number> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const found = countOccurrences(await readFile(file), needle);
    if (found > 0) hits[path.relative(dir, file)] = found;
  }
  return hits;
}

/** Number of files under `dir` (to show a scan had something to read). */
export async function fileCount(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
    .length;
}

/** Stops every relay and client the test made and removes its folders. */
export async function cleanUp(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
}

/** Removes the bundle too (after the file's last test). */
export async function removeBundle(): Promise<void> {
  await cleanUp();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  bundled = undefined;
  bundleDir = undefined;
}

/** Kind of a y-websocket message: `step1`, `step2`, `update` (sync) or `awareness`/`other`. */
export function messageKind(frame: Uint8Array): 'step1' | 'step2' | 'update' | 'awareness' | 'other' {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === 1) return 'awareness';
  if (type !== 0) return 'other';
  return (['step1', 'step2', 'update'] as const)[decoding.readVarUint(decoder)] ?? 'other';
}
