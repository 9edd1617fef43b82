import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  hostEvents,
  type HostEvent,
  type HostEventPayload,
  type HostInput,
} from '../../shared/host/contract';
import { decodeFrame, encodeFrameParts, encodeWire, FRAME_CONTENT_TYPE } from '../../shared/host/wire';
import type { WireError } from '../../shared/host/errors';
import { dispatchHostCall } from '../main/host/dispatch';
import { FolderGrants } from '../main/host/folders';
import { createHostHandlers, type HostEnvironment } from '../main/host/handlers';
import { securityHeaders } from '../main/security';
import { readRendererFile } from '../main/static-files';
import { loadWebSecret } from './web-secret';

/** Header that carries the per-launch token on every host call. */
export const TOKEN_HEADER = 'x-scrigno-token';
/**
 * Largest request body accepted: 256 MiB, half of Node's longest string (about 512 Mi UTF-16 units),
 * so no decoding step can hit that limit; a backup of a 100,000-contact vault is far smaller (see
 * README.md). Larger bodies are answered 413 `too-large`.
 */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** How the web-mode host is started. */
export interface WebHostOptions {
  readonly rendererDir: string;
  readonly dataDir: string;
  readonly port?: number;
  readonly version: string;
  readonly locale?: string;
  /** Answers the folder dialog; the web mode has no native dialog (see electron/README.md). */
  readonly pickFolder?: HostEnvironment['pickFolder'];
  /** Body cap; MAX_BODY_BYTES unless a test wants a small one. */
  readonly maxBodyBytes?: number;
}

/** A running web-mode host. */
export interface WebHost {
  /** The address to open, with the token in the fragment (never sent to the server). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** Pushes a host event (for instance `system:lock`) to every connected page. */
  emit<E extends HostEvent>(event: E, payload: HostEventPayload<E>): void;
  /**
   * The menu state the page last sent (`menu:set-enabled`), or null before it did. The web mode
   * has no menu to apply it to; it is kept so that tests can see what a menu would show.
   */
  menuEnabled(): HostInput<'menu:set-enabled'>['enabled'] | null;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(encodeWire(body));
}

function sendFrame(res: http.ServerResponse, body: unknown): void {
  const parts = encodeFrameParts(body);
  res.writeHead(200, {
    'Content-Type': FRAME_CONTENT_TYPE,
    'Content-Length': parts.reduce((n, p) => n + p.byteLength, 0),
    'Cache-Control': 'no-store',
  });
  for (const part of parts) res.write(part);
  res.end();
}

/**
 * Reads a request body of at most `limit` bytes, or resolves to null (then the caller answers
 * 413). A declared Content-Length over the limit is refused before a byte is read; a chunked body,
 * or one that keeps coming, is refused as soon as it passes the limit, and the rest is discarded
 * without being kept, so the client can still read the answer (Node's `requestTimeout` bounds how
 * long a sender may go on).
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!(declared <= limit)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | null = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      // Stryker disable next-line ConditionalExpression: past the cap nothing is kept either way (the size check sets chunks to null again); this only skips the sum
      if (chunks === null) return;
      size += chunk.length;
      if (size > limit) {
        chunks = null;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (chunks !== null) resolve(Buffer.concat(chunks, size));
    });
    // Stryker disable next-line StringLiteral: a client that breaks off mid-body gets no answer either way; the rejection only ends the pending read
    req.on('error', reject);
  });
}

/**
 * Starts the web mode: the built renderer and the host handlers on 127.0.0.1, reachable only
 * with the per-launch token and from the app's own origin (which also defeats DNS rebinding,
 * since the Host header must match).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('hex');
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  // Before listening: a secret that cannot be trusted stops the start (WebSecretError).
  const keyBinding = await loadWebSecret(options.dataDir);
  const defaultPick: HostEnvironment['pickFolder'] = async (purpose) => {
    const folder = process.env.SCRIGNO_WEB_FOLDER ?? path.join(options.dataDir, 'folders', purpose);
    await mkdir(folder, { recursive: true });
    return folder;
  };
  let menuEnabled: HostInput<'menu:set-enabled'>['enabled'] | null = null;
  const handlers = createHostHandlers({
    grants: new FolderGrants(path.join(options.dataDir, 'granted-folders.json')),
    appInfo: {
      name: 'Scrigno',
      version: options.version,
      platform: process.platform,
      locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    },
    transport: 'web',
    keyBinding,
    pickFolder: options.pickFolder ?? defaultPick,
    // The web mode never opens links itself: the page opens them (allow-listed) in a new tab.
    openExternal: async () => undefined,
    setMenuEnabled: (enabled) => {
      menuEnabled = enabled;
    },
  });
  const listeners = new Set<http.ServerResponse>();
  // Stryker disable next-line StringLiteral: set from the bound port before the first request can arrive
  let origin = '';
  // Stryker disable next-line StringLiteral: set from the bound port before the first request can arrive
  let hostHeader = '';

  const refuse = (res: http.ServerResponse, status: number, code: WireError['code']): void =>
    sendJson(res, status, { ok: false, error: { code } });

  const server = http.createServer((req, res) => {
    void (async () => {
      // Stryker disable next-line StringLiteral: Node always sets the URL of a request a server receives
      const url = req.url ?? '/';
      if (req.headers.host !== hostHeader) return refuse(res, 421, 'bad-origin');
      if (url.startsWith('/host/')) {
        if (req.headers.origin !== origin) return refuse(res, 403, 'bad-origin');
        const presented = req.headers[TOKEN_HEADER];
        if (typeof presented !== 'string' || !sameSecret(presented, token)) {
          return refuse(res, 401, 'bad-token');
        }
        if (req.method === 'POST' && url === '/host/call') {
          const body = await readBody(req, maxBodyBytes);
          if (body === null) return refuse(res, 413, 'too-large');
          let call: { channel?: unknown; input?: unknown } | null;
          try {
            call = decodeFrame(body) as typeof call;
          } catch {
            return refuse(res, 400, 'invalid-input');
          }
          // dispatchHostCall answers every handler failure with a code; it never throws.
          return sendFrame(res, await dispatchHostCall(handlers, call?.channel, call?.input));
        }
        if (req.method === 'POST' && url === '/host/events') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
          res.write(': connected\n\n');
          listeners.add(res);
          // Stryker disable next-line StringLiteral,ArrowFunction: a closed page's stream is only written to in vain; dropping it keeps the set from growing
          req.on('close', () => listeners.delete(res));
          return;
        }
        return refuse(res, 404, 'unknown-channel');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid-input');
      const file = await readRendererFile(options.rendererDir, url);
      if (!file) {
        res.writeHead(404, securityHeaders);
        return res.end();
      }
      res.writeHead(200, {
        ...securityHeaders,
        'Content-Type': file.contentType,
        'Cache-Control': 'no-cache',
      });
      // Stryker disable next-line ConditionalExpression,StringLiteral: Node sends no body to a HEAD request in any case; not handing it one is the intent made plain
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => {
      // Whatever failed (a file that vanished mid-read, a client gone), the answer is a code
      // and the server keeps serving: nothing of the error leaves this process.
      // Stryker disable next-line ConditionalExpression: no step after a response's head can fail today; the guard keeps a later one from writing a second head
      if (!res.headersSent) refuse(res, 500, 'internal');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    menuEnabled: () => menuEnabled,
    emit(event, payload) {
      const checked = hostEvents[event].parse(payload);
      const frame = `data: ${encodeWire({ event, payload: checked })}\n\n`;
      for (const res of listeners) res.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
