/**
 * The portable archive: a zip holding the whole vault as JSON (with its JSON Schema), a CSV per
 * entity, every person as vCard, the calendar, a bilingual README and a manifest with the SHA-256
 * of every file. Documented in docs/archive-format.md. Hashing is passed in, so this module stays
 * free of platform APIs; encryption of the zip is the app's job (see `archive-envelope.ts`).
 */
import { deflateSync, strFromU8, unzipSync } from 'fflate';
import { z } from 'zod';
import { type Activity } from '../domain/activity';

import { type Deal } from '../domain/deal';
import { instantSchema, toInstant } from '../domain/dates';
import { type Organization } from '../domain/organization';
import { type Person } from '../domain/person';
import { type Pipeline } from '../domain/pipeline';
import { hlcPattern } from '../domain/hlc';
import { compactClock, expandClock, type RecordBase } from '../domain/record';

import { type Task } from '../domain/task';
import { recordSchemas, upgradeRecord } from '../domain/migrations';
import { entityTables, type EntityTable } from '../domain/registry';
import { DomainError, validate } from '../domain/validation';
import { writeCsv } from './csv';
import {
  activitiesTable,
  dealsTable,
  organizationsTable,
  peopleTable,
  tasksTable,
  type CsvTable,
} from './entity-csv';
import { FormatError } from './errors';
import { iCalendarParts } from './ical';
import { peopleToVcards } from './vcard';
import { crc32, listZip, writeZip, type ZipEntry } from './zip-writer';

/** Version of the archive layout; readers refuse newer versions. */
export const ARCHIVE_FORMAT_VERSION = 1;
/** The `format` field of `data/scrigno.json` and `manifest.json`. */
export const ARCHIVE_FORMAT = 'scrigno-archive';
/** Largest total uncompressed size read from an archive (a guard against zip bombs). */
export const MAX_ARCHIVE_UNCOMPRESSED = 2 * 1024 * 1024 * 1024 - 1;

/** The tables an archive holds: every entity table of the record registry, each checked by its schema. */
export const archiveSchemas = recordSchemas;
/** A table held in the archive. */
export type ArchiveTable = EntityTable;
/** The archive's tables, in the order they are written and restored (referenced before referencing). */
export const archiveTables: readonly ArchiveTable[] = entityTables;

/** The records of every archived table. */
export type ArchiveRecords = { readonly [T in ArchiveTable]: readonly RecordBase[] };

/** `data/scrigno.json`: the whole vault's records. */
export const archiveDataSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  exportedAt: instantSchema,
  tables: z.object(
    Object.fromEntries(entityTables.map((t) => [t, z.array(recordSchemas[t])])) as {
      [T in ArchiveTable]: z.ZodArray<(typeof recordSchemas)[T]>;
    },
  ),
});

