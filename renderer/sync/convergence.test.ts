// Property: whatever the partitions, the order of delivery, duplicate deliveries and concurrent
// edits of the same fields (some still in flight while a peer's change is applied), every peer
// ends with the same records, equal to the reference merge (the field-wise join of every version
// any peer wrote).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, canonicalJson, mergeRecords } from '../../shared/domain';
import { createOrganization, settle, testPeer, testSpace, type Peer } from '../../test/fixtures/sync-peers';
import { MemoryNetwork } from './memory-provider';

type Op =
  | {
      kind: 'edit';
      peer: number;
      record: number;
      field: 'name' | 'notes' | 'industry';
      value: string;
      /** Not awaited: the write is still in flight while the next steps (and the bridge) run. */
      inFlight: boolean;
    }
  | { kind: 'partition'; peer: number }
  | { kind: 'deliver'; index: number; duplicate: boolean }
  | { kind: 'flush'; peer: number };

const PEERS = 3;
const RECORDS = 2;

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      peer: fc.nat(PEERS - 1),
      record: fc.nat(RECORDS - 1),
      field: fc.constantFrom('name' as const, 'notes' as const, 'industry' as const),
      value: fc.stringMatching(/^[A-Za-z]{1,8}$/),
      inFlight: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('partition' as const), peer: fc.nat(PEERS - 1) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      index: fc.nat(40),
      duplicate: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('flush' as const), peer: fc.nat(PEERS - 1) }), weight: 2 },
);

async function run(ops: readonly Op[]): Promise<void> {
  const space = await testSpace();
  const network = new MemoryNetwork({ manual: true });
  const peers: Peer[] = [];
  for (let i = 0; i < PEERS; i++)
    peers.push(await testPeer(space, (doc) => network.provider(doc), `p${i}`, { newSpace: i === 0 }));
  for (const p of peers) await p.bridge.start();
  const ids: string[] = [];
  for (let r = 0; r < RECORDS; r++)
    ids.push((await createOrganization(peers[0]!.ws, { name: `Ditta ${r}` })).id);
  await settle(network, ...peers.map((p) => p.bridge));
  // Every version written anywhere: the reference merge is their join.
  const written = ids.map((id) => [peers[0]!.ws.model.get('organizations', id)!]);
  const paused = new Set<number>();
  const inFlight: Promise<unknown>[] = [];
  for (const o of ops) {
    const peer = peers[('peer' in o ? o.peer : 0) % PEERS]!;
    if (o.kind === 'edit') {
      const id = ids[o.record]!;
      const before = peer.ws.model.get('organizations', id)!;
      const after = applyChanges(before, { [o.field]: o.value }, peer.ws.repo.stamp());
      if (after === before) continue;
      written[o.record]!.push(after);
      const write = peer.ws.run('organizations.update', {
        changes: [{ table: 'organizations', before, after }],
      });
      if (o.inFlight) inFlight.push(write);
      else await write;
    } else if (o.kind === 'partition') {
      if (paused.delete(o.peer)) peer.bridge.resume();
      else {
        paused.add(o.peer);
        peer.bridge.pause();
      }
    } else if (o.kind === 'deliver') {
      if (network.pending > 0) network.deliver(o.index % network.pending, { duplicate: o.duplicate });
    } else {
      await peer.bridge.flush();
    }
  }
  await Promise.all(inFlight);
  for (const i of paused) peers[i]!.bridge.resume();
  await settle(network, ...peers.map((p) => p.bridge));
  ids.forEach((id, r) => {
    const reference = canonicalJson(written[r]!.reduce((a, b) => mergeRecords(a, b)));
    for (const p of peers) {
      const record = p.ws.model.get('organizations', id)!;
      // The merge's fields and clocks; `updatedAt` is the latest write's on every peer too.
      expect(canonicalJson(record)).toBe(reference);
    }
  });
  for (const p of peers) {
    expect(p.bridge.status.refused).toBe(0);
    await p.bridge.stop();
    p.ws.dispose();
  }
}

describe('sync convergence (property)', () => {
  it('all peers end equal to the reference merge', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), run), {
      numRuns: 20,
    });
  }, 300_000);
});
