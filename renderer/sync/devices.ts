// Paired devices and the space key each of them holds. Every device has a long-term ECDH P-256
// key pair; its public key is in the device list. Removing a device rotates the space key: a new
// random key, wrapped to each remaining device's public key (ECDH with a fresh ephemeral key,
// HKDF, AES-GCM), so the removed device, whose private key opens none of the new grants, cannot
// read what is written under the new key. Pure WebCrypto, no DOM; where the list and the grants
// live (the doc's maps) is the bridge's concern: `DeviceBook` works over any string-keyed map.
import type { DeviceCard } from './pairing';
import { fromBase64Url, toBase64Url } from './base64url';

/** A paired device, as the list shows it. */
export interface DeviceEntry extends DeviceCard {
  /** Epoch ms it was paired (or created the space). */
  readonly pairedAt: number;
  /** Epoch ms it last synced, as it wrote itself; null before its first sync. */
  readonly lastSeen: number | null;
}

/** The space key wrapped to one device for one epoch. Opaque bytes in the doc, fields here. */
export interface SpaceKeyGrant {
  readonly epoch: number;
  readonly deviceId: string;
  /** Raw ephemeral P-256 public key (65 bytes). */
  readonly ephemeral: Uint8Array<ArrayBuffer>;
  readonly iv: Uint8Array<ArrayBuffer>;
  /** AES-GCM of the 32-byte space key, 48 bytes. */
  readonly sealed: Uint8Array<ArrayBuffer>;
}

/** This device's long-term identity. The private key never leaves it (sealed in its vault). */
export interface DeviceIdentity {
  readonly card: DeviceCard;
  readonly privateKey: CryptoKey;
}

const ecdh = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();
const GRANT_VERSION = 1;

const b64 = toBase64Url;
const unb64 = fromBase64Url;

/** A random device id (16 bytes, base64url). */
export const newDeviceId = (): string => b64(crypto.getRandomValues(new Uint8Array(16)));

/**
 * A new identity for this device. Returns the PKCS#8 private key bytes for the caller to seal in
 * the vault (and wipe); the `privateKey` in the identity is not extractable.
 */
export async function createDeviceIdentity(
  name: string,
): Promise<{ identity: DeviceIdentity; pkcs8: Uint8Array<ArrayBuffer> }> {
  const pair = await crypto.subtle.generateKey(ecdh, true, ['deriveBits']);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const publicKey = b64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const identity = await importDeviceIdentity({ id: newDeviceId(), name, publicKey }, pkcs8.slice());
  return { identity, pkcs8 };
}

/** Imports a stored identity as non-extractable; wipes `pkcs8`. */
export async function importDeviceIdentity(
  card: DeviceCard,
  pkcs8: Uint8Array<ArrayBuffer>,
): Promise<DeviceIdentity> {
  try {
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ecdh, false, ['deriveBits']);
    return { card, privateKey };
  } finally {
    pkcs8.fill(0);
  }
}

/** Everything a grant is bound to: a grant moved to another device, epoch or space fails. */
const grantContext = (spaceId: string, epoch: number, deviceId: string, ephemeral: Uint8Array) =>
  encoder.encode(
    `scrigno/space-key/v${GRANT_VERSION}\u0000${spaceId}\u0000${epoch}\u0000${deviceId}\u0000${b64(ephemeral)}`,
  );

async function wrapKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  context: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256),
  );
  const base = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  shared.fill(0);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: context },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Wraps the raw space key `raw` (32 bytes) to `device` for `epoch`. */
export async function grantSpaceKey(
  raw: Uint8Array<ArrayBuffer>,
  spaceId: string,
  epoch: number,
  device: DeviceCard,
): Promise<SpaceKeyGrant> {
  if (raw.length !== 32) throw new Error('A space key is 32 bytes.');
  const theirs = await crypto.subtle.importKey('raw', unb64(device.publicKey), ecdh, false, []);
  const eph = await crypto.subtle.generateKey(ecdh, false, ['deriveBits']);
  const ephemeral = new Uint8Array(await crypto.subtle.exportKey('raw', eph.publicKey));
  const context = grantContext(spaceId, epoch, device.id, ephemeral);
  const key = await wrapKey(eph.privateKey, theirs, context);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: context }, key, raw),
  );
  return { epoch, deviceId: device.id, ephemeral, iv, sealed };
}

