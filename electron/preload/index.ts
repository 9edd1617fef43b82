import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostBridge } from '../../shared/host/contract';

/**
 * The one object exposed to the renderer as `window.scrigno`: a call function and an event
 * subscription, both frozen. Channel names and payloads are checked by the main process.
 */
const bridge = Object.freeze({
  transport: 'electron',
  invoke: (channel: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke('host:call', channel, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('host:event', wrapped);
    return () => {
      ipcRenderer.removeListener('host:event', wrapped);
    };
  },
} as const) satisfies HostBridge;

contextBridge.exposeInMainWorld('scrigno', bridge);
