import { SectionPage } from '../../app/section-page';

/** The dashboard: pipeline, results and workload at a glance. */
export function DashboardPage() {
  return <SectionPage section="dashboard" />;
}
