import { selectBackupsToKeep } from '../../../shared/backup/retention';
import { parseBackupFileName, vaultIdPrefix } from '../../../shared/backup/names';
import { DomainError, upgradeRecord } from '../../../shared/domain';
import type { HostClient } from '../../../shared/host/contract';
import { HostError } from '../../../shared/host/errors';
import type { Workspace } from '../../session/workspace';
import {
  BackupError,
  CLOCK_TOLERANCE_MS,
  checkBackupHeader,
  encodeBackup,
  isBackupError,
  openBackup,
  rankBackups,
  readBackupHeader,
  readKeyLedger,
  verifyBackup,
  writeBackup,
  type BackupCheck,
  type BackupRanking,
  type BackupRecord,
  type ErasureEntry,
  type OpenedBackup,
} from '../../backup';
import { SubjectFinder, randomBytes, sha256Hex, tables, type TableName } from '../../vault';
import {
  maintainRetiredLedgers,
  reconcileBackupKeys,
  saveBackupKeys,
  writeLedgerFromVault,
  type LedgerRepair,
} from './backup-keys';
import type { BackupSettings } from './settings';

/** The steps of one backup, for the progress bar. */
export const backupSteps = ['collect', 'encrypt', 'write', 'verify', 'retention'] as const;
export type BackupStep = (typeof backupSteps)[number];

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Settings stay out of backups: they name this device and its folder, not the data.
const skipped: ReadonlySet<TableName> = new Set(['settings']);

async function importSubjectKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/**
 * The key of a shared record's payload: HKDF-SHA-256 over the backup keys of every one of its
 * subjects (in the record's order), bound to that list. Without any one of them it cannot be
 * computed, so destroying one subject's backup key shreds the record in every backup.
 */
async function sharedSubjectKey(raws: readonly Uint8Array[], group: string): Promise<CryptoKey> {
  const ikm = new Uint8Array(32 * raws.length);
  raws.forEach((raw, n) => ikm.set(raw, n * 32));
  try {
    const base = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: new Uint8Array(0),
        info: encoder.encode(`scrigno/backup/v1/shared-record\u0000${group}`),
      },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } finally {
    ikm.fill(0);
  }
}

/** The payload key of a record of `group` (one subject id, or several comma-joined), or null. */
async function keyOfGroup(
  group: string,
  rawOf: (sid: string) => Uint8Array | undefined,
): Promise<CryptoKey | null> {
  if (!group.includes(',')) {
    const raw = rawOf(group);
    return raw ? importSubjectKey(raw) : null;
  }
  const raws: Uint8Array[] = [];
  for (const sid of group.split(',')) {
    const raw = rawOf(sid);
    if (!raw) return null;
    raws.push(raw);
  }
  return sharedSubjectKey(raws, group);
}

/**
 * Seals one subject record: nonce ‖ AES-GCM(subject backup key, JSON, AD = table/id). The key
 * lives only in the key ledger beside the backups; erasing the subject removes it there, which
 * makes this record unreadable in every backup ever written (crypto-shredding).
 */
async function seal(key: CryptoKey, table: string, id: string, data: unknown): Promise<Uint8Array> {
  const nonce = randomBytes(12);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(`${table}/${id}`) },
    key,
    encoder.encode(JSON.stringify(data)),
  );
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(nonce, 0);
  out.set(new Uint8Array(ct), 12);
  return out;
}

async function unseal(key: CryptoKey, table: string, id: string, sealed: Uint8Array): Promise<unknown> {
  const pt = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.slice(0, 12), additionalData: encoder.encode(`${table}/${id}`) },
    key,
    sealed.slice(12),
  );
  return JSON.parse(decoder.decode(pt)) as unknown;
}

/**
 * The data of one sealed backup record, opened with the subject backup keys `rawOf` finds; null
 * when one of its keys is missing or does not open it (an erased subject's records, for ever).
 */
export async function unsealBackupRecord(
  record: BackupRecord,
  rawOf: (subjectId: string) => Uint8Array | undefined,
): Promise<unknown> {
  if (!record.subjectId || !(record.payload instanceof Uint8Array)) return record.payload;
  const key = await keyOfGroup(record.subjectId, rawOf);
  if (!key) return null;
  return unseal(key, record.table, record.id, record.payload).catch(() => null);
}

