import { describe, expect, it } from 'vitest';
import type { Workspace } from '../session/workspace';
import {
  createOrganization,
  createPerson,
  editPerson,
  settle,
  testPeer,
  testSpace,
  type Peer,
} from '../../test/fixtures/sync-peers';
import {
  createDeviceIdentity,
  decodeGrant,
  encodeGrant,
  grantSpaceKey,
  openSpaceKeyGrant,
  type DeviceIdentity,
} from './devices';
import { toBase64Url } from './base64url';
import { keyEntryName, locatorOf, openRecord, sealValue, unwrapSubjectKey, type Space } from './envelope';
import { importSpaceKey, openSpaceKey, sealSpaceKey } from './keys';
import { MemoryNetwork } from './memory-provider';

const canary = 'CANARY-rotation-5d1e';

interface Device extends Peer {
  readonly identity: DeviceIdentity;
  /** The space keys it stored, sealed in its vault, by epoch. */
  readonly stored: Map<number, Uint8Array>;
  /** The same keys' bytes, for a test to restart the device with. */
  readonly raws: Map<number, Uint8Array<ArrayBuffer>>;
}

async function threeDevices() {
  const space = await testSpace();
  const network = new MemoryNetwork({ manual: true });
  const make = async (name: string, newSpace = false): Promise<Device> => {
    const { identity } = await createDeviceIdentity(name);
    const stored = new Map<number, Uint8Array>();
    const raws = new Map<number, Uint8Array<ArrayBuffer>>();
    const peer = await testPeer(space, (doc) => network.provider(doc), name, {
      newSpace,
      device: (ws: Workspace) => ({
        identity,
        raw: space.raw.slice(),
        epoch: 0,
        onSpaceKey: async (raw, epoch) => {
          raws.set(epoch, raw.slice());
          stored.set(epoch, await sealSpaceKey(ws.vault, raw, space.id));
          raw.fill(0);
        },
      }),
    });
    return { ...peer, identity, stored, raws };
  };
  const a = await make('a', true);
  const b = await make('b');
  const c = await make('c');
  await a.bridge.start();
  await settle(network, a.bridge);
  await a.bridge.addDevice(b.identity.card);
  await a.bridge.addDevice(c.identity.card);
  await b.bridge.start();
  await c.bridge.start();
  await settle(network, a.bridge, b.bridge, c.bridge);
  const oldSpace: Space = { id: space.id, key: await importSpaceKey(space.raw.slice(), space.id) };
  return { space, network, a, b, c, oldSpace, make };
}

/** Every subject key C can unwrap from its own copy of the doc with the key it holds. */
async function subjectKeysOf(c: Peer, oldSpace: Space): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>();
  for (const [name, wrapped] of c.bridge.doc.getMap<Uint8Array>('keys')) {
    const key = await unwrapSubjectKey(oldSpace, name, wrapped).catch(() => undefined);
    if (key) keys.set(name, key);
  }
  return keys;
}

