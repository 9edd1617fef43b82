import { SectionPage } from '../../app/section-page';

/** The tasks section. */
export function TasksPage() {
  return <SectionPage section="tasks" />;
}
