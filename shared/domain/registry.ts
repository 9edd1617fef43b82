/**
 * The record registry: one definition per stored table (name, schema, current schema version,
 * numbered migrations, defaults of fields added by migrations, and who the data subject of its
 * records is). The vault model, the repository, the write commands, the archive format, backups
 * and migrations all read this one list, so a new table or a new version is declared once.
 */
import type { z } from 'zod';
import { activitySchema, activitySchemaVersion, type Activity } from './activity';
import type { AuditEntry } from './audit';
import { customFieldSchema, customFieldSchemaVersion, type CustomField } from './custom-field';
import { dealSchema, dealSchemaVersion, type Deal } from './deal';
import type { HistoryEntry } from './history';
import type { ImportLog } from './import-log';
import type { Migration } from './migration-steps';
import {
  organizationDefaults,
  organizationMigrations,
  organizationSchema,
  organizationSchemaVersion,
  type Organization,
} from './organization';
import { personDefaults, personMigrations, personSchema, personSchemaVersion, type Person } from './person';
import { pipelineSchema, pipelineSchemaVersion, type Pipeline } from './pipeline';
import { breachSchema, type Breach } from './breach';
import { consentEntrySchema, type ConsentEntry } from './consent';
import { dataRequestSchema, type DataRequest } from './data-request';
import { retentionDecisionSchema, type RetentionDecisionEntry } from './retention';
import {
  noticeSchema,
  personPurposeSchema,
  privacyControllerSchema,
  privacySchemaVersion,
  purposeSchema,
  type Notice,
  type PersonPurpose,
  type PrivacyController,
  type Purpose,
} from './privacy';
import { stampedRecord, type Editable, type Stamp } from './record';
import { noParties, type Parties, type PartTable, type SharedPart } from './shared-parts';
import { indirectNoticeSchema, type IndirectNotice } from './indirect-notice';
import { objectionSchema, restrictionSchema, type Objection, type Restriction } from './restriction';
import {
  erasureEntrySchema,
  legalHoldSchema,
  suppressionSchema,
  type ErasureEntry,
  type LegalHold,
  type Suppression,
} from './erasure';
import { tagSchema, tagSchemaVersion, type Tag } from './tag';
import { taskSchema, taskSchemaVersion, type Task } from './task';

/** The domain records, by table: each has a schema, a version and migrations. */
export interface EntityRecords {
  people: Person;
  organizations: Organization;
  deals: Deal;
  pipelines: Pipeline;
  activities: Activity;
  tasks: Task;
  tags: Tag;
  'custom-fields': CustomField;
  'privacy-controller': PrivacyController;
  purposes: Purpose;
  'person-purposes': PersonPurpose;
  consents: ConsentEntry;
  'retention-decisions': RetentionDecisionEntry;
  notices: Notice;
  breaches: Breach;
  'indirect-notices': IndirectNotice;
  restrictions: Restriction;
  objections: Objection;
  requests: DataRequest;
  erasures: ErasureEntry;
  suppressions: Suppression;
  'legal-holds': LegalHold;
}

/**
 * The app's own bookkeeping tables. Views, settings and imports are read through their own
 * schemas where they are used (`unknown` here: a settings row holds several shapes).
 */
export interface StoreRecords {
  history: HistoryEntry;
  audit: AuditEntry;
  views: unknown;
  settings: unknown;
  imports: ImportLog;
  /** What each party keeps of a shared record (see `shared-parts.ts`). */
  'shared-parts': SharedPart;
}

/** Every stored table's record type. */
export type TableRecords = EntityRecords & StoreRecords;
/** A stored table. */
export type TableName = keyof TableRecords;
/** A table of domain records. */
export type EntityTable = keyof EntityRecords;
/** The record type of a table. */
export type RecordOf<K extends TableName> = TableRecords[K];

/**
 * Whose data a table's records are. `self`: the record is a person and names their own subject
 * key. `person`: the record is about the person `personId` returns (their key encrypts it; no
 * person means the records key). `parties`: the record is about the people and organizations
 * `parties` returns; it is sealed under the keys of every one of them that is a data subject (a
 * person; an organization that is a natural person, with the sole traders linked to it), so
 * erasing any one shreds it; with `part`, each party also keeps its part of it (see
 * `shared-parts.ts`). `listed`: the record names the subjects it is sealed for (a part). `none`:
 * not about a natural person.
 */
