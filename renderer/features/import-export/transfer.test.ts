import {
  FormatError,
  analyzeCsv,
  archiveTables,
  isEncryptedArchive,
  mapCsvRows,
  mapVcardFile,
  writeCsv,
} from '../../../shared/formats';
import { createReader, createRunner } from '../../commands';
import { canonicalJson, newPersonId, trashRecord, type Person } from '../../../shared/domain';
import { examplePerson } from '../../../test/fixtures/records';
import { randomBytes } from '../../vault/bytes';
import { generateDataset } from '../../../test/fixtures/generate';
import { inThreadKdf } from '../../vault/kdf-client';
import { Model } from '../../vault/model';
import { Repository } from '../../vault/repository';
import { FAST_TEST_KDF_POLICY } from '../../vault/test-support';
import { createVault } from '../../vault/vault';
import {
  commitArchiveImport,
  exportArchive,
  openArchive,
  planArchiveImport,
  vaultRecords,
} from './archive-service';
import { exportCsv, exportVcards } from './export-service';
import { commitImport, planImport, undoImport } from './import-service';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

let counter = 0;
const opts = { locale: 'it-IT', defaultCountry: 'IT' };

async function workspace() {
  const { vault } = await createVault('Lanterna-verde sul molo 42 stanotte', {
    dbName: `transfer-${++counter}-${Date.now()}`,
    kdfPolicy: FAST_TEST_KDF_POLICY,
  });
  const model = Model.fromRecords(await vault.loadAll());
  const repo = await Repository.open(vault, model, 'Test');
  return { vault, model, repo, run: createRunner(repo), read: createReader(model) };
}

const archivePassphrase = 'Sette lucciole danzano sul tetto della stazione 19';

const csvBytes = (rows: string[][]) => new TextEncoder().encode(writeCsv(rows));

function contentHash(model: Model): string {
  const all = archiveTables.map((t) => [...model.list(t)].sort((a, b) => (a.id < b.id ? -1 : 1)));
  return createHash('sha256').update(canonicalJson(all)).digest('hex');
}

