import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostClient } from '../../shared/host/contract';
import {
  answerBeforeQuit,
  registerBeforeQuit,
  registerSyncFlushOnQuit,
  SYNC_QUIT_FLUSH_MS,
} from './before-quit';

/** A host whose before-quit event the test fires, recording quit-ready. */
function fakeHost() {
  const listeners: Array<() => void> = [];
  const ready = vi.fn(() => Promise.resolve({}));
  const host = {
    transport: 'electron',
    on: (_event: string, listener: () => void) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    invoke: (channel: string) =>
      channel === 'app:quit-ready' ? ready() : Promise.reject(new Error(channel)),
  } as unknown as HostClient;
  return { host, ready, quit: () => listeners.forEach((l) => l()) };
}

const flushed = () => new Promise((r) => setTimeout(r, 0));

let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('quit handshake in the renderer, with a running sync', () => {
  it('waits for the sync flush before telling the shell it may quit, and says so', async () => {
    const { host, ready, quit } = fakeHost();
    const flush = deferred();
    const said: string[] = [];
    cleanups.push(answerBeforeQuit(host));
    cleanups.push(
      registerSyncFlushOnQuit({
        flushing: true,
        flush: () => flush.promise,
        waiting: () => said.push('waiting'),
        notSent: () => said.push('not sent'),
        setTimer: () => undefined,
      }),
    );
    quit();
    await flushed();
    expect(said).toEqual(['waiting']);
    expect(ready).not.toHaveBeenCalled();
    flush.resolve();
    await flushed();
    expect(ready).toHaveBeenCalledTimes(1);
    expect(said).toEqual(['waiting']);
  });

  it('waits at most the bound, then quits and tells the user the changes go out next time', async () => {
    const { host, ready, quit } = fakeHost();
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const said: string[] = [];
    cleanups.push(answerBeforeQuit(host));
    cleanups.push(
      registerSyncFlushOnQuit({
        flushing: true,
        flush: () => new Promise(() => undefined),
        waiting: () => said.push('waiting'),
        notSent: () => said.push('not sent'),
        setTimer: (fn, ms) => timers.push({ fn, ms }),
      }),
    );
    quit();
    await flushed();
    expect(timers.map((t) => t.ms)).toEqual([SYNC_QUIT_FLUSH_MS]);
    expect(ready).not.toHaveBeenCalled();
    timers[0]!.fn();
    await flushed();
    expect(said).toEqual(['waiting', 'not sent']);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('a failed flush does not keep the app open, and is reported as not sent', async () => {
    const { host, ready, quit } = fakeHost();
    const said: string[] = [];
    cleanups.push(answerBeforeQuit(host));
    cleanups.push(
      registerSyncFlushOnQuit({
        flushing: true,
        flush: () => Promise.reject(new Error('socket closed')),
        waiting: () => said.push('waiting'),
        notSent: () => said.push('not sent'),
        setTimer: () => undefined,
      }),
    );
    quit();
    await flushed();
    expect(said).toEqual(['waiting', 'not sent']);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('with nothing to send it neither waits nor speaks', async () => {
    const { host, ready, quit } = fakeHost();
    const flush = vi.fn(() => Promise.resolve());
    const said: string[] = [];
    cleanups.push(answerBeforeQuit(host));
    cleanups.push(
      registerSyncFlushOnQuit({
        flushing: false,
        flush,
        waiting: () => said.push('waiting'),
        notSent: () => said.push('not sent'),
      }),
    );
    quit();
    await flushed();
    expect(flush).not.toHaveBeenCalled();
    expect(said).toEqual([]);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('the sync flush and a backup on quit run side by side; quit-ready waits for both', async () => {
    const { host, ready, quit } = fakeHost();
    const flush = deferred();
    const backup = deferred();
    cleanups.push(answerBeforeQuit(host));
    cleanups.push(registerBeforeQuit(() => backup.promise));
    cleanups.push(
      registerSyncFlushOnQuit({
        flushing: true,
        flush: () => flush.promise,
        waiting: () => undefined,
        notSent: () => undefined,
        setTimer: () => undefined,
      }),
    );
    quit();
    flush.resolve();
    await flushed();
    expect(ready).not.toHaveBeenCalled();
    backup.resolve();
    await flushed();
    expect(ready).toHaveBeenCalledTimes(1);
  });
});
