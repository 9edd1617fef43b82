import { mkdtemp, readdir, readFile, symlink, writeFile, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../../shared/host/contract';
import { dispatchHostCall } from './dispatch';
import { FolderGrants } from './folders';
import { createHostHandlers, isAllowedExternalLink } from './handlers';

let root: string;
let chosen: string;
let handlers: HostHandlers;
let opened: string[];

async function call(channel: string, input: unknown) {
  return dispatchHostCall(handlers, channel, input);
}

async function grantedFolderId(): Promise<string> {
  const result = await call('dialog:choose-folder', { purpose: 'backups' });
  if (!result.ok) throw new Error('grant failed');
  return (result.value as { folderId: string }).folderId;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-host-'));
  chosen = path.join(root, 'Backups');
  await mkdir(chosen);
  opened = [];
  handlers = createHostHandlers({
    grants: new FolderGrants(path.join(root, 'data', 'grants.json')),
    appInfo: { name: 'Scrigno', version: '1.2.3', platform: 'linux', locale: 'it-IT' },
    transport: 'web',
    pickFolder: async () => chosen,
    openExternal: async (url) => void opened.push(url),
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('host handlers', () => {
  it('answers app info with the transport', async () => {
    expect(await call('app:info', {})).toEqual({
      ok: true,
      value: { name: 'Scrigno', version: '1.2.3', platform: 'linux', locale: 'it-IT', transport: 'web' },
    });
  });

  it('grants a chosen folder under an opaque id, the same id for the same folder', async () => {
    const a = await grantedFolderId();
    const b = await grantedFolderId();
    expect(a).toMatch(/^[a-f0-9]{32}$/);
    expect(b).toBe(a);
    const status = await call('folder:status', { folderId: a });
    expect(status).toEqual({ ok: true, value: { available: true, label: 'Backups' } });
  });

  it('returns null when the dialog is cancelled', async () => {
    handlers = createHostHandlers({
      grants: new FolderGrants(path.join(root, 'g.json')),
      appInfo: { name: 'S', version: '0', platform: 'linux', locale: 'en' },
      transport: 'web',
      pickFolder: async () => null,
      openExternal: async () => undefined,
    });
    expect(await call('dialog:choose-folder', { purpose: 'export' })).toEqual({ ok: true, value: null });
  });

  it('writes, lists, reads and deletes files inside the granted folder', async () => {
    const folderId = await grantedFolderId();
    expect(
      await call('file:write', { folderId, name: 'a.bin', data: bytes('hello'), mode: 'create' }),
    ).toEqual({
      ok: true,
      value: { size: 5 },
    });
    const read = await call('file:read', { folderId, name: 'a.bin' });
    expect(read.ok && new TextDecoder().decode((read.value as { data: Uint8Array }).data)).toBe('hello');
    const list = await call('file:list', { folderId });
    expect(list.ok && (list.value as { files: { name: string; size: number }[] }).files).toEqual([
      expect.objectContaining({ name: 'a.bin', size: 5 }),
    ]);
    expect(await call('file:delete', { folderId, name: 'a.bin' })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await readdir(chosen)).toEqual([]);
  });

  it('never overwrites in create mode, and replaces atomically in replace mode', async () => {
    const folderId = await grantedFolderId();
    await call('file:write', { folderId, name: 'x', data: bytes('one'), mode: 'create' });
    expect(await call('file:write', { folderId, name: 'x', data: bytes('two'), mode: 'create' })).toEqual({
      ok: false,
      error: { code: 'path-rejected' },
    });
    expect(await readFile(path.join(chosen, 'x'), 'utf8')).toBe('one');
    await call('file:write', { folderId, name: 'x', data: bytes('three'), mode: 'replace' });
    expect(await readFile(path.join(chosen, 'x'), 'utf8')).toBe('three');
    expect(await readdir(chosen)).toEqual(['x']);
  });

  it.each(['../escape', '..', '.', 'a/b', 'a\\b', '/etc/passwd', 'nul\u0000byte', ''])(
    'rejects the file name %j and writes nothing',
    async (name) => {
      const folderId = await grantedFolderId();
      const result = await call('file:write', { folderId, name, data: bytes('x'), mode: 'create' });
      expect(result).toEqual({ ok: false, error: { code: 'invalid-input' } });
      expect(await readdir(chosen)).toEqual([]);
      expect((await readdir(root)).sort()).toEqual(['Backups', 'data']);
    },
  );

  it('refuses to follow a symbolic link out of the folder', async () => {
    const folderId = await grantedFolderId();
    await writeFile(path.join(root, 'secret'), 'outside');
    await symlink(path.join(root, 'secret'), path.join(chosen, 'link'));
    expect(await call('file:read', { folderId, name: 'link' })).toEqual({
      ok: false,
      error: { code: 'path-rejected' },
    });
    expect(await call('file:write', { folderId, name: 'link', data: bytes('x'), mode: 'replace' })).toEqual({
      ok: false,
      error: { code: 'path-rejected' },
    });
    expect(await readFile(path.join(root, 'secret'), 'utf8')).toBe('outside');
  });

  it('refuses folders that were never granted', async () => {
    const result = await call('file:list', { folderId: 'a'.repeat(32) });
    expect(result).toEqual({ ok: false, error: { code: 'folder-not-granted' } });
  });

  it('reports a granted folder that disappeared (drive unplugged) with its own code', async () => {
    const folderId = await grantedFolderId();
    await rm(chosen, { recursive: true });
    expect(await call('file:list', { folderId })).toEqual({ ok: false, error: { code: 'folder-missing' } });
    expect(await call('folder:status', { folderId })).toEqual({
      ok: true,
      value: { available: false, label: 'Backups' },
    });
  });

  it('hides temporary files from listings', async () => {
    const folderId = await grantedFolderId();
    await writeFile(path.join(chosen, '.scrigno-tmp-abc'), 'partial');
    const list = await call('file:list', { folderId });
    expect(list).toEqual({ ok: true, value: { files: [] } });
  });

  it('reports a missing file without its path', async () => {
    const folderId = await grantedFolderId();
    const result = await call('file:read', { folderId, name: 'nope' });
    expect(result).toEqual({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(result)).not.toContain(root);
  });

  it('opens only allow-listed https links', async () => {
    expect(await call('shell:open-external', { url: 'https://gdpr-info.eu/art-17-gdpr/' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    for (const url of [
      'http://gdpr-info.eu/',
      'https://evil.example/',
      'https://gdpr-info.eu.evil.example/',
      'file:///etc/passwd',
      'tel:555 555 1111',
      'tel:+39347;ext=1',
      'mailto:a@b.it?attach=/etc/passwd',
      'mailto:a@b.it,c@d.it',
      'mailto:a@b.it?body=x',
      'javascript:alert(1)',
    ]) {
      expect(isAllowedExternalLink(url)).toBe(false);
    }
    expect(await call('shell:open-external', { url: 'https://evil.example/' })).toEqual({
      ok: false,
      error: { code: 'link-not-allowed' },
    });
    // Contact links go to the system's phone or mail handler.
    for (const url of ['tel:+393471234567', 'mailto:anna.verdi@example.it'])
      expect(await call('shell:open-external', { url })).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual([
      'https://gdpr-info.eu/art-17-gdpr/',
      'tel:+393471234567',
      'mailto:anna.verdi@example.it',
    ]);
  });
});

describe('contract checks', () => {
  it('rejects unknown channels and malformed input before any handler runs', async () => {
    expect(await call('fs:rm-rf', {})).toEqual({ ok: false, error: { code: 'unknown-channel' } });
    expect(await call('__proto__', {})).toEqual({ ok: false, error: { code: 'unknown-channel' } });
    expect(await call('app:info', { extra: 1 })).toEqual({ ok: false, error: { code: 'invalid-input' } });
    expect(await call('file:write', { folderId: 'x', name: 'a', data: 'not bytes', mode: 'create' })).toEqual(
      {
        ok: false,
        error: { code: 'invalid-input' },
      },
    );
  });

  it('rejects a handler output that breaks the contract', async () => {
    const broken = { ...handlers, 'app:info': async () => ({ name: 1 }) } as unknown as HostHandlers;
    expect(await dispatchHostCall(broken, 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'invalid-output' },
    });
  });

  it('turns unexpected failures into an internal error without details', async () => {
    const broken = {
      ...handlers,
      'app:info': async () => {
        throw new Error('/home/maria/secret path');
      },
    } as unknown as HostHandlers;
    expect(await dispatchHostCall(broken, 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