/** Outcome of a successful backup. */
export interface BackupOutcome {
  readonly name: string;
  readonly sha256: string;
  readonly generation: number;
  readonly size: number;
  readonly counts: Record<string, number>;
  /** The folder's key ledger was missing, damaged or rolled back, and was rewritten from the vault. */
  readonly ledgerRepair: LedgerRepair | null;
  /** Files in the folder that look like this vault's backups but are quarantined. */
  readonly quarantined: BackupRanking['quarantined'];
  /** Backups retention deleted. */
  readonly deleted: readonly string[];
}

/** Options of {@link runBackup}. */
export interface RunBackupOptions {
  readonly onStep?: (step: BackupStep) => void;
  /** The clock (tests replay schedules and wrong clocks with it). */
  readonly now?: () => Date;
}

/** One file of this vault's prefix in a backup folder, with what its header check found. */
export interface CheckedBackup {
  readonly name: string;
  readonly check: BackupCheck;
}

/**
 * Reads every backup named for this vault in the folder and authenticates its header with the key
 * (`checkBackupHeader`): the facts {@link rankBackups} ranks by. A file that cannot be read is
 * `damaged`; a vanished folder still throws.
 */
export async function checkFolderBackups(
  host: HostClient,
  folderId: string,
  key: CryptoKey,
  vaultId: string,
): Promise<CheckedBackup[]> {
  const listing = await host.invoke('backup:list', { folderId });
  const prefix = vaultIdPrefix(vaultId);
  const checked: CheckedBackup[] = [];
  for (const entry of listing.backups) {
    if (entry.vaultIdPrefix !== prefix) continue;
    let check: BackupCheck;
    try {
      const { data } = await host.invoke('backup:read', { folderId, name: entry.name });
      check = await checkBackupHeader(data, key, { vaultId });
    } catch (error) {
      if (error instanceof HostError && error.code === 'folder-missing') throw error;
      check = { ok: false, reason: 'damaged' };
    }
    checked.push({ name: entry.name, check });
  }
  return checked;
}

/**
 * A first look at a folder before any key is known (a new computer): every backup's plaintext
 * header is read and checked against its name, its date and its vault's chain, per vault. This
 * already sets aside renamed copies and future dates, so the newest trustworthy backup is what is
 * offered first; the key check follows when one is opened ({@link checkFolderBackups}).
 */
export async function rankFolderWithoutKey(
  host: HostClient,
  folderId: string,
  now: Date = new Date(),
): Promise<BackupRanking> {
  const listing = await host.invoke('backup:list', { folderId });
  const byVault = new Map<string, CheckedBackup[]>();
  const quarantined: Array<BackupRanking['quarantined'][number]> = [];
  for (const entry of listing.backups) {
    let check: BackupCheck;
    let vaultId = '';
    try {
      const { data } = await host.invoke('backup:read', { folderId, name: entry.name });
      const header = await readBackupHeader(data);
      vaultId = header.vaultId;
      check = {
        ok: true,
        vaultId,
        createdAt: header.createdAt,
        generation: header.generation,
        previousSha256: header.previousSha256,
        sha256: await sha256Hex(new Uint8Array(data)),
      };
    } catch (error) {
      if (error instanceof HostError && error.code === 'folder-missing') throw error;
      quarantined.push({
        name: entry.name,
        reason: isBackupError(error, 'newer-version') ? 'newer-version' : 'damaged',
      });
      continue;
    }
    const list = byVault.get(vaultId) ?? [];
    list.push({ name: entry.name, check });
    byVault.set(vaultId, list);
  }
  const trusted: Array<BackupRanking['trusted'][number]> = [];
  for (const [vaultId, files] of byVault) {
    const ranking = rankBackups(files, { vaultId, now });
    trusted.push(...ranking.trusted);
    quarantined.push(...ranking.quarantined);
  }
  trusted.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.generation - a.generation);
  return { trusted, quarantined };
}

/**
 * One backup, start to end: reconcile the subject backup keys between the vault and the folder's
 * key ledger (repairing the ledger from the vault when it is missing, damaged or older than the
 * vault's mark), rank the folder's backups by their authenticated headers, collect the decrypted
 * records (subject records sealed under their backup keys), encrypt them, let the host write +
 * re-read + check the file, verify it fully here with the key, and only then apply retention to
 * trusted backups: quarantined files, the file just written and the newest trusted backup are
 * never deleted.
 * WARNING: throws `HostError` / `BackupError`; nothing is deleted unless the new backup verified.
 */
