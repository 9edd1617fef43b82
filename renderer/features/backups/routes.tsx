import type { RouteObject } from 'react-router';
import { BackupsPage } from './backups-page';

/** The backups section's routes, under `/backups`. */
export const backupsRoutes: RouteObject[] = [{ path: 'backups', element: <BackupsPage /> }];
