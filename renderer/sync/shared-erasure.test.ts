// A shared record (a meeting of two people) travels under a key that needs BOTH people's sync
// subject keys: erasing one of them shreds it on the wire as it does in the vault, on a device
// online at the time and on one back from offline with edits of its own, and the other party
// keeps the meeting's skeleton (that it took place, when, with whom among those left).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChanges, createRecord, newActivityId, type Activity, type Person } from '../../shared/domain';
import { randomBytes, toBase64Url } from '../vault';
import {
  createPerson,
  erasePerson,
  settle,
  testPeer,
  testSpace,
  type Peer,
} from '../../test/fixtures/sync-peers';
import {
  KIND_GROUP,
  openRecord,
  readHead,
  sealRecord,
  subjectTagOf,
  unwrapSubjectKey,
  type Space,
} from './envelope';
import { importSpaceKey } from './keys';
import { MemoryNetwork } from './memory-provider';

const canary = 'CANARY-shared-meeting-7c2e';

async function logMeeting(peer: Peer, people: Person[], text: string): Promise<Activity> {
  const meeting = createRecord(
    'activities',
    newActivityId(randomBytes),
    {
      kind: 'meeting',
      at: '2026-03-02T10:00:00.000Z',
      durationMinutes: 45,
      text,
      participantIds: people.map((p) => p.id),
    },
    peer.ws.repo.stamp(),
  );
  await peer.ws.run('activities.log', { changes: [{ table: 'activities', before: null, after: meeting }] });
  return meeting;
}

/** Every (map key, binary value) an update carries. */
function binariesOf(update: Uint8Array): Array<{ key: string; bytes: Uint8Array }> {
  const out: Array<{ key: string; bytes: Uint8Array }> = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || typeof struct.parentSub !== 'string') continue;
    const content = struct.content as { content?: unknown; arr?: unknown[] };
    const values = content.content instanceof Uint8Array ? [content.content] : (content.arr ?? []);
    for (const v of values) if (v instanceof Uint8Array) out.push({ key: struct.parentSub, bytes: v });
  }
  return out;
}

/**
 * What someone holding the space key reads from `binaries`: every wrapped key among them (and in
 * `extraKeys`) is unwrapped, then every envelope opened with them. Returns the texts opened.
 */
async function readable(
  space: Space,
  binaries: Array<{ key: string; bytes: Uint8Array }>,
  extraKeys: Array<{ key: string; bytes: Uint8Array }> = [],
): Promise<string[]> {
  const keys = new Map<string, CryptoKey>();
  for (const { key, bytes } of [...binaries, ...extraKeys]) {
    if (!key.includes('.')) continue;
    const opened = await unwrapSubjectKey(space, key, bytes).catch(() => undefined);
    if (opened) keys.set(key, opened);
  }
  const texts: string[] = [];
  for (const { key, bytes } of binaries) {
    const record = await openRecord(space, key, bytes, (tag, keyId) =>
      keys.get(`${toBase64Url(tag)}.${toBase64Url(keyId)}`),
    ).catch(() => undefined);
    if (record) texts.push(JSON.stringify(record.data));
  }
  return texts;
}

const entries = (doc: Y.Doc, map: string) =>
  [...doc.getMap<Uint8Array>(map).entries()].map(([key, bytes]) => ({ key, bytes }));