describe('CSV import into the vault', () => {
  it('lands in one batch with organizations and source, lists problems, handles duplicates, and undoes as a whole', async () => {
    const ws = await workspace();
    const first = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome', 'Email', 'Cellulare', 'Azienda'],
        ['Niccolò', 'Ferraris', 'n.ferraris@example.it', '347 123 4567', 'Officine Adriatiche'],
        ['Anna', 'Verdi', 'anna@example.it', '', 'Officine Adriatiche'],
        ['Bruno', 'Neri', 'non valida', '', ''],
      ]),
    );
    const plan = planImport(ws, 'clienti.csv', 'csv', mapCsvRows(first, first.mapping, opts));
    // The bad email is kept to check: the row is imported, never dropped for one field.
    expect(plan.problems).toEqual([
      { row: 4, column: 'Email', code: 'invalid-email', value: 'non valida', kept: true },
    ]);
    const log = await commitImport(ws, plan, new Map(), 'skip');
    expect(log.counts).toMatchObject({ created: 3, rejected: 0, organizations: 1 });
    const bruno = ws.model.list('people').find((p) => p.givenName === 'Bruno')!;
    expect(bruno.toCheck).toEqual([{ field: 'email', value: 'non valida', kind: 'other' }]);
    // The value is on the person (under their key), never in the import's log record.
    expect(JSON.stringify(ws.model.list('imports'))).not.toContain('non valida');
    const people = ws.model.list('people').filter((p) => p.organizations.length > 0);
    expect(people).toHaveLength(2);
    expect(people[0]!.source).toMatchObject({ method: 'import', fileName: 'clienti.csv' });
    // Each new person is owed an Art. 14 notice: source the format only, never the file's name.
    const owed = ws.model.list('indirect-notices');
    expect(owed.map((n) => n.personId).sort()).toEqual([...people, bruno].map((p) => p.id).sort());
    expect(owed.every((n) => n.source === 'import: csv' && n.informedOn === null)).toBe(true);
    expect(owed.every((n) => n.obtainedOn === people[0]!.source.date)).toBe(true);
    expect(JSON.stringify(owed)).not.toContain('clienti');
    const org = ws.model.list('organizations')[0]!;
    expect(
      people.every((p) => p.organizations[0]?.organizationId === org.id && p.kind === 'contact-person'),
    ).toBe(true);

    // The same email again: a duplicate of an existing person; update adds the new phone.
    const second = analyzeCsv(
      csvBytes([
        ['First Name', 'Last Name', 'E-mail', 'Mobile'],
        ['Niccolo', 'Ferraris', 'N.Ferraris@example.it', '333 999 8888'],
        ['Carla', 'Bassi', 'carla@example.it', ''],
        ['Carla', 'Bassi', 'carla@example.it', ''],
      ]),
    );
    const plan2 = planImport(ws, 'altri.csv', 'csv', mapCsvRows(second, second.mapping, opts));
    expect(plan2.rows.map((r) => r.duplicate?.reason)).toEqual(['email', undefined, 'in-file']);
    const log2 = await commitImport(ws, plan2, new Map([[2, 'update']]), 'skip');
    expect(log2.counts).toMatchObject({ created: 1, updated: 1, skipped: 1 });
    const niccolo = ws.model.get('people', plan2.rows[0]!.duplicate!.id!)!;
    expect(niccolo.phones.map((p) => p.number)).toEqual(['+393471234567', '+393339998888']);

    // Undo the first import: its people and its organization go to the trash in one command.
    await undoImport(ws, log.id);
    const live = ws.model.list('people').filter((p) => p.deletedAt === null);
    expect(live.map((p) => p.givenName)).toEqual(['Carla']);
    expect(ws.model.get('imports', log.id)!.undoneAt).not.toBeNull();
    expect(ws.model.get('organizations', org.id)!.deletedAt).not.toBeNull();
    // Their Art. 14 records go with them; the second import's stays owed.
    const stillOwed = ws.model.list('indirect-notices').filter((n) => n.deletedAt === null);
    expect(stillOwed.map((n) => ws.model.get('people', n.personId)?.givenName)).toEqual(['Carla']);
  });

  it('keeps each imported person’s Art. 14 record under their own key: erasing them shreds it', async () => {
    const ws = await workspace();
    const rows = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome', 'Email'],
        ['Anna', 'Verdi', 'anna@example.it'],
        ['Bruno', 'Neri', 'bruno@example.it'],
      ]),
    );
    await commitImport(
      ws,
      planImport(ws, 'x.csv', 'csv', mapCsvRows(rows, rows.mapping, opts)),
      new Map(),
      'skip',
    );
    const [anna, bruno] = ['Anna', 'Bruno'].map((n) =>
      ws.model.list('people').find((p) => p.givenName === n)!,
    );
    const owed = (personId: string) =>
      ws.model.list('indirect-notices').find((n) => n.personId === personId)!;
    const annaNotice = owed(anna!.id).id;
    await ws.vault.destroySubjectKey(anna!.subjectId);
    const ids = (await ws.vault.loadAll()).map((r) => r.id);
    expect(ids).not.toContain(annaNotice);
    expect(ids).toContain(owed(bruno!.id).id);
  });

  it('writes nothing when a record fails the repository check', async () => {
    const ws = await workspace();
    const a = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome'],
        ['Anna', 'Verdi'],
      ]),
    );
    const plan = planImport(ws, 'x.csv', 'csv', mapCsvRows(a, a.mapping, opts));
    const broken = {
      ...plan,
      rows: [...plan.rows, { row: 9, draft: { ...plan.rows[0]!.draft, birthday: '1999-02-31' } }],
    };
    await expect(commitImport(ws, broken, new Map(), 'skip')).rejects.toThrow();
    expect(ws.model.count('people')).toBe(0);
    expect(ws.model.count('imports')).toBe(0);
  });
});

