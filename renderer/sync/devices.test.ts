import { describe, expect, it } from 'vitest';
import {
  createDeviceIdentity,
  decodeGrant,
  DeviceBook,
  deviceListKey,
  encodeGrant,
  GrantError,
  grantSpaceKey,
  importDeviceIdentity,
  openSpaceKeyGrant,
  rotateSpaceKey,
  type DeviceEntry,
  type DeviceIdentity,
  type SpaceKeyGrant,
} from './devices';

const spaceId = 'q3RxW0n9Zk2mYb7cVd1eFg';

const entry = (identity: DeviceIdentity, pairedAt: number): DeviceEntry => ({
  ...identity.card,
  pairedAt,
  lastSeen: null,
});

/** A stand-in for the bridge's envelope: AES-GCM under a key derived from the raw space key. */
async function recordsKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new TextEncoder().encode(spaceId),
      info: new TextEncoder().encode('records'),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function seal(raw: Uint8Array<ArrayBuffer>, text: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      await recordsKey(raw),
      new TextEncoder().encode(text),
    ),
  );
  return { iv, data };
}

async function opens(
  raw: Uint8Array<ArrayBuffer>,
  box: { iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> },
) {
  try {
    return new TextDecoder().decode(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv }, await recordsKey(raw), box.data),
    );
  } catch {
    return null;
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    if (error instanceof GrantError) return error.code;
    throw error;
  }
}

async function threeDevices() {
  const office = (await createDeviceIdentity('Office')).identity;
  const laptop = (await createDeviceIdentity('Laptop')).identity;
  const stolen = (await createDeviceIdentity('Old phone')).identity;
  const devices = [entry(office, 1), entry(laptop, 2), entry(stolen, 3)];
  const raw0 = crypto.getRandomValues(new Uint8Array(32));
  return { office, laptop, stolen, devices, raw0 };
}