/** Why a grant did not open. */
export class GrantError extends Error {
  constructor(readonly code: 'not-for-this-device' | 'refused') {
    super(`Space key grant ${code}`);
    this.name = 'GrantError';
  }
}

/**
 * Opens a grant with this device's private key: the raw space key (the caller imports it and
 * wipes it). A grant for another device, epoch or space, or altered, is `refused`.
 */
export async function openSpaceKeyGrant(
  grant: SpaceKeyGrant,
  spaceId: string,
  identity: DeviceIdentity,
): Promise<Uint8Array<ArrayBuffer>> {
  if (grant.deviceId !== identity.card.id) throw new GrantError('not-for-this-device');
  const context = grantContext(spaceId, grant.epoch, identity.card.id, grant.ephemeral);
  try {
    const eph = await crypto.subtle.importKey('raw', grant.ephemeral, ecdh, false, []);
    const key = await wrapKey(identity.privateKey, eph, context);
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: grant.iv, additionalData: context },
        key,
        grant.sealed,
      ),
    );
  } catch {
    throw new GrantError('refused');
  }
}

/** Grant bytes: version(1) | epoch(4, BE) | ephemeral(65) | iv(12) | sealed(48); the device id is the map key. */
export function encodeGrant(grant: SpaceKeyGrant): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(1 + 4 + 65 + 12 + grant.sealed.length);
  out[0] = GRANT_VERSION;
  new DataView(out.buffer).setUint32(1, grant.epoch);
  out.set(grant.ephemeral, 5);
  out.set(grant.iv, 70);
  out.set(grant.sealed, 82);
  return out;
}

/** Reads grant bytes written by `encodeGrant`; null when they are not a grant of this version. */
export function decodeGrant(deviceId: string, bytes: Uint8Array): SpaceKeyGrant | null {
  if (bytes.length !== 1 + 4 + 65 + 12 + 48 || bytes[0] !== GRANT_VERSION) return null;
  const copy = bytes.slice();
  return {
    epoch: new DataView(copy.buffer).getUint32(1),
    deviceId,
    ephemeral: copy.slice(5, 70),
    iv: copy.slice(70, 82),
    sealed: copy.slice(82),
  };
}

/** The map key of a grant: device id and epoch. */
const grantName = (grant: SpaceKeyGrant) => `${grant.deviceId}.${grant.epoch}`;

/** What an unreadable grant reads as: it never opens, so it is refused and reported. */
const brokenGrant: SpaceKeyGrant = {
  epoch: 0,
  deviceId: '',
  ephemeral: new Uint8Array(65),
  iv: new Uint8Array(12),
  sealed: new Uint8Array(48),
};

/** What a rotation produces: the new raw key (for this device's own use; wipe after import). */
export interface Rotation {
  readonly epoch: number;
  readonly raw: Uint8Array<ArrayBuffer>;
  readonly devices: readonly DeviceEntry[];
  readonly grants: readonly SpaceKeyGrant[];
}

/**
 * Removes `removedId` from `devices` and makes a new space key for the next epoch, granted to
 * every remaining device (this one included). The caller publishes the grants and the new list
 * in one doc transaction, then seals everything it writes from now on under the new key.
 */
export async function rotateSpaceKey(
  spaceId: string,
  epoch: number,
  devices: readonly DeviceEntry[],
  removedId: string,
): Promise<Rotation> {
  const remaining = devices.filter((d) => d.id !== removedId);
  if (remaining.length === devices.length) throw new Error('No such device in the list.');
  if (remaining.length === 0) throw new Error('The last device cannot be removed.');
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const next = epoch + 1;
  const grants = await Promise.all(remaining.map((d) => grantSpaceKey(raw, spaceId, next, d)));
  return { epoch: next, raw, devices: remaining, grants };
}

