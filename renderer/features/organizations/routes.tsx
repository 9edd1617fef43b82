import type { RouteObject } from 'react-router';
import { OrganizationsPage } from './organizations-page';

/** The organizations section's routes, under `/organizations`. */
export const organizationsRoutes: RouteObject[] = [{ path: 'organizations', element: <OrganizationsPage /> }];
