import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import WebSocket from 'ws';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { SpaceTokens, SpaceTokenError, isSpaceId } from './space-tokens';

/**
 * The relay: the stock `@y/websocket-server` connection handling, unmodified, on a `node:http`
 * server whose `upgrade` handler lets a WebSocket through only with the space's token. Documents
 * persist in LevelDB (y-leveldb) in the relay's data folder, beside `spaces.json`.
 *
 * WARNING: the stock server keeps its documents and its persistence in module globals, so one
 * process runs one relay at a time (`startRelay` refuses a second).
 */

/** The WebSocket subprotocol a client offers, with `scrigno-token.<token>` beside it. */
export const RELAY_PROTOCOL = 'scrigno-relay.v1';
/** Prefix of the subprotocol entry that carries the space's token. */
export const TOKEN_PROTOCOL_PREFIX = 'scrigno-token.';
/** The relay's port unless told otherwise (the web mode uses 4718). */
export const DEFAULT_RELAY_PORT = 4719;
/**
 * Largest WebSocket message accepted: 256 MiB. A device's first upload of a whole vault is one
 * message (the Yjs sync step 2): about 47 MB for 100,000 envelope-sized records, so this leaves
 * five times that; anything larger closes that connection (1009) and nothing else.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Sub-folder of the data folder that holds the LevelDB files. */
export const LEVELDB_FOLDER = 'leveldb';

/** Why the relay could not start; `code` is what the command line and the host contract report. */
export class RelayStartError extends Error {
  override readonly name = 'RelayStartError';
  constructor(
    readonly code:
      | 'port-in-use'
      | 'port-not-allowed'
      | 'bad-port'
      | 'bad-host'
      | 'data-not-writable'
      | 'data-in-use'
      | 'data-corrupt'
      | 'already-running',
    /** The operating system's code behind it (EACCES, EADDRINUSE…), never a path. */
    readonly reason?: string,
  ) {
    super(code);
  }
}

export interface RelayOptions {
  /** The relay's data folder: `spaces.json`, `relay.key` and `leveldb/`. */
  dataDir: string;
  /** Address to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  maxMessageBytes?: number;
}

export interface RunningRelay {
  readonly host: string;
  readonly port: number;
  /** The space list this relay checks tokens against (the same file the command line edits). */
  readonly tokens: SpaceTokens;
  /** Connections open now. */
  connections(): number;
  /** Stops listening, closes every connection and closes LevelDB after its pending writes. */
  close(): Promise<void>;
}

/** The relay of this process, or `starting` while one is being started. */
let running: RunningRelay | 'starting' | null = null;

/** Answers a refused upgrade with a bare HTTP status before any WebSocket byte is exchanged. */
function refuse(socket: Duplex, status: 400 | 401 | 403 | 503): void {
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' }[
    status
  ];
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

/** A pairing room's name: `pair-` and 128 random bits in base64url (renderer/sync/PAIRING.md). */
export const PAIRING_ROOM_PATTERN = /^pair-[A-Za-z0-9_-]{22}$/;

/** Largest message in a pairing room (the largest pairing message is well under 8 KiB). */
export const PAIRING_MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Close codes a refused connection gets once accepted (a browser shows a refused upgrade as 1006,
 * like a relay that cannot be reached; a close code reaches the page).
 */
export const CLOSE_NO_TOKEN = 4401;
export const CLOSE_REFUSED = 4403;
/** The space list could not be read: try again later. */
export const CLOSE_UNAVAILABLE = 1013;

/** The pairing room named by an upgrade request's path (`/pair-…`), or null. */
export function pairingRoomOf(request: IncomingMessage): string | null {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  const room = pathname.startsWith('/') ? pathname.slice(1) : '';
  return PAIRING_ROOM_PATTERN.test(room) ? room : null;
}

/** The space id named by an upgrade request's path (`/<space id>`), or null. */
export function spaceIdOf(request: IncomingMessage): string | null {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  const id = pathname.startsWith('/') ? pathname.slice(1) : '';
  return isSpaceId(id) ? id : null;
}

