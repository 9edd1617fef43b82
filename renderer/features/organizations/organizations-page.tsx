import { SectionPage } from '../../app/section-page';

/** The organizations section. */
export function OrganizationsPage() {
  return <SectionPage section="organizations" />;
}
