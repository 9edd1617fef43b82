import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebHost, type WebHost } from './server';

vi.mock('./server', () => ({ startWebHost: vi.fn() }));

const start = vi.mocked(startWebHost);
const here = path.dirname(fileURLToPath(import.meta.url));

/** process.exit, which the entry calls to end; it stops the module where it was called. */
class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${String(code)}`);
  }
}

let out: string[];
let err: string[];
let exits: (number | undefined)[];
let signals: Map<string, () => void>;
let throwOnExit: boolean;
const ENV_KEYS = ['SCRIGNO_WEB_PORT', 'SCRIGNO_WEB_DATA', 'npm_package_version'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

beforeEach(() => {
  vi.resetModules();
  start.mockReset();
  out = [];
  err = [];
  exits = [];
  signals = new Map();
  throwOnExit = true;
  for (const key of ENV_KEYS) delete process.env[key];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    exits.push(code === undefined || code === null ? undefined : Number(code));
    if (throwOnExit) throw new Exit(code === undefined || code === null ? undefined : Number(code));
    return undefined as never;
  });
  vi.spyOn(process, 'on').mockImplementation((event, listener) => {
    signals.set(String(event), listener as () => void);
    return process;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

function fakeHost(close = vi.fn(async () => undefined)): WebHost {
  return {
    url: 'http://127.0.0.1:4718/#token=abc',
    origin: 'http://127.0.0.1:4718',
    token: 'abc',
    emit: vi.fn(),
    menuEnabled: () => null,
    close,
  };
}

async function run(): Promise<unknown> {
  try {
    await import('./cli');
    return 'ran';
  } catch (error) {
    if (error instanceof Exit) return error;
    throw error;
  }
}

describe('npm run web', () => {
  it('starts on port 4718 with the data folder in the home folder, and prints the address', async () => {
    start.mockResolvedValue(fakeHost());
    expect(await run()).toBe('ran');
    expect(start).toHaveBeenCalledTimes(1);
    expect(start).toHaveBeenCalledWith({
      rendererDir: path.resolve(here, '../renderer'),
      dataDir: path.join(os.homedir(), '.scrigno-web'),
      port: 4718,
      version: '0.0.0',
    });
    expect(out.join('')).toBe('Scrigno web mode: open http://127.0.0.1:4718/#token=abc\n(Ctrl-C to stop)\n');
    expect(err).toEqual([]);
    expect(exits).toEqual([]);
  });

  it('takes the port, data folder and version from the environment', async () => {
    start.mockResolvedValue(fakeHost());
    for (const port of ['1', '65535']) {
      vi.resetModules();
      start.mockClear();
      process.env.SCRIGNO_WEB_PORT = port;
      process.env.SCRIGNO_WEB_DATA = '/srv/scrigno-data';
      process.env.npm_package_version = '2.3.4';
      expect(await run()).toBe('ran');
      expect(start).toHaveBeenCalledWith(
        expect.objectContaining({ port: Number(port), dataDir: '/srv/scrigno-data', version: '2.3.4' }),
      );
    }
  });

  it('refuses a port that is not a whole number from 1 to 65535 with one sentence, before starting', async () => {
    for (const port of ['0', '65536', '-1', '1.5', 'http', '']) {
      vi.resetModules();
      err = [];
      exits = [];
      process.env.SCRIGNO_WEB_PORT = port;
      expect(await run(), port).toBeInstanceOf(Exit);
      expect(exits, port).toEqual([1]);
      expect(err, port).toEqual([
        "Scrigno's web mode cannot start: SCRIGNO_WEB_PORT must be a whole number from 1 to 65535.\n",
      ]);
    }
    expect(start).not.toHaveBeenCalled();
    expect(out).toEqual([]);
  });

  it('says in one sentence why the server did not start, and ends with status 1', async () => {
    start.mockRejectedValue(
      Object.assign(new Error('listen EADDRINUSE /home/mario.rossi'), { code: 'EADDRINUSE' }),
    );
    process.env.SCRIGNO_WEB_PORT = '5000';
    expect(await run()).toBeInstanceOf(Exit);
    expect(exits).toEqual([1]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('port 5000 on 127.0.0.1 is already in use');
    expect(err[0]).not.toContain('mario');
    expect(err[0]!.endsWith('.\n')).toBe(true);
    expect(out).toEqual([]);
  });

  it('closes the server on Ctrl-C or a termination signal, then ends with status 0', async () => {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      vi.resetModules();
      exits = [];
      signals.clear();
      throwOnExit = false;
      const close = vi.fn(async () => undefined);
      start.mockResolvedValue(fakeHost(close));
      expect(await run()).toBe('ran');
      expect([...signals.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
      expect(close).not.toHaveBeenCalled();
      signals.get(signal)!();
      await vi.waitFor(() => expect(exits).toEqual([0]));
      expect(close).toHaveBeenCalledTimes(1);
    }
  });
});
