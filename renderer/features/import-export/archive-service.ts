// The portable archive in the app: collecting the vault's records, building (and optionally
// encrypting) the zip, and importing an archive: exactly into a fresh vault, through the duplicate
// rules into a vault with data.
import {
  canonicalJson,
  dedupeKeys,
  mergeRecords,
  personNameKey,
  toInstant,
  type ConsentEntry,
  type Organization,
  type Person,
  type RecordBase,
  validate,
  foldText,
  schemaOf,
  withoutPeople,
  erasedBusinesses,
} from '../../../shared/domain';
import {
  archiveRecordsOf,
  archiveTables,
  buildArchive,
  FormatError,
  isEncryptedArchive,
  openArchiveZip,
  parseArchiveData,
  readArchive,
  type ArchiveContents,
  type ArchiveProgress,
  type ArchiveRecords,
  type ArchiveTable,
} from '../../../shared/formats';
import type { Workspace } from '../../session/workspace';
import { passphraseStrength, sha256Hex, type KdfRunner, type Change } from '../../vault';
import { decryptArchive, encryptArchive } from './archive-crypto';
import { writeArchiveStreaming } from './archive-writer';
import { ImportJob } from './import-client';
import type { ImportLog } from './import-service';
import type { LeaveOut } from '../rights';

/** Every archived record of the vault; trashed ones only when asked for. */
export function vaultRecords(
  model: Workspace['model'],
  options: { includeTrash?: boolean } = {},
): ArchiveRecords {
  const out = {} as Record<ArchiveTable, RecordBase[]>;
  for (const t of archiveTables) {
    const rows: readonly RecordBase[] = model.list(t);
    out[t] = options.includeTrash ? [...rows] : rows.filter((r) => r.deletedAt === null);
  }
  return out;
}

/**
 * How an archive is protected: a passphrase held to the vault's own strength rule, or, as a
 * separate and explicit choice, nothing (every record readable by whoever gets the file).
 */
export type ArchiveProtection = { readonly passphrase: string } | { readonly plaintext: true };

/** Why an archive was not written: a passphrase weaker than the vault's rule, or no choice made. */
export class ArchiveExportRefused extends Error {
  override readonly name = 'ArchiveExportRefused';
  constructor(readonly code: 'weak-passphrase' | 'no-protection') {
    super(code);
  }
}

/**
 * Builds the archive of the vault, encrypted under `protection.passphrase` (see
 * docs/archive-format.md) unless `protection` says plaintext. The trash stays out unless
 * `includeTrash`. Where workers and native compression exist (the app), files are built in parts
 * and compressed in workers; elsewhere (tests in Node) in one thread.
 * WARNING: throws `ArchiveExportRefused` before any work for a weak passphrase or no protection.
 */
export async function exportArchive(
  ws: Pick<Workspace, 'model'>,
  options: {
    appVersion: string;
    protection: ArchiveProtection;
    includeTrash?: boolean;
    kdf?: KdfRunner;
    now?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Uint8Array> {
  const { protection } = options;
  const passphrase = 'passphrase' in protection ? protection.passphrase : undefined;
  if (passphrase === undefined && !('plaintext' in protection && protection.plaintext === true))
    throw new ArchiveExportRefused('no-protection');
  if (passphrase !== undefined && !(await passphraseStrength(passphrase)).acceptable)
    throw new ArchiveExportRefused('weak-passphrase');
  const records = vaultRecords(ws.model, { includeTrash: options.includeTrash ?? false });
  const now = options.now ?? Date.now();
  const zip =
    typeof Worker === 'function' && typeof CompressionStream === 'function'
      ? await writeArchiveStreaming(records, {
          appVersion: options.appVersion,
          now,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        })
      : await buildArchive({ records, appVersion: options.appVersion, now, sha256: sha256Hex });
  if (passphrase === undefined) return zip;
  return encryptArchive(zip, passphrase, options.kdf ? { kdf: options.kdf } : {});
}

/** Raw inflate through the platform's native `DecompressionStream`, refusing more than `size` bytes. */
async function nativeInflateRaw(data: Uint8Array, size: number): Promise<Uint8Array> {
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(data.slice());
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const out = new Uint8Array(size);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > size) {
      await reader.cancel();
      throw new FormatError('archive-corrupt');
    }
    out.set(value, at);
    at += value.length;
  }
  if (at !== size) throw new FormatError('archive-corrupt');
  return out;
}

