import { SectionPage } from '../../app/section-page';

/** The backups section. */
export function BackupsPage() {
  return <SectionPage section="backups" />;
}
