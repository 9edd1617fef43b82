import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalJson, compactClock } from '../../shared/domain';
import {
  createOrganization,
  createPerson,
  editPerson,
  settle,
  testPeer,
  testSpace,
} from '../../test/fixtures/sync-peers';
import { SyncBridge } from './bridge';
import { importSpaceKey } from './keys';
import { MemoryNetwork } from './memory-provider';
import type { SyncTarget } from './target';

const canary = 'CANARY-7f3a9c';

function contains(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle, 'utf8'));
}

describe('sync bridge over the in-memory relay', () => {
  it('carries a new person and an organization to the other device, as ciphertext only', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws, { givenName: canary });
    const org = await createOrganization(a.ws, { name: `${canary} SRL` });
    await settle(network, a.bridge, b.bridge);
    expect(b.ws.model.get('people', person.id)).toEqual(a.ws.model.get('people', person.id));
    expect(b.ws.model.get('organizations', org.id)?.name).toBe(`${canary} SRL`);
    // Applied through the command layer: audited under sync.apply, with history.
    expect(b.ws.model.list('audit').some((e) => e.command === 'sync.apply')).toBe(true);
    expect(b.ws.repo.history(person.id).length).toBeGreaterThan(0);
    // Neither the relay's doc nor anything on the wire holds the canary or the record ids.
    const relayState = Y.encodeStateAsUpdate(network.relay);
    expect(contains(relayState, canary)).toBe(false);
    expect(contains(relayState, person.id)).toBe(false);
    expect(contains(relayState, 'people')).toBe(false);
    expect(network.wire.some((m) => contains(m, canary))).toBe(false);
    expect(a.bridge.status.state).toBe('synced');
    expect(b.bridge.status).toMatchObject({ state: 'synced', initialSyncComplete: true, pendingChanges: 0 });
    expect(b.bridge.status.lastSyncAt).not.toBeNull();
  });

  it('merges concurrent offline edits field by field, writing the merge back', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge, b.bridge);
    a.bridge.pause();
    b.bridge.pause();
    await editPerson(a.ws, person.id, { jobTitle: 'Direttrice' });
    await editPerson(b.ws, person.id, { notes: 'Chiamare a marzo' });
    // The same field on both: the later clock wins everywhere.
    await editPerson(a.ws, person.id, { familyName: 'Bianchi' });
    await editPerson(b.ws, person.id, { familyName: 'Verdi' });
    await a.bridge.flush();
    await b.bridge.flush();
    expect(a.bridge.status.pendingChanges).toBeGreaterThan(0);
    expect(a.bridge.status.state).toBe('paused');
    a.bridge.resume();
    b.bridge.resume();
    await settle(network, a.bridge, b.bridge);
    const onA = a.ws.model.get('people', person.id)!;
    const onB = b.ws.model.get('people', person.id)!;
    expect(canonicalJson(onA)).toBe(canonicalJson(onB));
    expect(onA).toMatchObject({ jobTitle: 'Direttrice', notes: 'Chiamare a marzo', familyName: 'Verdi' });
    expect(a.bridge.status.pendingChanges).toBe(0);
  });

  it('refuses and reports a tampered envelope, applying nothing of it', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    const org = await createOrganization(a.ws, { name: 'Originale SRL' });
    await settle(network, a.bridge);
    // Someone with write access to the relay flips one byte of the envelope.
    const records = network.relay.getMap<Uint8Array>('records');
    const [locator, envelope] = [...records.entries()][0]!;
    const bad = envelope.slice();
    bad[bad.length - 5]! ^= 1;
    records.set(locator, bad);
    await b.bridge.start();
    await settle(network, a.bridge, b.bridge);
    expect(b.ws.model.get('organizations', org.id)).toBeUndefined();
    expect(b.bridge.status.refused).toBeGreaterThan(0);
    expect(b.bridge.status.errorCode).toBe('envelope-refused');
  });

  it('says the initial sync is complete only once the data the meta map names has arrived', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    await a.bridge.start();
    for (let i = 0; i < 5; i++) await createOrganization(a.ws, { name: `Ditta ${i}` });
    await settle(network, a.bridge);
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await b.bridge.start();
    expect(b.bridge.status.initialSyncComplete).toBe(false);
    // Only the meta map arrives (a relay that answers before its data is loaded): not complete.
    const meta = network.relay.getMap('meta');
    const partial = new Y.Doc();
    partial.getMap('meta').set('state', meta.get('state'));
    Y.applyUpdate(b.bridge.doc, Y.encodeStateAsUpdate(partial));
    await b.bridge.flush();
    expect(b.bridge.status.initialSyncComplete).toBe(false);
    await settle(network, a.bridge, b.bridge);
    expect(b.bridge.status.initialSyncComplete).toBe(true);
    expect(b.ws.model.list('organizations')).toHaveLength(5);
  });

  it("an edit made after receiving a peer's edit wins, even when the peer's calendar ran ahead", async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge, b.bridge);
    // A's clock is an hour ahead; B sees A's edit, then corrects it.
    await editPerson(a.ws, person.id, { jobTitle: 'Sbagliato' }, Date.now() + 3_600_000);
    await settle(network, a.bridge, b.bridge);
    expect(b.ws.model.get('people', person.id)?.jobTitle).toBe('Sbagliato');
    await editPerson(b.ws, person.id, { jobTitle: 'Corretto' });
    await settle(network, a.bridge, b.bridge);
    expect(a.ws.model.get('people', person.id)?.jobTitle).toBe('Corretto');
    expect(b.ws.model.get('people', person.id)?.jobTitle).toBe('Corretto');
  });

  it("a local edit that lands while a peer's change is being applied is not lost", async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge, b.bridge);
    // A second bridge on A whose writes let a local edit land between its read and its write:
    // the change it writes was merged from the record before that edit.
    await a.bridge.stop();
    let raced = false;
    const racing: SyncTarget = {
      ...a.target,
      apply: async (changes) => {
        if (!raced) {
          raced = true;
          await editPerson(a.ws, person.id, { notes: 'Scritta in locale' });
        }
        await a.target.apply(changes);
      },
    };
    const spaceKey = await importSpaceKey(space.raw.slice(), space.id);
    const bridge = new SyncBridge(racing, {
      spaceId: space.id,
      spaceKey,
      provider: (doc) => network.provider(doc),
      batchMs: 0,
    });
    await bridge.start();
    await editPerson(b.ws, person.id, { jobTitle: 'Da B' });
    await settle(network, bridge, b.bridge);
    expect(raced).toBe(true);
    for (const ws of [a.ws, b.ws]) {
      expect(ws.model.get('people', person.id)).toMatchObject({
        notes: 'Scritta in locale',
        jobTitle: 'Da B',
      });
    }
  });

  it('one field edit costs at most 1.2 times plaintext Yjs of the same edit, plus 100 bytes', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    await a.bridge.start();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge);
    // The same record as plaintext JSON in a Y.Map (what sync without encryption would send).
    const plain = new Y.Doc();
    const text = () => JSON.stringify(compactClock(a.ws.model.get('people', person.id)!));
    plain.getMap('records').set(person.id, text());
    const sv = Y.encodeStateVector(a.bridge.doc);
    const plainSv = Y.encodeStateVector(plain);
    await editPerson(a.ws, person.id, { jobTitle: 'Responsabile acquisti' });
    await a.bridge.flush();
    plain.getMap('records').set(person.id, text());
    // Everything the edit put on the wire: the envelope and the meta state written after it.
    const wire = Y.encodeStateAsUpdate(a.bridge.doc, sv).length;
    const baseline = Y.encodeStateAsUpdate(plain, plainSv).length;
    expect(wire).toBeLessThanOrEqual(1.2 * baseline + 100);
  });

  it('a joining device with records of its own waits for the space to be complete before sending them', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    const own = await createOrganization(b.ws, { name: 'Ditta di B' });
    // The relay answers at once with nothing (as one with persistence does before loading).
    await b.bridge.start();
    await settle(network, b.bridge);
    expect(network.relay.getMap('records').size).toBe(0);
    expect(b.bridge.status.initialSyncComplete).toBe(false);
    expect(b.bridge.status.state).toBe('syncing');
    // The device that created the space comes: its meta completes B, whose records then go out.
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const fromA = await createOrganization(a.ws, { name: 'Ditta di A' });
    await a.bridge.start();
    await settle(network, a.bridge, b.bridge);
    expect(b.bridge.status.initialSyncComplete).toBe(true);
    expect(a.ws.model.get('organizations', own.id)?.name).toBe('Ditta di B');
    expect(b.ws.model.get('organizations', fromA.id)?.name).toBe('Ditta di A');
  });

  it('refuses and reports what a device without the space key writes into the doc', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    // Same space id and relay, a key of its own: an unpaired client.
    const stranger = await testPeer(
      { id: space.id, raw: (await testSpace()).raw },
      (doc) => network.provider(doc),
      's',
    );
    await a.bridge.start();
    await stranger.bridge.start();
    const planted = await createOrganization(stranger.ws, { name: 'Intrusa SRL' });
    const person = await createPerson(stranger.ws);
    await settle(network, a.bridge, stranger.bridge);
    expect(a.ws.model.get('organizations', planted.id)).toBeUndefined();
    expect(a.ws.model.get('people', person.id)).toBeUndefined();
    expect(a.bridge.status.refused).toBeGreaterThan(0);
    expect(a.bridge.status.errorCode).toBe('envelope-refused');
  });
});
