import { chmod, link, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame, encodeFrame, FRAME_CONTENT_TYPE } from '../../shared/host/wire';
import { startWebHost, TOKEN_HEADER } from './server';
import { loadWebSecret, WebSecretError, type WebSecretProblem } from './web-secret';

let root: string;
let data: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-secret-'));
  data = path.join(root, 'data');
  await mkdir(data);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function problemOf(promise: Promise<unknown>): Promise<WebSecretProblem | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof WebSecretError) return err.problem;
    throw err;
  }
}

const posix = process.platform !== 'win32';

describe('the web mode binding secret', () => {
  it('is created once, 0600, and read back the same on every start', async () => {
    const first = await loadWebSecret(data);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    if (posix) expect((await stat(path.join(data, 'web-secret'))).mode & 0o777).toBe(0o600);
    expect(await loadWebSecret(data)).toBe(first);
    await mkdir(path.join(root, 'other'));
    expect(await loadWebSecret(path.join(root, 'other'))).not.toBe(first);
  });

  it.runIf(posix)('refuses a symbolic link, even to a good secret, without touching its target', async () => {
    const elsewhere = path.join(root, 'planted');
    await writeFile(elsewhere, `${'a'.repeat(64)}\n`, { mode: 0o600 });
    await symlink(elsewhere, path.join(data, 'web-secret'));
    expect(await problemOf(loadWebSecret(data))).toBe('symlink');
    expect(await readFile(elsewhere, 'utf8')).toBe(`${'a'.repeat(64)}\n`);
  });

  it.runIf(posix)(
    'refuses a hard-linked secret, one readable by others, and one not written by Scrigno',
    async () => {
      await loadWebSecret(data);
      const file = path.join(data, 'web-secret');
      await link(file, path.join(root, 'copy'));
      expect(await problemOf(loadWebSecret(data))).toBe('hard-linked');
      await rm(path.join(root, 'copy'));
      await chmod(file, 0o640);
      expect(await problemOf(loadWebSecret(data))).toBe('readable-by-others');
      await chmod(file, 0o600);
      expect(await problemOf(loadWebSecret(data))).toBe('ok');
      await writeFile(file, 'guess\n');
      expect(await problemOf(loadWebSecret(data))).toBe('malformed');
      await rm(file);
      await mkdir(file);
      expect(await problemOf(loadWebSecret(data))).toBe('not-a-file');
    },
  );

  it.runIf(posix)('refuses a secret owned by another user', async () => {
    await loadWebSecret(data);
    // The file is ours; seen from another account's process it is someone else's.
    const uid = vi.spyOn(process, 'getuid').mockReturnValue((process.getuid?.() ?? 0) + 1);
    try {
      expect(await problemOf(loadWebSecret(data))).toBe('foreign-owner');
    } finally {
      uid.mockRestore();
    }
    expect(await problemOf(loadWebSecret(data))).toBe('ok');
  });

  it('says what is wrong in one sentence, without the full path', async () => {
    const message = new WebSecretError('readable-by-others').message;
    expect(message).toContain('web-secret');
    expect(message).toContain('0600');
    expect(message).not.toContain(os.homedir());
    expect(message.split('\n')).toHaveLength(1);
  });

  it.runIf(posix)('stops the server from starting when the secret is refused', async () => {
    await writeFile(path.join(data, 'web-secret'), `${'b'.repeat(64)}\n`, { mode: 0o644 });
    await chmod(path.join(data, 'web-secret'), 0o644);
    await expect(startWebHost({ rendererDir: root, dataDir: data, version: '1', port: 0 })).rejects.toThrow(
      WebSecretError,
    );
  });

  it('hands the secret to a page only past the token check', async () => {
    const host = await startWebHost({ rendererDir: root, dataDir: data, version: '1' });
    try {
      const ask = (token: string) =>
        fetch(`${host.origin}/host/call`, {
          method: 'POST',
          headers: { 'Content-Type': FRAME_CONTENT_TYPE, Origin: host.origin, [TOKEN_HEADER]: token },
          body: encodeFrame({ channel: 'app:key-binding', input: {} }),
        });
      const good = await ask(host.token);
      expect(decodeFrame(new Uint8Array(await good.arrayBuffer()))).toEqual({
        ok: true,
        value: { secret: await loadWebSecret(data) },
      });
      const bad = await ask('0'.repeat(64));
      expect(bad.status).toBe(401);
      expect(await bad.text()).not.toContain(await loadWebSecret(data));
    } finally {
      await host.close();
    }
  });

  it.runIf(posix)('refuses a secret that is not exactly 64 lower-case hex digits', async () => {
    await loadWebSecret(data);
    const file = path.join(data, 'web-secret');
    const hex = '0123456789abcdef'.repeat(4);
    for (const text of [
      `${hex}0\n`,
      `z${hex}\n`,
      `${hex.slice(1)}\n`,
      `${hex.toUpperCase()}\n`,
      `${hex.slice(0, 63)}g\n`,
      '\n',
    ]) {
      await writeFile(file, text);
      expect(await problemOf(loadWebSecret(data)), JSON.stringify(text)).toBe('malformed');
    }
    await writeFile(file, `  ${hex}\n\n`);
    expect(await loadWebSecret(data)).toBe(hex);
  });

  it('passes on a failure to create the file that is not "already there"', async () => {
    const missing = path.join(root, 'no-such-folder');
    await expect(loadWebSecret(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(loadWebSecret(missing)).rejects.not.toBeInstanceOf(WebSecretError);
  });

  it.runIf(posix)(
    'passes on a data folder it cannot reach, rather than judging a secret it never saw',
    async () => {
      // A folder on the way that is a loop of symbolic links: creating fails, and so would reading.
      await symlink(path.join(root, 'loop'), path.join(root, 'loop'));
      const unreachable = path.join(root, 'loop', 'data');
      await expect(loadWebSecret(unreachable)).rejects.toMatchObject({ code: 'ELOOP' });
    },
  );

  it('has one sentence for each problem, naming what is wrong', async () => {
    // The sentences are built when the module loads: load it afresh, so that they are the ones checked.
    vi.resetModules();
    const fresh = await import('./web-secret');
    const expected: Record<WebSecretProblem, string> = {
      symlink: 'is a symbolic link',
      'not-a-file': 'is not a regular file',
      'hard-linked': 'has more than one hard link',
      'readable-by-others': 'can be read or changed by other users (it must be 0600)',
      'foreign-owner': 'belongs to another user',
      malformed: 'does not hold a secret written by Scrigno',
    };
    for (const [problem, words] of Object.entries(expected) as [WebSecretProblem, string][]) {
      const error = new fresh.WebSecretError(problem);
      expect(error.name).toBe('WebSecretError');
      expect(error.problem).toBe(problem);
      expect(error.message).toBe(
        `The web mode's secret file (web-secret in its data folder) ${words}, so Scrigno did not start. ` +
          'Delete that file and start again: your vault will then ask for its recovery key once.',
      );
    }
  });

  it.runIf(posix)('is created under its own name inside the data folder', async () => {
    vi.resetModules();
    const fresh = await import('./web-secret');
    const secret = await fresh.loadWebSecret(data);
    expect(fresh.WEB_SECRET_FILE).toBe('web-secret');
    expect(await readFile(path.join(data, 'web-secret'), 'utf8')).toBe(`${secret}\n`);
  });

  it.runIf(posix)('checks no modes or owner on Windows, where the profile folder protects it', async () => {
    await loadWebSecret(data);
    await chmod(path.join(data, 'web-secret'), 0o644);
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    try {
      expect(await problemOf(loadWebSecret(data))).toBe('ok');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(await problemOf(loadWebSecret(data))).toBe('readable-by-others');
  });

  it.runIf(posix)('checks the owner only where the system has user ids', async () => {
    await loadWebSecret(data);
    const getuid = Object.getOwnPropertyDescriptor(process, 'getuid')!;
    Object.defineProperty(process, 'getuid', { ...getuid, value: undefined });
    try {
      expect(await problemOf(loadWebSecret(data))).toBe('ok');
    } finally {
      Object.defineProperty(process, 'getuid', getuid);
    }
  });

  it.runIf(process.platform === 'linux')(
    'closes every file it opens, whether it creates, reads or refuses',
    async () => {
      const openFiles = () => readdirSync('/proc/self/fd').length;
      const before = openFiles();
      await loadWebSecret(data); // created, then read
      await loadWebSecret(data); // read
      await chmod(path.join(data, 'web-secret'), 0o644);
      expect(await problemOf(loadWebSecret(data))).toBe('readable-by-others');
      expect(openFiles()).toBe(before);
    },
  );
});
