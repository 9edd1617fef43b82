// This device's side of sync: its settings (off by default), its identity and the space key, the
// paired devices, pairing, and the engine that moves records (the sync bridge). The engine is
// reached only through `SyncEngine`, the bridge's documented surface (renderer/sync/README.md);
// until one is registered with `setSyncEngineFactory`, turning sync on fails closed with
// `unavailable`. Fails closed throughout: any engine error stops the engine and is shown.
import { z } from 'zod';
import { createDeviceIdentity, importDeviceIdentity, type DeviceEntry, type DeviceIdentity } from '../sync';
import {
  invite,
  join,
  systemClock,
  type DeviceCard,
  type Invitation,
  type PairingClock,
  type PairingTransportFactory,
} from '../sync';
import type { Workspace } from './workspace';
import { setSyncEraser } from './sync-erasure';
import type { SyncErrorCode as BridgeErrorCode, SyncState, SyncStatus as BridgeStatus } from '../sync';
import { fromBase64Url, toBase64Url } from '../sync';

export type { SyncState };

/**
 * Why sync stopped: the bridge's codes, plus `unavailable` (no engine in this build) and
 * `start-failed` (the engine could not be made or started).
 */
export type SyncErrorCode = BridgeErrorCode | 'unavailable' | 'start-failed';

/** What Settings → Sync shows: the bridge's `SyncStatus`, with this device's two extra codes. */
export type SyncStatus = Omit<BridgeStatus, 'errorCode'> & { readonly errorCode: SyncErrorCode | null };

/** The bridge as this device drives it. */
export interface SyncEngine {
  readonly status: SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  start(): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
  /** Resolves when every local change is in the doc and sent (if connected). */
  flush(): Promise<void>;
  /** Records a local erasure in the space (after the local erasure). */
  eraseSubject(subjectId: string): Promise<void>;
  /** The paired devices as the space's doc lists them (names, paired at, last seen). */
  devices(): Promise<DeviceEntry[]>;
  /** A newly paired device: its entry and a grant of the current space key go into the doc. */
  addDevice(card: DeviceCard, pairedAt: number): Promise<void>;
  /**
   * Removes a device: a new space key granted to the remaining devices in the doc (they switch by
   * themselves); `onSpaceKey` receives it here.
   */
  removeDevice(deviceId: string): Promise<void>;
}

/** What the engine is started with. `spaceKey` is a copy: the engine imports it and wipes it. */
export interface SyncEngineConfig {
  readonly relay: string;
  readonly spaceId: string;
  readonly token: string;
  readonly spaceKey: Uint8Array<ArrayBuffer>;
  readonly epoch: number;
  readonly device: DeviceCard;
  /** This device created the space: it publishes its records without waiting for another's. */
  readonly newSpace: boolean;
  /** This device's identity: it opens the grants of later space keys. */
  readonly identity: DeviceIdentity;
  /** When this device was paired (its entry in the doc's device list). */
  readonly pairedAt: number;
  /** A new space key (a removal made here, or a grant opened): stored sealed in the vault. */
  readonly onSpaceKey: (raw: Uint8Array<ArrayBuffer>, epoch: number) => Promise<void>;
}

/**
 * Makes the engine for one unlocked vault (the integration point with the bridge:
 * `new SyncBridge(syncTargetOf(workspace), { spaceId, spaceKey: await importSpaceKey(spaceKey),
 * provider })`). `workspace` is the one the service belongs to (null in tests).
 */
export type SyncEngineFactory = (
  config: SyncEngineConfig,
  workspace: Workspace | null,
) => SyncEngine | Promise<SyncEngine>;

let engineFactory: SyncEngineFactory | null = null;

/** Registers the bridge (once, at start-up); null takes it away again (tests). */
export function setSyncEngineFactory(factory: SyncEngineFactory | null): void {
  engineFactory = factory;
}

/** The status while nothing runs. */
export const offStatus: SyncStatus = {
  state: 'off',
  relay: null,
  connected: false,
  initialSyncComplete: false,
  lastSyncAt: null,
  pendingChanges: 0,
  errorCode: null,
  refused: 0,
};

const deviceSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  publicKey: z.string().min(1).max(200),
  pairedAt: z.number(),
  lastSeen: z.number().nullable(),
});

