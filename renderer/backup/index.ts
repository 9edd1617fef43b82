// Public surface of the renderer's backup module.
export {
  checkBackupHeader,
  encodeBackup,
  openBackup,
  readBackupHeader,
  verifyBackup,
  type BackupCounts,
  type EncodeBackupParams,
  type EncodedBackup,
  type OpenBackupOptions,
  type OpenedBackup,
  type VerifiedBackup,
} from './backup-file';
export { readRecords, type BackupRecord } from './records';
export {
  encodeKeyLedger,
  erasedSubjectIds,
  openKeyLedger,
  pickKeyLedger,
  type EncodedKeyLedger,
  type ErasureEntry,
  type KeyLedger,
  type PickedKeyLedger,
} from './key-ledger';
export { readKeyLedger, writeBackup, writeKeyLedger } from './host-calls';
export {
  emptySubjectKeyStore,
  storedVaultId,
  unwrapSubjectKeys,
  wrapSubjectKeys,
  type StoredSubjectKeys,
  type SubjectKeyStore,
} from './subject-key-store';
export { BackupError, isBackupError, type BackupErrorCode } from '../../shared/backup/errors';
export {
  defaultRetentionPolicy,
  selectBackupsToKeep,
  type RetentionPolicy,
} from '../../shared/backup/retention';
export {
  CLOCK_TOLERANCE_MS,
  rankBackups,
  quarantineReasons,
  type BackupCheck,
  type BackupRanking,
  type QuarantineReason,
  type TrustedBackup,
} from '../../shared/backup/ranking';
