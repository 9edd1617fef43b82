// The Node side of the bench's `sync` suite: a loopback relay (the `npm run relay` bundle as a
// child process, on a throw-away data folder, one space) and a plain WebSocket server for the
// no-Yjs baseline. The page reaches both through `benchRelay(op, arg)`.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runnerImport } from 'vite';
import WebSocket from 'ws';
import { bundleRelay } from './relay-bundle.mjs';

/** The spaces the suite uses, one per measurement. */
const SPACES = ['initial', 'converge', 'converge-plain', 'edit', 'edit-plain'];

/** Starts the relay and the baseline server on demand; `close()` stops both. */
export function createBenchRelay(root) {
  let relay;
  let raw;
  let dataDir;
  const file = join(root, 'dist', 'relay', 'relay.mjs');

  async function start() {
    if (relay) return relay.info;
    await bundleRelay(file);
    dataDir = await mkdtemp(join(tmpdir(), 'scrigno-bench-relay-'));
    // One space per measurement, so no step sees another's document; added as `--add-space`
    // adds them (the same module, loaded through Vite's module runner like the bench's own parts).
    const { module: spaceTokens } = await runnerImport(join(root, 'electron', 'relay', 'space-tokens.ts'), {
      configFile: false,
      logLevel: 'warn',
    });
    const tokens = await spaceTokens.SpaceTokens.open(dataDir);
    const spaces = {};
    for (const name of SPACES) {
      spaces[name] = { spaceId: `bench-${name}`, token: await tokens.set(`bench-${name}`) };
    }
    const child = spawn(process.execPath, [file, '--data', dataDir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on ws:\/\/[^:]+:(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`relay exited (${code})`)));
    });
    relay = { child, info: { url: `ws://127.0.0.1:${port}`, spaces } };
    return relay.info;
  }

  /** A WebSocket server that keeps the last message sent to `/store` and sends it to `/fetch`. */
  async function startRaw() {
    if (raw) return raw.url;
    let stored = new Uint8Array(0);
    const server = createServer();
    const wss = new WebSocket.Server({
      noServer: true,
      maxPayload: 1024 * 1024 * 1024,
      perMessageDeflate: false,
    });
    server.on('upgrade', (request, socket, head) => {
      wss.handleUpgrade(request, socket, head, (ws) => {
        if (request.url === '/fetch') {
          ws.send(stored);
          return;
        }
        ws.on('message', (data) => {
          stored = new Uint8Array(data);
          ws.send('stored');
        });
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    raw = { server, wss, url: `ws://127.0.0.1:${server.address().port}` };
    return raw.url;
  }

  /** The relay's peak resident memory (VmHWM, Linux), in MiB; null elsewhere. */
  async function peakRssMb() {
    if (!relay) return null;
    try {
      const status = await readFile(`/proc/${relay.child.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb === undefined ? null : Number(kb) / 1024;
    } catch {
      return null;
    }
  }

  async function close() {
    if (relay) {
      const { child } = relay;
      relay = undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (raw) {
      for (const client of raw.wss.clients) client.terminate();
      await new Promise((resolve) => raw.server.close(resolve));
      raw = undefined;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }

  /** What the page calls: `start`, `raw`, `peak-rss-mb`, `stop`. */
  async function handle(op) {
    if (op === 'start') return start();
    if (op === 'raw') return startRaw();
    if (op === 'peak-rss-mb') return peakRssMb();
    if (op === 'stop') return close();
    throw new Error(`bench-relay: unknown operation ${op}`);
  }
  return { handle, close };
}
