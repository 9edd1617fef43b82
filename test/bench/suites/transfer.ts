// Import and export at scale. `import.csv_ms`: a Google Contacts CSV of `size` rows generated from
// the dataset, parsed, mapped, checked, stored in one batch and searchable; beside it papaparse
// parsing the same text (`csv.parse_only_ms`). `archive.export_ms` / `archive.import_ms`: the
// portable archive of the generated dataset, built in memory (the page has no host to write to),
// and imported into a fresh vault (its records checked in the import worker, as in the app). The
// CSV import runs on the page here: the figure is the work itself.
// `archive.export_cpu_ms` / `archive.import_cpu_ms`: the CPU time every browser thread spent on
// each (Linux): divided by the number of cores, the least time the step could take on this machine.
import Papa from 'papaparse';
import { analyzeCsv, archiveData, mapCsvRows, writeCsv } from '../../../shared/formats';
import { openWorkspace } from '../../../renderer/session/workspace';
import { createVault, Model } from '../../../renderer/vault';
import { FAST_TEST_KDF_POLICY } from '../../../renderer/vault/test-support';
import { commitArchiveImport, exportArchive, openArchive, planArchiveImport, vaultRecords } from '../../../renderer/features/import-export/archive-service';
import { commitImport, planImport } from '../../../renderer/features/import-export/import-service';
import { generateDataset, type Dataset } from '../../fixtures/generate';
import { collectGarbage, settle, timed } from '../harness/measure';
import type { BenchContext, BenchSuite } from '../harness/types';

const PASSPHRASE = 'Bench transfer lanterna verde 42';
const opts = { locale: 'it-IT', defaultCountry: 'IT' };

/** The dataset's people as a current-style Google Contacts export. */
function googleCsv(data: Dataset): string {
  const orgName = new Map(data.organizations.map((o) => [o.id as string, o.name]));
  const rows = [['First Name', 'Last Name', 'Organization Name', 'Organization Title', 'Birthday', 'Notes', 'E-mail 1 - Label', 'E-mail 1 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Address 1 - City', 'Address 1 - Country']];
  for (const p of data.people) {
    rows.push([
      p.givenName,
      p.familyName,
      p.organizations[0] ? (orgName.get(p.organizations[0].organizationId) ?? '') : '',
      p.jobTitle ?? '',
      p.birthday ?? '',
      p.notes ?? '',
      '* Work',
      p.emails.map((e) => e.address).join(' ::: '),
      'Mobile',
      p.phones.map((x) => x.number).join(' ::: '),
      p.addresses[0]?.city ?? '',
      p.addresses[0]?.country ?? '',
    ]);
  }
  return writeCsv(rows);
}

async function freshWorkspace(name: string) {
  const { vault } = await createVault(PASSPHRASE, { dbName: `${name}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY });
  return openWorkspace(vault, await vault.loadAll(), 'bench');
}

const suite: BenchSuite = {
  name: 'transfer',
  async run(ctx: BenchContext) {
    const data = generateDataset({ contacts: ctx.size, seed: ctx.seed });
    const text = googleCsv(data);
    const bytes = new TextEncoder().encode(text);
    ctx.progress(`CSV of ${ctx.size} rows, ${(bytes.length / 1048576).toFixed(1)} MB`);

    await settle();
    const parsed = await timed(() => Papa.parse<string[]>(text, { skipEmptyLines: true }));
    ctx.record('csv.parse_only_ms', parsed.ms, 'ms');

    const ws = await freshWorkspace('bench-transfer-csv');
    collectGarbage();
    await settle();
    const probe = data.people.at(-1)!;
    ctx.progress('CSV import');
    const imported = await timed(async () => {
      const a = analyzeCsv(bytes);
      const results = mapCsvRows(a, a.mapping, opts);
      const plan = planImport(ws, 'contacts.csv', 'csv', results);
      const log = await commitImport(ws, plan, new Map(), 'create');
      // Searchable: the index follows the model, so the last row is found once the commit returns.
      const hits = ws.search.allHits(probe.familyName, 'person').length;
      return { log, hits };
    });
    ctx.record('import.csv_ms', imported.ms, 'ms', 'csv.parse_only_ms', 10_000);
    ctx.record('import.csv_created', imported.result.log.counts.created, 'count');
    ctx.record('import.csv_rejected', imported.result.log.counts.rejected, 'count');
    ctx.record('import.csv_skipped_duplicates', imported.result.log.counts.skipped, 'count');
    ws.dispose();

    // The archive of the whole generated dataset, from an in-memory model as a cold open leaves it:
    // records parsed from JSON, so flat strings (the generator's template strings are V8 ropes,
    // which the first serialisation would have to flatten on the clock).
    const model = Model.fromRecords(
      (
        [
          ['people', data.people],
          ['organizations', data.organizations],
          ['deals', data.deals],
          ['pipelines', data.pipelines],
          ['activities', data.activities],
          ['tasks', data.tasks],
          ['tags', data.tags],
        ] as const
      ).flatMap(([table, rows]) =>
        (JSON.parse(JSON.stringify(rows)) as typeof rows).map((r) => ({ table, id: r.id, data: r, schemaVersion: 1 })),
      ),
    );
    // Baselines: serialising the archive's data document alone, and parsing it back, the floor
    // under everything else an export (CSV, vCard, calendar, deflate, hashes) and an import
    // (inflate, schema checks, encryption, storage) add.
    collectGarbage();
    await settle();
    const doc = archiveData(vaultRecords(model, { includeTrash: true }), Date.now());
    const json = await timed(() => JSON.stringify(doc));
    ctx.record('archive.json_stringify_ms', json.ms, 'ms');
    const parsedBack = await timed(() => (JSON.parse(json.result) as unknown) !== null);
    ctx.record('archive.json_parse_ms', parsedBack.ms, 'ms');
    collectGarbage();
    await settle();
    ctx.progress('archive export');
    const exportCpu = await ctx.cpuMs();
    const exported = await timed(() => exportArchive({ model }, { appVersion: 'bench', protection: { plaintext: true }, includeTrash: true }));
    const exportCpuEnd = await ctx.cpuMs();
    ctx.record('archive.export_ms', exported.ms, 'ms', 'archive.json_stringify_ms', 5_000);
    // Every core's work together: on two cores the export cannot take less than half of it.
    if (exportCpu !== undefined && exportCpuEnd !== undefined)
      ctx.record('archive.export_cpu_ms', exportCpuEnd - exportCpu, 'ms');
    ctx.record('archive.size_mb', exported.result.length / 1048576, 'mb');

    const target = await freshWorkspace('bench-transfer-archive');
    collectGarbage();
    await settle();
    ctx.progress('archive import');
    const importCpu = await ctx.cpuMs();
    const restored = await timed(async () => {
      const contents = await openArchive(exported.result);
      await commitArchiveImport(target, planArchiveImport(target, contents), 'archive.zip');
    });
    const importCpuEnd = await ctx.cpuMs();
    ctx.record('archive.import_ms', restored.ms, 'ms', 'archive.json_parse_ms', 10_000);
    if (importCpu !== undefined && importCpuEnd !== undefined)
      ctx.record('archive.import_cpu_ms', importCpuEnd - importCpu, 'ms');
    ctx.progress('done');
    target.dispose();
  },
};

export default suite;
