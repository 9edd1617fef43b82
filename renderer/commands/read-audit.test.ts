import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyChanges, verifyChain, type Person } from '../../shared/domain';
import { generateDataset } from '../../test/fixtures/generate';
import { testSha256 } from '../../test/fixtures/privacy';
import { testWorkspace } from '../../test/fixtures/workspace';
import type { Workspace } from '../session/workspace';
import { flushReads, readAuditCommands, recordRead } from './read-audit';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

async function withPerson(): Promise<{ ws: Workspace; person: Person }> {
  ws = await testWorkspace('reads');
  const person = {
    ...generateDataset({ contacts: 1, seed: 7 }).people[0]!,
    givenName: 'Canarino',
    familyName: 'Giallissimo',
  } as Person;
  await ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
  return { ws, person };
}

const ordered = (w: Workspace) => [...w.model.list('audit')].sort((a, b) => a.seq - b.seq);

describe('the audit of reads', () => {
  it('appends one pseudonymous entry per read, batched into one write, and the chain verifies', async () => {
    const { ws, person } = await withPerson();
    const putMany = vi.spyOn(ws.vault, 'putMany');
    recordRead('viewed', person.id);
    recordRead('exported', person.id);
    recordRead('printed', person.id);
    // Nothing is written while the page opens: the reads wait for their batch.
    expect(ordered(ws).filter((e) => e.recordId === person.id && e.fields.length === 0)).toHaveLength(0);
    await flushReads();
    expect(putMany).toHaveBeenCalledTimes(1);
    const reads = ordered(ws).filter((e) => e.command in { ...invert() });
    expect(reads.map((e) => e.command)).toEqual(['people.viewed', 'people.exported', 'people.printed']);
    for (const e of reads) {
      expect(e.recordId).toBe(person.id);
      expect(e.fields).toEqual([]);
      expect(e.actor).toBe('Test laptop');
    }
    const text = JSON.stringify(ws.model.list('audit'));
    expect(text).not.toContain('Canarino');
    expect(text).not.toContain('Giallissimo');
    expect(await verifyChain(ordered(ws), testSha256)).toBeNull();
  });

  it('keeps one chain when reads and a command are written at the same time', async () => {
    const { ws, person } = await withPerson();
    for (let i = 0; i < 20; i++) recordRead('viewed', person.id);
    const edited = applyChanges(person, { jobTitle: 'Architetta' }, ws.repo.stamp());
    // The flush and the command race: each waits for the other's place in the chain.
    await Promise.all([
      flushReads(),
      ws.run('people.update', { changes: [{ table: 'people', before: person, after: edited }] }),
      flushReads(),
    ]);
    const log = ordered(ws);
    expect(log.filter((e) => e.command === 'people.viewed')).toHaveLength(20);
    expect(log.filter((e) => e.command === 'people.update')).toHaveLength(1);
    expect(new Set(log.map((e) => e.seq)).size).toBe(log.length);
    expect(await verifyChain(log, testSha256)).toBeNull();
    // And the stored log, read back from the vault, is the same chain.
    const stored = (await ws.vault.loadAll())
      .filter((r) => r.table === 'audit')
      .map((r) => r.data as (typeof log)[number])
      .sort((a, b) => a.seq - b.seq);
    expect(stored.map((e) => e.hash)).toEqual(log.map((e) => e.hash));
  });

  it('refuses what is not a record id or a kind, and reads with no open vault', async () => {
    const { ws, person } = await withPerson();
    expect(() => recordRead('viewed', 'Mario Rossi')).toThrow(TypeError);
    expect(() => recordRead('copied' as never, person.id)).toThrow(TypeError);
    ws.dispose();
    await flushReads();
    expect(() => recordRead('viewed', person.id)).toThrow('no open vault');
  });
});

function invert(): Record<string, true> {
  return Object.fromEntries(Object.values(readAuditCommands).map((c) => [c, true]));
}
