import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../shared/host/wire';
import { startWebHost, TOKEN_HEADER, type WebHost } from './server';

let root: string;
let host: WebHost;
let chosen: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-web-'));
  const rendererDir = path.join(root, 'renderer');
  chosen = path.join(root, 'chosen');
  await mkdir(rendererDir);
  await mkdir(chosen);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Scrigno</title>');
  await writeFile(path.join(root, 'outside.txt'), 'not served');
  host = await startWebHost({
    rendererDir,
    dataDir: path.join(root, 'data'),
    version: '9.9.9',
    pickFolder: async () => chosen,
  });
});

afterEach(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

async function hostCall(channel: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${host.origin}/host/call`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: host.origin,
      [TOKEN_HEADER]: host.token,
      ...headers,
    },
    body: encodeWire({ channel, input }),
  });
  return { status: res.status, body: decodeWire(await res.text()) };
}

describe('web-mode host', () => {
  it('is bound to loopback and carries the token only in the fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token).toMatch(/^[a-f0-9]{64}$/);
  });

  it('serves the renderer with the Content-Security-Policy', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await res.text()).toContain('<title>Scrigno</title>');
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt']) {
      const res = await fetch(`${host.origin}${p}`);
      expect(await res.text()).not.toContain('not served');
    }
  });

  it('answers a call with the right token and origin', async () => {
    const { status, body } = await hostCall('app:info', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, value: { name: 'Scrigno', version: '9.9.9', transport: 'web' } });
  });

  it('carries bytes both ways', async () => {
    const chosenCall = await hostCall('dialog:choose-folder', { purpose: 'backups' });
    const { folderId } = (chosenCall.body as { value: { folderId: string } }).value;
    const data = new Uint8Array(70_000).map((_, i) => i % 251);
    expect((await hostCall('file:write', { folderId, name: 'b.bin', data, mode: 'create' })).body).toEqual({
      ok: true,
      value: { size: 70_000 },
    });
    const read = (await hostCall('file:read', { folderId, name: 'b.bin' })).body as {
      value: { data: Uint8Array };
    };
    expect(read.value.data).toEqual(data);
  });

  it('refuses a wrong or missing token, and nothing is written', async () => {
    const chosenCall = await hostCall('dialog:choose-folder', { purpose: 'backups' });
    const { folderId } = (chosenCall.body as { value: { folderId: string } }).value;
    const input = { folderId, name: 'x.bin', data: new Uint8Array([1]), mode: 'create' };
    const wrong = await hostCall('file:write', input, { [TOKEN_HEADER]: 'f'.repeat(64) });
    expect(wrong).toEqual({ status: 401, body: { ok: false, error: { code: 'bad-token' } } });
    const res = await fetch(`${host.origin}/host/call`, {
      method: 'POST',
      headers: { Origin: host.origin },
      body: encodeWire({ channel: 'file:write', input }),
    });
    expect(res.status).toBe(401);
    expect(await readdir(chosen)).toEqual([]);
  });

  it('refuses another origin even with the token, and nothing is written', async () => {
    const chosenCall = await hostCall('dialog:choose-folder', { purpose: 'backups' });
    const { folderId } = (chosenCall.body as { value: { folderId: string } }).value;
    const input = { folderId, name: 'x.bin', data: new Uint8Array([1]), mode: 'create' };
    const evil = await hostCall('file:write', input, { Origin: 'http://evil.example' });
    expect(evil).toEqual({ status: 403, body: { ok: false, error: { code: 'bad-origin' } } });
    expect(await readdir(chosen)).toEqual([]);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${host.origin}/host/call`,
        {
          method: 'POST',
          headers: { Host: 'rebind.example', Origin: host.origin, [TOKEN_HEADER]: host.token },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end(encodeWire({ channel: 'app:info', input: {} }));
    });
    expect(status).toBe(421);
  });

  it('rejects path traversal through the transport, writing nothing', async () => {
    const chosenCall = await hostCall('dialog:choose-folder', { purpose: 'backups' });
    const { folderId } = (chosenCall.body as { value: { folderId: string } }).value;
    const { body } = await hostCall('file:write', {
      folderId,
      name: '../escaped.bin',
      data: new Uint8Array([1]),
      mode: 'create',
    });
    expect(body).toEqual({ ok: false, error: { code: 'invalid-input' } });
    expect((await readdir(root)).sort()).toEqual(['chosen', 'data', 'outside.txt', 'renderer']);
  });

  it('rejects malformed bodies with a clear code', async () => {
    const res = await fetch(`${host.origin}/host/call`, {
      method: 'POST',
      headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(decodeWire(await res.text())).toEqual({ ok: false, error: { code: 'invalid-input' } });
  });

  it('pushes host events to a listening page', async () => {
    const res = await fetch(`${host.origin}/host/events`, {
      method: 'POST',
      headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // the ": connected" comment
    host.emit('system:lock', { reason: 'suspend' });
    const { value } = await reader.read();
    expect(value).toContain('"system:lock"');
    expect(value).toContain('"suspend"');
    await reader.cancel();
  });

  it('opens no event stream for another origin or a missing token, and sends it nothing', async () => {
    for (const headers of [
      { Origin: 'http://127.0.0.1:1', [TOKEN_HEADER]: host.token },
      { Origin: host.origin },
    ]) {
      const res = await fetch(`${host.origin}/host/events`, { method: 'POST', headers });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('content-type')).not.toContain('text/event-stream');
      host.emit('system:lock', { reason: 'suspend' });
      expect(await res.text()).not.toContain('system:lock');
    }
  });

  it('accepts the menu state (there is no menu here) and keeps the last one', async () => {
    const { menuCommandIds } = await import('../../shared/commands/catalog');
    expect(host.menuEnabled()).toBeNull();
    const enabled = Object.fromEntries(menuCommandIds.map((id) => [id, id === 'vault.lock']));
    expect(await hostCall('menu:set-enabled', { enabled })).toEqual({
      status: 200,
      body: { ok: true, value: {} },
    });
    expect(host.menuEnabled()).toEqual(enabled);
    expect((await hostCall('menu:set-enabled', { enabled: { 'vault.lock': true } })).body).toEqual({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(host.menuEnabled()).toEqual(enabled);
  });
});
