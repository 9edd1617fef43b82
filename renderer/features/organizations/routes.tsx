import { useParams, type RouteObject } from 'react-router';
import { OrganizationPage } from './organization-page';
import { OrganizationsPage } from './organizations-page';

/** `/organizations/new` is the list with the create dialog; any other segment is an organization's page. */
function OrganizationsOrOne() {
  const { mode } = useParams();
  return mode === 'new' ? <OrganizationsPage /> : <OrganizationPage />;
}

/** The organizations section's routes, under `/organizations`. */
export const organizationsRoutes: RouteObject[] = [
  { path: 'organizations', element: <OrganizationsPage /> },
  { path: 'organizations/:mode', element: <OrganizationsOrOne /> },
];