export type SubjectRule<T> =
  | { readonly kind: 'self'; readonly field: 'subjectId' }
  | { readonly kind: 'person'; readonly field: string; readonly personId: (record: T) => string | undefined }
  | {
      readonly kind: 'parties';
      readonly field: string;
      readonly parties: (record: T) => Parties;
      readonly part?: PartTable;
    }
  | { readonly kind: 'listed'; readonly field: 'subjectIds' }
  | { readonly kind: 'none' };

/** One table's definition. */
export interface TableDefinition<K extends TableName> {
  readonly name: K;
  /** `entity`: a domain record with a schema; `store`: the app's own bookkeeping. */
  readonly kind: K extends EntityTable ? 'entity' : 'store';
  /** The current shape (entity tables). */
  readonly schema: K extends EntityTable ? z.ZodType<EntityRecords[K]> : undefined;
  /** Current schema version (entity tables; store tables are versioned by their own code). */
  readonly version: number;
  /** Steps from each older version to the next, in order. */
  readonly migrations: readonly Migration[];
  /** Fields a new record gets unless given (the fields later versions added). */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly subject: SubjectRule<RecordOf<K>>;
}

const none = { kind: 'none' } as const;

function entity<K extends EntityTable>(
  name: K,
  schema: z.ZodType<EntityRecords[K]>,
  version: number,
  rest: Partial<Pick<TableDefinition<K>, 'migrations' | 'defaults' | 'subject'>> = {},
): TableDefinition<K> {
  return {
    name,
    kind: 'entity',
    schema,
    version,
    migrations: rest.migrations ?? [],
    defaults: rest.defaults ?? {},
    subject: rest.subject ?? none,
  } as TableDefinition<K>;
}

function store<K extends keyof StoreRecords>(
  name: K,
  subject: SubjectRule<RecordOf<K>> = none,
): TableDefinition<K> {
  return {
    name,
    kind: 'store',
    schema: undefined,
    version: 1,
    migrations: [],
    defaults: {},
    subject,
  } as unknown as TableDefinition<K>;
}

/**
 * Every table, in the order they are written and restored (a table's records may reference
 * records of the tables before it only through ids, which resolve in any order).
 */
