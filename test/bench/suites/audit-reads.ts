// The audit of reads (`recordRead`): what opening a person's page pays for its `people.viewed`
// entry, and what the batched write costs in the background. `audit.read_enqueue_ms` (1,000
// reads recorded, the synchronous part a page open runs) beside `audit.person_lookup_ms` (1,000
// people looked up in the model and named, less than any page render does);
// `audit.read_batch_write_ms` (one batch of 20 reads chained, encrypted and stored) beside
// `audit.edit_commit_ms` (one edit of one person through its command, which also writes an
// audit entry).
import { applyChanges, displayName, type Person } from '../../../shared/domain';
import { flushReads, recordRead } from '../../../renderer/commands';
import { openWorkspace } from '../../../renderer/session/workspace';
import { createVault } from '../../../renderer/vault';
import { FAST_TEST_KDF_POLICY } from '../../../renderer/vault/test-support';
import { generateDataset } from '../../fixtures/generate';
import { settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

const PEOPLE = 1000;
const PASSES = 5;
const BATCH = 20;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function run(ctx: BenchContext): Promise<void> {
  ctx.progress(`creating ${PEOPLE} people`);
  const { vault } = await createVault('Lanterna-verde sul molo 42 stanotte', {
    dbName: `audit-reads-${Date.now()}`,
    kdfPolicy: FAST_TEST_KDF_POLICY,
  });
  const ws = await openWorkspace(vault, await vault.loadAll(), 'bench');
  const people = generateDataset({ contacts: PEOPLE, seed: ctx.seed }).people;
  await ws.run('people.create', { changes: people.map((after) => ({ table: 'people', before: null, after })) });
  await settle();

  const lookups: number[] = [];
  const enqueues: number[] = [];
  const batches: number[] = [];
  const edits: number[] = [];
  let checksum = 0;
  for (let i = 0; i < PASSES; i++) {
    lookups.push(
      (
        await timed(() => {
          for (const p of people) checksum += displayName(ws.model.get('people', p.id)!).length;
        })
      ).ms,
    );
    enqueues.push((await timed(() => people.forEach((p) => recordRead('viewed', p.id)))).ms);
    await flushReads();
    for (let n = 0; n < BATCH; n++) recordRead('viewed', people[n]!.id);
    batches.push((await timed(() => flushReads())).ms);
    const person = ws.model.get('people', people[i]!.id) as Person;
    const edited = applyChanges(person, { jobTitle: `Bench ${i}` }, ws.repo.stamp());
    edits.push(
      (await timed(() => ws.run('people.update', { changes: [{ table: 'people', before: person, after: edited }] }))).ms,
    );
  }
  ctx.record('audit.person_lookup_ms', median(lookups), 'ms');
  ctx.record('audit.read_enqueue_ms', median(enqueues), 'ms', 'audit.person_lookup_ms');
  ctx.record('audit.edit_commit_ms', median(edits), 'ms');
  ctx.record('audit.read_batch_write_ms', median(batches), 'ms', 'audit.edit_commit_ms');
  ctx.record('audit.entries_count', ws.model.list('audit').length, 'count');
  if (checksum < 0) ctx.progress('unreachable');
  ws.dispose();
  vault.lock();
}

/** The `audit-reads` suite. */
const suite: BenchSuite = { name: 'audit-reads', run };
export default suite;