const inflate = typeof DecompressionStream === 'function' ? nativeInflateRaw : undefined;

/** An archive opened for import. */
export interface OpenedArchive extends ArchiveContents {
  /**
   * Settles once the data file's hash and every record are checked; rejects with a `FormatError`
   * (or `ImportFailed`). Where workers exist the check runs in one while the page plans and
   * prepares the import, and `commitArchiveImport` waits for it before writing anything.
   */
  readonly checked: Promise<void>;
  /** Stops a check still running (the archive is not imported after all); `checked` then rejects. */
  dispose(): void;
}

/**
 * Opens archive bytes (decrypting when needed). The zip, the manifest and the data file's shape
 * are read here; the hash and the record checks run in a worker (reporting records checked), or
 * here before returning where there are no workers.
 */
export async function openArchive(
  bytes: Uint8Array,
  passphrase?: string,
  kdf?: KdfRunner,
  onProgress?: ArchiveProgress,
): Promise<OpenedArchive> {
  let plain = bytes;
  if (isEncryptedArchive(bytes)) {
    if (!passphrase) throw new FormatError('archive-encrypted');
    plain = await decryptArchive(bytes, passphrase, kdf);
  }
  if (typeof Worker !== 'function') {
    const contents = await readArchive(plain, sha256Hex, inflate, onProgress);
    return { ...contents, checked: Promise.resolve(), dispose: () => undefined };
  }
  const job = new ImportJob();
  try {
    const zip = await openArchiveZip(plain, inflate);
    // The worker loads while the zip inflates: the long parse below would hold its loading up.
    await job.ready;
    const text = new TextDecoder().decode(zip.data);
    // The worker gets the data file's buffer (transferred: no copy) unless it is part of another.
    const data = zip.data;
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    const checked = job
      .checkArchive(
        own ? (data as Uint8Array<ArrayBuffer>) : data.slice(),
        zip.dataSha256,
        (done, total) => void onProgress?.(done, total),
      )
      .then(() => undefined)
      .finally(() => job.dispose());
    // Observed by the import; a check that fails before anyone waits is not an unhandled error.
    checked.catch(() => undefined);
    // Chromium hands a transferred buffer to the worker in a task of this page: let it run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      manifest: zip.manifest,
      records: archiveRecordsOf(parseArchiveData(text)),
      checked,
      dispose: () => job.cancel(),
    };
  } catch (error) {
    job.dispose();
    throw error;
  }
}

/**
 * Runs a step on an archive's records while their check may still be running: records that will
 * fail it can break the step in any way, so when the step throws, a failed check is the error.
 */
export async function explainedByCheck<T>(checked: Promise<void>, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await checked;
    throw error;
  }
}

/** What importing an archive would do. */
export interface ArchivePlan {
  readonly changes: readonly Change[];
  /** Archive records that matched a different existing person or organization and were skipped. */
  readonly skipped: number;
  /** Records already present with the same content. */
  readonly unchanged: number;
  readonly created: { readonly [table: string]: readonly string[] };
  /** People of the archive left out: erased since (the erasure ledger) or on the suppression list. */
  readonly leftOut: { readonly erased: number; readonly suppressed: number };
  /** The archive's record check (see `OpenedArchive`): nothing is written before it passes. */
  readonly checked: Promise<void>;
}

