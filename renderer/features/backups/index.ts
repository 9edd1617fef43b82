// The entry of the backups feature: its routes, the scheduler the shell mounts, the restore screen.
export { backupsRoutes } from './routes';
export { BackupScheduler } from './backup-scheduler';
export { RestoreStartScreen } from './restore-start-screen';
