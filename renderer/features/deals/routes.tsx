import type { RouteObject } from 'react-router';
import { DealsPage } from './deals-page';

/** The deals section's routes, under `/deals`. */
export const dealsRoutes: RouteObject[] = [{ path: 'deals', element: <DealsPage /> }];
