/** Every failure the vault reports to the UI. Codes only: messages never carry values. */
export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'wrong-recovery-key'
  | 'header-damaged'
  | 'header-tampered'
  | 'record-tampered'
  | 'quota-exceeded'
  | 'newer-version'
  | 'no-vault'
  | 'vault-exists'
  | 'locked'
  | 'weak-passphrase'
  | 'bound-elsewhere';

/** A vault failure the UI maps to a translated message through its `code`. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode) {
    // The message is the code itself, so logs and crash reports can never contain personal data.
    super(`vault: ${code}`);
    this.name = 'VaultError';
    this.code = code;
  }
}

/** True when `error` is a VaultError, optionally with the given code. */
export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code);
}

/** True when an IndexedDB/Dexie failure means the disk quota was hit. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return true;
    // Dexie wraps the DOMException; the original is kept in `inner`.
    e = (e as { inner?: unknown }).inner;
  }
  return false;
}
