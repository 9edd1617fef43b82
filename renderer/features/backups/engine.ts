import { selectBackupsToKeep } from '../../../shared/backup/retention';
import { vaultIdPrefix } from '../../../shared/backup/names';
import { DomainError, upgradeRecord } from '../../../shared/domain';
import type { HostClient } from '../../../shared/host/contract';
import type { Workspace } from '../../session/workspace';
import {
  BackupError,
  encodeBackup,
  erasedSubjectIds,
  openBackup,
  readKeyLedger,
  verifyBackup,
  writeBackup,
  writeKeyLedger,
  type BackupRecord,
  type KeyLedger,
  type OpenedBackup,
} from '../../backup';
import { randomBytes, subjectOf, tables, type TableName } from '../../vault';
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

/** The ledger to use: the valid stored one, or a new one for a first backup. */
async function loadLedger(
  host: HostClient,
  folderId: string,
  vaultId: string,
  key: CryptoKey,
): Promise<KeyLedger> {
  const picked = await readKeyLedger(host, folderId, vaultId, key);
  return picked?.ledger ?? { vaultId, generation: 0, subjects: new Map(), erasures: [] };
}

/** Outcome of a successful backup. */
export interface BackupOutcome {
  readonly name: string;
  readonly sha256: string;
  readonly generation: number;
  readonly size: number;
  readonly counts: Record<string, number>;
}

/**
 * One backup, start to end: collect the decrypted records (subject records sealed under their
 * ledger keys), encrypt them into the chunked format, let the host write + re-read + check it,
 * verify it fully here with the key, and only then apply retention.
 * WARNING: throws `HostError` / `BackupError`; nothing is deleted unless the new backup verified.
 */
export async function runBackup(
  workspace: Workspace,
  host: HostClient,
  settings: BackupSettings,
  keySlots: Uint8Array,
  onStep: (step: BackupStep) => void = () => undefined,
): Promise<BackupOutcome> {
  const folderId = settings.folderId;
  if (!folderId) throw new Error('backup: no folder');
  const { vault, model } = workspace;
  const key = vault.purposeKey('backups');
  onStep('collect');
  const ledger = await loadLedger(host, folderId, vault.vaultId, key);
  const erased = erasedSubjectIds(ledger);
  const subjects = new Map(ledger.subjects);
  const keys = new Map<string, CryptoKey>();
  const keyFor = async (sid: string): Promise<CryptoKey> => {
    let k = keys.get(sid);
    if (!k) {
      let raw = subjects.get(sid);
      if (!raw) subjects.set(sid, (raw = randomBytes(32)));
      keys.set(sid, (k = await importSubjectKey(raw)));
    }
    return k;
  };
  const records: BackupRecord[] = [];
  for (const table of tables) {
    if (skipped.has(table)) continue;
    for (const [id, data] of model.entries(table)) {
      const sid = subjectOf(model, table, data);
      if (sid && erased.has(sid)) continue;
      records.push(
        sid
          ? { table, id, subjectId: sid, payload: await seal(await keyFor(sid), table, id, data) }
          : { table, id, payload: data },
      );
    }
  }
  // New subject keys must be safely in the ledger before any backup depends on them.
  if (subjects.size !== ledger.subjects.size) {
    await writeKeyLedger(host, folderId, { ...ledger, generation: ledger.generation + 1, subjects }, key);
  }
  onStep('encrypt');
  const encoded = await encodeBackup({
    key,
    vaultId: vault.vaultId,
    generation: (settings.lastSuccess?.generation ?? 0) + 1,
    previousSha256: settings.lastSuccess?.sha256 ?? null,
    keySlots,
    records,
  });
  onStep('write');
  const written = await writeBackup(host, folderId, encoded);
  onStep('verify');
  const reread = await host.invoke('backup:read', { folderId, name: encoded.fileName });
  await verifyBackup(reread.data, key, { vaultId: vault.vaultId });
  onStep('retention');
  const listing = await host.invoke('backup:list', { folderId });
  const prefix = vaultIdPrefix(vault.vaultId);
  const mine = listing.backups.filter((b) => b.vaultIdPrefix === prefix);
  const keep = selectBackupsToKeep(
    // Backups written by this app were verified when written; the newest one just now.
    mine.map((b) => ({ name: b.name, createdAt: new Date(b.createdAt), verified: true })),
    settings.retention,
  );
  await host.invoke('backup:prune', { folderId, vaultIdPrefix: prefix, keep });
  return {
    name: encoded.fileName,
    sha256: encoded.sha256,
    generation: encoded.header.generation,
    size: written.size,
    counts: encoded.counts,
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
  readonly records: Array<{ table: TableName; id: string; subjectId?: string; data: unknown }>;
  /** Records whose subject key is gone from the ledger (erased): left out. */
  readonly shredded: number;
}

/**
 * Opens a backup for restore with its folder's key ledger: the erasure ledger is applied first,
 * then subject records are unsealed; a record whose subject key no longer exists is left out.
 */
export async function openForRestore(
  host: HostClient,
  folderId: string,
  name: string,
  key: CryptoKey,
  vaultId: string,
): Promise<RestorableBackup> {
  const { data } = await host.invoke('backup:read', { folderId, name });
  const picked = await readKeyLedger(host, folderId, vaultId, key);
  const erased = erasedSubjectIds(picked?.ledger);
  const opened = await openBackup(data, key, { vaultId, erasedSubjectIds: erased });
  const keys = new Map<string, CryptoKey | null>();
  const records: RestorableBackup['records'] = [];
  let shredded = 0;
  for (const r of opened.records) {
    if (!(tables as readonly string[]).includes(r.table)) continue;
    const table = r.table as TableName;
    if (!r.subjectId) {
      records.push({ table, id: r.id, data: upgradeForRestore(table, r.payload) });
      continue;
    }
    let k = keys.get(r.subjectId);
    if (k === undefined) {
      const raw = picked?.ledger.subjects.get(r.subjectId);
      keys.set(r.subjectId, (k = raw ? await importSubjectKey(raw) : null));
    }
    if (!k) {
      shredded++;
      continue;
    }
    records.push({
      table,
      id: r.id,
      subjectId: r.subjectId,
      data: upgradeForRestore(table, await unseal(k, table, r.id, r.payload as Uint8Array)),
    });
  }
  return { opened, records, shredded };
}
