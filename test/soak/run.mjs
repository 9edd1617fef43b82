// Soak runner: bundles the TypeScript harness with esbuild into a temporary module and runs it.
//   node test/soak/run.mjs [--iterations=1000] [--seed=n]
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside node_modules so that the bundle still resolves esbuild (the harness bundles the child).
const cache = join(root, 'node_modules', '.cache');
await mkdir(cache, { recursive: true });
const out = await mkdtemp(join(cache, 'scrigno-soak-'));
const bundle = join(out, 'soak.mjs');
try {
  await build({
    entryPoints: [join(root, 'test', 'soak', 'soak-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    external: ['esbuild'],
    logLevel: 'warning',
  });
  process.env.SCRIGNO_ROOT = root;
  // The bundle exits the process itself with the harness's verdict.
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  await import(pathToFileURL(bundle).href);
} catch (error) {
  await rm(out, { recursive: true, force: true });
  throw error;
}
