import { describe, expect, it, vi } from 'vitest';
import type { HostClient, HostEvent } from '../../shared/host/contract';
import { HostError } from '../../shared/host/errors';
import { followDeepLinks, printDocumentFor, printPage } from './desktop';

const id = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A host holding queued links, as the desktop shell does; `announce` fires its event. */
function fakeHost(transport: 'electron' | 'web', links: unknown[] = []) {
  const listeners = new Map<HostEvent, () => void>();
  const invoke = vi.fn(async (channel: string) => {
    if (channel === 'deep-link:take') return { link: links.shift() ?? null };
    if (channel === 'print:pdf') return { saved: true };
    throw new HostError('unknown-channel');
  });
  const host = {
    transport,
    invoke,
    on: (event: HostEvent, listener: () => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  } as unknown as HostClient;
  return { host, invoke, links, announce: () => listeners.get('deep-link:available')?.() };
}

describe('deep links in the app', () => {
  it('open the waiting record at once, then each announced one, and stop when detached', async () => {
    const fake = fakeHost('electron', [{ kind: 'person', id }]);
    const navigate = vi.fn();
    const off = followDeepLinks(fake.host, navigate);
    await settle();
    expect(navigate).toHaveBeenCalledWith(`/contacts/${id}`);
    fake.links.push({ kind: 'task', id });
    fake.announce();
    await settle();
    expect(navigate).toHaveBeenLastCalledWith(`/tasks/${id}`);
    off();
    fake.links.push({ kind: 'deal', id });
    fake.announce();
    await settle();
    expect(navigate).toHaveBeenCalledTimes(2);
  });

  it('do nothing when no link waits (the web mode never has one)', async () => {
    const fake = fakeHost('web');
    const navigate = vi.fn();
    followDeepLinks(fake.host, navigate);
    await settle();
    expect(fake.invoke).toHaveBeenCalledWith('deep-link:take', {});
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('printing', () => {
  it('asks the desktop shell for a PDF named after what the page is', async () => {
    vi.stubGlobal('navigator', { language: 'it-IT' });
    const fake = fakeHost('electron');
    const done = vi.fn();
    const print = vi.fn();
    printPage(fake.host, `#/contacts/${id}`, done, vi.fn(), print);
    await settle();
    vi.unstubAllGlobals();
    expect(fake.invoke).toHaveBeenCalledWith('print:pdf', { document: 'person-card', language: 'it' });
    expect(done).toHaveBeenCalledWith(true);
    expect(print).not.toHaveBeenCalled();
  });

  it('opens the browser print dialog in the web mode', () => {
    const fake = fakeHost('web');
    const print = vi.fn();
    printPage(fake.host, '#/privacy', vi.fn(), vi.fn(), print);
    expect(print).toHaveBeenCalledTimes(1);
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('names a person card only on a person page', () => {
    expect(printDocumentFor(`#/contacts/${id}`)).toBe('person-card');
    expect(printDocumentFor('#/contacts/new')).toBe('page');
    expect(printDocumentFor('#/privacy')).toBe('page');
  });

  it('names the privacy reports after what they are: notice, Art. 30 register, access report', () => {
    expect(printDocumentFor('#/privacy/notice')).toBe('privacy-notice');
    expect(printDocumentFor('#/privacy/notice?kind=indirect')).toBe('privacy-notice');
    expect(printDocumentFor('#/privacy/register')).toBe('art30-register');
    expect(printDocumentFor(`#/privacy/access/${id}`)).toBe('access-report');
    expect(printDocumentFor('#/privacy/access')).toBe('page');
    expect(printDocumentFor('#/privacy/registers')).toBe('page');
    expect(printDocumentFor('#/privacy/purposes')).toBe('page');
  });

  it('prints the Art. 30 register through the shell as an A4 PDF named after it', async () => {
    vi.stubGlobal('navigator', { language: 'en-GB' });
    const fake = fakeHost('electron');
    const print = vi.fn();
    printPage(fake.host, '#/privacy/register', vi.fn(), vi.fn(), print);
    await settle();
    vi.unstubAllGlobals();
    expect(fake.invoke).toHaveBeenCalledWith('print:pdf', { document: 'art30-register', language: 'en' });
    expect(print).not.toHaveBeenCalled();
  });
});
