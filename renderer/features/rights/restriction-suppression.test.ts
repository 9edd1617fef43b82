/**
 * An objection (Art. 21) puts the person's emails and phones on the suppression list in the same
 * command (keyed hashes, reason `objection`): a CSV holding them again flags them instead of
 * creating them, and after the person is erased (the objection goes with their key) the
 * suppression is still there, a hash and nothing else. Real vault, workspace and host.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyChanges, type Person } from '../../../shared/domain';
import { analyzeCsv, mapCsvRows } from '../../../shared/formats';
import { backupWorld, type BackupWorld } from '../../../test/unit/backup-harness';
import { commitImport, planImport } from '../import-export/import-service';
import { installErasurePolicy } from './erase-policy';
import { leaveOutRule } from './erase-filter';
import { erasePerson } from './erase-service';
import { planObjectionWithSuppression } from './restriction-actions';
import { suppressionIndex } from './suppression';

let world: BackupWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});
beforeAll(() => installErasurePolicy());

const email = 'Opposto.Canarino@Example.org';
const phone = '+393477654321';

async function objecting(w: BackupWorld): Promise<Person> {
  const { ws } = w;
  const base = ws.model.list('people')[0]!;
  const person = applyChanges<Person>(
    base,
    {
      givenName: 'Opposto',
      familyName: 'Canarino',
      emails: [{ kind: 'home', address: email }],
      phones: [{ kind: 'mobile', number: phone }],
    },
    ws.repo.stamp(),
  );
  await ws.run('people.update', { changes: [{ table: 'people', before: base, after: person }] });
  const before = ws.model.count('audit');
  await ws.run('objections.record', {
    changes: planObjectionWithSuppression(ws, person, '2026-03-02', 'No newsletters'),
  });
  // One command: the objection and its suppressions, audited under the objection's id.
  const audit = [...ws.model.list('audit')].sort((a, b) => a.seq - b.seq).slice(before);
  expect(new Set(audit.map((a) => a.command))).toEqual(new Set(['objections.record']));
  return person;
}

function csvImport(w: BackupWorld, rows: string) {
  const table = analyzeCsv(new TextEncoder().encode(rows));
  return planImport(
    w.ws,
    'x.csv',
    'csv',
    mapCsvRows(table, table.mapping, { locale: 'it-IT', defaultCountry: 'IT' }),
    leaveOutRule(w.ws),
  );
}

describe('an objection keeps the person on the suppression list', () => {
  it('records the objection and the hashes together; a CSV holding them flags them', async () => {
    world = await backupWorld(3);
    const person = await objecting(world);
    const { ws } = world;
    expect(ws.model.list('objections').map((o) => o.personId)).toEqual([person.id]);
    const entries = ws.model.list('suppressions');
    expect(entries.map((e) => [e.kind, e.reason]).sort()).toEqual([
      ['email', 'objection'],
      ['phone', 'objection'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/canarino|765|Opposto/i);
    // Trash the person: a CSV with their email (another case, another name) is flagged.
    const current = ws.model.get('people', person.id)!;
    await ws.run('people.trash', {
      changes: [
        {
          table: 'people',
          before: current,
          after: applyChanges(current, { deletedAt: new Date().toISOString() }, ws.repo.stamp()),
        },
      ],
    });
    const plan = csvImport(
      world,
      `Nome;Cognome;Email\nDi;Nuovo;${email.toLowerCase()}\nNuova;Persona;nuova@example.it\n`,
    );
    expect(plan.flagged).toBe(1);
    const log = await commitImport(ws, plan, new Map(), 'skip');
    expect(log.counts).toMatchObject({ created: 1, flagged: 1 });
    expect(ws.model.list('people').some((p) => p.familyName === 'Nuovo')).toBe(false);
  });

  it('outlives the erasure of the objecting person: the hashes stay, reason objection', async () => {
    world = await backupWorld(3);
    const person = await objecting(world);
    const { ws } = world;
    const tokens = ws.model.list('suppressions').map((e) => e.token);
    // Erased without "erase and suppress": the objection's suppression is what keeps them out.
    await erasePerson(ws, world.host, person.id, { suppress: false });
    expect(ws.model.list('objections')).toEqual([]);
    const after = ws.model.list('suppressions');
    expect(after.map((e) => e.token).sort()).toEqual([...tokens].sort());
    expect(after.every((e) => e.reason === 'objection')).toBe(true);
    for (const e of after) expect(Object.keys(e).sort()).not.toContain('value');
    expect(JSON.stringify(after)).not.toMatch(/canarino|765|Opposto/i);
    // Stored under the records key, so the next unlock has them too.
    const stored = (await ws.vault.loadAll()).filter((r) => r.table === 'suppressions');
    expect(stored).toHaveLength(tokens.length);
    expect(suppressionIndex(ws).size).toBe(tokens.length);
    const plan = csvImport(world, 'Nome;Cognome;Telefono\nAltro;Nome;+39 347 765 4321\n');
    expect(plan.flagged).toBe(1);
  });
});
