import type { RouteObject } from 'react-router';
import { DealsPage } from './deals-page';

/** The deals section's routes: the board, `/deals/new` and `/deals/:id` (the board with the deal open). */
export const dealsRoutes: RouteObject[] = [
  // One optional segment, so opening a deal keeps the board (and its filter) mounted.
  { path: 'deals/:mode?', element: <DealsPage /> },
];
