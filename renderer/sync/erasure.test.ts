import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { setPolicyCheck, PolicyRefused } from '../commands';
import { toBase64Url } from '../vault';
import {
  createPerson,
  editPerson,
  erasePerson,
  settle,
  testPeer,
  testSpace,
} from '../../test/fixtures/sync-peers';
import { openValue, readHead, subjectTagOf, KIND_SUBJECT } from './envelope';
import { importSpaceKey } from './keys';
import { MemoryNetwork } from './memory-provider';

const canary = 'CANARY-erased-4b1d';

/** Envelopes and wrapped keys of `tag` in a doc. */
function underTag(doc: Y.Doc, tag: string): { envelopes: number; keys: number } {
  let envelopes = 0;
  for (const envelope of doc.getMap<Uint8Array>('records').values()) {
    const head = readHead(envelope);
    if (head.kind === KIND_SUBJECT && toBase64Url(head.tag!) === tag) envelopes++;
  }
  const keys = [...doc.getMap('keys').keys()].filter((k) => k.startsWith(`${tag}.`)).length;
  return { envelopes, keys };
}

let undo: Array<() => void> = [];
afterEach(() => {
  for (const u of undo) u();
  undo = [];
});

describe('erasure across devices', () => {
  it('removes the person from the doc, and a device back from offline drops its edits and its key', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws, { givenName: canary });
    const other = await createPerson(a.ws, { givenName: 'Resta' });
    await settle(network, a.bridge, b.bridge);
    expect(b.ws.model.get('people', person.id)).toBeDefined();
    const s = { id: space.id, key: await importSpaceKey(space.raw.slice(), space.id) };
    const tag = toBase64Url(await subjectTagOf(s, person.subjectId));
    expect(underTag(network.relay, tag)).toEqual({ envelopes: 1, keys: 1 });

    // B goes offline and edits the person; meanwhile A erases them.
    b.bridge.pause();
    await editPerson(b.ws, person.id, { notes: `${canary} offline note` });
    await b.bridge.flush();
    const destroyed = vi.spyOn(b.ws.vault, 'destroySubjectKey');
    await erasePerson(a, person);
    await settle(network, a.bridge, b.bridge);
    expect(underTag(network.relay, tag)).toEqual({ envelopes: 0, keys: 0 });
    // The ledger entry: a random id and a day, nothing that names the person to the relay.
    const erasures = network.relay.getMap<Uint8Array>('erasures');
    expect(erasures.size).toBe(1);
    const [entryId, sealed] = [...erasures.entries()][0]!;
    expect(entryId).not.toContain(person.subjectId);
    expect(Buffer.from(sealed).includes(Buffer.from(person.subjectId))).toBe(false);
    const entry = (await openValue(s, 'erasures', entryId, sealed)) as { d: string; t: string };
    expect(Object.keys(entry).sort()).toEqual(['d', 't']);
    expect(entry.d).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // B comes back: its offline edit is dropped, its copy of the key destroyed.
    b.bridge.resume();
    await settle(network, a.bridge, b.bridge);
    expect(destroyed).toHaveBeenCalledWith(person.subjectId);
    expect(b.ws.model.get('people', person.id)).toBeUndefined();
    expect(await b.ws.vault.get('people', person.id)).toBeUndefined();
    expect(a.ws.model.get('people', person.id)).toBeUndefined();
    for (const doc of [network.relay, a.bridge.doc, b.bridge.doc]) {
      expect(underTag(doc, tag)).toEqual({ envelopes: 0, keys: 0 });
    }
    // Everyone else is untouched.
    expect(b.ws.model.get('people', other.id)?.givenName).toBe('Resta');

    // A fresh device never sees them.
    const c = await testPeer(space, (doc) => network.provider(doc), 'c');
    await c.bridge.start();
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(c.ws.model.get('people', person.id)).toBeUndefined();
    expect(c.ws.model.get('people', other.id)).toBeDefined();
    expect(c.ws.model.list('people').some((p) => p.givenName === canary)).toBe(false);
    expect(c.bridge.status.refused).toBe(0);
    expect(Y.encodeStateAsUpdate(c.bridge.doc).length).toBeGreaterThan(0);
  });

  it('an envelope of an erased person reaching the relay later is removed by whoever sees it', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge, b.bridge);
    const s = { id: space.id, key: await importSpaceKey(space.raw.slice(), space.id) };
    const tag = toBase64Url(await subjectTagOf(s, person.subjectId));
    const saved = [...network.relay.getMap<Uint8Array>('records').entries()].find(
      ([, e]) => readHead(e).kind === KIND_SUBJECT,
    )!;
    // B is cut off before it hears of the erasure, edits, and its edit reaches the relay later.
    b.bridge.pause();
    await erasePerson(a, person);
    await settle(network, a.bridge);
    await editPerson(b.ws, person.id, { jobTitle: 'Tornata' });
    await b.bridge.flush();
    b.bridge.resume();
    await settle(network, a.bridge, b.bridge);
    expect(underTag(network.relay, tag)).toEqual({ envelopes: 0, keys: 0 });
    expect(a.ws.model.get('people', person.id)).toBeUndefined();
    // An old envelope replayed to the relay (an old client, a copy of its files): A takes it out.
    const records = network.relay.getMap<Uint8Array>('records');
    records.set(saved[0], saved[1]);
    await settle(network, a.bridge, b.bridge);
    expect(underTag(network.relay, tag)).toEqual({ envelopes: 0, keys: 0 });
  });

  it('restricted people still sync; an erased one is refused by sync.apply and reported', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws);
    await settle(network, a.bridge, b.bridge);
    // A edits while B is cut off; then the person's processing is restricted (the check is
    // process-wide here, so it applies on both devices).
    b.bridge.pause();
    await editPerson(a.ws, person.id, { jobTitle: 'Archivista' });
    await a.bridge.flush();
    undo.push(
      setPolicyCheck('subject-restricted', () => {
        throw new PolicyRefused('subject-restricted');
      }),
    );
    await expect(editPerson(b.ws, person.id, { jobTitle: 'Rifiutato' })).rejects.toThrow(PolicyRefused);
    // Storage is not processing: the edit still reaches B, through sync.apply.
    b.bridge.resume();
    await settle(network, a.bridge, b.bridge);
    expect(b.ws.model.get('people', person.id)?.jobTitle).toBe('Archivista');
    expect(b.bridge.status.errorCode).toBeNull();
    undo.pop()!();
    // With the erased-subject check refusing, a peer's change is not written, and that is reported.
    undo.push(
      setPolicyCheck('subject-erased', (context) => {
        if (context.command === 'sync.apply') throw new PolicyRefused('subject-erased');
      }),
    );
    await editPerson(a.ws, person.id, { notes: 'non deve arrivare' });
    await settle(network, a.bridge, b.bridge);
    expect(b.ws.model.get('people', person.id)?.notes).not.toBe('non deve arrivare');
    expect(b.bridge.status.errorCode).toBe('policy-refused');
  });

  it('an erasure made while sync was not running reaches the space at the next start', async () => {
    const space = await testSpace();
    const network = new MemoryNetwork({ manual: true });
    const erasedHere: string[] = [];
    const a = await testPeer(space, (doc) => network.provider(doc), 'a', {
      erased: () => erasedHere,
      newSpace: true,
    });
    const b = await testPeer(space, (doc) => network.provider(doc), 'b');
    await a.bridge.start();
    await b.bridge.start();
    const person = await createPerson(a.ws, { givenName: canary });
    await settle(network, a.bridge, b.bridge);
    await a.bridge.stop();
    // Erased on A with sync off: only the local ledger knows.
    await a.target.erase(person.subjectId);
    erasedHere.push(person.subjectId);
    const again = await testPeer(space, (doc) => network.provider(doc), 'a2', { erased: () => erasedHere });
    // The same device's vault, a new bridge: here, a new workspace that shares nothing but the
    // ledger; what matters is that the bridge records the erasure from the ledger.
    await again.bridge.start();
    await settle(network, again.bridge, b.bridge);
    const s = { id: space.id, key: await importSpaceKey(space.raw.slice(), space.id) };
    const tag = toBase64Url(await subjectTagOf(s, person.subjectId));
    expect(underTag(network.relay, tag)).toEqual({ envelopes: 0, keys: 0 });
    expect(network.relay.getMap('erasures').size).toBe(1);
    expect(b.ws.model.get('people', person.id)).toBeUndefined();
  });
});