/** One file listed in the manifest. */
export interface ManifestFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** `manifest.json`. */
export interface ArchiveManifest {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly formatVersion: number;
  readonly appVersion: string;
  readonly createdAt: string;
  readonly counts: Readonly<Record<ArchiveTable, number>>;
  readonly files: readonly ManifestFile[];
}

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int(),
  appVersion: z.string(),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(
    z.object({
      path: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

/** SHA-256 of bytes as lowercase hex (WebCrypto in the app, anything equivalent in tests). */
export type Sha256Hex = (bytes: Uint8Array) => Promise<string>;

/** The JSON Schema (draft 2020-12) of `data/scrigno.json`, generated from the domain schemas. */
export function archiveJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(archiveDataSchema, { unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: 'Scrigno archive data',
    $id: 'https://scrigno.local/schema/archive-data-v1.json',
  };
}

/** Paths inside the archive. */
export const archivePaths = {
  manifest: 'manifest.json',
  readme: 'README.txt',
  data: 'data/scrigno.json',
  schema: 'data/scrigno.schema.json',
  vcards: 'contacts/contacts.vcf',
  calendar: 'calendar/scrigno.ics',
  csv: (table: string) => `csv/${table}.csv`,
} as const;

/** The README.txt of every archive, Italian first, then English. */
export const archiveReadme = `Archivio portabile di Scrigno / Scrigno portable archive
========================================================

ITALIANO
Questo archivio contiene tutti i dati del tuo Scrigno, in formati aperti e documentati.

  manifest.json            Versione del formato, versione dell'app, data di creazione,
                           numero di record per tabella e impronta SHA-256 di ogni file.
  data/scrigno.json        Tutti i record (persone, organizzazioni, trattative, pipeline,
                           attività, attività da fare, etichette, campi personalizzati,
                           titolare, finalità, finalità di ogni persona, registro dei
                           consensi, testi delle informative, registro delle
                           violazioni), con id, orologi di modifica e cestino. È il
                           file che Scrigno legge quando importi l'archivio.
  data/scrigno.schema.json Lo schema JSON (draft 2020-12) di data/scrigno.json.
  csv/*.csv                Una tabella per entità (UTF-8 con BOM, separatore virgola),
                           apribile con Excel, LibreOffice o Numbers. Più valori nella
                           stessa cella sono separati da " ::: ". Le celle che inizierebbero
                           con = + - @ sono precedute da un apostrofo.
  contacts/contacts.vcf    Tutte le persone in formato vCard 4.0 (rubriche, telefoni).
  calendar/scrigno.ics     Incontri, chiamate e visite come eventi, attività da fare come
                           VTODO (iCalendar), per qualsiasi calendario.
  README.txt               Questo file.

I record nel cestino sono inclusi in data/scrigno.json (con la data di eliminazione) ma
non nei file CSV, vCard e iCalendar.

ENGLISH
This archive holds all your Scrigno data, in open, documented formats.

  manifest.json            Format version, app version, creation date, record counts per
                           table and the SHA-256 of every file.
  data/scrigno.json        Every record (people, organizations, deals, pipelines,
                           activities, tasks, tags, custom fields, controller, purposes,
                           people's purposes, consent ledger, notice texts, breach
                           register) with ids, edit clocks and trash state. Scrigno
                           reads this file when you import the archive.
  data/scrigno.schema.json The JSON Schema (draft 2020-12) of data/scrigno.json.
  csv/*.csv                One table per entity (UTF-8 with BOM, comma-separated) for
                           Excel, LibreOffice or Numbers. Several values in one cell are
                           separated by " ::: ". Cells that would start with = + - @ get a
                           leading apostrophe.
  contacts/contacts.vcf    Every person as vCard 4.0 (address books, phones).
  calendar/scrigno.ics     Meetings, calls and visits as events, tasks as VTODO
                           (iCalendar), for any calendar.
  README.txt               This file.

Records in the trash are in data/scrigno.json (with their deletion date) but not in the
CSV, vCard and iCalendar files.
`;

const live = <T extends RecordBase>(rows: readonly RecordBase[]): T[] =>
  rows.filter((r) => r.deletedAt === null) as T[];

/** What `buildArchive` needs. */
export interface ArchiveInput {
  readonly records: ArchiveRecords;
  readonly appVersion: string;
  /** Epoch ms of the export. */
  readonly now: number;
  readonly sha256: Sha256Hex;
}

const byId = (a: RecordBase, b: RecordBase) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The data document of an archive, as one value (records sorted by id, so equal vaults give equal
 * files; clocks compacted). `archiveFileSources` writes the same text in parts.
 */
export function archiveData(records: ArchiveRecords, now: number): Record<string, unknown> {
  const tables = {} as Record<ArchiveTable, unknown[]>;
  for (const t of archiveTables) tables[t] = [...records[t]].sort(byId).map(compactClock);
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: toInstant(now),
    tables,
  };
}

// Records per JSON part: big enough that stringify dominates, small enough to stream.
const JSON_SLICE = 2000;

function* dataParts(records: ArchiveRecords, now: number): Generator<string> {
  const head = JSON.stringify({
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: toInstant(now),
  });
  yield `${head.slice(0, -1)},"tables":{`;
  let firstTable = true;
  for (const t of archiveTables) {
    yield `${firstTable ? '' : ','}${JSON.stringify(t)}:[`;
    firstTable = false;
    const rows = [...records[t]].sort(byId);
    for (let i = 0; i < rows.length; i += JSON_SLICE) {
      const text = JSON.stringify(rows.slice(i, i + JSON_SLICE).map(compactClock));
      yield `${i === 0 ? '' : ','}${text.slice(1, -1)}`;
    }
    yield ']';
  }
  yield '}}';
}

/** One file of an archive as a sequence of text parts, produced on demand so large files stream. */
export interface ArchiveFileSource {
  readonly path: string;
  readonly parts: () => Iterable<string>;
}

// Records per part of a view file (CSV, vCard): compression works on one part while the next is built.
const VIEW_PART = 5000;

/** A CSV of `records` written a slice at a time: one BOM and one header row, as `writeCsv` writes them. */
function* csvParts<T>(records: readonly T[], table: (rows: readonly T[]) => CsvTable): Generator<string> {
  for (let at = 0; at === 0 || at < records.length; at += VIEW_PART) {
    const rows = table(records.slice(at, at + VIEW_PART));
    yield at === 0 ? writeCsv(rows) : writeCsv(rows.slice(1), { bom: false });
  }
}

/** Every file of the archive but the manifest, in the order they are written. */
export function archiveFileSources(records: ArchiveRecords, now: number): ArchiveFileSource[] {
  const orgName = new Map((records.organizations as Organization[]).map((o) => [o.id as string, o.name]));
  const pipelines = records.pipelines as Pipeline[];
  const stageName = (d: Deal) =>
    pipelines.find((p) => p.id === d.pipelineId)?.stages.find((s) => s.id === d.stageId)?.name ?? '';
  const people = () => live<Person>(records.people);
  const one = (path: string, text: () => string): ArchiveFileSource => ({ path, parts: () => [text()] });
  const csv = <T>(entity: string, rows: () => readonly T[], table: (rows: readonly T[]) => CsvTable) => ({
    path: archivePaths.csv(entity),
    parts: () => csvParts(rows(), table),
  });
  const orgOf = (p: Person) =>
    p.organizations[0] ? orgName.get(p.organizations[0].organizationId) : undefined;
  return [
    one(archivePaths.readme, () => archiveReadme.replace(/\n/g, '\r\n')),
    { path: archivePaths.data, parts: () => dataParts(records, now) },
    one(archivePaths.schema, () => JSON.stringify(archiveJsonSchema(), null, 2)),
    csv('people', people, (rows) => peopleTable(rows, (id) => orgName.get(id) ?? '')),
    csv('organizations', () => live<Organization>(records.organizations), organizationsTable),
    csv(
      'deals',
      () => live<Deal>(records.deals),
      (rows) => dealsTable(rows, stageName),
    ),
    csv('activities', () => live<Activity>(records.activities), activitiesTable),
    csv('tasks', () => live<Task>(records.tasks), tasksTable),
    {
      path: archivePaths.vcards,
      parts: function* () {
        const all = people();
        for (let at = 0; at < all.length; at += VIEW_PART)
          yield peopleToVcards(all.slice(at, at + VIEW_PART), '4.0', orgOf);
      },
    },
    {
      path: archivePaths.calendar,
      parts: () => iCalendarParts(live<Activity>(records.activities), live<Task>(records.tasks), { now }),
    },
  ];
}

/** The manifest's bytes for files already written (the manifest goes first in the zip). */
export function archiveManifestBytes(
  records: ArchiveRecords,
  appVersion: string,
  now: number,
  files: readonly ManifestFile[],
): Uint8Array {
  const counts = {} as Record<ArchiveTable, number>;
  for (const t of archiveTables) counts[t] = records[t].length;
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    appVersion,
    createdAt: toInstant(now),
    counts,
    files,
  };
  return new TextEncoder().encode(JSON.stringify(manifest, null, 2));
}

/**
 * Builds the archive zip in one thread with fflate's deflate: the simple path, for small vaults and
 * platforms without workers. The app streams large vaults through native compression instead.
 */
export async function buildArchive(input: ArchiveInput): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const entries: ZipEntry[] = [];
  const listed: ManifestFile[] = [];
  for (const source of archiveFileSources(input.records, input.now)) {
    const data = encoder.encode([...source.parts()].join(''));
    listed.push({ path: source.path, size: data.length, sha256: await input.sha256(data) });
    entries.push({ path: source.path, size: data.length, crc32: crc32(data), deflated: [deflateSync(data)] });
  }
  const manifest = archiveManifestBytes(input.records, input.appVersion, input.now, listed);
  const head: ZipEntry = {
    path: archivePaths.manifest,
    size: manifest.length,
    crc32: crc32(manifest),
    deflated: [deflateSync(manifest)],
  };
  return writeZip([head, ...entries], input.now);
}

