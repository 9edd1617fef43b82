import { SectionPage } from '../../ui/section-page';

/** The privacy section: data-subject requests, consents, the processing register. */
export function PrivacyPage() {
  return <SectionPage section="privacy" />;
}
