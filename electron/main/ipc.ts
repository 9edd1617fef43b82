import type { IpcMain, WebFrameMain } from 'electron';
import type { HostHandlers } from '../../shared/host/contract';
import { dispatchHostCall, type DispatchResult } from './host/dispatch';
import { APP_HOST, APP_SCHEME } from './protocol';

/** The single IPC channel that carries host calls; the contract channel travels inside it. */
export const IPC_CALL = 'host:call';
/** The IPC channel for host events pushed to the renderer. */
export const IPC_EVENT = 'host:event';

/** True only for the app's own top-level document, served from the app protocol. */
export function isTrustedFrame(frame: WebFrameMain | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    // Compare scheme and host, not `origin`: URL gives "null" as the origin of custom schemes.
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Routes host calls from the renderer through the contract, refusing other senders. */
export function registerHostIpc(ipcMain: IpcMain, handlers: HostHandlers): void {
  ipcMain.handle(IPC_CALL, async (event, channel: unknown, input: unknown): Promise<DispatchResult> => {
    if (!isTrustedFrame(event.senderFrame)) return { ok: false, error: { code: 'forbidden-sender' } };
    return dispatchHostCall(handlers, channel, input);
  });
}
