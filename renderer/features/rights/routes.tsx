import type { RouteObject } from 'react-router';
import { AccessPackagePage } from './access-page';

/**
 * The rights' pages, children of the Privacy section's layout (`/privacy/...`): the requests
 * inbox, a person's access package, erasure and restriction.
 */
export const rightsRoutes: RouteObject[] = [{ path: 'access/:personId', element: <AccessPackagePage /> }];
