import type { RouteObject } from 'react-router';
import { TransferPage } from './transfer-page';

/** Import and export screens (reached from commands and from each list). */
export const importExportRoutes: RouteObject[] = [{ path: 'transfer', element: <TransferPage /> }];
