// `npm run fuzz -- [--runs=n]`: every parser fuzz test (`*.fuzz.test.ts`: the import formats,
// backup files and key ledgers, the web transport's request frames in shared/host) with n inputs
// per parser (default 100,000; `npm test` runs them with 1,000). Prints vitest's report; a failure
// shows fast-check's seed and path to replay it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = process.argv.slice(2).find((a) => a.startsWith('--runs='));
const runs = arg ? Number(arg.slice('--runs='.length)) : 100_000;
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('--runs must be a positive whole number, for example --runs=100000\n');
  process.exit(2);
}
process.stderr.write(`[fuzz] ${runs.toLocaleString('en')} inputs per parser\n`);
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(process.execPath, [vitest, 'run', '--project', 'unit', '.fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SCRIGNO_FUZZ_RUNS: String(runs) },
});
process.exit(result.status ?? 1);