/** The smallest map a device list can live in (a Y.Map of the doc, or a Map in tests). */
export interface StringMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  keys(): Iterable<string>;
}

/**
 * The device list and the current grants, as the doc keeps them: `devices` maps device id to the
 * entry sealed under `listKey` (a key derived from the space key: names are the user's words, so
 * the relay never reads them); `grants` maps device id to the grant of the current epoch.
 */
export class DeviceBook {
  constructor(
    private readonly devices: StringMap<Uint8Array>,
    private readonly grants: StringMap<Uint8Array>,
    private readonly spaceId: string,
  ) {}

  /** Every entry that opens under `listKey` (others are skipped: sealed by an older key). */
  async list(listKey: CryptoKey): Promise<DeviceEntry[]> {
    const out: DeviceEntry[] = [];
    for (const id of this.devices.keys()) {
      const entry = await this.open(listKey, id, this.devices.get(id)!);
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => a.pairedAt - b.pairedAt || a.id.localeCompare(b.id));
  }

  /** Adds or updates one entry (pairing, a new name, last seen). */
  async put(listKey: CryptoKey, entry: DeviceEntry): Promise<void> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = encoder.encode(JSON.stringify(entry));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: this.aad(entry.id) },
        listKey,
        plain,
      ),
    );
    this.devices.set(entry.id, new Uint8Array([...iv, ...sealed]));
  }

  /** The newest grant of this device, if any (the map key is `device id.epoch`). */
  grantFor(deviceId: string): SpaceKeyGrant | null {
    let best: SpaceKeyGrant | null = null;
    for (const name of this.grants.keys()) {
      const dot = name.lastIndexOf('.');
      if (name.slice(0, dot) !== deviceId) continue;
      const bytes = this.grants.get(name)!;
      const grant = decodeGrant(deviceId, bytes);
      // The epoch in the bytes must be the one in the map key (a grant moved to another epoch).
      const epoch = Number(name.slice(dot + 1));
      const read = grant && grant.epoch === epoch ? grant : { ...brokenGrant, deviceId, epoch };
      if (!best || read.epoch > best.epoch) best = read;
    }
    return best;
  }

  /**
   * Writes a rotation: the removed device's entry and grants go, every older grant goes, the new
   * grants and the remaining entries (sealed under the new list key) are written.
   */
  async apply(rotation: Rotation, newListKey: CryptoKey, removedId: string): Promise<void> {
    this.devices.delete(removedId);
    for (const name of [...this.grants.keys()]) this.grants.delete(name);
    for (const grant of rotation.grants) this.grants.set(grantName(grant), encodeGrant(grant));
    for (const entry of rotation.devices) await this.put(newListKey, entry);
  }

  /** Grants the current key to a newly paired device (the key it got by pairing, for later reads). */
  async grant(raw: Uint8Array<ArrayBuffer>, epoch: number, device: DeviceCard): Promise<void> {
    const grant = await grantSpaceKey(raw, this.spaceId, epoch, device);
    this.grants.set(grantName(grant), encodeGrant(grant));
  }

  private aad(deviceId: string) {
    return encoder.encode(`scrigno/devices/v1\u0000${this.spaceId}\u0000${deviceId}`);
  }

  private async open(listKey: CryptoKey, id: string, bytes: Uint8Array): Promise<DeviceEntry | null> {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: this.aad(id) },
        listKey,
        bytes.slice(12),
      );
      // The associated data binds the entry to its map key: one moved to another id fails above.
      return JSON.parse(new TextDecoder().decode(plain)) as DeviceEntry;
    } catch {
      return null;
    }
  }
}

/** The key the device list is sealed under, derived from the raw space key of its epoch. */
export async function deviceListKey(raw: Uint8Array<ArrayBuffer>, spaceId: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode(spaceId),
      info: encoder.encode('scrigno/sync/devices'),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
