// The setup `docs/sync-relay-scaling.md` describes for a shop that outgrows one relay: Hocuspocus
// instances behind one Redis (its extension), each persisting documents, the same per-space tokens
// as `npm run relay`, spaces sharded by name; and the client transport that sends one merged
// update on reconnect. Used by test/unit/hocuspocus-redis.test.ts.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from '@hocuspocus/extension-redis';
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { isSpaceId, type SpaceTokens } from '../../electron/relay/space-tokens';

/** The instance (0…count-1) that serves a space: a stable hash of its name. */
export function shardOf(spaceId: string, count: number): number {
  return createHash('sha256').update(spaceId).digest().readUInt32BE(0) % count;
}

export interface ShopRelayOptions {
  port: number;
  redis: { host: string; port: number };
  /** Where documents persist (a shared database in production; a shared folder here). */
  storeDir: string;
  tokens: SpaceTokens;
  /** Largest WebSocket message, as `npm run relay`'s. */
  maxPayload?: number;
}

/**
 * One Hocuspocus instance: the token check in `onAuthenticate`, persistence in
 * `onLoadDocument`/`onStoreDocument` (no `@hocuspocus/extension-database` is installed; without
 * persistence a document is dropped when its last client leaves), Redis for the other instances.
 */
export async function startShopRelay(options: ShopRelayOptions): Promise<Server> {
  const file = (name: string): string => {
    if (!isSpaceId(name)) throw new Error('bad-space-id');
    return path.join(options.storeDir, `${name}.ydoc`);
  };
  await mkdir(options.storeDir, { recursive: true });
  const server = new Server(
    {
      port: options.port,
      address: '127.0.0.1',
      quiet: true,
      debounce: 200,
      maxDebounce: 1000,
      extensions: [new Redis({ host: options.redis.host, port: options.redis.port })],
      async onAuthenticate({ documentName, token }) {
        if (!isSpaceId(documentName) || !(await options.tokens.verify(documentName, token))) {
          throw new Error('forbidden');
        }
      },
      async onLoadDocument({ documentName, document }) {
        const stored = file(documentName);
        if (existsSync(stored)) Y.applyUpdate(document, new Uint8Array(await readFile(stored)));
        return document;
      },
      async onStoreDocument({ documentName, document }) {
        const stored = file(documentName);
        const temp = `${stored}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(temp, Y.encodeStateAsUpdate(document));
        await rename(temp, stored);
      },
    },
    { maxPayload: options.maxPayload ?? 256 * 1024 * 1024, perMessageDeflate: false },
  );
  await server.listen();
  return server;
}

/**
 * The stock provider queues every local update while offline and replays them one message each
 * on reconnect. This one sends an update only while connected: on reconnect the sync handshake
 * (its step 1, the server's step 2 and step 1, its step 2) carries everything made offline as one
 * merged update.
 */
export class MergingHocuspocusProvider extends HocuspocusProvider {
  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    if (this.configuration.websocketProvider.status !== WebSocketStatus.Connected) return;
    super.documentUpdateHandler(update, origin);
  }
}

export interface RedisServer {
  port: number;
  stop(): Promise<void>;
}

/** Debian's redis-server, or null when it is not installed. */
export const REDIS_BINARY =
  ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p)) ?? null;

/**
 * A throw-away redis-server on loopback: no snapshots, no append-only file, and a pub/sub client
 * buffer raised above the largest document (the default 32 MB drops a subscriber on a 100k vault).
 */
export async function startRedis(binary: string, port: number): Promise<RedisServer> {
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--client-output-buffer-limit',
      'pubsub 512mb 256mb 60',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    void exited.then(() => reject(new Error(`redis-server exited: ${out.slice(-500)}`)));
  });
  return {
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
