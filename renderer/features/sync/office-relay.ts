/**
 * The desktop app hosting the office relay, through the host contract (a channel the shell adds).
 * Registered at start-up in the desktop app only; absent in web mode, where the option is hidden.
 */
export interface OfficeRelayControl {
  /** Whether this computer runs the relay now, and the address other devices pair with. */
  status(): Promise<{ running: boolean; address: string | null }>;
  start(): Promise<{ address: string }>;
  stop(): Promise<void>;
}

let control: OfficeRelayControl | null = null;

/** Registers how this build hosts the office relay (null: it cannot). */
export function setOfficeRelayControl(next: OfficeRelayControl | null): void {
  control = next;
}

/** The registered control, if any. */
export const officeRelayControl = (): OfficeRelayControl | null => control;
