// Bundles the relay's command line (electron/relay/cli.ts) into one ES module with esbuild.
// Packages stay outside the bundle and load from node_modules: LevelDB is a native module.
import { build } from 'esbuild';

/** Builds `electron/relay/cli.ts` into `outfile`. */
export async function bundleRelay(outfile) {
  await build({
    entryPoints: [new URL('../../electron/relay/cli.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
}
