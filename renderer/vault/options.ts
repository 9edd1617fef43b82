// How a vault is created or opened: its database, KDF policy and runner, and records per pack.
import type { KdfRunner } from './kdf-client';
import type { KdfPolicy } from './policy';

/** Default IndexedDB database name of the vault. */
export const DEFAULT_VAULT_DB = 'scrigno-vault';
/** Default number of records per pack row (see README for the measurements behind it). */
export const DEFAULT_PACK_SIZE = 100;

/** Options of `createVault` / `openVault`. */
export interface VaultOptions {
  dbName?: string;
  /** KDF floor and fixed parameters; below the production floor only with a test-only policy. */
  kdfPolicy?: KdfPolicy;
  /** Where Argon2id runs (default: a Worker in browsers, in-thread elsewhere). */
  kdf?: KdfRunner;
  /** Records per pack row written by `putMany`. */
  packSize?: number;
  /**
   * The host's binding secret (web mode, `app:key-binding`): the passphrase slot is then bound to
   * it (see `slot-binding.ts`). Absent in Electron.
   */
  binding?: Uint8Array<ArrayBuffer>;
}

/** What an unlocked vault keeps of its options, defaults applied. */
export interface VaultSettings {
  kdf: KdfRunner;
  policy: KdfPolicy;
  packSize: number;
}

/** The pack size of `options`. WARNING: throws a plain Error, a bad size is a programming error. */
export function packSizeOf(options: VaultOptions): number {
  const size = options.packSize ?? DEFAULT_PACK_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > 10_000) throw new Error('vault: invalid pack size');
  return size;
}