/** The token a client offered as a WebSocket subprotocol, or null when it offered none. */
export function offeredToken(request: IncomingMessage): string | null {
  const offered = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((entry) => entry.trim());
  if (!offered.includes(RELAY_PROTOCOL)) return null;
  const entry = offered.find((item) => item.startsWith(TOKEN_PROTOCOL_PREFIX));
  return entry === undefined ? null : entry.slice(TOKEN_PROTOCOL_PREFIX.length);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      const code = {
        EADDRINUSE: 'port-in-use',
        EACCES: 'port-not-allowed',
        EADDRNOTAVAIL: 'bad-host',
        ENOTFOUND: 'bad-host',
        EAI_AGAIN: 'bad-host',
      }[error.code ?? ''] as RelayStartError['code'] | undefined;
      reject(new RelayStartError(code ?? 'port-not-allowed', error.code));
    };
    server.once('error', failed);
    try {
      server.listen(port, host, () => {
        server.off('error', failed);
        resolve();
      });
    } catch (error) {
      // A port out of range throws synchronously (ERR_SOCKET_BAD_PORT).
      reject(new RelayStartError('bad-port', (error as NodeJS.ErrnoException).code));
    }
  });
}

/** Opens LevelDB now, so a folder locked by another relay or unreadable fails the start. */
async function openLevelDb(dir: string): Promise<LeveldbPersistence> {
  const ldb = new LeveldbPersistence(dir);
  // y-leveldb logs and swallows a failed transaction: the error is caught inside this one.
  let failure: unknown;
  await (ldb as unknown as LevelDbInternals)._transact(async (db) => {
    try {
      await db.open();
    } catch (error) {
      failure = error;
    }
  });
  if (failure === undefined) return ldb;
  const cause = (failure as { cause?: { code?: string } }).cause?.code;
  if (cause === 'LEVEL_LOCKED') throw new RelayStartError('data-in-use', cause);
  if (cause === 'LEVEL_CORRUPTION') throw new RelayStartError('data-corrupt', cause);
  throw new RelayStartError('data-not-writable', cause ?? (failure as NodeJS.ErrnoException).code);
}

/** y-leveldb's private transaction queue (its `destroy` and every write go through it). */
interface LevelDbInternals {
  _transact(step: (db: { open(): Promise<void> }) => Promise<void>): Promise<void>;
}

/**
 * The stock server's LevelDB binding (what `YPERSISTENCE` sets up), written out so that the
 * relay can close the database on shutdown and a failed write is reported instead of crashing
 * the process. Each update is stored as it arrives; y-leveldb merges them as they pile up.
 */
function levelDbPersistence(ldb: LeveldbPersistence, onError: (error: unknown) => void) {
  return {
    provider: ldb,
    bindState: async (docName: string, doc: Y.Doc): Promise<void> => {
      // Pairing rooms are never stored: they live while their two devices are connected.
      if (PAIRING_ROOM_PATTERN.test(docName)) return;
      try {
        const persisted = await ldb.getYDoc(docName);
        const fresh = Y.encodeStateAsUpdate(doc);
        ldb.storeUpdate(docName, fresh).catch(onError);
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(persisted));
        persisted.destroy();
        doc.on('update', (update: Uint8Array) => {
          ldb.storeUpdate(docName, update).catch(onError);
        });
      } catch (error) {
        onError(error);
      }
    },
    writeState: async (): Promise<void> => undefined,
  };
}

/** Starts the relay; throws `RelayStartError` with a code and nothing else when it cannot. */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  if (running) throw new RelayStartError('already-running');
  running = 'starting';
  try {
    const relay = await start(options);
    running = relay;
    return relay;
  } catch (error) {
    running = null;
    throw error;
  }
}

