import { describe, expect, it, vi } from 'vitest';
import { createQuitHandshake } from './quit-handshake';

describe('quit handshake', () => {
  it('holds the first quit until the renderer is ready, then quits once', () => {
    const quit = vi.fn();
    const notify = vi.fn(() => true);
    const timers: Array<() => void> = [];
    const q = createQuitHandshake({ notifyRenderer: notify, quit, setTimer: (fn) => timers.push(fn) });
    const first = { preventDefault: vi.fn() };
    q.onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
    q.ready();
    expect(quit).toHaveBeenCalledTimes(1);
    const second = { preventDefault: vi.fn() };
    q.onBeforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    timers.forEach((t) => t());
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('quits after the grace period if the renderer never answers', () => {
    const quit = vi.fn();
    const timers: Array<() => void> = [];
    const q = createQuitHandshake({ notifyRenderer: () => true, quit, setTimer: (fn) => timers.push(fn) });
    q.onBeforeQuit({ preventDefault: vi.fn() });
    expect(quit).not.toHaveBeenCalled();
    timers[0]!();
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('does not wait when there is no window', () => {
    const quit = vi.fn();
    const q = createQuitHandshake({ notifyRenderer: () => false, quit });
    const event = { preventDefault: vi.fn() };
    q.onBeforeQuit(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();
  });
});