describe('archive export', () => {
  it("refuses a passphrase weaker than the vault's rule, and no protection at all, writing nothing", async () => {
    const source = await workspace();
    await expect(
      exportArchive(source, { appVersion: 't', protection: { passphrase: 'password1' } }),
    ).rejects.toMatchObject({ name: 'ArchiveExportRefused', code: 'weak-passphrase' });
    await expect(
      exportArchive(source, { appVersion: 't', protection: {} as { plaintext: true } }),
    ).rejects.toMatchObject({ code: 'no-protection' });
    const strong = await exportArchive(source, {
      appVersion: 't',
      protection: { passphrase: archivePassphrase },
      kdf: inThreadKdf,
    });
    expect(isEncryptedArchive(strong)).toBe(true);
  });

  it('leaves the trash out unless asked for', async () => {
    const source = await workspace();
    const stamp = source.repo.stamp();
    const kept = examplePerson({ id: newPersonId(randomBytes), givenName: 'Kept' });
    const trashed = examplePerson({ id: newPersonId(randomBytes), givenName: 'CANARY-trashed-5521' });
    await source.repo.commit('seed', [
      { table: 'people', before: null, after: kept },
      { table: 'people', before: null, after: trashRecord(trashed, stamp) },
    ]);
    const names = async (includeTrash: boolean) =>
      (
        await openArchive(
          await exportArchive(source, { appVersion: 't', protection: { plaintext: true }, includeTrash }),
        )
      ).records.people.map((p) => (p as Person).givenName);
    expect(await names(false)).toEqual(['Kept']);
    expect((await names(true)).sort()).toEqual(['CANARY-trashed-5521', 'Kept']);
  });
});

