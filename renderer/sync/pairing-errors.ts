/**
 * Why pairing stopped. Never a message: the UI translates the code (`sync.pairing.errors.*`),
 * and none carries anything from the code or the devices.
 */
export type PairingErrorCode =
  /** The code's checksum does not match: a character was mistyped, dropped or added. */
  | 'typo'
  /** The code's checksum matches but its content cannot be a code. */
  | 'malformed'
  /** The code was written by a newer version of the app. */
  | 'version'
  /** The code's time is up (checked by the inviting device; the new one checks it too). */
  | 'expired'
  /** The code was used already: it works once. */
  | 'used'
  /** A message failed its authentication: the code is wrong, or someone altered the exchange. */
  | 'tampered'
  /** No answer in time: the inviting device stopped showing the code, or the relay is unreachable. */
  | 'no-answer'
  /** The relay connection for the exchange failed. */
  | 'transport'
  /** The person on the inviting device refused the new device. */
  | 'declined'
  /** Stopped on this device (the dialog was closed, a new code was made). */
  | 'cancelled';

/** Every pairing error code, for the catalog test and the UI. */
export const pairingErrorCodes: readonly PairingErrorCode[] = [
  'typo',
  'malformed',
  'version',
  'expired',
  'used',
  'tampered',
  'no-answer',
  'transport',
  'declined',
  'cancelled',
];

/** A refused or failed pairing, with its reason code. */
export class PairingError extends Error {
  constructor(readonly code: PairingErrorCode) {
    super(`Pairing refused: ${code}`);
    this.name = 'PairingError';
  }
}

/** Whether `error` is a pairing error (with a code the UI can translate). */
export const isPairingError = (error: unknown): error is PairingError => error instanceof PairingError;
