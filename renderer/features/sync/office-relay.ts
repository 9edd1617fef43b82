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
