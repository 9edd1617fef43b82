import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { decodeFrame, decodeWire, encodeFrame, FRAME_CONTENT_TYPE } from '../../shared/host/wire';
import { MAX_BODY_BYTES, startWebHost, TOKEN_HEADER, type WebHost, type WebHostOptions } from './server';

let root: string;
let host: WebHost;
let chosen: string;
let pickFolder: WebHostOptions['pickFolder'];
/** A small cap, so that tests can pass it without sending hundreds of megabytes. */
const TEST_CAP = 1024 * 1024;

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
    pickFolder: (purpose) => pickFolder!(purpose),
    maxBodyBytes: TEST_CAP,
  });
  pickFolder = async () => chosen;
});

afterEach(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

/** Decodes an answer: a frame for a call that ran, JSON for a refusal before it. */
async function answer(res: Response): Promise<unknown> {
  return res.headers.get('content-type') === FRAME_CONTENT_TYPE
    ? decodeFrame(new Uint8Array(await res.arrayBuffer()))
    : decodeWire(await res.text());
}

async function hostCall(channel: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${host.origin}/host/call`, {
    method: 'POST',
    headers: {
      'Content-Type': FRAME_CONTENT_TYPE,
      Origin: host.origin,
      [TOKEN_HEADER]: host.token,
      ...headers,
    },
    body: encodeFrame({ channel, input }),
  });
  return { status: res.status, body: await answer(res) };
}

/** Sends a body with chunked encoding (no Content-Length), the way a streaming client would. */
function chunkedCall(chunks: readonly Uint8Array[]): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${host.origin}/host/call`,
      { method: 'POST', headers: { Origin: host.origin, [TOKEN_HEADER]: host.token } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(parts);
          resolve({
            status: res.statusCode ?? 0,
            body:
              res.headers['content-type'] === FRAME_CONTENT_TYPE
                ? decodeFrame(bytes)
                : decodeWire(bytes.toString('utf8')),
          });
        });
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

async function grantedFolder(): Promise<string> {
  const chosenCall = await hostCall('dialog:choose-folder', { purpose: 'backups' });
  return (chosenCall.body as { value: { folderId: string } }).value.folderId;
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
      body: encodeFrame({ channel: 'file:write', input }),
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
      req.end(encodeFrame({ channel: 'app:info', input: {} }));
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
    const attempts: Record<string, string>[] = [
      { Origin: 'http://127.0.0.1:1', [TOKEN_HEADER]: host.token },
      { Origin: host.origin },
    ];
    for (const headers of attempts) {
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

/** Sends only the request head over a raw socket and returns the answer's status line and body. */
function headOnly(target: WebHost, contentLength: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(target.origin);
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(
        [
          'POST /host/call HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          `Origin: ${target.origin}`,
          `${TOKEN_HEADER}: ${target.token}`,
          `Content-Type: ${FRAME_CONTENT_TYPE}`,
          `Content-Length: ${contentLength}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // The answer is complete once its JSON body has arrived; the body itself is never sent.
      if (/\r\n\r\n[\s\S]*\}\}/.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

describe('web-mode host under oversized or failing requests', () => {
  it('caps bodies at 256 MiB, below the longest string Node can make', async () => {
    const { constants } = await import('node:buffer');
    expect(MAX_BODY_BYTES).toBe(256 * 1024 * 1024);
    expect(MAX_BODY_BYTES).toBeLessThan(constants.MAX_STRING_LENGTH);
  });

  it('answers 413 from a Content-Length over the default cap without waiting for the body', async () => {
    const defaults = await startWebHost({
      rendererDir: root,
      dataDir: path.join(root, 'data2'),
      version: '1',
    });
    try {
      // Only the head is sent: a server that waited for 600 MB would never answer.
      const reply = await headOnly(defaults, 600 * 1024 * 1024);
      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(reply).toContain('{"ok":false,"error":{"code":"too-large"}}');
    } finally {
      await defaults.close();
    }
  });

  it('refuses a declared length over the cap with 413 too-large, writes nothing, and keeps serving', async () => {
    const folderId = await grantedFolder();
    const data = new Uint8Array(TEST_CAP + 1);
    const refused = await hostCall('file:write', { folderId, name: 'big.bin', data, mode: 'create' });
    expect(refused).toEqual({ status: 413, body: { ok: false, error: { code: 'too-large' } } });
    expect(await readdir(chosen)).toEqual([]);
    expect((await hostCall('app:info', {})).status).toBe(200);
  });

  it('refuses a chunked body as soon as it passes the cap, and writes nothing of it', async () => {
    const folderId = await grantedFolder();
    // A well-formed call: without the cap while streaming it would be read whole and written.
    const frame = encodeFrame({
      channel: 'file:write',
      input: {
        folderId,
        name: 'streamed.bin',
        data: new Uint8Array(TEST_CAP + 200_000).fill(7),
        mode: 'create',
      },
    });
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < frame.length; at += 64 * 1024) chunks.push(frame.subarray(at, at + 64 * 1024));
    expect(await chunkedCall(chunks)).toEqual({
      status: 413,
      body: { ok: false, error: { code: 'too-large' } },
    });
    expect(await readdir(chosen)).toEqual([]);
    // A chunked body under the cap is read as usual.
    const small = encodeFrame({ channel: 'app:info', input: {} });
    expect(await chunkedCall([small.subarray(0, 5), small.subarray(5)])).toMatchObject({
      status: 200,
      body: { ok: true, value: { name: 'Scrigno' } },
    });
  });

  it('answers a failing handler with `internal` only, and serves the next call', async () => {
    pickFolder = async () => {
      throw new Error('EACCES: permission denied, open /home/mario.rossi/Clienti');
    };
    const res = await fetch(`${host.origin}/host/call`, {
      method: 'POST',
      headers: { 'Content-Type': FRAME_CONTENT_TYPE, Origin: host.origin, [TOKEN_HEADER]: host.token },
      body: encodeFrame({ channel: 'dialog:choose-folder', input: { purpose: 'backups' } }),
    });
    const raw = new Uint8Array(await res.arrayBuffer());
    expect(decodeFrame(raw)).toEqual({ ok: false, error: { code: 'internal' } });
    const text = new TextDecoder().decode(raw);
    expect(text).not.toContain('mario');
    expect(text).not.toContain('EACCES');
    expect(text).not.toContain('at ');
    pickFolder = async () => {
      // A handler that fails with something that is not an Error at all.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { path: '/home/mario.rossi' };
    };
    expect((await hostCall('dialog:choose-folder', { purpose: 'export' })).body).toEqual({
      ok: false,
      error: { code: 'internal' },
    });
    expect(await hostCall('app:info', {})).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('refuses a body that is not a frame (old JSON, a truncated frame) with invalid-input', async () => {
    const good = encodeFrame({ channel: 'app:info', input: {} });
    for (const body of [
      new TextEncoder().encode('{"channel":"app:info","input":{}}'),
      good.subarray(0, good.length - 1),
    ]) {
      const res = await fetch(`${host.origin}/host/call`, {
        method: 'POST',
        headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
        body: body.slice(),
      });
      expect(res.status).toBe(400);
      expect(await answer(res)).toEqual({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});

/** A request with the headers given and nothing added (fetch would add an Origin of its own choosing). */
function rawRequest(
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${host.origin}${urlPath}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const refusal = (code: string) => ({ ok: false, error: { code } });

describe('web-mode host: answers and refusals', () => {
  it('answers a call with an uncached frame of the declared length', async () => {
    const res = await fetch(`${host.origin}/host/call`, {
      method: 'POST',
      headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
      body: encodeFrame({ channel: 'app:info', input: {} }),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get('content-type')).toBe(FRAME_CONTENT_TYPE);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(decodeFrame(bytes)).toMatchObject({
      ok: true,
      value: { name: 'Scrigno', platform: process.platform, transport: 'web' },
    });
  });

  it('answers a frame that holds no call with unknown-channel, as a frame', async () => {
    for (const value of [null, undefined, 7]) {
      const res = await fetch(`${host.origin}/host/call`, {
        method: 'POST',
        headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
        body: encodeFrame(value),
      });
      expect(res.status).toBe(200);
      expect(await answer(res)).toEqual(refusal('unknown-channel'));
    }
  });

  it('sends refusals as uncached JSON', async () => {
    const res = await fetch(`${host.origin}/host/call`, { method: 'POST', headers: { Origin: host.origin } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(refusal('bad-token'));
  });

  it('refuses a token of another length as a wrong token, not as a failure', async () => {
    for (const token of ['', 'abc', `${'0'.repeat(64)}0`, host.token.slice(1)]) {
      expect((await hostCall('app:info', {}, { [TOKEN_HEADER]: token })).body, token).toEqual(
        refusal('bad-token'),
      );
    }
  });

  it('refuses a call without an Origin, with the token', async () => {
    const res = await rawRequest(
      'POST',
      '/host/call',
      { [TOKEN_HEADER]: host.token },
      encodeFrame({ channel: 'app:info', input: {} }),
    );
    expect(res.status).toBe(403);
    expect(decodeWire(res.body.toString('utf8'))).toEqual(refusal('bad-origin'));
  });

  it('refuses a foreign Host header on the renderer files too, with bad-origin', async () => {
    const res = await rawRequest('GET', '/', { Host: `localhost:${new URL(host.origin).port}` });
    expect(res.status).toBe(421);
    expect(decodeWire(res.body.toString('utf8'))).toEqual(refusal('bad-origin'));
    expect(res.body.toString('utf8')).not.toContain('Scrigno</title>');
  });

  it('answers an unknown host path or method with unknown-channel', async () => {
    const headers = { Origin: host.origin, [TOKEN_HEADER]: host.token };
    for (const [method, urlPath] of [
      ['GET', '/host/call'],
      ['GET', '/host/events'],
      ['POST', '/host/other'],
      ['PUT', '/host/call'],
      ['POST', '/host/call/'],
    ] as const) {
      const res = await rawRequest(method, urlPath, headers, new Uint8Array());
      expect([method, urlPath, res.status]).toEqual([method, urlPath, 404]);
      expect(decodeWire(res.body.toString('utf8'))).toEqual(refusal('unknown-channel'));
    }
  });

  it('serves the renderer only to GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await rawRequest(method, '/', {});
      expect([method, res.status]).toEqual([method, 405]);
      expect(decodeWire(res.body.toString('utf8'))).toEqual(refusal('invalid-input'));
    }
    const head = await rawRequest('HEAD', '/', {});
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(head.body.length).toBe(0);
  });

  it('serves renderer files revalidated on each load, with the security headers', async () => {
    const res = await fetch(`${host.origin}/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers a missing renderer file with an empty 404 that keeps the security headers', async () => {
    const res = await fetch(`${host.origin}/missing.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toBe('');
  });

  it('answers 500 internal when a renderer file vanishes, and keeps serving', async () => {
    const index = path.join(root, 'renderer', 'index.html');
    await rm(index);
    const res = await fetch(`${host.origin}/contacts`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(decodeWire(text)).toEqual(refusal('internal'));
    expect(text).not.toContain(root);
    await writeFile(index, '<!doctype html><title>Scrigno</title>');
    expect((await fetch(`${host.origin}/contacts`)).status).toBe(200);
  });

  it('accepts a body of exactly the cap, declared or chunked', async () => {
    // A call padded with a byte array the host ignores, so that the whole frame is the cap.
    const padded = (n: number) => encodeFrame({ channel: 'app:info', input: {}, pad: new Uint8Array(n) });
    let pad = TEST_CAP - padded(0).length;
    pad -= padded(pad).length - TEST_CAP;
    const frame = padded(pad);
    expect(frame.length).toBe(TEST_CAP);
    const declared = await fetch(`${host.origin}/host/call`, {
      method: 'POST',
      headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
      body: frame,
    });
    expect(declared.status).toBe(200);
    expect(await answer(declared)).toMatchObject({ ok: true, value: { name: 'Scrigno' } });
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < frame.length; at += 64 * 1024) chunks.push(frame.subarray(at, at + 64 * 1024));
    expect(await chunkedCall(chunks)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('opens an uncached event stream that says it is connected, and checks what it pushes', async () => {
    const res = await fetch(`${host.origin}/host/events`, {
      method: 'POST',
      headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe(': connected\n\n');
    // @ts-expect-error a payload outside the contract
    expect(() => host.emit('system:lock', { reason: 'whim' })).toThrow();
    host.emit('system:lock', { reason: 'screen-lock' });
    expect((await reader.read()).value).toBe(
      'data: {"event":"system:lock","payload":{"reason":"screen-lock"}}\n\n',
    );
    await reader.cancel();
  });

  it('ends the event streams when it closes', async () => {
    const res = await fetch(`${host.origin}/host/events`, {
      method: 'POST',
      headers: { Origin: host.origin, [TOKEN_HEADER]: host.token },
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read();
    await host.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    // afterEach closes it again: closing twice must not throw.
  });
});

describe('web-mode host: its own folders', () => {
  it('keeps its data folder private and, without a folder picker, grants a folder inside it', async () => {
    const dataDir = path.join(root, 'own-data');
    const previous = process.env.SCRIGNO_WEB_FOLDER;
    delete process.env.SCRIGNO_WEB_FOLDER;
    const own = await startWebHost({ rendererDir: root, dataDir, version: '1', locale: 'it-IT' });
    try {
      if (process.platform !== 'win32') expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      const call = (channel: string, input: unknown) =>
        fetch(`${own.origin}/host/call`, {
          method: 'POST',
          headers: { Origin: own.origin, [TOKEN_HEADER]: own.token },
          body: encodeFrame({ channel, input }),
        }).then(answer);
      expect(await call('app:info', {})).toMatchObject({ ok: true, value: { locale: 'it-IT' } });
      expect(await call('dialog:choose-folder', { purpose: 'export' })).toMatchObject({
        ok: true,
        value: { label: 'export' },
      });
      expect((await stat(path.join(dataDir, 'folders', 'export'))).isDirectory()).toBe(true);
      const elsewhere = path.join(root, 'picked-by-env');
      process.env.SCRIGNO_WEB_FOLDER = elsewhere;
      expect(await call('dialog:choose-folder', { purpose: 'backups' })).toMatchObject({
        ok: true,
        value: { label: 'picked-by-env' },
      });
      expect((await stat(elsewhere)).isDirectory()).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.SCRIGNO_WEB_FOLDER;
      else process.env.SCRIGNO_WEB_FOLDER = previous;
      await own.close();
    }
  });

  it('answers app:info with the system locale when none is given', async () => {
    const { body } = await hostCall('app:info', {});
    expect(body).toMatchObject({
      ok: true,
      value: { locale: Intl.DateTimeFormat().resolvedOptions().locale },
    });
  });
});

describe('web-mode host: listening', () => {
  it('listens on 127.0.0.1 only, not on every address (not even ::1)', async () => {
    const port = Number(new URL(host.origin).port);
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ port, host: '::1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });

  it('fails to start, with the system error, on a port already taken', async () => {
    const port = Number(new URL(host.origin).port);
    await expect(
      startWebHost({ rendererDir: root, dataDir: path.join(root, 'data3'), version: '1', port }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
