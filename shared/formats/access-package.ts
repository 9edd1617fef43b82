/**
 * The access and portability package (Art. 15 and 20 GDPR) of one person: a zip with their
 * records as JSON (its JSON Schema beside it), CSV, vCard and iCalendar, and a readable report
 * with the information of Art. 15(1)(a)–(h), their consent ledger and their change history, in
 * the language the caller's catalog is written in. The data come already gathered and masked by
 * `collectAccessData` (`shared/domain/access-package.ts`); nothing here looks anything up. File
 * names inside and outside the zip carry no personal data.
 */
import { zipSync } from 'fflate';
import { z } from 'zod';
import type { AccessData } from '../domain/access-package';
import { activitySchema, type Activity } from '../domain/activity';
import {
  consentEntrySchema,
  type ConsentAction,
  type ConsentChannel,
  type ConsentMethod,
} from '../domain/consent';
import { instantSchema } from '../domain/dates';
import { dealSchema } from '../domain/deal';
import { indirectNoticeSchema } from '../domain/indirect-notice';
import { displayName, personSchema, type Person, type PersonSource } from '../domain/person';
import {
  personPurposeSchema,
  purposeSchema,
  type LegalBasis,
  type PrivacyController,
  type RetentionEvent,
} from '../domain/privacy';
import { taskSchema } from '../domain/task';
import type { DeepStrings } from '../i18n/define';
import type { accessMessages } from '../i18n/messages/access';
import { writeCsv } from './csv';
import { activitiesTable, dealsTable, peopleTable, tasksTable } from './entity-csv';
import { toICalendar } from './ical';
import { personToVcard } from './vcard';

/** The `format` field of the package's JSON. */
export const ACCESS_PACKAGE_FORMAT = 'scrigno-access-package';
/** Version of the package's JSON layout. */
export const ACCESS_PACKAGE_VERSION = 1;

/** Languages a report is written in. */
export type AccessLanguage = 'it' | 'en';

const historyEntrySchema = z.object({
  recordTable: z.string(),
  recordId: z.string(),
  at: instantSchema,
  actor: z.string(),
  command: z.string(),
  // A value absent before or after the change is left out of the JSON.
  changes: z.array(
    z.object({ field: z.string(), oldValue: z.unknown().optional(), newValue: z.unknown().optional() }),
  ),
});

/** `data/access.json`: every record the package holds about the person. */
export const accessDocumentSchema = z.object({
  format: z.literal(ACCESS_PACKAGE_FORMAT),
  formatVersion: z.literal(ACCESS_PACKAGE_VERSION),
  generatedAt: instantSchema,
  language: z.enum(['it', 'en']),
  person: personSchema,
  organizations: z.array(z.object({ id: z.string(), name: z.string(), role: z.string().optional() })),
  activities: z.array(activitySchema),
  tasks: z.array(taskSchema),
  deals: z.array(dealSchema),
  purposes: z.array(z.object({ link: personPurposeSchema, purpose: purposeSchema })),
  consents: z.array(consentEntrySchema),
  sources: z.array(indirectNoticeSchema),
  history: z.array(historyEntrySchema),
  operations: z.array(
    z.object({ at: instantSchema, actor: z.string(), command: z.string(), fields: z.array(z.string()) }),
  ),
  /** How many other people were left out of shared records (the records themselves stay). */
  leftOut: z.object({
    activities: z.number().int().nonnegative(),
    deals: z.number().int().nonnegative(),
    people: z.number().int().nonnegative(),
  }),
});

/** The JSON Schema (draft 2020-12) of `data/access.json`, generated from the domain schemas. */
export function accessJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(accessDocumentSchema, { unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: 'Scrigno access and portability package',
    $id: 'https://scrigno.local/schema/access-package-v1.json',
  };
}

// The schema's text, generated once: it depends on the code only, and costs ~20 ms to generate.
let schemaText: string | undefined;
const accessSchemaText = (): string => (schemaText ??= JSON.stringify(accessJsonSchema(), null, 2));