export async function runBackup(
  workspace: Workspace,
  host: HostClient,
  settings: BackupSettings,
  keySlots: Uint8Array,
  options: RunBackupOptions = {},
): Promise<BackupOutcome> {
  const onStep = options.onStep ?? (() => undefined);
  const clock = options.now ?? (() => new Date());
  const folderId = settings.folderId;
  if (!folderId) throw new Error('backup: no folder');
  const { vault, model } = workspace;
  const key = vault.purposeKey('backups');
  // The last backup counts for the chain only if this vault id wrote it: a master-key rotation
  // (new vault id) starts a new chain at generation 1, and the old chain's files are left alone.
  const last =
    settings.lastSuccess &&
    parseBackupFileName(settings.lastSuccess.name)?.vaultIdPrefix === vaultIdPrefix(vault.vaultId)
      ? settings.lastSuccess
      : null;
  onStep('collect');
  // The chains a rotation retired keep their ledgers current (an erasure reaches them too).
  await maintainRetiredLedgers(workspace, host, folderId);
  const reconciled = await reconcileBackupKeys(workspace, host, folderId);
  const erased = new Set(reconciled.store.erasures.map((e) => e.subjectId));
  const subjects = new Map(reconciled.store.subjects);
  const known = subjects.size;
  const keys = new Map<string, CryptoKey>();
  const rawFor = (sid: string): Uint8Array => {
    let raw = subjects.get(sid);
    if (!raw) subjects.set(sid, (raw = randomBytes(32)));
    return raw;
  };
  const keyFor = async (sid: string): Promise<CryptoKey> => {
    let k = keys.get(sid);
    if (!k) keys.set(sid, (k = (await keyOfGroup(sid, rawFor))!));
    return k;
  };
  const records: BackupRecord[] = [];
  const finder = new SubjectFinder(model);
  for (const table of tables) {
    if (skipped.has(table)) continue;
    for (const [id, data] of model.entries(table)) {
      const sids = finder.subjects(table, data);
      // A shared record is sealed for all its subjects and goes with any one of them.
      if (sids.some((s) => erased.has(s))) continue;
      const sid = sids.length ? sids.join(',') : undefined;
      records.push(
        sid
          ? { table, id, subjectId: sid, payload: await seal(await keyFor(sid), table, id, data) }
          : { table, id, payload: data },
      );
    }
  }
  // New subject keys must be safely in the vault and in the ledger before any backup depends on them.
  if (reconciled.rewrite || subjects.size !== known) {
    await writeLedgerFromVault(workspace, host, folderId, {
      ...reconciled,
      store: { ...reconciled.store, subjects },
    });
  } else if (reconciled.folderGeneration > reconciled.store.ledgerGeneration) {
    await saveBackupKeys(workspace, { ...reconciled.store, ledgerGeneration: reconciled.folderGeneration });
  }

  const before = await checkFolderBackups(host, folderId, key, vault.vaultId);
  const now = clock();
  const tip = rankBackups(before, {
    vaultId: vault.vaultId,
    now,
    anchorSha256: last?.sha256 ?? null,
  }).trusted[0];
  // Above every authentic generation in the folder, so that a lost setting never makes a new
  // backup look older than an old one.
  let highest = last?.generation ?? 0;
  for (const { check } of before) {
    if (
      check.ok &&
      check.vaultId === vault.vaultId &&
      new Date(check.createdAt).getTime() <= now.getTime() + CLOCK_TOLERANCE_MS
    )
      highest = Math.max(highest, check.generation);
  }
  onStep('encrypt');
  const encoded = await encodeBackup({
    key,
    vaultId: vault.vaultId,
    generation: highest + 1,
    previousSha256: tip?.sha256 ?? last?.sha256 ?? null,
    keySlots,
    records,
    createdAt: now,
  });
  onStep('write');
  const written = await writeBackup(host, folderId, encoded);
  onStep('verify');
  const reread = await host.invoke('backup:read', { folderId, name: encoded.fileName });
  const verified = await verifyBackup(reread.data, key, { vaultId: vault.vaultId });
  onStep('retention');
  const ranking = rankBackups(
    [
      ...before.filter((b) => b.name !== encoded.fileName),
      {
        name: encoded.fileName,
        check: {
          ok: true,
          vaultId: vault.vaultId,
          createdAt: verified.header.createdAt,
          generation: verified.header.generation,
          previousSha256: verified.header.previousSha256,
          sha256: verified.sha256,
        },
      },
    ],
    { vaultId: vault.vaultId, now, anchorSha256: verified.sha256 },
  );
  const keep = new Set(
    selectBackupsToKeep(
      ranking.trusted.map((b) => ({ name: b.name, createdAt: b.createdAt, verified: true })),
      settings.retention,
      now,
    ),
  );
  keep.add(encoded.fileName);
  if (ranking.trusted[0]) keep.add(ranking.trusted[0].name);
  const remove = ranking.trusted.map((b) => b.name).filter((name) => !keep.has(name));
  const pruned =
    remove.length > 0
      ? await host.invoke('backup:prune', { folderId, vaultIdPrefix: vaultIdPrefix(vault.vaultId), remove })
      : { deleted: [] };
  return {
    name: encoded.fileName,
    sha256: encoded.sha256,
    generation: encoded.header.generation,
    size: written.size,
    counts: encoded.counts,
    ledgerRepair: reconciled.repair,
    quarantined: ranking.quarantined,
    deleted: pruned.deleted,
  };
}

