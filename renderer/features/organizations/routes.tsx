import { useParams, type RouteObject } from 'react-router';
import { OrganizationDuplicatesPage } from './organization-duplicates-page';
import { OrganizationPage } from './organization-page';
import { OrganizationsPage } from './organizations-page';

/**
 * `/organizations/new` is the list with the create dialog, `/organizations/duplicates` the
 * duplicates finder; any other segment is an organization's page.
 */
function OrganizationsOrOne() {
  const { mode } = useParams();
  if (mode === 'duplicates') return <OrganizationDuplicatesPage />;
  return mode === 'new' ? <OrganizationsPage /> : <OrganizationPage />;
}

/** The organizations section's routes, under `/organizations`. */
export const organizationsRoutes: RouteObject[] = [
  { path: 'organizations', element: <OrganizationsPage /> },
  { path: 'organizations/:mode', element: <OrganizationsOrOne /> },
];
