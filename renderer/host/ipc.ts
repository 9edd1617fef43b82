import {
  hostEvents,
  type HostBridge,
  type HostClient,
  type HostEventPayload,
} from '../../shared/host/contract';
import { unwrapResult } from './result';

/** Host client over Electron IPC, through the preload's `window.scrigno` bridge. */
export function createIpcHost(bridge: HostBridge): HostClient {
  return {
    transport: 'electron',
    invoke: async (channel, input) => unwrapResult(await bridge.invoke(channel, input)),
    // Events are checked against the contract here too: the renderer trusts no payload.
    on: (event, listener) =>
      bridge.on(event, (payload) => {
        const parsed = hostEvents[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as HostEventPayload<typeof event>);
      }),
  };
}
