// Bundles the Electron main process, the preload and the web-mode server with esbuild, and
// puts the tray icon beside them.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', sourcemap: false };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    // LevelDB (the office relay's storage) is a native module: loaded from node_modules, and only
    // when the relay starts.
    external: ['electron', 'classic-level', 'leveldown'],
  }),
  // Sandboxed preloads may only require('electron'): everything else is bundled in.
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  build({ ...common, entryPoints: ['electron/web/cli.ts'], outfile: 'dist/web/server.mjs', format: 'esm' }),
]);

// The tray icon, beside main.cjs in the package (the PNG renders on every platform's tray).
await mkdir('dist/electron', { recursive: true });
await copyFile('build/icons/32x32.png', 'dist/electron/tray.png');
