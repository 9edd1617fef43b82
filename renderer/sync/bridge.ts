// The sync bridge: one Y.Doc per vault space between the workspace and a provider. Local writes
// become envelopes in batched transactions; remote envelopes are opened, migrated, merged field by
// field and written through `sync.apply`, and written back when the merge differs. See README.
import * as Y from 'yjs';
import {
  canonicalJson,
  compactClock,
  entityTables,
  expandClock,
  isEntityTable,
  mergeRecords,
  upgradeRecord,
  type EntityTable,
  type RecordBase,
} from '../../shared/domain';
import { PolicyRefused } from '../commands';
import { fromBase64Url, isVaultError, randomId, toBase64Url, type Change } from '../vault';
import {
  EnvelopeRefused,
  KIND_GROUP,
  KIND_SUBJECT,
  type EnvelopeHead,
  keyEntryName,
  locatorOf,
  newSubjectKey,
  openRecord,
  openValue,
  readHead,
  rewrapSubjectKey,
  sealRecord,
  sealValue,
  subjectTagOf,
  unwrapSubjectKey,
  type Space,
  type SubjectKey,
} from './envelope';
import { importSpaceKey, type SpaceKey } from './keys';
import {
  DeviceBook,
  deviceListKey,
  openSpaceKeyGrant,
  rotateSpaceKey,
  type DeviceEntry,
  type DeviceIdentity,
  type StringMap,
} from './devices';
import type { DeviceCard } from './pairing';
import type { ProviderErrorCode, ProviderFactory, SyncProvider } from './provider';
import type { SyncTarget } from './target';

/** Where sync stands. */
export type SyncState = 'off' | 'connecting' | 'syncing' | 'synced' | 'paused' | 'offline' | 'error';

/** Error codes shown by the UI in its language (never a message with data). */
export type SyncErrorCode =
  ProviderErrorCode | 'envelope-refused' | 'policy-refused' | 'apply-failed' | 'vault-locked';

/** What the UI shows. */
export interface SyncStatus {
  readonly state: SyncState;
  readonly relay: string | null;
  readonly connected: boolean;
  readonly initialSyncComplete: boolean;
  readonly lastSyncAt: number | null;
  readonly pendingChanges: number;
  readonly errorCode: SyncErrorCode | null;
  readonly refused: number;
}

/** How a bridge is set up. */
export interface SyncConfig {
  readonly spaceId: string;
  readonly spaceKey: SpaceKey;
  readonly provider: ProviderFactory;
  /** Shown in the status (the relay's address); null for an in-memory provider. */
  readonly relay?: string | null;
  /** Local writes are gathered this long (ms) into one Y transaction. Default 50. */
  readonly batchMs?: number;
  /** The clock, for the last-sync time and the erasure entries' day (tests). */
  readonly now?: () => number;
  /**
   * This device created the space (no other device can have written to it yet): its records go
   * out after the first exchange, without waiting for another device's meta state. Otherwise
   * they wait until the doc is complete: a relay with persistence answers before its data is
   * loaded, and sending every record again each time would cost the whole vault in traffic.
   */
  readonly newSpace?: boolean;
  /**
   * This device in the space's device list (`devices`, `grants`): its identity, the raw bytes of
   * the space key it holds (a copy the bridge keeps to rotate and re-grant) and their epoch.
   * Without it the bridge neither lists devices nor follows rotations.
   */
  readonly device?: DeviceConfig;
}

/** What the bridge needs to keep the device list and follow the space key's epochs. */
export interface DeviceConfig {
  readonly identity: DeviceIdentity;
  readonly raw: Uint8Array<ArrayBuffer>;
  readonly epoch: number;
  /** When this device was paired (its entry in the list, written when missing). */
  readonly pairedAt?: number;
  /** A new space key (a rotation made here or a grant opened): store it sealed, then wipe `raw`. */
  readonly onSpaceKey?: (raw: Uint8Array<ArrayBuffer>, epoch: number) => Promise<void> | void;
}

/** The trailing byte of a `keys` entry re-wrapped by a rotation: read with it, never write with it. */
const RETIRED = 1;
/** "Last seen" is written at most this often (ms). */
const LAST_SEEN_MS = 60_000;