describe('round trips', () => {
  it('vault → archive → fresh vault is identical; importing again changes nothing', async () => {
    const source = await workspace();
    const d = generateDataset({ contacts: 20, seed: 3 });
    const changes = [
      ...d.organizations.map((r) => ({ table: 'organizations' as const, before: null, after: r })),
      ...d.people.map((r) => ({ table: 'people' as const, before: null, after: r })),
      ...d.pipelines.map((r) => ({ table: 'pipelines' as const, before: null, after: r })),
      ...d.deals.map((r) => ({ table: 'deals' as const, before: null, after: r })),
      ...d.activities.map((r) => ({ table: 'activities' as const, before: null, after: r })),
      ...d.tasks.map((r) => ({ table: 'tasks' as const, before: null, after: r })),
      ...d.tags.map((r) => ({ table: 'tags' as const, before: null, after: r })),
    ];
    await source.repo.commit('seed', changes);
    const bytes = await exportArchive(source, {
      appVersion: 'test',
      protection: { passphrase: archivePassphrase },
      includeTrash: true,
      kdf: inThreadKdf,
    });
    await expect(openArchive(bytes, 'sbagliata', inThreadKdf)).rejects.toMatchObject({
      code: 'archive-passphrase',
    });
    await expect(openArchive(bytes)).rejects.toMatchObject({ code: 'archive-encrypted' });

    const target = await workspace();
    const contents = await openArchive(bytes, archivePassphrase, inThreadKdf);
    // A record check that fails (in the app it runs in a worker meanwhile) writes nothing.
    const stored = (await target.vault.loadAll()).length;
    const failed = Promise.reject(new FormatError('archive-invalid-data'));
    failed.catch(() => undefined);
    const refused = { ...contents, checked: failed };
    await expect(
      commitArchiveImport(target, planArchiveImport(target, refused), 'archive.zip'),
    ).rejects.toMatchObject({ code: 'archive-invalid-data' });
    expect(Object.values(vaultRecords(target.model)).flat()).toHaveLength(0);
    expect(await target.vault.loadAll()).toHaveLength(stored);
    // A record that breaks the import's own steps before the check has answered: the check's
    // verdict is the error, not whatever the broken record threw.
    const broken = {
      ...refused,
      records: {
        ...contents.records,
        people: contents.records.people.map((p, n) => (n === 0 ? { ...p, emails: 'x' } : p)),
      },
    } as typeof refused;
    await expect(
      commitArchiveImport(target, planArchiveImport(target, broken), 'archive.zip'),
    ).rejects.toMatchObject({ code: 'archive-invalid-data' });
    expect(await target.vault.loadAll()).toHaveLength(stored);
    await commitArchiveImport(target, planArchiveImport(target, contents), 'archive.zip');
    expect(contentHash(target.model)).toBe(contentHash(source.model));
    expect(Object.values(vaultRecords(target.model)).flat()).toHaveLength(changes.length);

    const again = planArchiveImport(
      target,
      await openArchive(
        await exportArchive(source, { appVersion: 't', protection: { plaintext: true }, includeTrash: true }),
      ),
    );
    expect(again.changes).toHaveLength(0);
  });

  it('merges an archive into a vault with data through the duplicate rules', async () => {
    const source = await workspace();
    const csv = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome', 'Email', 'Azienda'],
        ['Anna', 'Verdi', 'anna@example.it', 'Studio Verdi'],
        ['Luca', 'Blu', '', ''],
      ]),
    );
    await commitImport(
      source,
      planImport(source, 'a.csv', 'csv', mapCsvRows(csv, csv.mapping, opts)),
      new Map(),
      'skip',
    );
    const target = await workspace();
    const mine = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome', 'Email'],
        ['Anna', 'Verdi', 'ANNA@example.it'],
      ]),
    );
    await commitImport(
      target,
      planImport(target, 'b.csv', 'csv', mapCsvRows(mine, mine.mapping, opts)),
      new Map(),
      'skip',
    );
    const plan = planArchiveImport(
      target,
      await openArchive(
        await exportArchive(source, { appVersion: 't', protection: { plaintext: true }, includeTrash: true }),
      ),
    );
    expect(plan.skipped).toBe(1);
    await commitArchiveImport(target, plan, 'a.zip');
    const names = target.model
      .list('people')
      .map((p) => p.givenName)
      .sort();
    expect(names).toEqual(['Anna', 'Luca']);
  });

  it('vault → vCard → vault keeps every contact field', async () => {
    const source = await workspace();
    const d = generateDataset({ contacts: 25, seed: 11 });
    await source.repo.commit('seed', [
      ...d.organizations.map((r) => ({ table: 'organizations' as const, before: null, after: r })),
      ...d.people.map((r) => ({ table: 'people' as const, before: null, after: r })),
    ]);
    const vcf = exportVcards(source, '4.0').data;
    const target = await workspace();
    const { results } = mapVcardFile(vcf, opts);
    expect(results.filter((r) => r.draft === null).flatMap((r) => r.problems)).toEqual([]);
    await commitImport(target, planImport(target, 'c.vcf', 'vcard', results), new Map(), 'skip');
    const shape = (p: Person) =>
      canonicalJson({
        g: p.givenName,
        f: p.familyName,
        e: p.emails.map((e) => e.address),
        ph: p.phones.map((x) => x.number),
        b: p.birthday ?? null,
        j: p.jobTitle ?? null,
        n: p.notes ?? null,
        c: p.addresses.map((a) => [a.street, a.city, a.country]),
      });
    const before = d.people
      .filter((p) => p.deletedAt === null)
      .map(shape)
      .sort();
    const after = target.model.list('people').map(shape).sort();
    expect(after).toEqual(before);
  });

  it('exports CSV with formula cells neutralised and a BOM', async () => {
    const ws = await workspace();
    const a = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome', 'Note'],
        ['=cmd', 'Rossi', '@SUM(1)'],
      ]),
    );
    await commitImport(ws, planImport(ws, 'f.csv', 'csv', mapCsvRows(a, a.mapping, opts)), new Map(), 'skip');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(exportCsv(ws, 'people', ';').data);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("'=cmd;Rossi");
    expect(text).toContain("'@SUM(1)");
  });
});

describe('duplicate rules', () => {
  it('two people with the same name but different emails, or sharing only a switchboard phone, are not duplicates', () => {
    const a = analyzeCsv(
      csvBytes([
        ['Nome', 'Cognome', 'Email', 'Telefono'],
        ['Mario', 'Rossi', 'mario.rossi@example.it', '02 1234 5678'],
        ['Mario', 'Rossi', 'mrossi@altro.example', ''],
        ['Anna', 'Verdi', 'anna@example.it', '02 1234 5678'],
        ['Mario', 'Rossi', '', ''],
      ]),
    );
    const plan = planImport({ model: new Model() }, 'x.csv', 'csv', mapCsvRows(a, a.mapping, opts));
    expect(plan.rows.map((r) => r.duplicate?.reason)).toEqual([undefined, undefined, undefined, 'in-file']);
  });
});
