import { useParams, type RouteObject } from 'react-router';
import { ContactsPage } from './contacts-page';
import { PersonPage } from './person-page';

/** `/contacts/new` is the list with the create dialog; any other segment is a person's page. */
function ContactsOrPerson() {
  const { mode } = useParams();
  return mode === 'new' ? <ContactsPage /> : <PersonPage />;
}

/** The contacts section's routes, under `/contacts`. */
export const contactsRoutes: RouteObject[] = [
  { path: 'contacts', element: <ContactsPage /> },
  { path: 'contacts/:mode', element: <ContactsOrPerson /> },
];
