import { hostEvents, type HostClient, type HostEvent } from '../../shared/host/contract';
import { HostError } from '../../shared/host/errors';
import { decodeFrame, decodeWire, encodeFrame, FRAME_CONTENT_TYPE } from '../../shared/host/wire';
import { unwrapResult } from './result';

const TOKEN_KEY = 'scrigno.web-token';

/**
 * Reads the per-launch token from the address (`#token=…`, never sent to the server), keeps it
 * for reloads of this tab only, and removes it from the visible address.
 */
export function takeWebToken(): string | null {
  const match = /[#&]token=([a-f0-9]{64})/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${window.location.pathname}#/`);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Host client over the web mode's loopback HTTP transport. */
export function createWebHost(token: string): HostClient {
  const headers = { 'X-Scrigno-Token': token };
  const listeners = new Map<HostEvent, Set<(payload: unknown) => void>>();
  let streaming = false;

  const deliver = (frame: string): void => {
    const data = frame.startsWith('data: ') ? frame.slice(6) : null;
    if (!data) return;
    const message = decodeWire(data) as { event?: string; payload?: unknown };
    const name = message.event as HostEvent;
    if (!Object.hasOwn(hostEvents, name)) return;
    const parsed = hostEvents[name].safeParse(message.payload);
    if (!parsed.success) return;
    for (const listener of listeners.get(name) ?? []) listener(parsed.data);
  };

  // Host events arrive as a server-sent event stream read through fetch, so the token can
  // travel in a header rather than in the URL. It reconnects after a dropped connection.
  const stream = async (): Promise<void> => {
    streaming = true;
    for (;;) {
      try {
        const res = await fetch('/host/events', { method: 'POST', headers });
        if (!res.ok || !res.body) throw new Error('events unavailable');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            deliver(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // fall through to the retry below
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  };

  return {
    transport: 'web',
    invoke: async (channel, input) => {
      // A call travels as a frame: its byte arrays (a backup, an export) raw, not in base64.
      let res: Response;
      try {
        res = await fetch('/host/call', {
          method: 'POST',
          headers: { ...headers, 'Content-Type': FRAME_CONTENT_TYPE },
          body: encodeFrame({ channel, input }),
        });
      } catch {
        throw new HostError('internal', 'offline');
      }
      // Answers are frames; refusals before the call ran (token, origin, size) are plain JSON.
      const framed = res.headers.get('Content-Type') === FRAME_CONTENT_TYPE;
      let result: unknown;
      try {
        result = framed ? decodeFrame(new Uint8Array(await res.arrayBuffer())) : decodeWire(await res.text());
      } catch {
        throw new HostError('invalid-output');
      }
      return unwrapResult(result);
    },
    on: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      if (!streaming) void stream();
      return () => set.delete(l);
    },
  };
}