/**
 * Raw inflate by a faster engine (the browser's `DecompressionStream`); it must fail rather than
 * produce more than `size` bytes.
 */
export type InflateRaw = (data: Uint8Array, size: number) => Promise<Uint8Array>;

/** The files an import reads (the others are views of the same data, for other programs). */
const readPaths: ReadonlySet<string> = new Set([archivePaths.manifest, archivePaths.data]);

/** What an archive import takes from the zip: the bodies it reads, and every entry's size. */
interface Unzipped {
  readonly bodies: Record<string, Uint8Array>;
  readonly sizes: ReadonlyMap<string, number>;
}

function unzipWithFflate(bytes: Uint8Array): Unzipped {
  let total = 0;
  const sizes = new Map<string, number>();
  try {
    const bodies = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_ARCHIVE_UNCOMPRESSED) throw new FormatError('archive-corrupt');
        sizes.set(f.name, f.originalSize);
        return readPaths.has(f.name);
      },
    });
    return { bodies, sizes };
  } catch {
    throw new FormatError('archive-corrupt');
  }
}

// undefined: not a plain ZIP this reader handles (fflate then reads it, or says what is wrong).
async function unzipWith(bytes: Uint8Array, inflateRaw: InflateRaw): Promise<Unzipped | undefined> {
  const listing = listZip(bytes);
  if (!listing) return undefined;
  if (listing.reduce((n, e) => n + e.size, 0) > MAX_ARCHIVE_UNCOMPRESSED)
    throw new FormatError('archive-corrupt');
  const bodies: Record<string, Uint8Array> = {};
  for (const e of listing) {
    if (!readPaths.has(e.path)) continue;
    const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let body: Uint8Array;
    try {
      body = e.method === 0 ? data : await inflateRaw(data, e.size);
    } catch {
      throw new FormatError('archive-corrupt');
    }
    if (body.length !== e.size) throw new FormatError('archive-corrupt');
    bodies[e.path] = body;
  }
  return { bodies, sizes: new Map(listing.map((e) => [e.path, e.size])) };
}

