// The access and portability package of one person, from the in-memory model: gathered and
// masked by `collectAccessData`, written by `shared/formats/access-package.ts`.
import { collectAccessData, type AccessData, type AccessSource, type Person } from '../../../shared/domain';
import {
  accessPackageFiles,
  accessPackageZip,
  buildAccessReport,
  type AccessLanguage,
  type AccessReport,
} from '../../../shared/formats';
import { accessReportTexts } from '../../../shared/i18n/access-texts';
import type { Model } from '../../vault';

/** The model's tables as the package's source: one pass over each when the package is built. */
export function accessSourceOf(model: Model): AccessSource {
  return {
    activities: model.list('activities'),
    tasks: model.list('tasks'),
    deals: model.list('deals'),
    personPurposes: model.list('person-purposes'),
    consents: model.list('consents'),
    indirectNotices: model.list('indirect-notices'),
    history: model.list('history'),
    audit: model.list('audit'),
    purpose: (id) => model.get('purposes', id),
    person: (id) => model.get('people', id),
    organizationName: (id) => model.get('organizations', id)?.name,
    stageName: (deal) =>
      model.get('pipelines', deal.pipelineId)?.stages.find((s) => s.id === deal.stageId)?.name ?? '',
  };
}

/** The person's data and the report in `language`, as of `now` (epoch ms). */
export function accessReportOf(
  model: Model,
  person: Person,
  language: AccessLanguage,
  now: number,
): { data: AccessData; report: AccessReport } {
  const data = collectAccessData(person, accessSourceOf(model));
  const controller = model.list('privacy-controller').find((c) => c.deletedAt === null) ?? null;
  const report = buildAccessReport(data, accessReportTexts(language), { language, controller, now });
  return { data, report };
}

/** The package's zip for data and a report already built. */
export function accessPackageBytes(data: AccessData, report: AccessReport, now: number): Uint8Array {
  return accessPackageZip(accessPackageFiles(data, report, accessReportTexts(report.language), now), now);
}
