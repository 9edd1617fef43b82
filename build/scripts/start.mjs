// `npm start`: builds and opens the Electron app, fetching the Electron binary first when it is
// missing (see electron-binary.mjs); offline, it says so in one paragraph and points to the web mode.
import { spawn, spawnSync } from 'node:child_process';
import { ensureElectronBinary, failureParagraph } from './electron-binary.mjs';

let binary;
try {
  binary = await ensureElectronBinary();
} catch (error) {
  process.stderr.write(`\n${failureParagraph(error)}\n`);
  process.exit(1);
}

const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