describe('shared records on the wire', () => {
  it('need every party’s key; erasing one shreds them everywhere, the other party keeps the skeleton', async () => {
    const space = await testSpace();
    const s: Space = { id: space.id, key: await importSpaceKey(space.raw.slice(), space.id) };
    const network = new MemoryNetwork({ manual: true });
    const a = await testPeer(space, (doc) => network.provider(doc), 'sa', { newSpace: true });
    const b = await testPeer(space, (doc) => network.provider(doc), 'sb');
    const c = await testPeer(space, (doc) => network.provider(doc), 'sc');
    for (const p of [a, b, c]) await p.bridge.start();
    const erased = await createPerson(a.ws, { givenName: 'Erasmo' });
    const kept = await createPerson(a.ws, { givenName: 'Restante' });
    const meeting = await logMeeting(a, [erased, kept], `${canary} notes`);
    await settle(network, a.bridge, b.bridge, c.bridge);
    expect(b.ws.model.get('activities', meeting.id)?.text).toBe(`${canary} notes`);

    // On the wire it is under both people's keys, not the space's records key.
    const tags = await Promise.all([erased, kept].map((p) => subjectTagOf(s, p.subjectId)));
    const groups = entries(network.relay, 'records')
      .map(({ bytes }) => readHead(bytes))
      .filter((h) => h.kind === KIND_GROUP);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.members!.map((m) => toBase64Url(m.tag)).sort()).toEqual(
      tags.map((t) => toBase64Url(t)).sort(),
    );
    // Control: the scan reads a live copy while the keys are there.
    expect(
      (await readable(s, entries(network.relay, 'records'), entries(network.relay, 'keys'))).join(),
    ).toContain(canary);

    // B goes offline and adds to the meeting's notes; C stays online; A erases one participant.
    b.bridge.pause();
    const before = b.ws.model.get('activities', meeting.id)!;
    const edited = applyChanges(before, { text: `${canary} offline addendum` }, b.ws.repo.stamp());
    await b.ws.run('activities.update', { changes: [{ table: 'activities', before, after: edited }] });
    await b.bridge.flush();
    const wireAt = network.wire.length;
    await erasePerson(a, erased);
    await settle(network, a.bridge, c.bridge);
    b.bridge.resume();
    await settle(network, a.bridge, b.bridge, c.bridge);

    for (const peer of [a, b, c]) {
      // The kept party's skeleton: the meeting took place, with them, and nothing written in it.
      expect(peer.ws.model.get('activities', meeting.id)).toMatchObject({
        kind: 'meeting',
        at: meeting.at,
        participantIds: [kept.id],
        text: '',
      });
      expect(peer.ws.model.get('people', erased.id)).toBeUndefined();
      const stored = JSON.stringify(await peer.ws.vault.loadAll());
      expect(stored).not.toContain(canary);
      expect(JSON.stringify(peer.ws.model.list('activities'))).not.toContain(canary);
    }
    // Nothing in the live doc, and no frame sent after the erasure, opens to the canary, even for
    // someone with the space key and every wrapped key those frames and the doc carry.
    const after = network.wire.slice(wireAt).flatMap((u) => binariesOf(u));
    expect(after.length).toBeGreaterThan(0);
    const texts = await readable(
      s,
      [...after, ...entries(network.relay, 'records')],
      entries(network.relay, 'keys'),
    );
    expect(texts.join()).not.toContain(canary);
    // The kept person's own record is still readable there (the scan opens what it can).
    expect(
      (await readable(s, entries(network.relay, 'records'), entries(network.relay, 'keys'))).join(),
    ).toContain('Restante');
  }, 60_000);

  it('refuses a shared envelope whose party list was changed', async () => {
    const space = await testSpace();
    const s: Space = { id: space.id, key: await importSpaceKey(space.raw.slice(), space.id) };
    const { newSubjectKey } = await import('./envelope');
    const k1 = await newSubjectKey(s, await subjectTagOf(s, 'one'));
    const k2 = await newSubjectKey(s, await subjectTagOf(s, 'two'));
    const k3 = await newSubjectKey(s, await subjectTagOf(s, 'three'));
    const record = { table: 'activities', id: 'x1', schemaVersion: 1, data: { text: canary } };
    const sealed = await sealRecord(s, record, [k1.subject, k2.subject]);
    const byName = new Map([k1, k2, k3].map((k) => [k.name, k.subject.key]));
    const keyOf = (tag: Uint8Array, keyId: Uint8Array) =>
      byName.get(`${toBase64Url(tag)}.${toBase64Url(keyId)}`);
    await expect(openRecord(s, sealed.locator, sealed.envelope, keyOf)).resolves.toMatchObject({ id: 'x1' });
    // One party's key missing: it does not open.
    await expect(
      openRecord(s, sealed.locator, sealed.envelope, (t, i) =>
        toBase64Url(t) === toBase64Url(k1.subject.tag) ? undefined : keyOf(t, i),
      ),
    ).rejects.toMatchObject({ reason: 'unknown-key' });
    // A party swapped for another in the head (slot 2: after version, kind, schema, nonce, count
    // and the first party's 24 bytes): refused, even with every key at hand.
    const swapped = sealed.envelope.slice();
    swapped.set(k3.subject.tag, 17 + 24);
    swapped.set(k3.subject.keyId, 17 + 24 + 16);
    await expect(openRecord(s, sealed.locator, swapped, keyOf)).rejects.toMatchObject({
      name: 'EnvelopeRefused',
    });
  });
});