/** Paths inside the package's zip. */
export const accessPackagePaths = {
  report: 'report.txt',
  data: 'data/access.json',
  schema: 'data/access.schema.json',
  person: 'csv/person.csv',
  activities: 'csv/activities.csv',
  tasks: 'csv/tasks.csv',
  deals: 'csv/deals.csv',
  consents: 'csv/consents.csv',
  vcard: 'contacts/person.vcf',
  calendar: 'calendar/activities.ics',
} as const;

/** The texts a report is written with: the `access.report` part of a catalog and a few privacy labels. */
export interface AccessReportCatalog {
  readonly report: DeepStrings<(typeof accessMessages)['en']['report']>;
  readonly basis: Readonly<Record<LegalBasis, string>>;
  readonly retentionFrom: Readonly<Record<RetentionEvent, string>>;
  readonly channels: Readonly<Record<ConsentChannel, string>>;
  readonly methods: Readonly<Record<ConsentMethod, string>>;
  readonly actions: Readonly<Record<ConsentAction, string>>;
  /** Activity kinds, for calendar entries without a subject. */
  readonly kinds: Readonly<Record<Activity['kind'], string>>;
  /** Labels of the person's fields, for the change history (unknown fields show their name). */
  readonly fieldLabels: Readonly<Record<string, string>>;
  /** The person's preferred channel. */
  readonly preferredChannels: Readonly<Record<Person['preferredChannel'], string>>;
}

/** The sections of the report, in order: Art. 15(1)(a)–(h), then the data themselves. */
export const accessReportSections = [
  'confirmation',
  'controller',
  'purposes',
  'categories',
  'recipients',
  'retention',
  'rights',
  'complaint',
  'source',
  'automated',
  'data',
  'consents',
  'history',
  'operations',
  'files',
] as const;
/** One of `accessReportSections`. */
export type AccessReportSection = (typeof accessReportSections)[number];

/** One section: its heading, its paragraphs and, for lists, its items. */
export interface AccessReportBlock {
  readonly section: AccessReportSection;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly items: readonly string[];
  /** Paragraphs after the list. */
  readonly closing: readonly string[];
}

/** A generated report. */
export interface AccessReport {
  readonly language: AccessLanguage;
  readonly title: string;
  readonly lead: string;
  readonly subject: string;
  readonly generatedOn: string;
  readonly blocks: readonly AccessReportBlock[];
}

/** What `buildAccessReport` needs besides the data. */
export interface AccessReportOptions {
  readonly language: AccessLanguage;
  readonly controller: PrivacyController | null;
  /** Epoch ms of the report. */
  readonly now: number;
  /** Time zone of dates and times (IANA); UTC by default, so the same input gives the same text. */
  readonly timeZone?: string;
}

const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));

const sentence = (text: string) => (/[.!?;]$/.test(text) ? text : `${text}.`);

const distinct = (items: Iterable<string>): string[] =>
  [...new Set([...items].map((s) => s.trim()))].filter(Boolean);

