import { useParams, type RouteObject } from 'react-router';
import { ContactsPage } from './contacts-page';
import { DuplicatesPage } from './duplicates-page';
import { PersonPage } from './person-page';

/** `/contacts/new` is the list with the create dialog, `/contacts/duplicates` the finder; else a person. */
function ContactsOrPerson() {
  const { mode } = useParams();
  if (mode === 'duplicates') return <DuplicatesPage />;
  return mode === 'new' ? <ContactsPage /> : <PersonPage />;
}

/** The contacts section's routes, under `/contacts`. */
export const contactsRoutes: RouteObject[] = [
  { path: 'contacts', element: <ContactsPage /> },
  { path: 'contacts/:mode', element: <ContactsOrPerson /> },
];