/**
 * A restored record at its table's current schema version. A record from a newer app refuses the
 * whole backup (`newer-version`) before anything is replaced; one that cannot be read is `corrupt`.
 */
function upgradeForRestore(table: TableName, data: unknown): unknown {
  try {
    return upgradeRecord(table, data);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'future-version')
      throw new BackupError('newer-version');
    throw new BackupError('corrupt');
  }
}

/** A backup opened for restore: its records decrypted, erased subjects already dropped. */
export interface RestorableBackup {
  readonly opened: OpenedBackup;
  /** `subjectId`: one subject id, or a shared record's subject ids comma-joined. */
  readonly records: Array<{ table: TableName; id: string; subjectId?: string; data: unknown }>;
  /**
   * Records whose subject is not erased yet whose key is nowhere (neither in the vault nor in a
   * readable ledger): damage, not erasure. A restore with any of these would lose people, so the
   * screens refuse it and say why.
   */
  readonly missingKeys: number;
  /** The folder's ledger could not be read (damaged), when that is so. */
  readonly ledgerDamaged: boolean;
}

/** Where {@link openForRestore} finds subject backup keys besides the folder's ledger. */
export interface RestoreKeys {
  /** The vault's own copy (in-place restore); absent on a new computer. */
  readonly subjects?: ReadonlyMap<string, Uint8Array>;
  readonly erasures?: readonly ErasureEntry[];
}

/**
 * Opens a backup for restore with its folder's key ledger (and the vault's copy of the keys, when
 * there is a vault): subjects on an erasure list are dropped before anything is decoded; subject
 * records are unsealed; a record whose key is missing is counted as damage (`missingKeys`), never
 * taken for an erasure.
 */
export async function openForRestore(
  host: HostClient,
  folderId: string,
  name: string,
  key: CryptoKey,
  vaultId: string,
  own: RestoreKeys = {},
): Promise<RestorableBackup> {
  const { data } = await host.invoke('backup:read', { folderId, name });
  let ledger: Awaited<ReturnType<typeof readKeyLedger>> = null;
  let ledgerDamaged = false;
  try {
    ledger = await readKeyLedger(host, folderId, vaultId, key);
  } catch (error) {
    if (!isBackupError(error) || (error.code !== 'corrupt' && error.code !== 'truncated')) throw error;
    ledgerDamaged = true;
  }
  const erased = new Set([
    ...(ledger?.ledger.erasures ?? []).map((e) => e.subjectId),
    ...(own.erasures ?? []).map((e) => e.subjectId),
  ]);
  const opened = await openBackup(data, key, { vaultId, erasedSubjectIds: erased });
  const keys = new Map<string, CryptoKey | null>();
  const records: RestorableBackup['records'] = [];
  let missingKeys = 0;
  for (const r of opened.records) {
    if (!(tables as readonly string[]).includes(r.table)) continue;
    const table = r.table as TableName;
    if (!r.subjectId) {
      records.push({ table, id: r.id, data: upgradeForRestore(table, r.payload) });
      continue;
    }
    let k = keys.get(r.subjectId);
    if (k === undefined) {
      const rawOf = (sid: string) => own.subjects?.get(sid) ?? ledger?.ledger.subjects.get(sid);
      keys.set(r.subjectId, (k = await keyOfGroup(r.subjectId, rawOf)));
    }
    if (!k) {
      missingKeys++;
      continue;
    }
    let payload: unknown;
    try {
      payload = await unseal(k, table, r.id, r.payload as Uint8Array);
    } catch {
      // A key that does not open its records is as good as missing: damage, not erasure.
      missingKeys++;
      continue;
    }
    records.push({ table, id: r.id, subjectId: r.subjectId, data: upgradeForRestore(table, payload) });
  }
  return { opened, records, missingKeys, ledgerDamaged };
}