// Ids are 128-bit random strings, so any string equal to a remapped id is a reference to it.
function remapIds<T>(value: T, map: ReadonlyMap<string, string>): T {
  if (map.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return map.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === 'id' || k === 'clock' ? x : walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * Plans an archive import. Records with an id the vault already has are merged field by field
 * (newest clock wins, so importing the same archive twice changes nothing). A person or
 * organization with a new id that matches an existing one (same email, phone, VAT, codice fiscale,
 * or same name) is skipped, and references to it point to the existing record instead.
 * In a fresh vault every record is taken as it is, so the vault is reproduced exactly.
 */
export function planArchiveImport(
  ws: Pick<Workspace, 'model'>,
  contents: OpenedArchive,
  leaveOut?: LeaveOut,
): ArchivePlan {
  const { model } = ws;
  // The erasure ledger is replayed first: an erased or suppressed person, and every record about
  // them alone, stays out; shared records come in without them.
  const out = new Set<string>();
  const leftOut = { erased: 0, suppressed: 0 };
  if (leaveOut && !leaveOut.empty) {
    for (const p of contents.records.people) {
      const reason = leaveOut.reason(p as Person);
      if (!reason) continue;
      out.add(p.id);
      leftOut[reason]++;
    }
    // Their sole-trader businesses are theirs too (sealed for them in the vault): left out with them.
    for (const id of erasedBusinesses(contents.records.people, contents.records.organizations, out))
      out.add(id);
  }
  const keyOwner = new Map<string, string>();
  const nameOwner = new Map<string, string>();
  for (const p of model.list('people')) {
    if (p.deletedAt !== null) continue;
    for (const k of dedupeKeys(p)) keyOwner.set(`p:${k.kind}:${k.value}`, p.id);
    nameOwner.set(`p:${personNameKey(p)}`, p.id);
  }
  for (const o of model.list('organizations')) {
    if (o.deletedAt === null) nameOwner.set(`o:${foldText(o.name)}`, o.id);
  }
  const remap = new Map<string, string>();
  let skipped = 0;
  // With no live party in the vault nothing can match: skip computing the archive's keys.
  const parties = nameOwner.size > 0 ? (['organizations', 'people'] as const) : [];
  for (const table of parties) {
    const prefix = table === 'people' ? 'p' : 'o';
    for (const r of contents.records[table]) {
      if (r.deletedAt !== null || model.get(table, r.id) || out.has(r.id)) continue;
      const party = r as Person | Organization;
      const owner =
        dedupeKeys(party)
          .map((k) => keyOwner.get(`${prefix}:${k.kind}:${k.value}`))
          .find((x) => x !== undefined) ??
        nameOwner.get(
          table === 'people'
            ? `p:${personNameKey(party as Person)}`
            : `o:${foldText((party as Organization).name)}`,
        );
      if (owner) {
        remap.set(r.id, owner);
        skipped++;
      }
    }
  }
  const changes: Change[] = [];
  const created: Record<string, string[]> = {};
  let unchanged = 0;
  for (const table of archiveTables) {
    for (const original of contents.records[table]) {
      const raw = withoutPeople(table, original, out);
      if (raw === null || remap.has(raw.id)) continue;
      // A matched person keeps their own consent ledger: the archive's entries chain under the
      // archive's person and would not verify re-pointed (the archive itself stays the evidence).
      if (table === 'consents' && remap.has((raw as ConsentEntry).personId)) continue;
      const incoming = remapIds(raw, remap);
      const existing = model.get(table, incoming.id);
      if (!existing) {
        changes.push({ table, before: null, after: incoming });
        (created[table] ??= []).push(incoming.id);
        continue;
      }
      const merged =
        existing.schemaVersion === incoming.schemaVersion ? mergeRecords(existing, incoming) : existing;
      if (canonicalJson(merged) === canonicalJson(existing)) unchanged++;
      else {
        // Two valid records can merge into one that breaks a rule across fields: refuse the archive.
        if (!validate(schemaOf(table), merged).ok) throw new FormatError('archive-invalid-data');
        changes.push({ table, before: existing, after: merged });
      }
    }
  }
  return { changes, skipped, unchanged, created, leftOut, checked: contents.checked };
}

/** Imports an archive as one command and logs it as an import (so it can be undone as a whole). */
export async function commitArchiveImport(
  ws: Pick<Workspace, 'model' | 'repo' | 'run' | 'vault'>,
  plan: ArchivePlan,
  fileName: string,
  now = Date.now(),
): Promise<ImportLog> {
  // Every record is checked once, by the archive check (or, merged, by the plan): the commit
  // prepares and encrypts meanwhile, and writes only once the check has passed.
  if (plan.changes.length > 0)
    await explainedByCheck(plan.checked, () =>
      ws.run('import.archive', { changes: plan.changes, validated: true, ready: plan.checked }),
    );
  else await plan.checked;
  const count = (t: string) => plan.created[t]?.length ?? 0;
  const log: ImportLog = {
    id: ws.repo.newId(),
    fileName,
    format: 'archive',
    at: toInstant(now),
    counts: {
      created: count('people'),
      updated: plan.changes.filter((c) => c.before !== null).length,
      skipped: plan.skipped,
      rejected: 0,
      organizations: count('organizations'),
      flagged: plan.leftOut.erased + plan.leftOut.suppressed,
    },
    created: plan.created,
    updated: plan.changes.filter((c) => c.before !== null).map((c) => c.after.id),
    undoneAt: null,
  };
  await ws.vault.put('imports', log.id, log);
  ws.model.upsert([{ table: 'imports', id: log.id, data: log }]);
  return log;
}
