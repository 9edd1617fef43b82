// The app's sync as wired: the settings service starts the real bridge (bridgeEngineFactory) over
// the gated relay (electron/relay) with the token as a subprotocol; the erasure feature reaches
// the running sync through the session's hook; a wrong token is refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../electron/relay/relay';
import { erasePerson } from '../../renderer/features/rights/erase-service';
import { bridgeEngineFactoryWith } from '../../renderer/session/sync-engine';
import { setSyncEngineFactory, SyncService, type SettingsStore } from '../../renderer/session/sync-service';
import type { Workspace } from '../../renderer/session/workspace';
import { MemoryPairingRelay } from '../../renderer/sync/pairing-memory';
import { relayPairingTransport, type WebSocketConstructor } from '../../renderer/sync';
import { createPerson } from '../fixtures/sync-peers';
import { testWorkspace } from '../fixtures/workspace';

const wsModule = 'ws';
const NodeWebSocket = ((await import(wsModule)) as { default: unknown }).default as WebSocketConstructor;
const canary = 'CANARY-wiring-5a1f';

let relay: RunningRelay;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'scrigno-wiring-'));
  relay = await startRelay({ dataDir, port: 0 });
  setSyncEngineFactory(bridgeEngineFactoryWith({ WebSocket: NodeWebSocket, batchMs: 0 }));
});

afterAll(async () => {
  setSyncEngineFactory(null);
  await relay.close();
  await rm(dataDir, { recursive: true, force: true });
});

function storeOf(ws: Workspace): SettingsStore {
  return {
    read: (id) => ws.model.get('settings', id),
    write: async (id, data) => {
      await ws.vault.put('settings', id, data);
      ws.model.upsert([{ table: 'settings', id, data }]);
    },
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out: ${what}`);
}

describe('sync as the app wires it', () => {
  it('starts the bridge over the gated relay, and an erasure on one device reaches the other', async () => {
    const spaceId = 'wiringSpace01';
    const token = await relay.tokens.set(spaceId);
    // Pairing goes through the same gated relay, in a pairing room (no token yet on B).
    const transport = relayPairingTransport({ WebSocket: NodeWebSocket as unknown as typeof WebSocket });
    const wsA = await testWorkspace('wire-a');
    const wsB = await testWorkspace('wire-b');
    const a = new SyncService({ store: storeOf(wsA), transport, workspace: wsA });
    await a.setUp({ relay: `ws://127.0.0.1:${relay.port}`, spaceId, token, deviceName: 'Ufficio' });
    expect(a.settings?.createdHere).toBe(true);
    const invitation = await a.invite();
    const b = new SyncService({ store: storeOf(wsB), transport, workspace: wsB });
    await b.join(invitation.text, 'Portatile');
    await invitation.joined;
    expect(b.settings).toMatchObject({ spaceId, token, createdHere: false });
    const person = await createPerson(wsA, { givenName: 'Marta', notes: `${canary} riservato` });
    await until(() => wsB.model.get('people', person.id) !== undefined, 'B receives the person');
    expect(b.status.errorCode).toBeNull();
    expect(relay.connections()).toBe(2);

    await erasePerson(wsA, null, person.id, { suppress: false });
    await until(() => wsB.model.get('people', person.id) === undefined, 'the erasure reaches B');
    expect(await wsB.vault.get('people', person.id)).toBeUndefined();

    // Locking stops the engine: its connection closes.
    await a.dispose();
    await b.dispose();
    await until(() => relay.connections() === 0, 'connections closed');
  }, 60_000);

  it('A removes C: B follows the new key by itself, A and B keep syncing, C applies nothing written afterwards', async () => {
    const spaceId = 'wiringSpace03';
    const token = await relay.tokens.set(spaceId);
    const transport = relayPairingTransport({ WebSocket: NodeWebSocket as unknown as typeof WebSocket });
    const wsA = await testWorkspace('rot-a');
    const wsB = await testWorkspace('rot-b');
    const wsC = await testWorkspace('rot-c');
    const a = new SyncService({ store: storeOf(wsA), transport, workspace: wsA });
    await a.setUp({ relay: `ws://127.0.0.1:${relay.port}`, spaceId, token, deviceName: 'Ufficio' });
    const b = new SyncService({ store: storeOf(wsB), transport, workspace: wsB });
    const c = new SyncService({ store: storeOf(wsC), transport, workspace: wsC });
    for (const [service, name] of [
      [b, 'Portatile'],
      [c, 'Rubato'],
    ] as const) {
      const invitation = await a.invite();
      await service.join(invitation.text, name);
      await invitation.joined;
    }
    const before = await createPerson(wsA, { givenName: 'Prima' });
    await until(
      () =>
        wsB.model.get('people', before.id) !== undefined && wsC.model.get('people', before.id) !== undefined,
      'B and C receive the first person',
    );
    await until(() => (a.settings?.devices.length ?? 0) === 3, 'A lists the three devices from the doc');
    const keyOf = (ws: Workspace) => (ws.model.get('settings', 'sync-keys') as { spaceKey: string }).spaceKey;
    const bOldKey = keyOf(wsB);

    await a.removeDevice(c.settings!.device.id);
    expect(a.settings?.epoch).toBe(1);
    await until(() => b.settings?.epoch === 1, 'B switches to the new epoch');
    // B stored the new key, sealed in its vault, without anyone touching it.
    expect(keyOf(wsB)).not.toBe(bOldKey);
    expect(keyOf(wsB)).toBe(keyOf(wsA));
    expect(await wsB.vault.get('settings', 'sync-keys')).toBeDefined();
    expect(c.settings?.epoch).toBe(0);

    const fromA = await createPerson(wsA, { givenName: `${canary} A` });
    const fromB = await createPerson(wsB, { givenName: `${canary} B` });
    await until(() => wsB.model.get('people', fromA.id) !== undefined, 'B receives A after the removal');
    await until(() => wsA.model.get('people', fromB.id) !== undefined, 'A receives B after the removal');
    // C's view stopped: it fails closed on what it cannot open, and keeps what it had.
    await until(() => c.status.state === 'error', 'C stops');
    expect(c.status.errorCode).toBe('envelope-refused');
    expect(wsC.model.get('people', fromA.id)).toBeUndefined();
    expect(wsC.model.get('people', fromB.id)).toBeUndefined();
    expect(wsC.model.get('people', before.id)?.givenName).toBe('Prima');
    await until(
      () =>
        a.settings?.devices
          .map((d) => d.name)
          .sort()
          .join() === 'Portatile,Ufficio',
      'A lists the two remaining devices',
    );
    await until(
      () => a.settings?.devices.every((d) => d.lastSeen !== null) === true,
      'A shows when each device was last seen',
    );
    await a.dispose();
    await b.dispose();
    await c.dispose();
  }, 60_000);

  it('stops with relay-refused when the token is wrong', async () => {
    const spaceId = 'wiringSpace02';
    await relay.tokens.set(spaceId);
    const ws = await testWorkspace('wire-c');
    const service = new SyncService({
      store: storeOf(ws),
      transport: new MemoryPairingRelay().transport,
      workspace: ws,
    });
    await service.setUp({
      relay: `ws://127.0.0.1:${relay.port}`,
      spaceId,
      token: 'x'.repeat(43),
      deviceName: 'Portatile',
    });
    await until(() => service.status.state === 'error', 'refused');
    expect(service.status.errorCode).toBe('relay-refused');
    await service.dispose();
  }, 30_000);
});