/** Records checked so far out of all; awaited, so the caller can let the UI paint. */
export type ArchiveProgress = (done: number, total: number) => Promise<void> | void;

// Records checked between two progress reports.
const PROGRESS_EVERY = 5000;

/** An archive read and checked: its manifest and every record. */
export interface ArchiveContents {
  readonly manifest: ArchiveManifest;
  readonly records: { [T in ArchiveTable]: RecordBase[] };
}

/** An archive's zip, opened: its manifest and the bytes of its data file (hash not yet checked). */
export interface ArchiveZip {
  readonly manifest: ArchiveManifest;
  readonly data: Uint8Array;
  /** The data file's SHA-256 as the manifest lists it. */
  readonly dataSha256: string;
}

/**
 * Opens an archive zip: the manifest is read and its format version known, every listed file is
 * present with its size, and the data file is inflated. The other files (CSV, vCard, calendar,
 * README, schema) are views of the same data for other programs: they are not inflated, so damage
 * there cannot reach the vault. Throws `FormatError` (`not-an-archive`, `archive-corrupt`,
 * `archive-checksum`, `archive-version`).
 */
export async function openArchiveZip(bytes: Uint8Array, inflateRaw?: InflateRaw): Promise<ArchiveZip> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new FormatError('not-an-archive');
  const { bodies, sizes } = (inflateRaw && (await unzipWith(bytes, inflateRaw))) ?? unzipWithFflate(bytes);
  const manifestBytes = bodies[archivePaths.manifest];
  if (!manifestBytes) throw new FormatError('not-an-archive');
  let manifest: ArchiveManifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(strFromU8(manifestBytes)));
    if (!parsed.success) throw new FormatError('not-an-archive');
    manifest = parsed.data as unknown as ArchiveManifest;
  } catch {
    throw new FormatError('not-an-archive');
  }
  if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) throw new FormatError('archive-version');
  for (const f of manifest.files) if (sizes.get(f.path) !== f.size) throw new FormatError('archive-checksum');
  const data = bodies[archivePaths.data];
  const dataFile = manifest.files.find((f) => f.path === archivePaths.data);
  if (!data || !dataFile) throw new FormatError('archive-corrupt');
  return { manifest, data, dataSha256: dataFile.sha256 };
}

/** The rows of every table of a data file, as stored (clocks compact). */
export type ArchiveRows = { readonly [table: string]: readonly unknown[] };

const dataHeadSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number(),
  tables: z.record(z.string(), z.array(z.unknown())),
});

/**
 * Parses a data file: `archive-corrupt` when it is not JSON, `archive-invalid-data` when not ours.
 * Rows of older schema versions come back migrated (see `upgradeRows`).
 */
export function parseArchiveData(data: Uint8Array | string): ArchiveRows {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof data === 'string' ? data : strFromU8(data));
  } catch {
    throw new FormatError('archive-corrupt');
  }
  const head = dataHeadSchema.safeParse(doc);
  if (!head.success) throw new FormatError('archive-invalid-data');
  if (head.data.formatVersion > ARCHIVE_FORMAT_VERSION) throw new FormatError('archive-version');
  return upgradeRows(head.data.tables);
}

