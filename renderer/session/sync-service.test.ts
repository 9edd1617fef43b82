import { afterEach, describe, expect, it } from 'vitest';
import { grantSpaceKey, MemoryPairingRelay, openSpaceKeyGrant } from '../sync';
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

  it('removing a device restarts sync under a new key the removed one cannot open', async () => {
    useFakeEngines();
    const relay = new MemoryPairingRelay();
    const office = new SyncService({ store: memoryStore(), transport: relay.transport });
    await office.setUp(setUpInput);
    const laptop = new SyncService({ store: memoryStore(), transport: relay.transport });
    const invitation = await office.invite();
    await laptop.join(invitation.text, 'Laptop');
    await invitation.joined;
    await tick();
    const oldKey = [...engines[0]!.config.spaceKey];
    const laptopId = laptop.settings!.device.id;
    await office.removeDevice(laptopId);
    const restarted = engines[2]!;
    expect(engines[0]!.calls).toContain('stop');
    expect(restarted.config.epoch).toBe(1);
    expect([...restarted.config.spaceKey]).not.toEqual(oldKey);
    expect(office.settings?.devices.map((d) => d.name)).toEqual(['Office']);
    // The removed laptop's identity opens no grant of the new key (a grant made for the office).
    const officeCard = office.settings!.device;
    const grant = await grantSpaceKey(restarted.config.spaceKey.slice(), 'shop-rossi', 1, officeCard);
    const laptopIdentity = await laptop.identity();
    await expect(
      openSpaceKeyGrant({ ...grant, deviceId: laptopId }, 'shop-rossi', laptopIdentity),
    ).rejects.toThrow();
    await expect(office.removeDevice(officeCard.id)).rejects.toThrow(/cannot remove itself/);
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
