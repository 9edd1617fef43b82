import type { HostBridge, HostClient } from '../../shared/host/contract';
import { unwrapResult } from './result';

/** Host client over Electron IPC, through the preload's `window.scrigno` bridge. */
export function createIpcHost(bridge: HostBridge): HostClient {
  return {
    transport: 'electron',
    invoke: async (channel, input) => unwrapResult(await bridge.invoke(channel, input)),
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  } as HostClient;
}
