// The office relay as the desktop app hosts it, with the real relay, and the `relay:*` channels
// through the same dispatch as IPC (Electron) and the web mode.
import { createServer } from 'node:net';
import type os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cleanUp, tempDir, tokenProtocols } from '../../test/relay/harness';
import { relayErrorCodes } from '../../shared/host/contract';
import { translate } from '../../shared/i18n';
import { newSpaceId, newToken } from '../relay/space-tokens';
import { dispatchHostCall } from './host/dispatch';
import { FolderGrants } from './host/folders';
import { createHostHandlers } from './host/handlers';
import { createRelayHost, lanAddresses, type RelayHost } from './relay-host';

const hosts: RelayHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await cleanUp();
});

const lan = (): NodeJS.Dict<os.NetworkInterfaceInfo[]> => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as os.NetworkInterfaceInfo],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false } as os.NetworkInterfaceInfo,
    { address: 'fe80::1', family: 'IPv6', internal: false } as os.NetworkInterfaceInfo,
  ],
});

/** A port free right now, chosen by the system. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function call(host: RelayHost | undefined, channel: string, input: unknown) {
  const grants = new FolderGrants(path.join(await tempDir(), 'grants.json'));
  const handlers = createHostHandlers({
    grants,
    appInfo: { name: 'Scrigno', version: '1', platform: 'linux', locale: 'en' },
    transport: host ? 'electron' : 'web',
    pickFolder: async () => null,
    openExternal: async () => undefined,
    ...(host ? { relay: host } : {}),
  });
  return dispatchHostCall(handlers, channel, input);
}

/**
 * Whether the relay lets a client into a space: an admitted one gets the relay's first sync
 * message; a refused one is closed with a 44xx code before any message.
 */
function opens(url: string, spaceId: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url}/${spaceId}`, tokenProtocols(token));
    socket.on('message', () => {
      socket.close();
      resolve(true);
    });
    socket.on('close', () => resolve(false));
    socket.on('error', () => resolve(false));
  });
}

describe('the office relay', () => {
  it('starts on the LAN, answers the addresses to pair with, and lets in only the spaces given', async () => {
    const host = createRelayHost({ dataDir: await tempDir(), networkInterfaces: lan });
    hosts.push(host);
    const port = await freePort();
    const spaceId = newSpaceId();
    const token = newToken();
    expect(await call(host, 'relay:status', {})).toEqual({
      ok: true,
      value: { state: 'stopped', port: null, addresses: [], localUrl: null, error: null },
    });
    expect(await call(host, 'relay:start', { spaceId, token, port })).toEqual({
      ok: true,
      value: {
        state: 'running',
        port,
        addresses: [`ws://192.168.1.20:${port}`],
        localUrl: `ws://127.0.0.1:${port}`,
        error: null,
      },
    });
    const local = `ws://127.0.0.1:${port}`;
    expect(await opens(local, spaceId, token)).toBe(true);
    expect(await opens(local, spaceId, newToken())).toBe(false);
    // A second space on the running relay.
    const second = { spaceId: newSpaceId(), token: newToken() };
    expect(await call(host, 'relay:start', { ...second, port })).toMatchObject({
      value: { state: 'running' },
    });
    expect(await opens(local, second.spaceId, second.token)).toBe(true);

    expect(await call(host, 'relay:stop', {})).toEqual({
      ok: true,
      value: { state: 'stopped', port: null, addresses: [], localUrl: null, error: null },
    });
    expect(await opens(local, spaceId, token)).toBe(false);
    expect(host.running()).toBe(false);
  });

  it('says the port is in use instead of failing, and starts once it is free', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', resolve));
    const host = createRelayHost({ dataDir: await tempDir(), networkInterfaces: lan });
    hosts.push(host);
    const input = { spaceId: newSpaceId(), token: newToken(), port };
    expect(await call(host, 'relay:start', input)).toEqual({
      ok: true,
      value: { state: 'failed', port: null, addresses: [], localUrl: null, error: 'port-in-use' },
    });
    expect(host.status().error).toBe('port-in-use');
    await new Promise((resolve) => blocker.close(resolve));
    expect(await call(host, 'relay:start', input)).toMatchObject({ value: { state: 'running', port } });
  });

  it('reports a relay that cannot load as unavailable', async () => {
    const host = createRelayHost({
      dataDir: await tempDir(),
      startRelay: async () => {
        throw Object.assign(new Error('Cannot find module'), { code: 'MODULE_NOT_FOUND' });
      },
    });
    expect(await host.start({ spaceId: newSpaceId(), token: newToken() })).toMatchObject({
      state: 'failed',
      error: 'unavailable',
    });
  });

  it('refuses malformed space ids and tokens at the contract', async () => {
    const host = createRelayHost({ dataDir: await tempDir() });
    for (const input of [
      { spaceId: 'a/b', token: newToken() },
      { spaceId: newSpaceId(), token: 'short' },
      { spaceId: newSpaceId(), token: newToken(), port: 80 },
    ]) {
      expect(await call(host, 'relay:start', input)).toEqual({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(host.running()).toBe(false);
  });

  it('is unsupported in the web mode', async () => {
    for (const [channel, input] of [
      ['relay:start', { spaceId: newSpaceId(), token: newToken() }],
      ['relay:stop', {}],
      ['relay:status', {}],
    ] as const) {
      expect(await call(undefined, channel, input)).toEqual({
        ok: true,
        value: { state: 'unsupported', port: null, addresses: [], localUrl: null, error: null },
      });
    }
  });

  it('lists only external IPv4 addresses', () => {
    expect(lanAddresses(lan(), 4719)).toEqual(['ws://192.168.1.20:4719']);
    expect(lanAddresses({}, 4719)).toEqual([]);
  });

  it('has a sentence for every error code and state, in Italian and English', () => {
    for (const language of ['en', 'it'] as const) {
      const keys = [
        ...relayErrorCodes.map((code) => `relay.errors.${code}`),
        ...['stopped', 'running', 'failed', 'unsupported'].map((state) => `relay.states.${state}`),
      ];
      for (const key of keys) expect(translate(language, key)).not.toBe(key);
    }
    expect(translate('it', 'relay.errors.port-in-use')).toContain('{{port}}');
  });
});
