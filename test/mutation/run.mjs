#!/usr/bin/env node
// `npm run mutate [folder …]`: StrykerJS over the security-critical folders, one at a time, then
// one table of scores. Each folder gets its own generated config (reports/mutation/<slug>.stryker.json)
// and JSON report, so a folder can be re-run alone after its survivors are dealt with.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const reports = join(root, 'reports/mutation');
export const FOLDERS = [
  'renderer/vault',
  'renderer/backup',
  'shared/backup',
  'electron/main',
  'electron/web',
  'shared/host',
];
const TARGET = 85;

const slugOf = (folder) => folder.replaceAll('/', '-');

function configFor(folder) {
  const slug = slugOf(folder);
  return {
    $schema: '../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    testRunner: 'vitest',
    vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
    coverageAnalysis: 'perTest',
    checkers: [],
    concurrency: Number(process.env.SCRIGNO_MUTATE_CONCURRENCY ?? 2),
    ignoreStatic: true,
    timeoutMS: 20_000,
    mutate: [
      `${folder}/**/*.ts`,
      `!${folder}/**/*.test.ts`,
      `!${folder}/**/*.d.ts`,
      `!${folder}/**/test-support.ts`,
    ],
    reporters: ['clear-text', 'json', 'progress-append-only'],
    jsonReporter: { fileName: `reports/mutation/${slug}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    tempDirName: `.stryker-tmp/${slug}`,
    cleanTempDir: true,
  };
}

/** Counts per status from a mutation-testing-report-schema JSON report. */
export function scoreOf(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      if (mutant.status in counts) counts[mutant.status] += 1;
      else counts.other += 1;
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, score: valid === 0 ? 100 : (100 * detected) / valid };
}

function runFolder(folder) {
  const slug = slugOf(folder);
  const configPath = join(reports, `${slug}.stryker.json`);
  writeFileSync(configPath, JSON.stringify(configFor(folder), null, 2));
  const started = Date.now();
  const result = spawnSync('npx', ['stryker', 'run', configPath], { cwd: root, stdio: 'inherit' });
  const minutes = (Date.now() - started) / 60_000;
  const reportPath = join(reports, `${slug}.json`);
  if (result.status !== 0 || !existsSync(reportPath)) return { folder, failed: true, minutes };
  return { folder, minutes, ...scoreOf(JSON.parse(readFileSync(reportPath, 'utf8'))) };
}

function main() {
  const asked = process.argv.slice(2);
  const folders = asked.length > 0 ? asked : FOLDERS;
  mkdirSync(reports, { recursive: true });
  const rows = folders.map(runFolder);
  console.log('\n| folder | score | killed | timeout | survived | no coverage | minutes |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    if (r.failed) {
      console.log(`| ${r.folder} | run failed | | | | | ${r.minutes.toFixed(1)} |`);
      continue;
    }
    const mark = r.score >= TARGET ? '' : ` (below ${TARGET})`;
    console.log(
      `| ${r.folder} | ${r.score.toFixed(1)}%${mark} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.minutes.toFixed(1)} |`,
    );
  }
  if (rows.some((r) => r.failed)) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
