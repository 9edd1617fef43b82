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
import { indirectNoticeSchema, type IndirectNotice } from './indirect-notice';
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
 * person means the records key). `none`: not about one natural person.
 */
export type SubjectRule<T> =
  | { readonly kind: 'self'; readonly field: 'subjectId' }
  | { readonly kind: 'person'; readonly field: string; readonly personId: (record: T) => string | undefined }
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
  organizations: entity('organizations', organizationSchema, organizationSchemaVersion, {
    migrations: organizationMigrations,
    defaults: organizationDefaults,
  }),
  deals: entity('deals', dealSchema, dealSchemaVersion),
  pipelines: entity('pipelines', pipelineSchema, pipelineSchemaVersion),
  activities: entity('activities', activitySchema, activitySchemaVersion, {
    // About exactly one person: under their key. A meeting of several people: the records key.
    subject: {
      kind: 'person',
      field: 'participantIds',
      personId: (a) => (a.participantIds.length === 1 ? a.participantIds[0] : undefined),
    },
  }),
  tasks: entity('tasks', taskSchema, taskSchemaVersion, {
    subject: {
      kind: 'person',
      field: 'link',
      personId: (t) => (t.link?.table === 'person' ? t.link.id : undefined),
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
  // History holds values (personal data): a person's history is under their key.
  history: store('history', {
    kind: 'person',
    field: 'recordId',
    personId: (h) => (h.recordTable === 'people' ? h.recordId : undefined),
  }),
  // The audit log names fields and random ids only: pseudonymous, under the records key.
  audit: store('audit'),
  views: store('views'),
  settings: store('settings'),
  imports: store('imports'),
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
