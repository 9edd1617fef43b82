import { catalogs, type Language } from './index';

/**
 * The texts the access report is written with in `language` (what `buildAccessReport` of
 * `shared/formats` takes): the report's own messages and the privacy, activity and people labels
 * it quotes.
 */
export function accessReportTexts(language: Language) {
  const c = catalogs[language];
  return {
    report: c.accessPackage.report,
    basis: c.privacy.basis,
    retentionFrom: c.privacy.retentionFrom,
    channels: c.privacy.channels,
    methods: c.privacy.methods,
    actions: c.privacy.actions,
    kinds: c.activities.kinds,
    preferredChannels: c.people.channels,
    fieldLabels: c.people.fields as Readonly<Record<string, string>>,
  };
}