/** Writes kept aside and applied together, so a rotation lands in one transaction. */
class Staged implements StringMap<Uint8Array> {
  readonly #writes = new Map<string, Uint8Array | null>();
  constructor(private readonly map: Y.Map<Uint8Array>) {}
  get(key: string) {
    const w = this.#writes.get(key);
    return w === null ? undefined : (w ?? this.map.get(key));
  }
  set(key: string, value: Uint8Array) {
    this.#writes.set(key, value);
  }
  delete(key: string) {
    this.#writes.set(key, null);
  }
  *keys() {
    for (const key of this.map.keys()) if (this.#writes.get(key) !== null) yield key;
    for (const [key, w] of this.#writes) if (w !== null && !this.map.has(key)) yield key;
  }
  /** Inside a transaction. */
  land() {
    for (const [key, w] of this.#writes) {
      if (w === null) this.map.delete(key);
      else this.map.set(key, w);
    }
  }
}

/** The origin of the bridge's own transactions. */
const LOCAL = Symbol('sync-bridge');

/** The meta state a writer leaves in the doc. */
interface MetaState {
  count: number;
  watermark: string;
  sv: string;
}

/** How long a version the model held is kept for joining (longer than any write takes). */
const SEEN_MS = 60_000;

const concatByte = (bytes: Uint8Array, byte: number): Uint8Array => {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = byte;
  return out;
};

const recordKeyOf = (table: string, id: string) => `${table}/${id}`;

function covers(local: Map<number, number>, wanted: Map<number, number>): boolean {
  for (const [client, clock] of wanted) if ((local.get(client) ?? 0) < clock) return false;
  return true;
}

/** The parties (tag and key id) whose keys an envelope needs: none, one, or every party of a shared record. */
function membersOf(head: EnvelopeHead): ReadonlyArray<{ tag: Uint8Array; keyId: Uint8Array }> {
  if (head.kind === KIND_SUBJECT) return [{ tag: head.tag!, keyId: head.keyId! }];
  if (head.kind === KIND_GROUP) return head.members!;
  return [];
}

/** The bridge of one space. Nothing runs before `start()`. */
export class SyncBridge {
  /** The space's doc (tests and the bench read it). */
  readonly doc = new Y.Doc();
  readonly #records = this.doc.getMap<Uint8Array>('records');
  readonly #keys = this.doc.getMap<Uint8Array>('keys');
  readonly #erasures = this.doc.getMap<Uint8Array>('erasures');
  readonly #meta = this.doc.getMap<Uint8Array>('meta');
  readonly #devices = this.doc.getMap<Uint8Array>('devices');
  readonly #grants = this.doc.getMap<Uint8Array>('grants');
  /** The current epoch's space (the locator key stays the one this bridge started with). */
  #space: Space;
  /** Older epochs' spaces, newest first: envelopes and entries written before a rotation. */
  #older: Space[] = [];
  #epoch: number;
  #raw: Uint8Array<ArrayBuffer> | null;
  /** Raw keys of older epochs (from the doc's `meta` entries `epoch.<n>`, sealed under the current key). */
  readonly #olderRaw = new Map<number, Uint8Array<ArrayBuffer>>();
  /** Every older epoch's key is known (nothing is opened or sealed before: locators need epoch 0's). */
  #ready: boolean;
  #lastSeenAt = -Infinity;
  #ownEntry = false;
  readonly #target: SyncTarget;
  readonly #config: SyncConfig;
  #provider: SyncProvider | undefined;
  readonly #cleanup: Array<() => void> = [];

  /** Local records (table/id) waiting to be sealed into the doc. */
  readonly #outbox = new Set<string>();
  /** Locators changed by peers, waiting to be opened and applied. */
  readonly #inbox = new Set<string>();
  /** Locators whose key has not arrived yet (retried when `keys` changes). */
  readonly #waiting = new Set<string>();
  /** Erasure entries not yet processed. */
  readonly #erasureInbox = new Set<string>();
  /** Per locator, the canonical text of the record the doc holds, as far as this device knows. */
  readonly #known = new Map<string, string>();
  readonly #locators = new Map<string, string>();
  /** Unwrapped subject keys by `keys` entry name; the key this device writes each tag with. */
  readonly #unwrapped = new Map<string, CryptoKey>();
  readonly #writeKeys = new Map<string, SubjectKey>();
  readonly #tags = new Map<string, string>();
  /** Tags (base64url) of erased people. */
  readonly #erased = new Set<string>();
  /** Locators set while no transport carried them (sent as one update on reconnect). */
  readonly #unsent = new Set<string>();
  /** Per record (table/id), the join of the versions the model held lately (see `#remember`). */
  readonly #seen = new Map<string, { record: RecordBase; at: number }>();

  #state: SyncState = 'off';
  #started = false;
  #paused = false;
  #everConnected = false;
  #published = false;
  #initialComplete = false;
  #lastSyncAt: number | null = null;
  #errorCode: SyncErrorCode | null = null;
  #refused = 0;
  #watermark = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queue: Promise<void> = Promise.resolve();
  #dirty = false;
  readonly #listeners = new Set<(status: SyncStatus) => void>();

  constructor(target: SyncTarget, config: SyncConfig) {
    this.#target = target;
    this.#config = config;
    this.#space = { id: config.spaceId, key: config.spaceKey };
    this.#epoch = config.device?.epoch ?? 0;
    this.#raw = config.device ? config.device.raw.slice() : null;
    this.#ready = this.#epoch === 0;
  }

  // ── devices and epochs ────────────────────────────────────────────────────────────────────

  /** The epoch of the space key this device writes with. */
  get epoch(): number {
    return this.#epoch;
  }

  #book(staged?: { devices: StringMap<Uint8Array>; grants: StringMap<Uint8Array> }): DeviceBook {
    return new DeviceBook(staged?.devices ?? this.#devices, staged?.grants ?? this.#grants, this.#space.id);
  }

  async #listKey(): Promise<CryptoKey> {
    if (!this.#raw) throw new Error('sync: this bridge keeps no device list');
    return deviceListKey(this.#raw.slice(), this.#space.id);
  }

  /** The paired devices, as the doc lists them (entries sealed under an older key are skipped). */
  async devices(): Promise<DeviceEntry[]> {
    return this.#book().list(await this.#listKey());
  }

  /** Adds a newly paired device: its entry and a grant of the current key, in one transaction. */
  async addDevice(card: DeviceCard, pairedAt = this.#now()): Promise<void> {
    await this.#enqueue(async () => {
      const staged = { devices: new Staged(this.#devices), grants: new Staged(this.#grants) };
      const book = this.#book(staged);
      await book.put(await this.#listKey(), { ...card, pairedAt, lastSeen: null });
      await book.grant(this.#raw!.slice(), this.#epoch, card);
      this.doc.transact(() => {
        staged.devices.land();
        staged.grants.land();
      }, LOCAL);
    });
  }

  /**
   * Removes a device: a new space key for the next epoch, granted to every remaining device; the
   * `keys` map, the erasure entries and the meta state re-sealed under it, the removed device's
   * entry and grants deleted, all in one transaction. From then on this device writes under the
   * new key and with new subject keys (see PAIRING.md).
   */
  async removeDevice(deviceId: string): Promise<void> {
    if (deviceId === this.#config.device?.identity.card.id)
      throw new Error('sync: a device cannot remove itself');
    await this.#enqueue(async () => {
      const listKey = await this.#listKey();
      const list = await this.#book().list(listKey);
      const rotation = await rotateSpaceKey(this.#space.id, this.#epoch, list, deviceId);
      const next = await this.#spaceOf(rotation.raw);
      const from = this.#space;
      const keys = new Map<string, Uint8Array>();
      for (const [name, value] of this.#keys) {
        const wrapped = await this.#rewrap(name, value, next).catch(() => undefined);
        if (wrapped) keys.set(name, concatByte(wrapped, RETIRED));
      }
      const erasures = new Map<string, Uint8Array>();
      for (const name of this.#erasures.keys()) {
        const entry = await this.#openValueAny('erasures', name).catch(() => undefined);
        if (entry !== undefined) erasures.set(name, await sealValue(next, 'erasures', name, entry));
      }
      // Every older epoch's key, for the remaining devices (and those paired later) to read what
      // was written before; sealed under the new key, so the removed device opens none of them.
      const history = new Map<string, Uint8Array>();
      for (const [n, raw] of [...this.#olderRaw, [this.#epoch, this.#raw!] as const]) {
        const name = `epoch.${n}`;
        history.set(name, await sealValue(next, 'meta', name, { k: toBase64Url(raw) }));
      }
      const staged = { devices: new Staged(this.#devices), grants: new Staged(this.#grants) };
      await this.#book(staged).apply(rotation, await deviceListKey(rotation.raw.slice(), next.id), deviceId);
      this.doc.transact(() => {
        for (const [name, bytes] of keys) this.#keys.set(name, bytes);
        for (const [name, bytes] of erasures) this.#erasures.set(name, bytes);
        for (const [name, bytes] of history) this.#meta.set(name, bytes);
        staged.devices.land();
        staged.grants.land();
      }, LOCAL);
      await this.#switchTo(next, rotation.raw, rotation.epoch, from);
      await this.#writeMeta();
    });
    await this.flush();
  }

  /** The space of a raw key of this space (the locator key stays: record ids on the wire keep their place). */
  async #spaceOf(raw: Uint8Array<ArrayBuffer>): Promise<Space> {
    const key = await importSpaceKey(raw.slice(), this.#space.id);
    return { id: this.#space.id, key: { ...key, locator: this.#space.key.locator } };
  }

  async #rewrap(name: string, value: Uint8Array, to: Space): Promise<Uint8Array<ArrayBuffer>> {
    const wrapped = value.length === 61 ? value.subarray(0, 60) : value;
    for (const space of [this.#space, ...this.#older]) {
      try {
        return await rewrapSubjectKey(space, to, name, wrapped);
      } catch {
        // Another epoch's wrap key.
      }
    }
    throw new EnvelopeRefused('tampered');
  }

  async #switchTo(next: Space, raw: Uint8Array<ArrayBuffer>, epoch: number, from: Space): Promise<void> {
    this.#older = [from, ...this.#older];
    if (this.#raw) this.#olderRaw.set(this.#epoch, this.#raw);
    this.#space = next;
    this.#epoch = epoch;
    this.#raw = raw.slice();
    // A device that missed an epoch (offline across two removals) reads its key from the doc.
    for (let n = 0; n < epoch; n++) if (!this.#olderRaw.has(n)) this.#ready = false;
    // New subject keys from now on: the removed device knew the old ones.
    this.#writeKeys.clear();
    this.#ownEntry = false;
    this.#lastSeenAt = -Infinity;
    for (const locator of this.#waiting) this.#inbox.add(locator);
    this.#waiting.clear();
    await this.#config.device?.onSpaceKey?.(raw.slice(), epoch);
    raw.fill(0);
  }

  /** A grant for this device with a newer epoch: opened, and the bridge switches to its key. */
  async #followGrants(): Promise<void> {
    const device = this.#config.device;
    if (!device) return;
    const grant = this.#book().grantFor(device.identity.card.id);
    if (!grant || grant.epoch <= this.#epoch) return;
    const seen = `${grant.epoch}:${toBase64Url(grant.sealed)}`;
    if (this.#badGrant === seen) return;
    let raw: Uint8Array<ArrayBuffer>;
    try {
      raw = await openSpaceKeyGrant(grant, this.#space.id, device.identity);
    } catch {
      // A grant that does not open for this device (forged, moved or altered): refused, reported.
      this.#refuse();
      this.#badGrant = seen;
      return;
    }
    // A grant opens for anyone who knows this device's public key (a removed device does). The
    // rotation proves it was made by a device that held this one's current key: the doc's
    // `epoch.<current>` entry, sealed under the new key, holds exactly that key.
    const next = await this.#spaceOf(raw);
    const name = `epoch.${this.#epoch}`;
    if (!this.#meta.has(name)) return void raw.fill(0);
    let proof: { k?: unknown } | undefined;
    try {
      proof = (await openValue(next, 'meta', name, this.#meta.get(name))) as { k?: unknown };
    } catch {
      proof = undefined;
    }
    if (typeof proof?.k !== 'string' || proof.k !== toBase64Url(this.#raw!)) {
      raw.fill(0);
      this.#refuse();
      this.#badGrant = seen;
      return;
    }
    await this.#switchTo(next, raw, grant.epoch, this.#space);
  }

  /**
   * Reads every older epoch's raw key from the doc (`meta` entries sealed under the current key)
   * and rebuilds the spaces with epoch 0's locator key. False while some are not there yet.
   */
  async #loadHistory(): Promise<boolean> {
    for (let n = 0; n < this.#epoch; n++) {
      if (this.#olderRaw.has(n)) continue;
      const name = `epoch.${n}`;
      if (!this.#meta.has(name)) return false;
      let entry: { k?: unknown };
      try {
        entry = (await openValue(this.#space, 'meta', name, this.#meta.get(name))) as { k?: unknown };
      } catch {
        this.#refuse();
        return false;
      }
      if (typeof entry?.k !== 'string') return false;
      this.#olderRaw.set(n, fromBase64Url(entry.k));
    }
    const rawOf = (n: number) => (n === this.#epoch ? this.#raw! : this.#olderRaw.get(n)!);
    const locator = (await importSpaceKey(rawOf(0).slice(), this.#space.id)).locator;
    const spaceOf = async (n: number): Promise<Space> => {
      const key = await importSpaceKey(rawOf(n).slice(), this.#space.id);
      return { id: this.#space.id, key: { ...key, locator } };
    };
    this.#space = await spaceOf(this.#epoch);
    const older: Space[] = [];
    for (let n = this.#epoch - 1; n >= 0; n--) older.push(await spaceOf(n));
    this.#older = older;
    this.#tags.clear();
    this.#locators.clear();
    this.#unwrapped.clear();
    this.#writeKeys.clear();
    return true;
  }

  /** The epoch of a refused grant (it is not tried again until another arrives). */
  #badGrant: string | null = null;

  /** This device's entry in the list: written when missing, "last seen" at most once a minute. */
  async #touchLastSeen(): Promise<void> {
    const device = this.#config.device;
    if (!device || !this.#raw) return;
    const now = this.#now();
    if (this.#ownEntry && now - this.#lastSeenAt < LAST_SEEN_MS) return;
    const listKey = await this.#listKey();
    const id = device.identity.card.id;
    const mine = (await this.#book().list(listKey)).find((d) => d.id === id);
    // Not in a list that has entries: removed (or not yet added by the device that paired it).
    if (!mine && this.#devices.size > 0 && !this.#config.newSpace) return;
    const staged = { devices: new Staged(this.#devices), grants: new Staged(this.#grants) };
    await this.#book(staged).put(listKey, {
      ...device.identity.card,
      pairedAt: mine?.pairedAt ?? device.pairedAt ?? now,
      lastSeen: now,
    });
    this.doc.transact(() => staged.devices.land(), LOCAL);
    this.#ownEntry = true;
    this.#lastSeenAt = now;
  }

  /** Opens a meta or erasure value under the current key or an older one. */
  async #openValueAny(map: 'meta' | 'erasures', name: string): Promise<unknown> {
    const sealed = map === 'meta' ? this.#meta.get(name) : this.#erasures.get(name);
    let last: unknown;
    for (const space of [this.#space, ...this.#older]) {
      try {
        return await openValue(space, map, name, sealed);
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  // ── control ───────────────────────────────────────────────────────────────────────────────

  /** Starts listening to the model and the doc, and connects. Idempotent. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#errorCode = null;
    this.#cleanup.push(
      this.#target.model.subscribe((table, ids, written) => {
        // Removals (lock, erasure, a tombstone leaving the model) are not sent: see README.
        if (!written || !isEntityTable(table)) return;
        ids.forEach((id, n) => {
          const k = recordKeyOf(table, id);
          this.#remember(k, written[n] as RecordBase);
          this.#outbox.add(k);
        });
        this.#schedule();
      }),
    );
    const observe = (map: Y.Map<Uint8Array>, into: (key: string) => void) => {
      const handler = (event: Y.YMapEvent<Uint8Array>) => {
        if (event.transaction.origin === LOCAL) return;
        for (const [key, change] of event.changes.keys) if (change.action !== 'delete') into(key);
        this.#schedule(0);
      };
      map.observe(handler);
      this.#cleanup.push(() => map.unobserve(handler));
    };
    observe(this.#records, (key) => this.#inbox.add(key));
    observe(this.#erasures, (key) => this.#erasureInbox.add(key));
    observe(this.#keys, () => {
      for (const locator of this.#waiting) this.#inbox.add(locator);
      this.#waiting.clear();
    });
    observe(this.#meta, () => undefined);
    observe(this.#grants, () => undefined);
    observe(this.#devices, () => undefined);
    // Whatever the doc already holds (a restart of the bridge on the same doc).
    for (const key of this.#erasures.keys()) this.#erasureInbox.add(key);
    for (const key of this.#records.keys()) this.#inbox.add(key);
    const provider = this.#config.provider(this.doc);
    this.#provider = provider;
    this.#cleanup.push(
      provider.on((event) => {
        if (event.kind === 'error') this.#errorCode = event.code;
        if (provider.connected) {
          this.#everConnected = true;
          if (this.#errorCode === 'relay-unreachable' || this.#errorCode === 'relay-refused') {
            this.#errorCode = null;
          }
        }
        if (provider.connected && provider.synced) this.#unsent.clear();
        this.#schedule(0);
        this.#emit();
      }),
    );
    if (!this.#paused) provider.connect();
    this.#schedule(0);
    this.#emit();
    await this.#enqueue(() => Promise.resolve());
  }

  /** Disconnects; local writes keep going into the doc and are sent on `resume`. */
  pause(): void {
    this.#paused = true;
    this.#provider?.disconnect();
    this.#emit();
  }

  /** Reconnects: one merged update each way (sync step 1/2). */
  resume(): void {
    this.#paused = false;
    if (this.#started) this.#provider?.connect();
    this.#emit();
  }

  /** Resolves once every queued local write is in the doc and every received change applied. */
  async flush(): Promise<void> {
    if (!this.#started) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    do {
      this.#dirty = false;
      await this.#enqueue(() => this.#round());
    } while (this.#dirty || this.#hasWork());
  }

  /** Flushes what it can, disconnects and stops listening; status `off`. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    await this.flush().catch(() => undefined);
    this.#halt('off');
  }

  /**
   * Records a local erasure in the doc: every envelope and wrapped key of the person leaves it and
   * an erasure entry (random id, day, tag) is added. Call after the local erasure. WARNING: when
   * the bridge is not running this records nothing; the next start records the erasure from
   * `SyncTarget.erased` (the local ledger).
   */
  async eraseSubject(subjectId: string): Promise<void> {
    const tag = toBase64Url(await this.#tagOf(subjectId));
    await this.#enqueue(() => this.#recordErasure(tag));
    await this.flush();
  }

  /** Takes a tag's envelopes and keys out of the doc and adds its erasure entry, in one transaction. */
  async #recordErasure(tag: string): Promise<void> {
    this.#erased.add(tag);
    this.#forgetTag(tag);
    const day = new Date(this.#now()).toISOString().slice(0, 10);
    const name = randomId();
    const entry = await sealValue(this.#space, 'erasures', name, { d: day, t: tag });
    this.doc.transact(() => {
      this.#removeTag(tag);
      this.#erasures.set(name, entry);
    }, LOCAL);
  }

  /** Erasures made here while sync was not running: recorded once the doc's content is known. */
  async #catchUpErasures(): Promise<void> {
    const present = new Set<string>();
    for (const envelope of this.#records.values()) {
      try {
        for (const m of membersOf(readHead(envelope))) present.add(toBase64Url(m.tag));
      } catch {
        // Refused when opened.
      }
    }
    for (const name of this.#keys.keys()) present.add(name.slice(0, name.indexOf('.')));
    for (const subjectId of this.#target.erased()) {
      const tag = toBase64Url(await this.#tagOf(subjectId));
      if (present.has(tag) && !this.#erased.has(tag)) await this.#recordErasure(tag);
    }
  }

  /** The current status. */
  get status(): SyncStatus {
    const provider = this.#provider;
    return {
      state: this.#state,
      relay: this.#config.relay ?? null,
      connected: provider?.connected ?? false,
      initialSyncComplete: this.#initialComplete,
      lastSyncAt: this.#lastSyncAt,
      pendingChanges: this.#outbox.size + this.#inbox.size + this.#waiting.size + this.#unsent.size,
      errorCode: this.#errorCode,
      refused: this.#refused,
    };
  }

  /** Listens to status changes; returns the unsubscribe. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  // ── the work ──────────────────────────────────────────────────────────────────────────────

  #now(): number {
    return (this.#config.now ?? Date.now)();
  }

  #hasWork(): boolean {
    // Before the older epochs' keys are known nothing can be done: a round waits for the doc.
    if (!this.#ready) return false;
    return this.#outbox.size > 0 || this.#inbox.size > 0 || this.#erasureInbox.size > 0;
  }

  #schedule(delay = this.#config.batchMs ?? 50): void {
    this.#dirty = true;
    if (!this.#started || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#enqueue(() => this.#round()).catch(() => {
        // Kept in the status; the next round tries again.
        this.#errorCode = 'apply-failed';
        this.#emit();
      });
    }, delay);
  }

  /** Runs `task` after every task queued before it (one at a time: the doc and maps stay consistent). */
  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!this.#started) return;
      try {
        await task();
      } catch (error) {
        if (isVaultError(error) && error.code === 'locked') {
          this.#errorCode = 'vault-locked';
          this.#halt('error');
          return;
        }
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** One round: erasures first (so nothing of an erased person is applied or sent), then peers, then local. */
  async #round(): Promise<void> {
    await this.#followGrants();
    if (!this.#ready) {
      this.#ready = await this.#loadHistory();
      if (!this.#ready) return this.#emit();
    }
    if (this.#erasureInbox.size > 0) await this.#processErasures();
    if (this.#inbox.size > 0) await this.#applyRemote();
    if (this.#maybePublishAll()) await this.#catchUpErasures();
    const changed = this.#outbox.size > 0 ? await this.#sendLocal() : false;
    if (changed || (this.#meta.size === 0 && this.#published)) await this.#writeMeta();
    await this.#checkComplete();
    const provider = this.#provider;
    if (provider?.connected && provider.synced && !this.#hasWork() && this.#waiting.size === 0) {
      this.#unsent.clear();
      this.#lastSyncAt = this.#now();
      if (this.#initialComplete || this.#config.newSpace) await this.#touchLastSeen();
    }
    this.#emit();
  }

  /**
   * Once per start, every local record goes to the outbox (those the doc already holds as they are
   * are skipped when sealing): after the doc says it is complete, or, on the device that created
   * the space (`newSpace`), after the first exchange with a space that has no meta yet.
   */
  #maybePublishAll(): boolean {
    if (this.#published) return false;
    const provider = this.#provider;
    const firstExchange =
      this.#config.newSpace === true && provider?.synced === true && this.#meta.size === 0;
    if (!this.#initialComplete && !firstExchange) return false;
    this.#published = true;
    for (const table of entityTables) {
      for (const [id] of this.#target.model.entries(table)) this.#outbox.add(recordKeyOf(table, id));
    }
    return true;
  }

  async #tagOf(subjectId: string): Promise<Uint8Array<ArrayBuffer>> {
    const cached = this.#tags.get(subjectId);
    if (cached) return fromBase64Url(cached);
    const tag = await subjectTagOf(this.#space, subjectId);
    this.#tags.set(subjectId, toBase64Url(tag));
    return tag;
  }

  async #locatorOf(table: string, id: string): Promise<string> {
    const k = recordKeyOf(table, id);
    let locator = this.#locators.get(k);
    if (!locator) {
      locator = await locatorOf(this.#space, table, id);
      this.#locators.set(k, locator);
    }
    return locator;
  }

  /** The key this device seals a person's records with: one already in the doc, or a new one. */
  async #writeKey(
    tag: Uint8Array,
  ): Promise<{ key: SubjectKey; wrapped?: { name: string; bytes: Uint8Array } }> {
    const t = toBase64Url(tag);
    const own = this.#writeKeys.get(t);
    if (own) return { key: own };
    const names = [...this.#keys.keys()].filter((name) => name.startsWith(`${t}.`)).sort();
    for (const name of names) {
      // Only a key wrapped under the current epoch's key, and not re-wrapped by a rotation: any
      // other one a removed device may know.
      const value = this.#keys.get(name);
      if (!value || value.length !== 60) continue;
      const key = await unwrapSubjectKey(this.#space, name, value).catch(() => undefined);
      if (!key) continue;
      this.#unwrapped.set(name, key);
      const subject = { tag: tag.slice(), keyId: fromBase64Url(name.slice(t.length + 1)), key };
      this.#writeKeys.set(t, subject);
      return { key: subject };
    }
    const made = await newSubjectKey(this.#space, tag);
    this.#writeKeys.set(t, made.subject);
    this.#unwrapped.set(made.name, made.subject.key);
    return { key: made.subject, wrapped: { name: made.name, bytes: made.wrapped } };
  }

  async #unwrap(name: string): Promise<CryptoKey | undefined> {
    const cached = this.#unwrapped.get(name);
    if (cached) return cached;
    const value = this.#keys.get(name);
    if (!value) return undefined;
    const wrapped = value.length === 61 && value[60] === RETIRED ? value.subarray(0, 60) : value;
    let last: unknown;
    for (const space of [this.#space, ...this.#older]) {
      try {
        const key = await unwrapSubjectKey(space, name, wrapped);
        this.#unwrapped.set(name, key);
        return key;
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  /** Seals the outbox into one transaction. Returns whether the doc changed. */
  /**
   * Joins a version the model held into what this device has seen of the record. Two writes in
   * flight at once (an edit planned before a peer's change landed, or the reverse) can leave the
   * model with a version that lacks the other one's fields; the join still has them, and that is
   * what is sent (and written back here).
   */
  #remember(k: string, record: RecordBase | undefined): void {
    if (!record || typeof record !== 'object') return;
    const seen = this.#seen.get(k);
    let joined = record;
    if (seen) {
      try {
        joined = mergeRecords(seen.record, record);
      } catch {
        // Another schema version (migrated in between): the newer version stands.
      }
    }
    this.#seen.set(k, { record: joined, at: this.#now() });
  }

  /** The local record joined with every version of it seen since the last prune. */
  #current(k: string, table: EntityTable, id: string): RecordBase | undefined {
    const local = this.#target.local(table, id);
    const seen = this.#seen.get(k);
    // A record gone from the model (erased, or the vault locked) never comes back from memory.
    if (!seen || !local) return local;
    try {
      return mergeRecords(local, seen.record);
    } catch {
      return local;
    }
  }

  /** Forgets seen versions older than `SEEN_MS` that the model holds as they are. */
  #pruneSeen(): void {
    const before = this.#now() - SEEN_MS;
    for (const [k, { record, at }] of this.#seen) {
      if (at > before) continue;
      const slash = k.indexOf('/');
      const local = this.#target.local(k.slice(0, slash) as EntityTable, k.slice(slash + 1));
      if (local && canonicalJson(local) === canonicalJson(record)) this.#seen.delete(k);
    }
  }

  async #sendLocal(): Promise<boolean> {
    const batch = [...this.#outbox];
    this.#outbox.clear();
    const records: Array<{ locator: string; envelope: Uint8Array; text: string }> = [];
    const keys: Array<{ name: string; bytes: Uint8Array }> = [];
    const repairs: Change[] = [];
    for (const k of batch) {
      const slash = k.indexOf('/');
      const table = k.slice(0, slash) as EntityTable;
      const id = k.slice(slash + 1);
      const local = this.#target.local(table, id);
      const record = this.#current(k, table, id);
      if (!record) continue;
      if (!local || canonicalJson(local) !== canonicalJson(record)) {
        repairs.push({ table, before: local ?? null, after: record });
      }
      const locator = await this.#locatorOf(table, id);
      const text = canonicalJson(record);
      if (this.#known.get(locator) === text) continue;
      // A shared record (several parties) is sealed under a key needing every party's key.
      const members: SubjectKey[] = [];
      let erased = false;
      for (const subjectId of this.#target.subjectsOf(table, record)) {
        const tag = await this.#tagOf(subjectId);
        if (this.#erased.has(toBase64Url(tag))) {
          erased = true;
          break;
        }
        const { key, wrapped } = await this.#writeKey(tag);
        members.push(key);
        if (wrapped) keys.push(wrapped);
      }
      if (erased) continue;
      const subject = members.length === 0 ? undefined : members.length === 1 ? members[0] : members;
      this.#raiseWatermark(record);
      const sealed = await sealRecord(
        this.#space,
        { table, id, schemaVersion: record.schemaVersion, data: compactClock(record) },
        subject,
      );
      records.push({ locator, envelope: sealed.envelope, text });
    }
    if (records.length === 0 && keys.length === 0) {
      if (repairs.length > 0) await this.#write(repairs);
      return false;
    }
    const offline = !(this.#provider?.connected ?? false);
    this.doc.transact(() => {
      for (const { name, bytes } of keys) this.#keys.set(name, bytes);
      for (const { locator, envelope } of records) this.#records.set(locator, envelope);
    }, LOCAL);
    for (const { locator, text } of records) {
      this.#known.set(locator, text);
      if (offline) this.#unsent.add(locator);
    }
    // The model gets the join it lacked (through sync.apply, like a peer's change).
    if (repairs.length > 0) await this.#write(repairs);
    this.#pruneSeen();
    return true;
  }

  #raiseWatermark(record: RecordBase): void {
    for (const clock of Object.values(record.clock)) if (clock > this.#watermark) this.#watermark = clock;
  }

  /** Opens, migrates and merges the inbox; writes the changes in one `sync.apply` command. */
  async #applyRemote(): Promise<void> {
    const batch = [...this.#inbox];
    this.#inbox.clear();
    const changes: Change[] = [];
    const removals: string[] = [];
    for (const locator of batch) {
      const envelope = this.#records.get(locator);
      if (envelope === undefined) continue;
      let members: ReadonlyArray<{ tag: Uint8Array; keyId: Uint8Array }>;
      try {
        members = membersOf(readHead(envelope));
      } catch {
        this.#refuse();
        continue;
      }
      // An erased person's envelope, or a shared one they were a party to (a device back from
      // offline): out of the doc, never applied.
      if (members.some((m) => this.#erased.has(toBase64Url(m.tag)))) {
        removals.push(locator);
        continue;
      }
      const keys = new Map<string, CryptoKey>();
      let missing = false;
      let bad = false;
      for (const m of members) {
        const name = keyEntryName(m.tag, m.keyId);
        try {
          const key = await this.#unwrap(name);
          if (key) keys.set(name, key);
          else missing = true;
        } catch {
          bad = true;
        }
      }
      if (bad) {
        this.#refuse();
        continue;
      }
      if (missing) {
        this.#waiting.add(locator);
        continue;
      }
      let opened;
      try {
        opened = await this.#openRecordAny(locator, envelope, (tag, keyId) =>
          keys.get(keyEntryName(tag, keyId)),
        );
      } catch (error) {
        if (error instanceof EnvelopeRefused && error.reason === 'unknown-key') this.#waiting.add(locator);
        else this.#refuse();
        continue;
      }
      const { table } = opened;
      if (!isEntityTable(table) || typeof opened.data !== 'object' || opened.data === null) {
        this.#refuse();
        continue;
      }
      if ((opened.data as { schemaVersion?: unknown }).schemaVersion !== opened.schemaVersion) {
        this.#refuse();
        continue;
      }
      let remote: RecordBase;
      try {
        remote = expandClock(upgradeRecord(table, opened.data)) as RecordBase;
      } catch {
        // A newer version than this code knows, or a record the migrations refuse: kept in the
        // doc for a device that can read it, reported here.
        this.#errorCode = 'apply-failed';
        continue;
      }
      if (remote.id !== opened.id) {
        this.#refuse();
        continue;
      }
      const text = canonicalJson(remote);
      this.#known.set(locator, text);
      this.#locators.set(recordKeyOf(table, remote.id), locator);
      this.#raiseWatermark(remote);
      if (await this.#aboutErased(this.#target.subjectsOf(table, remote))) {
        removals.push(locator);
        continue;
      }
      const local = this.#target.local(table, remote.id);
      const joined = this.#current(recordKeyOf(table, remote.id), table, remote.id);
      let merged: RecordBase;
      try {
        merged = joined ? mergeRecords(joined, remote) : remote;
      } catch {
        this.#errorCode = 'apply-failed';
        continue;
      }
      const mergedText = canonicalJson(merged);
      if (!local || canonicalJson(local) !== mergedText) {
        changes.push({ table, before: local ?? null, after: merged });
      }
      // Written back when the doc holds something else than the merge.
      if (mergedText !== text) this.#outbox.add(recordKeyOf(table, remote.id));
    }
    if (removals.length > 0) {
      this.doc.transact(() => {
        for (const locator of removals) this.#records.delete(locator);
      }, LOCAL);
    }
    if (changes.length > 0) await this.#write(changes);
    // Edits made here from now on order after everything seen from the peers.
    if (this.#watermark) this.#target.witness(this.#watermark);
  }

  /** Opens an envelope; one about no single person may be sealed under an older epoch's key. */
  async #openRecordAny(
    locator: string,
    envelope: Uint8Array,
    keyOf: (tag: Uint8Array, keyId: Uint8Array) => CryptoKey | undefined,
  ) {
    let last: unknown;
    for (const space of [this.#space, ...this.#older]) {
      try {
        return await openRecord(space, locator, envelope, keyOf);
      } catch (error) {
        if (error instanceof EnvelopeRefused && error.reason === 'unknown-key') throw error;
        last = error;
      }
    }
    throw last;
  }

  /** Writes remote changes; when the batch is refused, one by one, so one bad record stops only itself. */
  async #write(changes: Change[]): Promise<void> {
    try {
      await this.#target.apply(changes);
      return;
    } catch (error) {
      if (isVaultError(error)) throw error;
      if (changes.length === 1) {
        this.#errorCode = error instanceof PolicyRefused ? 'policy-refused' : 'apply-failed';
        return;
      }
    }
    for (const change of changes) await this.#write([change]);
  }

  /** Whether any of `subjectIds` was erased in the space. */
  async #aboutErased(subjectIds: readonly string[]): Promise<boolean> {
    for (const subjectId of subjectIds) {
      if (this.#erased.has(toBase64Url(await this.#tagOf(subjectId)))) return true;
    }
    return false;
  }

  #refuse(): void {
    this.#refused++;
    this.#errorCode = 'envelope-refused';
  }

  /** Removes every envelope and wrapped key of a tag from the doc (inside a transaction). */
  #removeTag(tag: string): void {
    for (const [locator, envelope] of this.#records) {
      try {
        if (membersOf(readHead(envelope)).some((m) => toBase64Url(m.tag) === tag))
          this.#records.delete(locator);
      } catch {
        // Not an envelope: left for the peers that refuse it.
      }
    }
    for (const name of [...this.#keys.keys()]) if (name.startsWith(`${tag}.`)) this.#keys.delete(name);
  }

  #forgetTag(tag: string): void {
    this.#writeKeys.delete(tag);
    for (const name of [...this.#unwrapped.keys()])
      if (name.startsWith(`${tag}.`)) this.#unwrapped.delete(name);
  }

  /** Erasure entries from peers: the person is erased here too, and nothing of theirs stays in the doc. */
  async #processErasures(): Promise<void> {
    const names = [...this.#erasureInbox];
    this.#erasureInbox.clear();
    const tags = new Set<string>();
    for (const name of names) {
      try {
        const entry = (await this.#openValueAny('erasures', name)) as {
          t?: unknown;
        };
        if (typeof entry?.t === 'string') tags.add(entry.t);
        else this.#refuse();
      } catch {
        this.#refuse();
      }
    }
    const fresh = [...tags].filter((t) => !this.#erased.has(t));
    if (fresh.length === 0) return;
    for (const t of fresh) {
      this.#erased.add(t);
      this.#forgetTag(t);
    }
    // Which of them this device knows: tags of its people's subject ids (computed once each).
    const wanted = new Set(fresh);
    for (const person of this.#target.model.list('people')) {
      const subjectId = person.subjectId;
      if (!subjectId) continue;
      const tag = toBase64Url(await this.#tagOf(subjectId));
      // The key here is destroyed and the records leave the model, so queued local edits of
      // theirs find nothing to send (and `#erased` refuses them anyway).
      if (wanted.has(tag)) await this.#target.erase(subjectId);
    }
    this.doc.transact(() => {
      for (const t of fresh) this.#removeTag(t);
    }, LOCAL);
  }

  /** Leaves this device's view in `meta`: records, clock watermark, and the state vector before this write. */
  async #writeMeta(): Promise<void> {
    const sv = toBase64Url(Y.encodeStateVector(this.doc));
    const state: MetaState = { count: this.#records.size, watermark: this.#watermark, sv };
    const sealed = await sealValue(this.#space, 'meta', 'state', state);
    this.doc.transact(() => this.#meta.set('state', sealed), LOCAL);
  }

  /** Initial sync is complete once this doc covers the state vector a writer left in `meta`. */
  async #checkComplete(): Promise<void> {
    if (this.#initialComplete) return;
    const sealed = this.#meta.get('state');
    if (!sealed) return;
    let state: MetaState;
    try {
      state = (await this.#openValueAny('meta', 'state')) as MetaState;
    } catch {
      this.#refuse();
      return;
    }
    if (typeof state?.sv !== 'string') return;
    const wanted = Y.decodeStateVector(fromBase64Url(state.sv));
    if (covers(Y.decodeStateVector(Y.encodeStateVector(this.doc)), wanted) && this.#inbox.size === 0) {
      this.#initialComplete = true;
      // Another round: the local records not yet in the doc go out now.
      this.#schedule(0);
    }
  }

  #halt(state: SyncState): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#provider?.destroy();
    this.#provider = undefined;
    this.#started = false;
    this.#state = state;
    this.#emit();
  }

  #computeState(): SyncState {
    if (!this.#started) return this.#state === 'error' ? 'error' : 'off';
    const provider = this.#provider;
    if (this.#paused) return 'paused';
    if (!provider?.connected) return this.#everConnected ? 'offline' : 'connecting';
    const pending = this.#hasWork() || this.#waiting.size > 0 || this.#unsent.size > 0;
    return provider.synced && this.#initialComplete && !pending ? 'synced' : 'syncing';
  }

  #emit(): void {
    this.#state = this.#computeState();
    const status = this.status;
    for (const listener of [...this.#listeners]) listener(status);
  }
}
