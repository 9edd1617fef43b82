import type { RouteObject } from 'react-router';
import { DashboardPage } from './dashboard-page';

/** The dashboard's routes, under `/dashboard`. */
export const dashboardRoutes: RouteObject[] = [{ path: 'dashboard', element: <DashboardPage /> }];
