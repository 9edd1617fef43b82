// `npm start`: builds and opens the Electron app, or explains why it cannot.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const binary = existsSync(pathFile)
  ? path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  : null;

if (!binary || !existsSync(binary)) {
  process.stderr.write(
    [
      'Scrigno cannot start the desktop app: the Electron binary is not installed.',
      'The electron package installs its binary with a download in its install script; that',
      'script did not run (npm asks to approve install scripts) or the download was blocked.',
      'Try: npm install-scripts approve electron && npm rebuild electron',
      'Meanwhile the same app runs in your browser: npm run web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
