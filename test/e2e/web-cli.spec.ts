// `npm run web` when it cannot start: one clear sentence, no stack. The script builds first, so
// this spec takes as long as a build.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** The output's last non-empty line, and checks that nothing looks like a stack or a raw error. */
function lastLine(output: string): string {
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/\b(Error|TypeError):|node:internal|EADDRINUSE|Unhandled/);
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-cli-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('npm run web when it cannot start', () => {
  it('says in one sentence that the port is taken', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => squatter.close(() => resolve())));
    const port = (squatter.address() as net.AddressInfo).port;
    const { code, output } = await run('npm', ['run', 'web'], {
      SCRIGNO_WEB_PORT: String(port),
      SCRIGNO_WEB_DATA: await tempDir(),
    });
    expect(code).not.toBe(0);
    const line = lastLine(output);
    expect(line).toBe(
      `Scrigno's web mode cannot start: port ${port} on 127.0.0.1 is already in use (another Scrigno, or another program). ` +
        `Stop it and start again, or choose another port with SCRIGNO_WEB_PORT (the browser keeps a separate vault for each port).`,
    );
  });

  it.runIf(process.platform !== 'win32')(
    'says in one sentence that the secret file cannot be trusted',
    async () => {
      const data = await tempDir();
      await writeFile(path.join(data, 'web-secret'), `${'c'.repeat(64)}\n`);
      await chmod(path.join(data, 'web-secret'), 0o644);
      // The same entry `npm run web` starts once it has built (built by the test above).
      const free = net.createServer();
      await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
      const port = (free.address() as net.AddressInfo).port;
      await new Promise((resolve) => free.close(resolve));
      const { code, output } = await run(process.execPath, ['dist/web/server.mjs'], {
        SCRIGNO_WEB_PORT: String(port),
        SCRIGNO_WEB_DATA: data,
      });
      expect(code).toBe(1);
      const line = lastLine(output);
      expect(line).toContain('can be read or changed by other users (it must be 0600)');
      expect(line).not.toContain(data);
    },
  );
});