describe('removing a device', () => {
  it('rotates the space key for the remaining devices; the removed one reads nothing written afterwards', async () => {
    const { network, a, b, c, oldSpace, space } = await threeDevices();
    const person = await createPerson(a.ws, { givenName: 'Giulia' });
    const oldOrg = await createOrganization(b.ws, { name: 'Prima SRL' });
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(c.ws.model.get('people', person.id)?.givenName).toBe('Giulia');
    const cOrg = c.ws.model.get('organizations', oldOrg.id);
    expect(cOrg?.name).toBe('Prima SRL');
    expect((await a.bridge.devices()).map((d) => d.id).sort()).toEqual(
      [a.identity.card.id, b.identity.card.id, c.identity.card.id].sort(),
    );
    const cKeys = await subjectKeysOf(c, oldSpace);
    expect(cKeys.size).toBeGreaterThan(0);

    await a.bridge.removeDevice(c.identity.card.id);
    await settle(network, a.bridge, b.bridge, c.bridge);
    // B switched by itself, and stored the new key sealed in its vault.
    expect(a.bridge.epoch).toBe(1);
    expect(b.bridge.epoch).toBe(1);
    expect(c.bridge.epoch).toBe(0);
    await expect(openSpaceKey(b.ws.vault, b.stored.get(1)!, space.id)).resolves.toBeDefined();
    expect(c.stored.size).toBe(0);
    const listed = await b.bridge.devices();
    expect(listed.map((d) => d.id).sort()).toEqual([a.identity.card.id, b.identity.card.id].sort());
    expect(listed.every((d) => d.lastSeen !== null)).toBe(true);

    // A and B keep syncing both ways under the new key.
    await editPerson(a.ws, person.id, { notes: canary });
    const newOrg = await createOrganization(a.ws, { name: `${canary} SRL` });
    const bPerson = await createPerson(b.ws, { givenName: canary });
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(b.ws.model.get('people', person.id)?.notes).toBe(canary);
    expect(b.ws.model.get('organizations', newOrg.id)?.name).toBe(`${canary} SRL`);
    expect(a.ws.model.get('people', bPerson.id)?.givenName).toBe(canary);
    expect(a.bridge.status.errorCode).toBeNull();
    expect(b.bridge.status.errorCode).toBeNull();

    // C applied none of it; its copy of the older records is what it was.
    expect(c.ws.model.get('people', person.id)?.notes).not.toBe(canary);
    expect(c.ws.model.get('organizations', newOrg.id)).toBeUndefined();
    expect(c.ws.model.get('people', bPerson.id)).toBeUndefined();
    expect(c.ws.model.get('organizations', oldOrg.id)).toEqual(cOrg);

    // Nothing C holds opens what was written afterwards: its old space key, its subject keys…
    const records = network.relay.getMap<Uint8Array>('records');
    const after: Array<[string, string]> = [
      ['people', person.id],
      ['organizations', newOrg.id],
      ['people', bPerson.id],
    ];
    for (const [table, id] of after) {
      const locator = await locatorOf(oldSpace, table, id);
      const envelope = records.get(locator);
      expect(envelope).toBeDefined();
      await expect(
        openRecord(oldSpace, locator, envelope, (tag, keyId) => cKeys.get(keyEntryName(tag, keyId))),
      ).rejects.toThrow();
    }
    // …its identity (no grant for it is left, and none of the others' opens with it).
    const grants = network.relay.getMap<Uint8Array>('grants');
    expect([...grants.keys()].some((name) => name.startsWith(`${c.identity.card.id}.`))).toBe(false);
    for (const [name, bytes] of grants) {
      const grant = decodeGrant(c.identity.card.id, bytes)!;
      expect(grant).not.toBeNull();
      await expect(openSpaceKeyGrant(grant, space.id, c.identity)).rejects.toThrow();
      expect(name.endsWith('.1')).toBe(true);
    }
  });

  it('a device offline during the removal switches when it comes back, and its offline edits arrive', async () => {
    const { network, a, b, c } = await threeDevices();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge, b.bridge, c.bridge);
    b.bridge.pause();
    await a.bridge.removeDevice(c.identity.card.id);
    const aOrg = await createOrganization(a.ws, { name: 'Dopo SRL' });
    await editPerson(b.ws, person.id, { jobTitle: 'Scritto offline' });
    await settle(network, a.bridge, c.bridge);
    expect(b.bridge.epoch).toBe(0);
    b.bridge.resume();
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(b.bridge.epoch).toBe(1);
    expect(b.ws.model.get('organizations', aOrg.id)?.name).toBe('Dopo SRL');
    expect(a.ws.model.get('people', person.id)?.jobTitle).toBe('Scritto offline');
    // Written after the switch: under the new key, both ways.
    await editPerson(b.ws, person.id, { notes: 'Dopo il ritorno' });
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(a.ws.model.get('people', person.id)?.notes).toBe('Dopo il ritorno');
    expect(c.ws.model.get('people', person.id)?.notes).not.toBe('Dopo il ritorno');
  });

  it('refuses and reports a forged grant: moved from another device, or altered', async () => {
    const { network, a, b, c, space } = await threeDevices();
    const grants = network.relay.getMap<Uint8Array>('grants');
    // A key someone else chose, granted to C, put where B's grant for epoch 7 would be.
    const chosen = crypto.getRandomValues(new Uint8Array(32));
    const moved = await grantSpaceKey(chosen.slice(), space.id, 7, c.identity.card);
    grants.set(`${b.identity.card.id}.7`, encodeGrant(moved));
    await settle(network, a.bridge, b.bridge);
    expect(b.bridge.epoch).toBe(0);
    expect(b.bridge.status.refused).toBeGreaterThan(0);
    expect(b.bridge.status.errorCode).toBe('envelope-refused');
    expect(b.stored.size).toBe(0);
    // A real grant for B, one byte flipped.
    const real = encodeGrant(await grantSpaceKey(chosen.slice(), space.id, 8, b.identity.card));
    real[real.length - 3]! ^= 1;
    const before = b.bridge.status.refused;
    grants.set(`${b.identity.card.id}.8`, real);
    await settle(network, a.bridge, b.bridge);
    expect(b.bridge.epoch).toBe(0);
    expect(b.bridge.status.refused).toBeGreaterThan(before);
    expect(b.stored.size).toBe(0);
  });

  it('a device started later with the new key alone reads what was written before the removal', async () => {
    const { network, a, b, c, space } = await threeDevices();
    const person = await createPerson(a.ws, { givenName: 'Prima' });
    const org = await createOrganization(a.ws, { name: 'Prima SRL' });
    await settle(network, a.bridge, b.bridge, c.bridge);
    await a.bridge.removeDevice(c.identity.card.id);
    await settle(network, a.bridge, b.bridge);
    const after = await createOrganization(b.ws, { name: 'Dopo SRL' });
    await settle(network, a.bridge, b.bridge);
    await b.bridge.stop();
    // B again after a restart (a new doc, rebuilt from the relay), holding only the epoch-1 key.
    const again = await testPeer(space, (doc) => network.provider(doc), 'b-again', {
      device: () => ({ identity: b.identity, raw: b.raws.get(1)!.slice(), epoch: 1 }),
    });
    await again.bridge.start();
    await settle(network, a.bridge, again.bridge);
    expect(again.ws.model.get('people', person.id)?.givenName).toBe('Prima');
    expect(again.ws.model.get('organizations', org.id)?.name).toBe('Prima SRL');
    expect(again.ws.model.get('organizations', after.id)?.name).toBe('Dopo SRL');
    expect(again.bridge.status).toMatchObject({ errorCode: null, refused: 0, state: 'synced' });
    // Its writes still land where A reads them (the same locators as before the removal).
    await editPerson(again.ws, person.id, { notes: 'Dopo il riavvio' });
    await settle(network, a.bridge, again.bridge);
    expect(a.ws.model.get('people', person.id)?.notes).toBe('Dopo il riavvio');
    expect(a.ws.model.list('people')).toHaveLength(1);
  });

  it('refuses a well-formed grant from a removed device: it cannot prove it held the current key', async () => {
    const { network, a, b, c, space } = await threeDevices();
    await a.bridge.removeDevice(c.identity.card.id);
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(b.bridge.epoch).toBe(1);
    // C still knows B's public key and the old space key: it grants B a key of its choosing for
    // epoch 2, with the history entry sealed under that key holding the only key C has.
    const chosen = crypto.getRandomValues(new Uint8Array(32));
    const grant = await grantSpaceKey(chosen.slice(), space.id, 2, b.identity.card);
    const chosenSpace: Space = { id: space.id, key: await importSpaceKey(chosen.slice(), space.id) };
    const doc = c.bridge.doc;
    doc.transact(() => {
      doc.getMap<Uint8Array>('grants').set(`${b.identity.card.id}.2`, encodeGrant(grant));
    });
    await settle(network, a.bridge, b.bridge);
    // Without the entry it waits (a rotation's grants and history arrive together).
    expect(b.bridge.epoch).toBe(1);
    const forged = await sealValue(chosenSpace, 'meta', 'epoch.1', { k: toBase64Url(space.raw) });
    doc.transact(() => doc.getMap<Uint8Array>('meta').set('epoch.1', forged));
    const refusedBefore = b.bridge.status.refused;
    await settle(network, a.bridge, b.bridge);
    expect(b.bridge.epoch).toBe(1);
    expect(b.bridge.status.refused).toBeGreaterThan(refusedBefore);
    expect(b.stored.has(2)).toBe(false);
  });
});
