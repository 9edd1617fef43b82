import { SectionPage } from '../../app/section-page';

/** The deals section. */
export function DealsPage() {
  return <SectionPage section="deals" />;
}