async function start(options: RelayOptions): Promise<RunningRelay> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_RELAY_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RelayStartError('bad-port');
  const maxPayload = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;

  let tokens: SpaceTokens;
  try {
    tokens = await SpaceTokens.open(options.dataDir);
  } catch (error) {
    if (error instanceof SpaceTokenError) throw new RelayStartError('data-corrupt', error.code);
    throw new RelayStartError('data-not-writable', (error as NodeJS.ErrnoException).code);
  }
  const ldb = await openLevelDb(`${options.dataDir}/${LEVELDB_FOLDER}`);
  // Errors are reported by code only: a message could hold a path.
  const report = (error: unknown): void => {
    const code = (error as { code?: unknown }).code;
    process.stderr.write(`relay: storage error (${typeof code === 'string' ? code : 'unknown'})\n`);
  };
  setPersistence(levelDbPersistence(ldb, report));

  const wss = new WebSocket.Server({
    noServer: true,
    maxPayload,
    // Ciphertext does not compress; inflating would only cost memory and CPU.
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.includes(RELAY_PROTOCOL) ? RELAY_PROTOCOL : false),
  });
  // Pairing rooms: no token (the joining device has none yet), a small message limit.
  const pairing = new WebSocket.Server({
    noServer: true,
    maxPayload: Math.min(maxPayload, PAIRING_MAX_MESSAGE_BYTES),
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.includes(RELAY_PROTOCOL) ? RELAY_PROTOCOL : false),
  });
  pairing.on('connection', (socket: WebSocket, request: IncomingMessage, room: string) => {
    socket.on('error', () => undefined);
    setupWSConnection(socket, request, { docName: room });
  });
  // Refused connections: accepted only to be closed with a code the page can read; nothing is
  // read from them and no Yjs message is ever sent to them.
  const refusing = new WebSocket.Server({
    noServer: true,
    maxPayload: 1024,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.includes(RELAY_PROTOCOL) ? RELAY_PROTOCOL : false),
  });
  const refuseOpen = (request: IncomingMessage, socket: Duplex, head: Buffer, code: number): void => {
    refusing.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => undefined);
      ws.close(code, code === CLOSE_UNAVAILABLE ? 'try again later' : 'refused');
    });
  };
  wss.on('connection', (socket: WebSocket, request: IncomingMessage, spaceId: string) => {
    // Without a listener, a frame over the size limit would throw out of the process. With one,
    // ws closes that connection (1009) and the stock handler's close drops it from the document.
    socket.on('error', () => undefined);
    setupWSConnection(socket, request, { docName: spaceId });
  });

  const server = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain', connection: 'close' });
    response.end('WebSocket only\n');
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const room = pairingRoomOf(request);
    if (room !== null) {
      pairing.handleUpgrade(request, socket, head, (ws) => pairing.emit('connection', ws, request, room));
      return;
    }
    const spaceId = spaceIdOf(request);
    if (spaceId === null) return refuse(socket, 400);
    // A client that does not speak the relay's subprotocol is not a Scrigno device: plain HTTP.
    const offered = String(request.headers['sec-websocket-protocol'] ?? '');
    if (!offered.split(',').some((p) => p.trim() === RELAY_PROTOCOL)) return refuse(socket, 401);
    const token = offeredToken(request);
    if (token === null) return refuseOpen(request, socket, head, CLOSE_NO_TOKEN);
    tokens.verify(spaceId, token).then(
      (allowed) => {
        if (!allowed) return refuseOpen(request, socket, head, CLOSE_REFUSED);
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request, spaceId));
      },
      () => refuseOpen(request, socket, head, CLOSE_UNAVAILABLE),
    );
  });
  try {
    await listen(server, port, host);
  } catch (error) {
    setPersistence(null);
    await ldb.destroy().catch(() => undefined);
    throw error;
  }

  const relay: RunningRelay = {
    host,
    port: (server.address() as AddressInfo).port,
    tokens,
    connections: () => wss.clients.size + pairing.clients.size,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of [...wss.clients, ...pairing.clients, ...refusing.clients]) client.terminate();
        server.closeAllConnections?.();
      });
      // The stock handler drops a document when its last connection closes; anything still held
      // (a connection closing as we stop) is dropped here.
      for (const doc of docs.values()) doc.destroy();
      docs.clear();
      setPersistence(null);
      // y-leveldb queues its writes: closing waits for the ones still pending.
      await ldb.destroy().catch(report);
      if (running === relay) running = null;
    },
  };
  return relay;
}
