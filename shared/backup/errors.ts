/**
 * Failures of reading or checking a backup or a key-ledger file. Codes only: a message never
 * carries file names, record ids or content.
 */

/** Every way a backup or ledger file can be refused. */
export const backupErrorCodes = [
  /** The file ends before its final chunk: an interrupted copy or a partial sync. */
  'truncated',
  /** A checksum or an authentication tag does not match: bit rot, an edit, a mix of files. */
  'corrupt',
  /** Every chunk is authentic but one sits at the wrong position (reordered or duplicated). */
  'reordered',
  /** Not a Scrigno backup at all, or a backup of another vault. */
  'foreign',
  /** Written by a newer Scrigno whose format this version cannot read. */
  'newer-version',
  /** The header is intact but the key does not open it. */
  'wrong-key',
] as const;
/** One of {@link backupErrorCodes}. */
export type BackupErrorCode = (typeof backupErrorCodes)[number];

/** A backup or ledger file that cannot be used, identified by its code. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(readonly code: BackupErrorCode) {
    super(`backup-${code}`);
  }
}

/** True if `err` is a {@link BackupError}, optionally with the given code. */
export function isBackupError(err: unknown, code?: BackupErrorCode): err is BackupError {
  return err instanceof BackupError && (code === undefined || err.code === code);
}
