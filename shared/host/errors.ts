/**
 * Errors that cross the host boundary. They carry a stable code, never a path, a file's content
 * or anything personal: the renderer turns the code into a message in the user's language.
 */

/** Every failure the host may report. */
export const hostErrorCodes = [
  'invalid-input',
  'invalid-output',
  'unknown-channel',
  'forbidden-sender',
  'bad-token',
  'bad-origin',
  'path-rejected',
  'name-not-portable',
  'file-linked',
  'folder-not-granted',
  'folder-missing',
  'not-found',
  'no-space',
  'io-error',
  'link-not-allowed',
  'backup-corrupt',
  'backup-truncated',
  'backup-foreign',
  'backup-newer-version',
  'too-large',
  'internal',
] as const;
export type HostErrorCode = (typeof hostErrorCodes)[number];

/** A failure reported by the host, identified by its code. */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

/** Serialised form of a HostError, as it travels over IPC or HTTP. */
export interface WireError {
  readonly code: HostErrorCode;
}

/** True if `value` is a serialised host error. */
export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (hostErrorCodes as readonly string[]).includes((value as { code?: unknown }).code as string)
  );
}

/** Maps a Node filesystem error to a host error code, dropping the message (it holds the path). */
export function hostCodeFromErrno(errno: string | undefined): HostErrorCode {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no-space';
    case 'ENOENT':
      return 'not-found';
    default:
      return 'io-error';
  }
}
