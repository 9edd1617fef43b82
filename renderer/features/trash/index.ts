// The entry of the trash feature: its routes and the purge watcher the shell mounts.
export { trashRoutes } from './routes';
export { TrashPurge } from './trash-purge';
