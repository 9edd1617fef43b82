// The entry of the backups feature: its routes, the scheduler the shell mounts, the restore
// screen, and the settings other features read (the last verified backup).
export { backupsRoutes } from './routes';
export { BackupScheduler } from './backup-scheduler';
export { RestoreStartScreen } from './restore-start-screen';
export { readBackupSettings } from './settings';
// For the erasure (features/rights): the key ledger beside the backups loses the person's key.
export {
  maintainRetiredLedgers,
  reconcileBackupKeys,
  recordBackupErasure,
  writeLedgerFromVault,
} from './backup-keys';