export const recordRegistry: { readonly [K in TableName]: TableDefinition<K> } = {
  people: entity('people', personSchema, personSchemaVersion, {
    migrations: personMigrations,
    defaults: personDefaults,
    subject: { kind: 'self', field: 'subjectId' },
  }),
  // A sole trader's business is a natural person: under its own key and its owners' (see below).
  organizations: entity('organizations', organizationSchema, organizationSchemaVersion, {
    migrations: organizationMigrations,
    defaults: organizationDefaults,
    subject: { kind: 'parties', field: 'id', parties: (o) => ({ people: [], organizations: [o.id] }) },
  }),
  // A deal is about its people and a sole-trader organization: under all their keys; each keeps
  // its part, and the business keeps the figures (the base part).
  deals: entity('deals', dealSchema, dealSchemaVersion, {
    subject: {
      kind: 'parties',
      field: 'personIds',
      // `?? []`: a purged record (a tombstone) keeps no lists.
      parties: (d) => ({
        people: d.personIds ?? [],
        organizations: d.organizationId ? [d.organizationId] : [],
      }),
      part: 'deals',
    },
  }),
  pipelines: entity('pipelines', pipelineSchema, pipelineSchemaVersion),
  activities: entity('activities', activitySchema, activitySchemaVersion, {
    // About one person: under their key. A meeting of several: under every participant's key,
    // each keeping their part (they took part, when, what kind).
    subject: {
      kind: 'parties',
      field: 'participantIds',
      parties: (a) => ({
        people: a.participantIds ?? [],
        organizations: a.organizationId ? [a.organizationId] : [],
      }),
      part: 'activities',
    },
  }),
  tasks: entity('tasks', taskSchema, taskSchemaVersion, {
    subject: {
      kind: 'parties',
      field: 'link',
      parties: (t) =>
        t.link?.table === 'person'
          ? { people: [t.link.id], organizations: [] }
          : t.link?.table === 'organization'
            ? { people: [], organizations: [t.link.id] }
            : noParties,
    },
  }),
  tags: entity('tags', tagSchema, tagSchemaVersion),
  'custom-fields': entity('custom-fields', customFieldSchema, customFieldSchemaVersion),
  // The controller's own details and the purposes catalogue are about the business, not a person.
  'privacy-controller': entity('privacy-controller', privacyControllerSchema, privacySchemaVersion),
  purposes: entity('purposes', purposeSchema, privacySchemaVersion),
  // A person's purposes and consents are theirs: under their key, erased with them.
  'person-purposes': entity('person-purposes', personPurposeSchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (l) => l.personId },
  }),
  consents: entity('consents', consentEntrySchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (c) => c.personId },
  }),
  // A review's decision (kept longer and why, or anonymised) is about the person: under their key.
  'retention-decisions': entity('retention-decisions', retentionDecisionSchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (d) => d.personId },
  }),
  // Notice texts are the controller's wording, kept whole so a consent can quote its version.
  notices: entity('notices', noticeSchema, privacySchemaVersion),
  // The breach register describes incidents by categories and counts, not one person.
  breaches: entity('breaches', breachSchema, privacySchemaVersion),
  // Where a person's data came from and when they were told (Art. 14): theirs, under their key.
  'indirect-notices': entity('indirect-notices', indirectNoticeSchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (n) => n.personId },
  }),
  // A restriction (Art. 18) and an objection (Art. 21) are about the person: under their key.
  restrictions: entity('restrictions', restrictionSchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (r) => r.personId },
  }),
  objections: entity('objections', objectionSchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (o) => o.personId },
  }),
  // A data subject's request (Art. 12(3)) is about the person it concerns: under their key once
  // linked (a request from someone not in the CRM yet stays under the records key until then).
  requests: entity('requests', dataRequestSchema, privacySchemaVersion, {
    subject: { kind: 'person', field: 'personId', personId: (r) => r.personId ?? undefined },
  }),
  // History holds values (personal data): a person's history is under their key, a sole
  // trader's under the organization's keys.
  // Erasure (Art. 17): what outlives an erased person's key. The ledger and the suppression list
  // hold random ids and keyed hashes only; a legal hold keeps what an obligation needs.
  erasures: entity('erasures', erasureEntrySchema, privacySchemaVersion),
  suppressions: entity('suppressions', suppressionSchema, privacySchemaVersion),
  'legal-holds': entity('legal-holds', legalHoldSchema, privacySchemaVersion),
  history: store('history', {
    kind: 'parties',
    field: 'recordId',
    parties: (h) =>
      h.recordTable === 'people'
        ? { people: [h.recordId], organizations: [] }
        : h.recordTable === 'organizations'
          ? { people: [], organizations: [h.recordId] }
          : noParties,
  }),
  // The audit log names fields and random ids only: pseudonymous, under the records key.
  audit: store('audit'),
  views: store('views'),
  settings: store('settings'),
  imports: store('imports'),
  'shared-parts': store('shared-parts', { kind: 'listed', field: 'subjectIds' }),
};

/** Every stored table, in registry order. */
export const tableNames = Object.keys(recordRegistry) as TableName[];
/** The tables of domain records, in registry order (what an archive holds). */
export const entityTables = tableNames.filter((t) => recordRegistry[t].kind === 'entity') as EntityTable[];

/** True if `name` is a stored table. */
export function isTableName(name: string): name is TableName {
  return Object.hasOwn(recordRegistry, name);
}

/** True if `name` is a table of domain records. */
export function isEntityTable(name: string): name is EntityTable {
  return isTableName(name) && recordRegistry[name].kind === 'entity';
}

/** The schema of an entity table. */
export function schemaOf<K extends EntityTable>(table: K): z.ZodType<EntityRecords[K]> {
  return recordRegistry[table].schema as z.ZodType<EntityRecords[K]>;
}

/** The fields a caller gives a new record: every editable field, less those with a default. */
export type NewRecordFields<K extends EntityTable> = Omit<
  Editable<EntityRecords[K]>,
  'deletedAt' | keyof (typeof recordRegistry)[K]['defaults']
> &
  Partial<Editable<EntityRecords[K]>>;

/**
 * A new record of `table` at its current version, with the table's defaults for fields not
 * given, every field clocked at `stamp`. The result is not validated: the write path does that.
 */
export function createRecord<K extends EntityTable>(
  table: K,
  id: EntityRecords[K]['id'],
  fields: NewRecordFields<K>,
  stamp: Stamp,
): EntityRecords[K] {
  const definition = recordRegistry[table];
  const all = { ...definition.defaults, ...fields } as unknown as Omit<
    Editable<EntityRecords[K]>,
    'deletedAt'
  >;
  return stampedRecord<EntityRecords[K]>(id, definition.version, all, stamp);
}
