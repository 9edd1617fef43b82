// Pairing over the real relay protocol: the stock `@y/websocket-server` connection handler on
// loopback, and y-websocket's client on each side, as the app uses them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

/** The little of `ws` (the relay's own optional dependency, v6, untyped here) these tests use. */
interface WsSocket {
  on(event: 'message', fn: (data: Buffer) => void): void;
  terminate(): void;
}
interface WsModule {
  new (url: string): unknown;
  Server: new (o: { noServer: true }) => {
    clients: Set<WsSocket>;
    on(event: 'connection', fn: (ws: WsSocket, req: http.IncomingMessage) => void): void;
    emit(event: 'connection', ws: WsSocket, req: http.IncomingMessage): void;
    handleUpgrade(req: http.IncomingMessage, socket: unknown, head: Buffer, fn: (ws: WsSocket) => void): void;
  };
}
const wsName = 'ws';
// `WebSocket.Server` for the relay; the class itself for the client on Node 20, which has none.
const { default: WebSocket } = (await import(/* @vite-ignore */ wsName)) as { default: WsModule };
import { setupWSConnection } from '@y/websocket-server/utils';
import { invite, join, type DeviceCard, type PairingTransportFactory } from './pairing';
import { relayPairingTransport } from './pairing-relay';
import { isPairingError } from './pairing-errors';

let stop: (() => Promise<void>) | undefined;

afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** Starts the relay on loopback; every frame it receives is kept for a scan. */
async function startRelay(): Promise<{ url: string; frames: Buffer[]; rooms: string[] }> {
  const frames: Buffer[] = [];
  const rooms: string[] = [];
  const wss = new WebSocket.Server({ noServer: true });
  const server = http.createServer((_req, res) => res.end('okay'));
  wss.on('connection', (ws, req) => {
    rooms.push(req.url ?? '');
    ws.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    (setupWSConnection as (ws: unknown, req: unknown) => void)(ws, req);
  });
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stop = async () => {
    wss.clients.forEach((c) => c.terminate());
    await new Promise((r) => server.close(r));
  };
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, frames, rooms };
}

const office: DeviceCard = { id: 'dev-office', name: 'Office desktop', publicKey: 'BOFFICE' };
const laptop: DeviceCard = { id: 'dev-laptop', name: 'Field laptop', publicKey: 'BLAPTOP' };
const transport: PairingTransportFactory = relayPairingTransport({
  WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
});

describe('pairing over the relay', () => {
  it('two devices pair through a stock relay; the relay saw a derived room and no key, token or secret', async () => {
    const relay = await startRelay();
    const spaceKey = crypto.getRandomValues(new Uint8Array(32));
    const inv = await invite({
      relay: relay.url,
      spaceId: 'q3RxW0n9Zk2mYb7cVd1eFg',
      device: office,
      handover: () => ({ spaceKey: spaceKey.slice(), epoch: 0, token: 'tok-canary-5150', devices: [office] }),
      transport,
    });
    const result = await join(inv.text, { device: laptop, transport });
    expect([...result.spaceKey]).toEqual([...spaceKey]);
    expect(result.token).toBe('tok-canary-5150');
    expect(await inv.joined).toEqual(laptop);
    expect(relay.rooms.length).toBeGreaterThanOrEqual(2);
    expect(relay.rooms.every((r) => /^\/pair-[A-Za-z0-9_-]{22}$/.test(r))).toBe(true);
    const wire = Buffer.concat(relay.frames);
    expect(wire.includes(Buffer.from('tok-canary-5150'))).toBe(false);
    expect(wire.includes(Buffer.from(spaceKey))).toBe(false);
    expect(wire.includes(Buffer.from(spaceKey).toString('base64url'))).toBe(false);
    expect(wire.includes(Buffer.from(inv.code.secret))).toBe(false);
    expect(wire.includes(Buffer.from(inv.code.secret).toString('base64url'))).toBe(false);
  });

  it('a relay that cannot be reached is reported as no answer, not as success', async () => {
    const relay = await startRelay();
    const inv = await invite({
      relay: relay.url,
      spaceId: 'q3RxW0n9Zk2mYb7cVd1eFg',
      device: office,
      handover: () => ({ spaceKey: new Uint8Array(32), epoch: 0, token: 't', devices: [] }),
      transport,
    });
    await stop!();
    stop = undefined;
    inv.cancel();
    const errors: string[] = [];
    const attempt = join(inv.text, {
      device: laptop,
      transport: relayPairingTransport({
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
        onError: () => errors.push('error'),
      }),
      answerMs: 1_500,
    });
    const reason = await attempt.then(
      () => 'accepted',
      (e: unknown) => (isPairingError(e) ? e.code : 'other'),
    );
    expect(reason).toBe('no-answer');
    expect(errors.length).toBeGreaterThan(0);
  });
});
