import type { HostBridge, HostClient } from '../../shared/host/contract';
import { createIpcHost } from './ipc';
import { createWebHost, takeWebToken } from './web';

declare global {
  interface Window {
    /** Present only inside the Electron shell (exposed by the preload). */
    readonly scrigno?: HostBridge;
  }
}

/** Picks the transport: the preload bridge in Electron, the loopback server in web mode. */
export function connectHost(): HostClient | null {
  if (window.scrigno) return createIpcHost(window.scrigno);
  const token = takeWebToken();
  return token ? createWebHost(token) : null;
}

export type { HostClient };
export { exportFileName, saveThroughHost } from './save-file';
