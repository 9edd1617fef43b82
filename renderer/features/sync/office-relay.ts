import type { HostClient, RelayStatus } from '../../../shared/host/contract';

/**
 * The desktop app hosting the office relay, through the host contract (`relay:start`,
 * `relay:stop`, `relay:status`). Registered at start-up in the desktop app only; absent in web
 * mode, where the option is hidden.
 */
export interface OfficeRelayControl {
  /** Whether this computer runs the relay now; `addresses` are what other devices pair with. */
  status(): Promise<{ running: boolean; addresses: string[]; localUrl: string | null }>;
  /** Starts it (or adds the space) and lets `spaceId` in with `token`. Rejects when it cannot. */
  start(space: { spaceId: string; token: string }): Promise<{ addresses: string[]; localUrl: string }>;
  stop(): Promise<void>;
}

let control: OfficeRelayControl | null = null;

/** Registers how this build hosts the office relay (null: it cannot). */
export function setOfficeRelayControl(next: OfficeRelayControl | null): void {
  control = next;
}

/** The registered control, if any. */
export const officeRelayControl = (): OfficeRelayControl | null => control;

/** Why the office relay did not start (the host's error code, never a path). */
export class OfficeRelayError extends Error {
  override readonly name = 'OfficeRelayError';
  constructor(readonly code: string) {
    super(`office relay: ${code}`);
  }
}

/** The office relay through the desktop host's `relay:start`, `relay:stop`, `relay:status`. */
export function hostOfficeRelayControl(host: Pick<HostClient, 'invoke'>): OfficeRelayControl {
  const shown = (s: RelayStatus) => ({
    running: s.state === 'running',
    addresses: s.addresses,
    localUrl: s.localUrl,
  });
  return {
    status: async () => shown(await host.invoke('relay:status', {})),
    start: async (space) => {
      const s = await host.invoke('relay:start', { spaceId: space.spaceId, token: space.token });
      if (s.state !== 'running' || s.localUrl === null) throw new OfficeRelayError(s.error ?? s.state);
      return { addresses: s.addresses, localUrl: s.localUrl };
    },
    stop: async () => {
      await host.invoke('relay:stop', {});
    },
  };
}
