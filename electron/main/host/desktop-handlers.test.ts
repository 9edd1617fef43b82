// The desktop-only channels (notifications, PDF, deep links) through the same dispatch the IPC
// and web transports use.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchHostCall } from './dispatch';
import { FolderGrants } from './folders';
import { createHostHandlers, type HostEnvironment } from './handlers';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function desktop(extra: Partial<HostEnvironment>) {
  root = await mkdtemp(path.join(os.tmpdir(), 'scrigno-desktop-'));
  const handlers = createHostHandlers({
    grants: new FolderGrants(path.join(root, 'grants.json')),
    appInfo: { name: 'Scrigno', version: '1', platform: 'linux', locale: 'en' },
    transport: 'electron',
    pickFolder: async () => null,
    openExternal: async () => undefined,
    ...extra,
  });
  return (channel: string, input: unknown) => dispatchHostCall(handlers, channel, input);
}

describe('notifications', () => {
  it('say how many reminders are due, in the language asked, with no title by default', async () => {
    const notify = vi.fn();
    const call = await desktop({ notify });
    expect(await call('notification:reminders', { count: 3, language: 'it' })).toEqual({
      ok: true,
      value: { shown: true },
    });
    expect(notify).toHaveBeenCalledWith(
      'Scrigno',
      'Sono in scadenza 3 promemoria. Apri Scrigno per vederli.',
    );
  });

  it('show a task title only for one task and only while the screen is unlocked', async () => {
    const notify = vi.fn();
    let locked = false;
    const call = await desktop({ notify, screenLocked: () => locked });
    await call('notification:reminders', { count: 1, language: 'en', taskTitle: 'Call Mario Canary' });
    expect(notify).toHaveBeenLastCalledWith('Scrigno', 'Due: Call Mario Canary');
    locked = true;
    await call('notification:reminders', { count: 1, language: 'en', taskTitle: 'Call Mario Canary' });
    expect(notify).toHaveBeenLastCalledWith('Scrigno', '1 reminder is due. Open Scrigno to see it.');
    locked = false;
    await call('notification:reminders', { count: 2, language: 'en', taskTitle: 'Call Mario Canary' });
    expect(notify).toHaveBeenLastCalledWith('Scrigno', '2 reminders are due. Open Scrigno to see them.');
    expect(
      await call('notification:reminders', { count: 1, language: 'en', taskTitle: 'x'.repeat(201) }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('word backup problems as fixed sentences, with no folder name', async () => {
    const notify = vi.fn();
    const call = await desktop({ notify });
    for (const problem of ['folder-missing', 'overdue', 'verification-failed']) {
      expect(await call('notification:backup', { problem, language: 'en' })).toMatchObject({ ok: true });
    }
    expect(notify.mock.calls.map((c: unknown[]) => c[1])).toEqual([
      'The backup folder cannot be found. Open Scrigno to choose it again.',
      'Backups are overdue. Open Scrigno to check them.',
      'A backup failed its check. Open Scrigno to see what happened.',
    ]);
    expect(
      await call('notification:backup', { problem: 'overdue', language: 'en', folder: '/x' }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('are not shown where the shell has none (web mode)', async () => {
    const call = await desktop({});
    expect(await call('notification:backup', { problem: 'overdue', language: 'en' })).toEqual({
      ok: true,
      value: { shown: false },
    });
  });
});

describe('print to PDF and deep links', () => {
  it('prints through the shell, or reports that nothing was saved', async () => {
    const printToPdf = vi.fn(async () => true);
    const call = await desktop({ printToPdf });
    expect(await call('print:pdf', { document: 'art30-register', language: 'it' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(printToPdf).toHaveBeenCalledWith('art30-register', 'it');
    expect(await call('print:pdf', { document: 'mario-rossi', language: 'it' })).toMatchObject({ ok: false });
    expect(await (await desktop({}))('print:pdf', { document: 'page', language: 'en' })).toEqual({
      ok: true,
      value: { saved: false },
    });
  });

  it('hands over the waiting link, checked against the contract on the way out', async () => {
    const id = 'ab'.repeat(16);
    const call = await desktop({ takeDeepLink: () => ({ kind: 'person', id }) });
    expect(await call('deep-link:take', {})).toEqual({ ok: true, value: { link: { kind: 'person', id } } });
    const bad = await desktop({ takeDeepLink: () => ({ kind: 'command', id: 'vault.lock' }) as never });
    expect(await bad('deep-link:take', {})).toEqual({ ok: false, error: { code: 'invalid-output' } });
    expect(await (await desktop({}))('deep-link:take', {})).toEqual({ ok: true, value: { link: null } });
  });
});