/** The device's sync settings, kept in the vault (encrypted) as a settings record. */
export const syncSettingsSchema = z.object({
  enabled: z.boolean(),
  paused: z.boolean(),
  relay: z.string().url(),
  /** The address other devices pair with when it is not `relay` (this computer hosts it). */
  pairingRelay: z.string().url().nullable().default(null),
  spaceId: z.string().min(1).max(200),
  token: z.string().min(1).max(500),
  epoch: z.number().int().nonnegative(),
  /** This device created the space (the bridge's `newSpace`). */
  createdHere: z.boolean().default(false),
  device: deviceSchema.omit({ pairedAt: true, lastSeen: true }),
  devices: z.array(deviceSchema),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

const secretsSchema = z.object({ spaceKey: z.string().min(43), devicePkcs8: z.string().min(10) });

/** Settings record ids (settings are per device: the bridge never syncs them). */
export const SYNC_SETTINGS_ID = 'sync';
export const SYNC_SECRETS_ID = 'sync-keys';

/** The little the service needs from the vault: settings records in and out. */
export interface SettingsStore {
  read(id: string): unknown;
  write(id: string, data: unknown): Promise<void>;
}

const b64 = toBase64Url;
const unb64 = fromBase64Url;

/** What the set-up form gives. */
export interface SetUpInput {
  readonly relay: string;
  readonly spaceId: string;
  readonly token: string;
  readonly deviceName: string;
  /** The address other devices pair with, when this computer hosts the relay. */
  readonly pairingRelay?: string;
}

/** A random id or token: `bytes` random bytes in base64url. */
export const randomToken = (bytes: number): string => b64(crypto.getRandomValues(new Uint8Array(bytes)));

/** Options of the service (tests inject the clock and transports). */
export interface SyncServiceOptions {
  readonly store: SettingsStore;
  readonly transport: PairingTransportFactory;
  readonly clock?: PairingClock;
  readonly ttlMs?: number;
  /** Handed to the engine factory. */
  readonly workspace?: Workspace;
}

/**
 * One unlocked vault's sync. Reads its settings at creation: unreadable or absent settings mean
 * off (fail closed). Nothing connects until `setUp`, `join` or an enabled setting plus `start`.
 */
export class SyncService {
  #status: SyncStatus = offStatus;
  #engine: SyncEngine | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #listeners = new Set<() => void>();
  readonly #options: SyncServiceOptions;

  constructor(options: SyncServiceOptions) {
    this.#options = options;
  }

  /** The stored settings, or null when sync was never set up here (or they cannot be read). */
  get settings(): SyncSettings | null {
    const parsed = syncSettingsSchema.safeParse(this.#options.store.read(SYNC_SETTINGS_ID));
    return parsed.success ? parsed.data : null;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  /** Calls `listener` on every change of status or settings; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #revision = 0;

  /** Grows with every change of status or settings (a snapshot for React). */
  get revision(): number {
    return this.#revision;
  }

  #emit(): void {
    this.#revision++;
    for (const l of this.#listeners) l();
  }

  #secrets(): { spaceKey: Uint8Array<ArrayBuffer>; devicePkcs8: Uint8Array<ArrayBuffer> } {
    const parsed = secretsSchema.safeParse(this.#options.store.read(SYNC_SECRETS_ID));
    if (!parsed.success) throw new Error('The sync keys of this device cannot be read.');
    return { spaceKey: unb64(parsed.data.spaceKey), devicePkcs8: unb64(parsed.data.devicePkcs8) };
  }

  async #save(
    settings: SyncSettings,
    secrets?: { spaceKey: Uint8Array; devicePkcs8: Uint8Array },
  ): Promise<void> {
    if (secrets) {
      await this.#options.store.write(SYNC_SECRETS_ID, {
        spaceKey: b64(secrets.spaceKey),
        devicePkcs8: b64(secrets.devicePkcs8),
      });
    }
    await this.#options.store.write(SYNC_SETTINGS_ID, syncSettingsSchema.parse(settings));
    this.#emit();
  }

  /** First device of a space: a new space key and device identity, then sync starts. */
  async setUp(input: SetUpInput): Promise<void> {
    const { identity, pkcs8 } = await createDeviceIdentity(input.deviceName.trim());
    const spaceKey = crypto.getRandomValues(new Uint8Array(32));
    const now = this.#now();
    const settings: SyncSettings = {
      enabled: true,
      paused: false,
      relay: input.relay.trim(),
      pairingRelay: input.pairingRelay ?? null,
      spaceId: input.spaceId.trim(),
      token: input.token,
      epoch: 0,
      createdHere: true,
      device: identity.card,
      devices: [{ ...identity.card, pairedAt: now, lastSeen: null }],
    };
    await this.#save(settings, { spaceKey, devicePkcs8: pkcs8 });
    spaceKey.fill(0);
    pkcs8.fill(0);
    await this.start();
  }

  /** A new device joins with a code, then sync starts. Errors are `PairingError`s. */
  async join(code: string, deviceName: string, signal?: AbortSignal): Promise<void> {
    const { identity, pkcs8 } = await createDeviceIdentity(deviceName.trim());
    const result = await join(code, {
      device: identity.card,
      transport: this.#options.transport,
      clock: this.#options.clock,
      signal,
    });
    const now = this.#now();
    const others = result.devices.filter((d) => d.id !== identity.card.id);
    const settings: SyncSettings = {
      enabled: true,
      paused: false,
      relay: result.relay,
      pairingRelay: null,
      spaceId: result.spaceId,
      token: result.token,
      epoch: result.epoch,
      createdHere: false,
      device: identity.card,
      devices: [
        ...others.map((d) => ({ ...d, pairedAt: now, lastSeen: null })),
        { ...identity.card, pairedAt: now, lastSeen: null },
      ],
    };
    await this.#save(settings, { spaceKey: result.spaceKey, devicePkcs8: pkcs8 });
    result.spaceKey.fill(0);
    pkcs8.fill(0);
    await this.start();
  }

  /** Shows a code for a new device; when it joins, it is added to the list. */
  async invite(approve?: (device: DeviceCard) => Promise<boolean>): Promise<Invitation> {
    const settings = this.settings;
    if (!settings) throw new Error('Sync is not set up on this device.');
    const invitation = await invite({
      relay: settings.pairingRelay ?? settings.relay,
      spaceId: settings.spaceId,
      device: settings.device,
      transport: this.#options.transport,
      clock: this.#options.clock,
      ttlMs: this.#options.ttlMs,
      approve,
      handover: () => {
        const current = this.settings ?? settings;
        return {
          spaceKey: this.#secrets().spaceKey,
          epoch: current.epoch,
          token: current.token,
          devices: current.devices.map(({ id, name, publicKey }) => ({ id, name, publicKey })),
        };
      },
    });
    void invitation.joined.then(
      async (device) => {
        const current = this.settings;
        if (!current) return;
        const pairedAt = this.#now();
        const devices = [
          ...current.devices.filter((d) => d.id !== device.id),
          { ...device, pairedAt, lastSeen: null },
        ];
        await this.#save({ ...current, devices });
        // The other devices learn of it (and this one keeps a grant of the key for it) in the doc.
        await this.#engine?.addDevice(device, pairedAt);
      },
      () => undefined,
    );
    return invitation;
  }

  /**
   * Removes a device: a new space key, granted in the space's doc to the remaining devices (they
   * switch to it by themselves), so the removed device reads nothing written from now on. Needs
   * the engine running: the rotation is published in the doc, and a key only this device held
   * would cut the others off.
   */
  async removeDevice(deviceId: string): Promise<void> {
    const settings = this.settings;
    if (!settings) throw new Error('Sync is not set up on this device.');
    if (deviceId === settings.device.id) throw new Error('This device cannot remove itself.');
    const engine = this.#engine;
    if (!engine) throw new Error('Sync must be running to remove a device.');
    await engine.removeDevice(deviceId);
    await this.#refreshDevices(engine);
  }

  /** Stores a new space key (sealed in the vault with the settings) and its epoch. */
  async #adoptKey(raw: Uint8Array<ArrayBuffer>, epoch: number): Promise<void> {
    try {
      const settings = this.settings;
      if (!settings || epoch <= settings.epoch) return;
      const secrets = this.#secrets();
      await this.#save({ ...settings, epoch }, { spaceKey: raw, devicePkcs8: secrets.devicePkcs8 });
      secrets.devicePkcs8.fill(0);
    } finally {
      raw.fill(0);
    }
  }

  /** Copies the doc's device list (names, last seen) into the settings the screen shows. */
  async #refreshDevices(engine: SyncEngine): Promise<void> {
    const settings = this.settings;
    if (!settings || engine !== this.#engine) return;
    const listed = await engine.devices().catch(() => null);
    if (!listed || listed.length === 0) return;
    const devices = listed.map(({ id, name, publicKey, pairedAt, lastSeen }) => ({
      id,
      name,
      publicKey,
      pairedAt,
      lastSeen,
    }));
    if (JSON.stringify(devices) === JSON.stringify(settings.devices)) return;
    await this.#save({ ...settings, devices });
  }

  /** This device's identity, to open grants (a rotation made elsewhere). */
  async identity(): Promise<DeviceIdentity> {
    const settings = this.settings;
    if (!settings) throw new Error('Sync is not set up on this device.');
    return importDeviceIdentity(settings.device, this.#secrets().devicePkcs8);
  }

  /** Starts the engine if sync is on and not paused. Without an engine: `unavailable`, shown. */
  async start(): Promise<void> {
    const settings = this.settings;
    if (!settings?.enabled) return this.#set(offStatus);
    if (settings.paused) return this.#set({ ...offStatus, state: 'paused', relay: settings.relay });
    if (this.#engine) return;
    const generation = this.#generation;
    if (this.#starting === generation) return;
    if (!engineFactory) return this.#fail(settings.relay, 'unavailable');
    this.#starting = generation;
    try {
      const identity = await importDeviceIdentity(settings.device, this.#secrets().devicePkcs8);
      const own = settings.devices.find((d) => d.id === settings.device.id);
      const engine = await engineFactory(
        {
          identity,
          pairedAt: own?.pairedAt ?? this.#now(),
          onSpaceKey: (raw, epoch) => this.#adoptKey(raw, epoch),
          relay: settings.relay,
          spaceId: settings.spaceId,
          token: settings.token,
          spaceKey: this.#secrets().spaceKey,
          epoch: settings.epoch,
          device: settings.device,
          newSpace: settings.createdHere,
        },
        this.#options.workspace ?? null,
      );
      // Disposed (locked) meanwhile: this engine must not run with the keys.
      if (generation !== this.#generation) return void (await engine.stop().catch(() => undefined));
      this.#engine = engine;
      this.#unsubscribe = engine.subscribe((status) => this.#onEngine(status));
      const workspace = this.#options.workspace;
      if (workspace) setSyncEraser(workspace, (subjectId) => engine.eraseSubject(subjectId));
      await engine.start();
      this.#onEngine(engine.status);
    } catch {
      await this.#stopEngine();
      this.#fail(settings.relay, 'start-failed');
    } finally {
      if (this.#starting === generation) this.#starting = null;
    }
  }

  /** Which start is in progress, by generation; `dispose` moves the generation on. */
  #starting: number | null = null;
  #generation = 0;

  #onEngine(status: SyncStatus): void {
    // An unreachable relay is shown but not fatal: the engine retries by itself (a laptop away
    // from the office must pick up again without the user).
    if (status.errorCode === 'relay-unreachable' && status.state !== 'error') return this.#set(status);
    if (status.errorCode || status.state === 'error') {
      // Fail closed: an error stops the engine; the user resumes once they have read it.
      const code = status.errorCode ?? 'apply-failed';
      void this.#stopEngine().then(() => this.#fail(status.relay, code, status));
      return;
    }
    this.#set(status);
    const engine = this.#engine;
    if (status.state === 'synced' && engine) void this.#refreshDevices(engine);
  }

  #fail(relay: string | null, code: SyncErrorCode, last: SyncStatus = offStatus): void {
    this.#set({ ...last, state: 'error', relay, connected: false, errorCode: code });
  }

  #set(status: SyncStatus): void {
    this.#status = status;
    this.#emit();
  }

  async #stopEngine(): Promise<void> {
    const engine = this.#engine;
    this.#engine = null;
    if (this.#options.workspace) setSyncEraser(this.#options.workspace, null);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await engine?.stop().catch(() => undefined);
  }

  /** Pauses: disconnects, keeps the settings; remembered across restarts. */
  async pause(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    this.#engine?.pause();
    await this.#stopEngine();
    await this.#save({ ...settings, paused: true });
    this.#set({
      ...offStatus,
      state: 'paused',
      relay: settings.relay,
      pendingChanges: this.#status.pendingChanges,
    });
  }

  /** Resumes after a pause or an error. */
  async resume(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    await this.#stopEngine();
    await this.#save({ ...settings, paused: false, enabled: true });
    await this.start();
  }

  /** Turns sync off on this device (the space, its key and the devices stay stored). */
  async turnOff(): Promise<void> {
    const settings = this.settings;
    await this.#stopEngine();
    if (settings) await this.#save({ ...settings, enabled: false });
    this.#set(offStatus);
  }

  /**
   * Makes this computer the office relay: a new space (random id and token) on the relay it
   * hosts, synced through its local address; other devices pair with its LAN address.
   */
  async hostOfficeRelay(
    relay: {
      start(space: { spaceId: string; token: string }): Promise<{ addresses: string[]; localUrl: string }>;
    },
    deviceName: string,
  ): Promise<void> {
    const current = this.settings;
    const spaceId = current?.spaceId ?? randomToken(16);
    const token = current?.token ?? randomToken(32);
    const started = await relay.start({ spaceId, token });
    const pairingRelay = started.addresses[0] ?? started.localUrl;
    if (current) {
      await this.#stopEngine();
      await this.#save({ ...current, relay: started.localUrl, pairingRelay });
      await this.start();
    } else {
      await this.setUp({ relay: started.localUrl, spaceId, token, deviceName, pairingRelay });
    }
  }

  /** Waits for the engine to send what is pending; resolves at once when nothing runs. */
  async flush(): Promise<void> {
    await this.#engine?.flush();
  }

  /** Whether there is something a flush would wait for. */
  get flushing(): boolean {
    return this.#engine !== null && this.#status.pendingChanges > 0;
  }

  /** Stops the engine (lock): keys leave memory with the workspace. Listeners stay subscribed. */
  async dispose(): Promise<void> {
    this.#generation++;
    await this.#stopEngine();
    this.#set(offStatus);
  }

  #now(): number {
    return (this.#options.clock ?? systemClock).now();
  }
}