describe('device keys and space key rotation', () => {
  it('a grant opens only with its device private key, for its space and epoch', async () => {
    const { laptop, stolen, raw0 } = await threeDevices();
    const grant = await grantSpaceKey(raw0.slice(), spaceId, 0, laptop.card);
    expect([...(await openSpaceKeyGrant(grant, spaceId, laptop))]).toEqual([...raw0]);
    // Another device's key, even with the grant relabelled as its own.
    expect(await codeOf(openSpaceKeyGrant(grant, spaceId, stolen))).toBe('not-for-this-device');
    expect(await codeOf(openSpaceKeyGrant({ ...grant, deviceId: stolen.card.id }, spaceId, stolen))).toBe(
      'refused',
    );
    // The same grant claimed for another epoch or space.
    expect(await codeOf(openSpaceKeyGrant({ ...grant, epoch: 1 }, spaceId, laptop))).toBe('refused');
    expect(await codeOf(openSpaceKeyGrant(grant, 'other-space', laptop))).toBe('refused');
    // One flipped bit anywhere in the ciphertext or the ephemeral key.
    const flipped = grant.sealed.slice();
    flipped[3]! ^= 1;
    expect(await codeOf(openSpaceKeyGrant({ ...grant, sealed: flipped }, spaceId, laptop))).toBe('refused');
    const eph = grant.ephemeral.slice();
    eph[10]! ^= 1;
    expect(await codeOf(openSpaceKeyGrant({ ...grant, ephemeral: eph }, spaceId, laptop))).toBe('refused');
  });

  it('grants survive their byte encoding, and other bytes are not grants', async () => {
    const { laptop, raw0 } = await threeDevices();
    const grant = await grantSpaceKey(raw0.slice(), spaceId, 7, laptop.card);
    const back = decodeGrant(laptop.card.id, encodeGrant(grant)) as SpaceKeyGrant;
    expect(back.epoch).toBe(7);
    expect([...(await openSpaceKeyGrant(back, spaceId, laptop))]).toEqual([...raw0]);
    expect(decodeGrant(laptop.card.id, encodeGrant(grant).slice(1))).toBeNull();
    const wrongVersion = encodeGrant(grant);
    wrongVersion[0] = 2;
    expect(decodeGrant(laptop.card.id, wrongVersion)).toBeNull();
  });

  it('removing a device: the others open the new key, the removed one opens neither key nor what is sealed under it', async () => {
    const { office, laptop, stolen, devices, raw0 } = await threeDevices();
    const before = await seal(raw0, 'written before the removal');
    const rotation = await rotateSpaceKey(spaceId, 0, devices, stolen.card.id);
    expect(rotation.epoch).toBe(1);
    expect(rotation.devices.map((d) => d.id)).toEqual([office.card.id, laptop.card.id]);
    expect(rotation.grants.map((g) => g.deviceId)).toEqual([office.card.id, laptop.card.id]);
    expect([...rotation.raw]).not.toEqual([...raw0]);

    // The remaining devices get the new key from their own grant.
    for (const identity of [office, laptop]) {
      const grant = rotation.grants.find((g) => g.deviceId === identity.card.id)!;
      expect([...(await openSpaceKeyGrant(grant, spaceId, identity))]).toEqual([...rotation.raw]);
    }
    // The removed device: no grant of its own, and every other grant refuses its key.
    expect(rotation.grants.some((g) => g.deviceId === stolen.card.id)).toBe(false);
    for (const grant of rotation.grants) {
      expect(await codeOf(openSpaceKeyGrant({ ...grant, deviceId: stolen.card.id }, spaceId, stolen))).toBe(
        'refused',
      );
    }
    // What is written afterwards is sealed under the new key: the old key opens none of it.
    const after = await seal(rotation.raw, 'written after the removal');
    expect(await opens(raw0, after)).toBeNull();
    expect(await opens(rotation.raw, after)).toBe('written after the removal');
    expect(await opens(raw0, before)).toBe('written before the removal');
  });

  it('refuses to remove an unknown device or the last one', async () => {
    const { office, devices } = await threeDevices();
    await expect(rotateSpaceKey(spaceId, 0, devices, 'nobody')).rejects.toThrow(/No such device/);
    await expect(rotateSpaceKey(spaceId, 0, [entry(office, 1)], office.card.id)).rejects.toThrow(
      /last device/,
    );
  });

  it('a stored identity imports again and opens its grants; the stored bytes are wiped', async () => {
    const { identity, pkcs8 } = await createDeviceIdentity('Laptop');
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const grant = await grantSpaceKey(raw.slice(), spaceId, 0, identity.card);
    const stored = pkcs8.slice();
    const again = await importDeviceIdentity(identity.card, stored);
    expect(stored.every((b) => b === 0)).toBe(true);
    expect([...(await openSpaceKeyGrant(grant, spaceId, again))]).toEqual([...raw]);
    expect(identity.privateKey.extractable).toBe(false);
  });

  it('the device list in the doc: sealed per entry, rewritten under the new key on removal', async () => {
    const { office, laptop, stolen, devices, raw0 } = await threeDevices();
    const docDevices = new Map<string, Uint8Array>();
    const docGrants = new Map<string, Uint8Array>();
    const book = new DeviceBook(docDevices, docGrants, spaceId);
    const key0 = await deviceListKey(raw0, spaceId);
    for (const d of devices) await book.put(key0, d);
    for (const d of devices) await book.grant(raw0, 0, d);
    expect((await book.list(key0)).map((d) => d.name)).toEqual(['Office', 'Laptop', 'Old phone']);
    // Names are not readable in the doc.
    const bytes = [...docDevices.values()].map((b) => Buffer.from(b).toString('latin1')).join();
    expect(bytes).not.toContain('Laptop');
    // An entry moved under another device id does not open.
    docDevices.set('moved', docDevices.get(laptop.card.id)!);
    expect((await book.list(key0)).map((d) => d.id)).not.toContain('moved');
    docDevices.delete('moved');

    const rotation = await rotateSpaceKey(spaceId, 0, await book.list(key0), stolen.card.id);
    const key1 = await deviceListKey(rotation.raw, spaceId);
    await book.apply(rotation, key1, stolen.card.id);
    expect([...docDevices.keys()].sort()).toEqual([office.card.id, laptop.card.id].sort());
    expect(book.grantFor(stolen.card.id)).toBeNull();
    // The laptop reads its new grant from the doc and then the list; the old key reads nothing.
    const raw1 = await openSpaceKeyGrant(book.grantFor(laptop.card.id)!, spaceId, laptop);
    expect((await book.list(await deviceListKey(raw1, spaceId))).map((d) => d.name)).toEqual([
      'Office',
      'Laptop',
    ]);
    expect(await book.list(key0)).toEqual([]);
  });
});
