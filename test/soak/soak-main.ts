// `npm run soak -- [--iterations=1000] [--seed=n]`: the crash harness at soak length.
import path from 'node:path';
import { runKillIterations } from './backup-kill';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const iterations = Number(args.get('iterations') ?? 1000);
const seed = Number(args.get('seed') ?? Date.now() % 1_000_000);
const root = process.env.SCRIGNO_ROOT ?? process.cwd();

const started = performance.now();
process.stderr.write(`[soak] backup kill harness: ${iterations} iterations, seed ${seed}\n`);
const report = await runKillIterations({
  iterations,
  seed,
  childEntry: path.join(root, 'test', 'soak', 'writer-child.ts'),
  onProgress: (done) => {
    if (done % 50 === 0) process.stderr.write(`[soak] ${done}/${iterations}\n`);
  },
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `iterations ${report.iterations}, acknowledged backups ${report.acknowledged}, temp files left by kills ${report.tempFilesSeen}, ` +
    `violations ${report.violations.length}, ${seconds} s (seed ${seed})\n`,
);
for (const violation of report.violations.slice(0, 20)) process.stdout.write(`  ${violation}\n`);
process.exit(report.violations.length === 0 ? 0 : 1);
