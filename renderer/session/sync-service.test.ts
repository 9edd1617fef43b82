import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPairingRelay, toBase64Url, type DeviceCard, type DeviceEntry } from '../sync';
import {
  offStatus,
  setSyncEngineFactory,
  SyncService,
  SYNC_SECRETS_ID,
  SYNC_SETTINGS_ID,
  type SettingsStore,
  type SyncEngine,
  type SyncEngineConfig,
  type SyncStatus,
} from './sync-service';

function memoryStore(): SettingsStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    read: (id) => structuredClone(data.get(id)),
    write: (id, value) => {
      data.set(id, structuredClone(value));
      return Promise.resolve();
    },
  };
}

/** A fake bridge: records its config and calls; the test pushes statuses. */
class FakeEngine implements SyncEngine {
  status: SyncStatus = { ...offStatus, state: 'connecting' };
  calls: string[] = [];
  listeners = new Set<(s: SyncStatus) => void>();
  constructor(readonly config: SyncEngineConfig) {}
  subscribe(l: (s: SyncStatus) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  push(patch: Partial<SyncStatus>) {
    this.status = { ...this.status, ...patch };
    this.listeners.forEach((l) => l(this.status));
  }
  start() {
    this.calls.push('start');
    return Promise.resolve();
  }
  pause() {
    this.calls.push('pause');
  }
  resume() {
    this.calls.push('resume');
  }
  stop() {
    this.calls.push('stop');
    return Promise.resolve();
  }
  flush() {
    this.calls.push('flush');
    return Promise.resolve();
  }
  eraseSubject(subjectId: string) {
    this.calls.push(`erase ${subjectId}`);
    return Promise.resolve();
  }
  listed: DeviceEntry[] = [];
  devices() {
    return Promise.resolve(this.listed);
  }
  addDevice(card: DeviceCard, pairedAt: number) {
    this.calls.push(`add ${card.name}`);
    this.listed = [...this.listed, { ...card, pairedAt, lastSeen: null }];
    return Promise.resolve();
  }
  /** As the bridge does: a new key for the next epoch, handed to the service to store. */
  async removeDevice(deviceId: string) {
    this.calls.push(`remove ${deviceId}`);
    this.listed = this.listed.filter((d) => d.id !== deviceId);
    this.newKey = crypto.getRandomValues(new Uint8Array(32));
    await this.config.onSpaceKey(this.newKey.slice(), this.config.epoch + 1);
  }
  newKey: Uint8Array | null = null;
}

let engines: FakeEngine[] = [];
const useFakeEngines = () =>
  setSyncEngineFactory((config) => {
    const e = new FakeEngine(config);
    engines.push(e);
    return e;
  });

afterEach(() => {
  setSyncEngineFactory(null);
  engines = [];
});

const setUpInput = {
  relay: 'ws://192.168.1.20:1234',
  spaceId: 'shop-rossi',
  token: 'tok',
  deviceName: 'Office',
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('sync service', () => {
  it('is off by default: no settings, status off, start connects nothing', async () => {
    useFakeEngines();
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    expect(service.settings).toBeNull();
    await service.start();
    expect(service.status).toEqual(offStatus);
    expect(engines).toEqual([]);
  });

  it('unreadable settings count as off (fail closed)', async () => {
    useFakeEngines();
    const store = memoryStore();
    store.data.set(SYNC_SETTINGS_ID, { enabled: true, relay: 'not a url' });
    const service = new SyncService({ store, transport: new MemoryPairingRelay().transport });
    await service.start();
    expect(service.status.state).toBe('off');
    expect(engines).toEqual([]);
  });

  it('without an engine in the build, set-up fails closed with "unavailable"', async () => {
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    expect(service.status).toMatchObject({
      state: 'error',
      errorCode: 'unavailable',
      relay: setUpInput.relay,
    });
  });

  it('set-up stores the space and starts the engine with a 32-byte space key and this device', async () => {
    useFakeEngines();
    const store = memoryStore();
    const service = new SyncService({ store, transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    expect(engines).toHaveLength(1);
    expect(engines[0]!.config).toMatchObject({
      relay: setUpInput.relay,
      spaceId: 'shop-rossi',
      token: 'tok',
      epoch: 0,
    });
    expect(engines[0]!.config.spaceKey).toHaveLength(32);
    expect(service.settings?.devices.map((d) => d.name)).toEqual(['Office']);
    expect(store.data.has(SYNC_SECRETS_ID)).toBe(true);
    engines[0]!.push({ state: 'synced', connected: true, pendingChanges: 0, lastSyncAt: 5 });
    expect(service.status).toMatchObject({ state: 'synced', connected: true, lastSyncAt: 5 });
  });

  it('any engine error stops the engine and is shown; resume starts a new one', async () => {
    useFakeEngines();
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    engines[0]!.push({ state: 'syncing', errorCode: 'envelope-refused', refused: 1 });
    await tick();
    expect(engines[0]!.calls).toEqual(['start', 'stop']);
    expect(service.status).toMatchObject({
      state: 'error',
      errorCode: 'envelope-refused',
      refused: 1,
      connected: false,
    });
    await service.resume();
    expect(engines).toHaveLength(2);
    expect(engines[1]!.calls).toEqual(['start']);
  });

  it('an unreachable relay is shown but keeps the engine retrying; the creator publishes at once', async () => {
    useFakeEngines();
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    expect(engines[0]!.config.newSpace).toBe(true);
    engines[0]!.push({ state: 'offline', errorCode: 'relay-unreachable' });
    await tick();
    expect(engines[0]!.calls).toEqual(['start']);
    expect(service.status).toMatchObject({ state: 'offline', errorCode: 'relay-unreachable' });
    engines[0]!.push({ state: 'synced', connected: true, errorCode: null });
    expect(service.status).toMatchObject({ state: 'synced', errorCode: null });
  });

  it('an engine that fails to start is stopped and the failure shown', async () => {
    setSyncEngineFactory((config) => {
      const e = new FakeEngine(config);
      e.start = () => Promise.reject(new Error('no'));
      engines.push(e);
      return e;
    });
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    expect(engines[0]!.calls).toEqual(['stop']);
    expect(service.status).toMatchObject({ state: 'error', errorCode: 'start-failed' });
    expect(service.flushing).toBe(false);
  });

  it('locking while the engine is being made: that engine is stopped, nothing keeps running', async () => {
    let release!: () => void;
    let entered!: () => void;
    const inFactory = new Promise<void>((r) => (entered = r));
    const made: FakeEngine[] = [];
    setSyncEngineFactory(async (config) => {
      const gate = new Promise<void>((r) => (release = r));
      entered();
      await gate;
      const e = new FakeEngine(config);
      made.push(e);
      return e;
    });
    const store = memoryStore();
    const first = new SyncService({ store, transport: new MemoryPairingRelay().transport });
    const setUp = first.setUp(setUpInput);
    await inFactory;
    await first.dispose();
    release();
    await setUp;
    expect(made[0]!.calls).toEqual(['stop']);
    expect(first.status).toEqual(offStatus);
    expect(first.flushing).toBe(false);
  });

  it('pause is remembered: a restart of the service stays paused until resumed', async () => {
    useFakeEngines();
    const store = memoryStore();
    const service = new SyncService({ store, transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    await service.pause();
    expect(engines[0]!.calls).toEqual(['start', 'pause', 'stop']);
    expect(service.status.state).toBe('paused');
    const again = new SyncService({ store, transport: new MemoryPairingRelay().transport });
    await again.start();
    expect(again.status.state).toBe('paused');
    expect(engines).toHaveLength(1);
    await again.resume();
    expect(engines).toHaveLength(2);
  });

  it('a second device joins with a code: same space key, both list both devices', async () => {
    useFakeEngines();
    const relay = new MemoryPairingRelay();
    const office = new SyncService({ store: memoryStore(), transport: relay.transport });
    await office.setUp(setUpInput);
    const laptop = new SyncService({ store: memoryStore(), transport: relay.transport });
    const invitation = await office.invite();
    await laptop.join(invitation.text, 'Laptop');
    await invitation.joined;
    await tick();
    expect([...engines[1]!.config.spaceKey]).toEqual([...engines[0]!.config.spaceKey]);
    expect(engines[1]!.config).toMatchObject({
      relay: setUpInput.relay,
      spaceId: 'shop-rossi',
      token: 'tok',
      newSpace: false,
    });
    expect(office.settings?.devices.map((d) => d.name)).toEqual(['Office', 'Laptop']);
    expect(laptop.settings?.devices.map((d) => d.name).sort()).toEqual(['Laptop', 'Office']);
  });

  it('removing a device goes through the running engine; the new key and epoch are stored, the list follows the doc', async () => {
    useFakeEngines();
    const relay = new MemoryPairingRelay();
    const store = memoryStore();
    const office = new SyncService({ store, transport: relay.transport });
    await office.setUp(setUpInput);
    const laptop = new SyncService({ store: memoryStore(), transport: relay.transport });
    const invitation = await office.invite();
    await laptop.join(invitation.text, 'Laptop');
    await invitation.joined;
    await tick();
    const engine = engines[0]!;
    expect(engine.calls).toContain('add Laptop');
    const oldKey = (store.data.get(SYNC_SECRETS_ID) as { spaceKey: string }).spaceKey;
    const laptopId = laptop.settings!.device.id;
    engine.listed = [
      { ...office.settings!.device, pairedAt: 1, lastSeen: 1000 },
      { ...laptop.settings!.device, pairedAt: 2, lastSeen: 2000 },
    ];
    await office.removeDevice(laptopId);
    // No restart: the engine rotated in place and the service stored what it got.
    expect(engines).toHaveLength(2);
    expect(engine.calls).toContain(`remove ${laptopId}`);
    expect(engine.calls).not.toContain('stop');
    expect(office.settings?.epoch).toBe(1);
    const stored = (store.data.get(SYNC_SECRETS_ID) as { spaceKey: string }).spaceKey;
    expect(stored).not.toBe(oldKey);
    expect(stored).toBe(toBase64Url(engine.newKey!));
    // The list shown is the doc's, with its "last seen".
    expect(office.settings?.devices).toEqual([{ ...office.settings!.device, pairedAt: 1, lastSeen: 1000 }]);
    await expect(office.removeDevice(office.settings!.device.id)).rejects.toThrow(/cannot remove itself/);
    // Not running: refused, nothing changes (a key only this device held would cut the others off).
    await office.pause();
    await expect(office.removeDevice('someone')).rejects.toThrow(/must be running/);
    expect(office.settings?.epoch).toBe(1);
  });

  it('shows the devices and their "last seen" from the doc once synced', async () => {
    useFakeEngines();
    const office = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    await office.setUp(setUpInput);
    const engine = engines[0]!;
    engine.listed = [
      { ...office.settings!.device, pairedAt: 5, lastSeen: 9000 },
      { id: 'other', name: 'Cassa', publicKey: 'pk', pairedAt: 6, lastSeen: 8000 },
    ];
    engine.push({ state: 'synced', connected: true });
    await tick();
    expect(office.settings?.devices.map((d) => [d.name, d.lastSeen])).toEqual([
      ['Office', 9000],
      ['Cassa', 8000],
    ]);
  });

  it('as the office relay: a new random space on the hosted relay, synced locally, paired through the LAN address', async () => {
    useFakeEngines();
    const relay = new MemoryPairingRelay();
    const asked: Array<{ spaceId: string; token: string }> = [];
    const control = {
      start: (space: { spaceId: string; token: string }) => {
        asked.push(space);
        return Promise.resolve({ addresses: ['ws://192.168.1.20:4719'], localUrl: 'ws://127.0.0.1:4719' });
      },
    };
    const service = new SyncService({ store: memoryStore(), transport: relay.transport });
    await service.hostOfficeRelay(control, 'Office');
    // The relay's gate patterns: a space id of 8–64 and a token of 43 base64url characters.
    expect(asked[0]!.spaceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(asked[0]!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(engines[0]!.config).toMatchObject({ relay: 'ws://127.0.0.1:4719', ...asked[0] });
    const invitation = await service.invite();
    expect(invitation.code.relay).toBe('ws://192.168.1.20:4719');
    invitation.cancel();
    // Turned on again later, it reuses the same space and token.
    await service.hostOfficeRelay(control, 'Office');
    expect(asked[1]).toEqual(asked[0]);
  });

  it('turning off stops the engine and keeps the space for later', async () => {
    useFakeEngines();
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    await service.setUp(setUpInput);
    await service.turnOff();
    expect(engines[0]!.calls).toEqual(['start', 'stop']);
    expect(service.status).toEqual(offStatus);
    expect(service.settings).toMatchObject({ enabled: false, spaceId: 'shop-rossi' });
  });

  it('flushing is true only while an engine runs with pending changes', async () => {
    useFakeEngines();
    const service = new SyncService({ store: memoryStore(), transport: new MemoryPairingRelay().transport });
    expect(service.flushing).toBe(false);
    await service.setUp(setUpInput);
    engines[0]!.push({ state: 'syncing', pendingChanges: 3 });
    expect(service.flushing).toBe(true);
    await service.flush();
    expect(engines[0]!.calls).toContain('flush');
    engines[0]!.push({ state: 'synced', pendingChanges: 0 });
    expect(service.flushing).toBe(false);
  });
});
