// `npm run soak -- [--power-cuts=10000] [--iterations=1000] [--seed=n]`: the power-cut simulation
// and the SIGKILL harness at soak length.
import path from 'node:path';
import { runKillIterations } from './backup-kill';
import { runPowerCutSimulation } from './power-cut';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const powerCuts = Number(args.get('power-cuts') ?? 10_000);
const iterations = Number(args.get('iterations') ?? 1000);
const seed = Number(args.get('seed') ?? Date.now() % 1_000_000);
const root = process.env.SCRIGNO_ROOT ?? process.cwd();

let started = performance.now();
process.stderr.write(`[soak] power-cut simulation: ${powerCuts} crash points, seed ${seed}\n`);
const cuts = await runPowerCutSimulation({
  crashPoints: powerCuts,
  mode: 'random',
  seed,
  onProgress: (done) => {
    if (done % 1000 === 0) process.stderr.write(`[soak] ${done}/${powerCuts}\n`);
  },
});
process.stdout.write(
  `power cuts ${cuts.crashPoints} (landed ${cuts.cutsLanded}, mid-write ${cuts.cutsMidWrite}), ` +
    `acknowledged backups found again ${cuts.acknowledgedSurvived}, recoveries ${cuts.recoveries}, ` +
    `violations ${cuts.violations.length}, ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})\n`,
);
for (const violation of cuts.violations.slice(0, 20)) process.stdout.write(`  ${violation}\n`);

started = performance.now();
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
  `kills ${report.iterations} (mid-write ${report.killsMidWrite}), acknowledged backups ${report.acknowledged}, ` +
    `temp files left by kills ${report.tempFilesSeen}, violations ${report.violations.length}, ${seconds} s (seed ${seed})\n`,
);
for (const violation of report.violations.slice(0, 20)) process.stdout.write(`  ${violation}\n`);
process.exit(report.violations.length === 0 && cuts.violations.length === 0 ? 0 : 1);
