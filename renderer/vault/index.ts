// The public API of the vault. Test-only helpers live in test-support.ts and are not re-exported.
export { VaultError, isVaultError, type VaultErrorCode } from './errors';
export {
  DEFAULT_VAULT_DB,
  Vault,
  createVault,
  openKeySlots,
  openVault,
  resetPassphraseWithRecoveryKey,
  vaultExists,
  type ExportedPurpose,
  type LoadedRecord,
  type PutItem,
  type Reblind,
  type RecordMeta,
  type RetiredBackupKey,
  type RotationProgress,
  type VaultOptions,
  type VaultSecret,
} from './vault';
export { bindingSecretFromHex } from './slot-binding';
export { passphraseStrength, MIN_PASSPHRASE_SCORE, type PassphraseStrength } from './strength';
export { calibrateKdf, defaultKdf, inThreadKdf, type KdfRunner } from './kdf-client';
export { PRODUCTION_KDF_FLOOR, withinCeiling, type KdfParams, type KdfPolicy } from './policy';
export { BLIND_TOKEN_BYTES } from './blind-index';
export { Model, tables, type ModelListener, type TableName } from './model';
export {
  Repository,
  SubjectFinder,
  ValidationFailed,
  sealedFor,
  subjectOf,
  subjectsOf,
  type SubjectParty,
  type Change,
  type EntityTable,
  type HistoryCopy,
  type HistoryEntry,
} from './repository';
export {
  concat,
  fromBase64Url,
  fromUtf8,
  randomBytes,
  randomId,
  sha256,
  sha256Hex,
  toBase64Url,
  utf8,
  wipe,
} from './bytes';