/**
 * Brings rows written at older schema versions up to date with the registry's migrations (rows
 * already current are left as they are). The check that follows validates every row, migrated
 * ones included. A row from a newer app is `archive-version`; one that cannot be migrated,
 * `archive-invalid-data`.
 */
function upgradeRows(tables: Record<string, unknown[]>): ArchiveRows {
  for (const t of archiveTables) {
    const rows = tables[t];
    if (!rows) continue;
    for (let i = 0; i < rows.length; i++) {
      try {
        rows[i] = upgradeRecord(t, rows[i], { validate: false });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'future-version')
          throw new FormatError('archive-version');
        throw new FormatError('archive-invalid-data');
      }
    }
  }
  return tables;
}

// True when `input` holds nothing the schema's output left out: a field no schema knows.
function hasOnlyKnownKeys(input: unknown, output: unknown): boolean {
  if (input === null || typeof input !== 'object') return true;
  if (Array.isArray(input)) return input.every((x, i) => hasOnlyKnownKeys(x, (output as unknown[])[i]));
  const keys = Object.keys(input);
  const out = output as Record<string, unknown>;
  if (keys.length !== Object.keys(out).length) return false;
  return keys.every((k) => hasOnlyKnownKeys((input as Record<string, unknown>)[k], out[k]));
}

/**
 * Checks every row against its table's domain schema; a row that fails, or carries a field no
 * schema knows, refuses the archive (`archive-invalid-data`). Reports rows checked.
 */
export async function checkArchiveRows(rows: ArchiveRows, onProgress?: ArchiveProgress): Promise<void> {
  const total = archiveTables.reduce((n, t) => n + (rows[t]?.length ?? 0), 0);
  let done = 0;
  for (const t of archiveTables) {
    for (const row of rows[t] ?? []) {
      // A compact clock (one stamp for every field) is checked once, not once per field: the
      // record is checked with an empty clock map, which its expanded form passes if the stamp does.
      const stamp = (row as { clock?: unknown } | null)?.clock;
      if (typeof stamp === 'string' && !hlcPattern.test(stamp)) throw new FormatError('archive-invalid-data');
      const record = typeof stamp === 'string' ? { ...(row as object), clock: {} } : row;
      const checked = validate(archiveSchemas[t], record);
      if (!checked.ok || !hasOnlyKnownKeys(record, checked.value))
        throw new FormatError('archive-invalid-data');
      if (++done % PROGRESS_EVERY === 0) await onProgress?.(done, total);
    }
  }
  await onProgress?.(total, total);
}

/** The rows as records (clocks expanded), whether `checkArchiveRows` ran here or elsewhere. */
export function archiveRecordsOf(rows: ArchiveRows): { [T in ArchiveTable]: RecordBase[] } {
  const records = {} as { [T in ArchiveTable]: RecordBase[] };
  for (const t of archiveTables) {
    records[t] = (rows[t] ?? []).map((row) => {
      // The full check may still be running elsewhere: at least every row is an object with an id.
      if (typeof row !== 'object' || row === null || typeof (row as { id?: unknown }).id !== 'string')
        throw new FormatError('archive-invalid-data');
      return expandClock(row) as RecordBase;
    });
  }
  return records;
}

/** Checks a data file on its own: its SHA-256 against `expected`, its parse, every record. */
export async function checkArchiveData(
  data: Uint8Array,
  expected: string,
  sha256: Sha256Hex,
  onProgress?: ArchiveProgress,
): Promise<void> {
  if ((await sha256(data)) !== expected) throw new FormatError('archive-checksum');
  await checkArchiveRows(parseArchiveData(data), onProgress);
}

/**
 * Reads and checks an archive in one thread: `openArchiveZip`, then `checkArchiveData`. Throws
 * `FormatError` (`not-an-archive`, `archive-corrupt`, `archive-checksum`, `archive-version`,
 * `archive-invalid-data`).
 */
export async function readArchive(
  bytes: Uint8Array,
  sha256: Sha256Hex,
  inflateRaw?: InflateRaw,
  onProgress?: ArchiveProgress,
): Promise<ArchiveContents> {
  const zip = await openArchiveZip(bytes, inflateRaw);
  if ((await sha256(zip.data)) !== zip.dataSha256) throw new FormatError('archive-checksum');
  const rows = parseArchiveData(zip.data);
  await checkArchiveRows(rows, onProgress);
  return { manifest: zip.manifest, records: archiveRecordsOf(rows) };
}
