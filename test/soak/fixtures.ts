// Backup bytes for host-side tests: the shell may not import the renderer, its tests take real
// encrypted backups and ledgers from here.
export { encodeBackup, type EncodedBackup } from '../../renderer/backup/backup-file';
export { encodeKeyLedger } from '../../renderer/backup/key-ledger';
export { newBackupsKey, sampleRecords } from '../../renderer/backup/test-support';
