/**
 * Error codes of the format readers. A code names what is wrong with a file, never what is in it:
 * file contents are personal data and must not reach messages or logs.
 */

/** Every code a format reader may throw. */
export const formatErrorCodes = [
  'file-too-large',
  'file-empty',
  'binary-file',
  'unterminated-quote',
  'no-header',
  'no-rows',
  'no-cards',
  'unterminated-card',
  'not-an-archive',
  'archive-corrupt',
  'archive-checksum',
  'archive-version',
  'archive-invalid-data',
  'archive-encrypted',
  'archive-passphrase',
] as const;
/** One of `formatErrorCodes`. */
export type FormatErrorCode = (typeof formatErrorCodes)[number];

/** A file could not be read as the format it claims; `code` is stable and free of content. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(readonly code: FormatErrorCode) {
    super(code);
  }
}

/** True if `value` is a `FormatError` (also across worker boundaries, by shape). */
export function isFormatError(value: unknown): value is FormatError {
  return value instanceof FormatError;
}
