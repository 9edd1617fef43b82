import type { RouteObject } from 'react-router';
import { RequestDetailPage } from './requests-detail';
import { RequestsPage } from './requests-page';
import { ErasePage } from './erase-page';
import { AccessPackagePage } from './access-page';

/**
 * The rights' pages, children of the Privacy section's layout (`/privacy/...`): the requests
 * inbox, a person's access package, erasure and restriction.
 */
export const rightsRoutes: RouteObject[] = [
  { path: 'requests', element: <RequestsPage /> },
  { path: 'requests/:requestId', element: <RequestDetailPage /> },
  { path: 'erase/:personId', element: <ErasePage /> },
  { path: 'access/:personId', element: <AccessPackagePage /> },
];