/** A value of a change, shortened for reading: text as is, a source by its kind, else compact JSON. */
function shown(field: string, value: unknown, t: AccessReportCatalog['report']): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field === 'source' && typeof value === 'object' && 'method' in value && 'date' in value) {
    const source = value as PersonSource;
    return `${t.sourceMethods[source.method]}, ${source.date}`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function controllerLine(controller: PrivacyController | null, t: AccessReportCatalog['report']): string {
  if (!controller) return t.noController;
  return [
    controller.name,
    controller.address.replace(/\s*\n\s*/g, ', '),
    controller.vatNumber,
    controller.email,
    controller.pec && `PEC ${controller.pec}`,
    controller.phone,
  ]
    .filter((p) => typeof p === 'string' && p.trim() !== '')
    .join(' – ');
}

/** The categories of data actually held about the person, from what their record and links hold. */
function heldCategories(data: AccessData, names: AccessReportCatalog['report']['categoryNames']): string[] {
  const p = data.person;
  const held: (keyof typeof names)[] = ['identity'];
  if (p.emails.length || p.phones.length) held.push('contact');
  if (p.addresses.length) held.push('address');
  if (p.organizations.length || p.jobTitle) held.push('work');
  if (p.birthday) held.push('birthday');
  if (p.vatNumber || p.taxCode) held.push('taxIds');
  if (p.notes) held.push('notes');
  if (data.activities.length) held.push('activities');
  if (data.tasks.length) held.push('tasks');
  if (data.deals.length) held.push('deals');
  if (data.consents.length) held.push('consents');
  return held.map((k) => names[k]);
}

/**
 * The report: one section per point of Art. 15(1), answered from the person's purposes, their
 * source and the controller, then their data, consent ledger, change history and the audit log's
 * operations on their record, and what the package's files hold.
 */
export function buildAccessReport(
  data: AccessData,
  texts: AccessReportCatalog,
  options: AccessReportOptions,
): AccessReport {
  const t = texts.report;
  const locale = options.language === 'it' ? 'it-IT' : 'en-GB';
  const timeZone = options.timeZone ?? 'UTC';
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const day = (date: string) => dateFormat.format(new Date(date.length === 10 ? `${date}T12:00:00Z` : date));
  const moment = (instant: string) => timeFormat.format(new Date(instant));
  const purposes = data.purposes.filter((p) => p.purpose.deletedAt === null && p.link.deletedAt === null);
  const purposeName = new Map(data.purposes.map((p) => [p.purpose.id as string, p.purpose.name]));
  const block = (
    section: AccessReportSection,
    paragraphs: readonly string[],
    items: readonly string[] = [],
    closing: readonly string[] = [],
  ): AccessReportBlock => ({ section, heading: t.headings[section], paragraphs, items, closing });
  const person = data.person;

  const categories = distinct(purposes.flatMap((p) => p.purpose.dataCategories));
  const recipients = distinct(purposes.flatMap((p) => p.purpose.recipients));
  const transfers = purposes.filter((p) => p.purpose.transfers.trim() !== '');

  const source = person.source;
  const sourceParagraphs = [
    ...data.sources.map((n) =>
      [
        fill(t.sourceIndirect, { source: n.source, date: day(n.obtainedOn) }),
        n.informedOn && n.informedHow
          ? fill(t.sourceInformed, { date: day(n.informedOn), how: t.informedMethods[n.informedHow] })
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    ),
  ];
  if (sourceParagraphs.length === 0) {
    const how = t.sourceMethods[source.method];
    sourceParagraphs.push(
      source.method === 'import' || source.method === 'referral'
        ? fill(t.sourceIndirect, { source: how, date: day(source.date) })
        : fill(t.sourceDirect, { how, date: day(source.date) }),
    );
  }

  const field = (label: keyof typeof t.fields, value: string | undefined) =>
    value && value.trim() !== '' ? [`${t.fields[label]}: ${value}`] : [];
  const addresses = person.addresses.map((a) =>
    [a.street, a.postalCode, a.city, a.province, a.country].filter((s) => s && s.trim() !== '').join(', '),
  );
  const dataItems = [
    ...field('name', displayName(person)),
    ...field('emails', person.emails.map((e) => e.address).join(', ')),
    ...field('phones', person.phones.map((p) => p.number).join(', ')),
    ...field('addresses', addresses.join('; ')),
    ...field(
      'organizations',
      data.organizations.map((o) => (o.role ? `${o.name} (${o.role})` : o.name)).join(', '),
    ),
    ...field('jobTitle', person.jobTitle),
    ...field('birthday', person.birthday && day(person.birthday)),
    ...field('vatNumber', person.vatNumber),
    ...field('taxCode', person.taxCode),
    ...field(
      'preferredChannel',
      person.preferredChannel === 'any' ? undefined : texts.preferredChannels[person.preferredChannel],
    ),
    ...field('notes', person.notes?.replace(/\s*\n\s*/g, ' ')),
    ...field('recorded', day(person.createdAt)),
  ];
  const leftOut = data.leftOut.people;
  const dataParagraphs = [
    fill(t.held, { activities: data.activities.length, tasks: data.tasks.length, deals: data.deals.length }),
    ...(leftOut > 0 ? [fill(t.leftOut, { count: leftOut })] : []),
  ];

  const consentItems = data.consents.map((c) => {
    const line = fill(t.consent, {
      date: day(c.at),
      action: texts.actions[c.action],
      purpose: purposeName.get(c.purposeId) ?? '—',
      channel: texts.channels[c.channel],
      method: texts.methods[c.method],
    });
    return c.noticeHash ? `${line} · ${fill(t.consentNotice, { hash: c.noticeHash.slice(0, 12) })}` : line;
  });

  const historyItems = data.history.map((h) =>
    h.changes.length === 0
      ? fill(t.created, { date: moment(h.at), actor: h.actor })
      : fill(t.change, {
          date: moment(h.at),
          actor: h.actor,
          fields: h.changes
            .map(
              (c) =>
                `${texts.fieldLabels[c.field] ?? c.field}: ${shown(c.field, c.oldValue, t)} → ${shown(c.field, c.newValue, t)}`,
            )
            .join('; '),
        }),
  );
  const operationItems = data.operations.map((o) =>
    fill(t.operation, { date: moment(o.at), actor: o.actor, command: o.command }),
  );

  const blocks: AccessReportBlock[] = [
    block('confirmation', [t.confirmation]),
    block('controller', [controllerLine(options.controller, t)]),
    block(
      'purposes',
      purposes.length
        ? purposes.map((p) =>
            [
              sentence(p.purpose.name),
              p.purpose.description.trim() && sentence(p.purpose.description.trim()),
              sentence(`${t.legalBasis}: ${texts.basis[p.purpose.legalBasis]}`),
            ]
              .filter(Boolean)
              .join(' '),
          )
        : [t.noPurposes],
    ),
    block('categories', [
      categories.length ? sentence(categories.join(', ')) : t.noCategories,
      fill(t.heldCategories, { list: heldCategories(data, t.categoryNames).join(', ') }),
    ]),
    block('recipients', [
      recipients.length ? sentence(recipients.join(', ')) : t.noRecipients,
      transfers.length
        ? transfers
            .map(
              (p) =>
                `${t.transfers}: ${p.purpose.name}: ${sentence(p.purpose.transfers.trim())} ${t.safeguards}: ${sentence(p.purpose.transferSafeguards.trim())}`,
            )
            .join(' ')
        : t.noTransfers,
    ]),
    block(
      'retention',
      purposes.length
        ? purposes.map((p) => {
            const period = fill(t.retention, {
              months: p.purpose.retention.months,
              event: texts.retentionFrom[p.purpose.retention.from],
            });
            const reference = p.purpose.retention.reference.trim();
            return `${p.purpose.name}: ${sentence(reference ? `${period} – ${reference}` : period)}`;
          })
        : [t.noPurposes],
    ),
    block(
      'rights',
      [t.rightsIntro],
      [
        t.rights.rectification,
        t.rights.erasure,
        t.rights.restriction,
        t.rights.notification,
        t.rights.portability,
        t.rights.objection,
      ],
      [t.rightsContact],
    ),
    block('complaint', [t.complaint]),
    block('source', sourceParagraphs),
    block('automated', [t.automated]),
    block('data', dataParagraphs, dataItems),
    block('consents', consentItems.length ? [] : [t.noConsents], consentItems),
    block('history', historyItems.length ? [] : [t.noHistory], historyItems),
    block('operations', operationItems.length ? [] : [t.noOperations], operationItems),
    block(
      'files',
      [t.files],
      [
        `${accessPackagePaths.report}: ${t.fileList.report}`,
        `${accessPackagePaths.data}: ${t.fileList.json}`,
        `${accessPackagePaths.schema}: ${t.fileList.schema}`,
        `csv/*.csv: ${t.fileList.csv}`,
        `${accessPackagePaths.vcard}: ${t.fileList.vcard}`,
        `${accessPackagePaths.calendar}: ${t.fileList.ics}`,
      ],
    ),
  ];
  return {
    language: options.language,
    title: t.title,
    lead: t.lead,
    subject: fill(t.subject, { name: displayName(person) }),
    generatedOn: fill(t.generatedOn, { date: day(new Date(options.now).toISOString()) }),
    blocks,
  };
}

/** The report as plain text: title, lead, subject, date, then numbered sections, LF line ends. */
export function accessReportText(report: AccessReport): string {
  const parts = [report.title, report.lead, `${report.subject}\n${report.generatedOn}`];
  report.blocks.forEach((b, n) => {
    parts.push(
      [`${n + 1}. ${b.heading}`, ...b.paragraphs, ...b.items.map((i) => `- ${i}`), ...b.closing].join('\n'),
    );
  });
  return `${parts.join('\n\n')}\n`;
}

/** The JSON document of the package (records already masked and without clocks). */
export function accessDocument(
  data: AccessData,
  language: AccessLanguage,
  now: number,
): z.input<typeof accessDocumentSchema> {
  return {
    format: ACCESS_PACKAGE_FORMAT,
    formatVersion: ACCESS_PACKAGE_VERSION,
    generatedAt: new Date(now).toISOString(),
    language,
    person: data.person,
    organizations: data.organizations.map((o) => ({ ...o })),
    activities: [...data.activities],
    tasks: [...data.tasks],
    deals: [...data.deals],
    purposes: data.purposes.map((p) => ({ link: p.link, purpose: p.purpose })),
    consents: [...data.consents],
    sources: [...data.sources],
    history: data.history.map((h) => ({ ...h, changes: [...h.changes] })),
    operations: data.operations.map((o) => ({ ...o, fields: [...o.fields] })),
    leftOut: { ...data.leftOut },
  };
}

/** One file of the package, as text. */
export interface AccessPackageFile {
  readonly path: string;
  readonly text: string;
}

/** Every file of the package, in the order they go into the zip. */
export function accessPackageFiles(
  data: AccessData,
  report: AccessReport,
  texts: AccessReportCatalog,
  now: number,
): AccessPackageFile[] {
  const organizationName = (id: string) => data.organizations.find((o) => o.id === id)?.name ?? '';
  const consentRows = [
    ['At', 'Action', 'Purpose', 'Channel', 'Method', 'Recorded By', 'Notice Hash', 'Evidence', 'Seq', 'Hash'],
    ...data.consents.map((c) => [
      c.at,
      c.action,
      data.purposes.find((p) => p.purpose.id === c.purposeId)?.purpose.name ?? '',
      c.channel,
      c.method,
      c.recordedBy,
      c.noticeHash ?? '',
      c.evidence,
      String(c.seq),
      c.hash,
    ]),
  ];
  const firstOrganization = data.person.organizations[0];
  return [
    { path: accessPackagePaths.report, text: accessReportText(report) },
    {
      path: accessPackagePaths.data,
      text: JSON.stringify(accessDocument(data, report.language, now), null, 2),
    },
    { path: accessPackagePaths.schema, text: accessSchemaText() },
    { path: accessPackagePaths.person, text: writeCsv(peopleTable([data.person], organizationName)) },
    { path: accessPackagePaths.activities, text: writeCsv(activitiesTable(data.activities)) },
    { path: accessPackagePaths.tasks, text: writeCsv(tasksTable(data.tasks)) },
    {
      path: accessPackagePaths.deals,
      text: writeCsv(dealsTable(data.deals, (d) => data.stages[d.id] ?? '')),
    },
    { path: accessPackagePaths.consents, text: writeCsv(consentRows) },
    {
      path: accessPackagePaths.vcard,
      text: personToVcard(
        data.person,
        '4.0',
        firstOrganization ? organizationName(firstOrganization.organizationId) || undefined : undefined,
      ),
    },
    {
      path: accessPackagePaths.calendar,
      text: toICalendar(data.activities, data.tasks, { now, kindLabel: (k) => texts.kinds[k] }),
    },
  ];
}

/** The package's zip (deflated with fflate; entries dated `now`). */
export function accessPackageZip(files: readonly AccessPackageFile[], now: number): Uint8Array {
  const encoder = new TextEncoder();
  const mtime = new Date(now);
  return zipSync(Object.fromEntries(files.map((f) => [f.path, [encoder.encode(f.text), { mtime }]])), {
    level: 6,
  });
}
