import { SectionPage } from '../../app/section-page';

/** The contacts section. */
export function ContactsPage() {
  return <SectionPage section="contacts" />;
}
