/**
 * Saving or printing a person's access package leaves a pseudonymous entry in the audit log (the
 * read audit of `renderer/commands`): command, the person's random id, instant, device; no field,
 * no value. The next package of the same person lists it among the operations on their record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain, type Person } from '../../../shared/domain';
import { generateDataset } from '../../../test/fixtures/generate';
import { testSha256 } from '../../../test/fixtures/privacy';
import { testWorkspace } from '../../../test/fixtures/workspace';
import { flushReads } from '../../commands';
import type { Workspace } from '../../session/workspace';
import { auditAccessRead } from './access-audit';
import { accessReportOf } from './access-package';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

describe('the access package is audited', () => {
  it('an export and a print each append a pseudonymous read entry that the next package shows', async () => {
    ws = await testWorkspace('access-audit');
    const person = {
      ...generateDataset({ contacts: 1, seed: 11 }).people[0]!,
      givenName: 'Canarino',
      familyName: 'Giallissimo',
    } as Person;
    await ws.run('people.create', { changes: [{ table: 'people', before: null, after: person }] });
    const before = ws.model.count('audit');

    auditAccessRead('exported', person.id);
    auditAccessRead('printed', person.id);
    await flushReads();

    const entries = [...ws.model.list('audit')].sort((a, b) => a.seq - b.seq);
    expect(entries).toHaveLength(before + 2);
    const reads = entries.slice(-2);
    expect(reads.map((e) => [e.command, e.recordId, e.fields])).toEqual([
      ['people.exported', person.id, []],
      ['people.printed', person.id, []],
    ]);
    expect(reads.every((e) => e.actor === ws!.repo.device.name)).toBe(true);
    expect(JSON.stringify(reads)).not.toMatch(/Canarino|Giallissimo/);
    // Stored, not only in the model, and the chain still verifies.
    const stored = (await ws.vault.loadAll()).filter((r) => r.table === 'audit');
    expect(stored).toHaveLength(before + 2);
    expect(await verifyChain(entries, testSha256)).toBeNull();
    // The person's next package lists the export and the print among the operations on them.
    const { data } = accessReportOf(ws.model, ws.model.get('people', person.id)!, 'en', Date.now());
    const commands = data.operations.map((o) => o.command);
    expect(commands).toEqual(expect.arrayContaining(['people.exported', 'people.printed']));
  });

  it('refuses an id that is not a record id, and writes nothing', async () => {
    ws = await testWorkspace('access-audit-bad');
    const before = ws.model.count('audit');
    expect(() => auditAccessRead('exported', 'Mario Rossi')).toThrow(TypeError);
    await flushReads();
    expect(ws.model.count('audit')).toBe(before);
  });
});
