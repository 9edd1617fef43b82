import type { HostClient } from '../../../shared/host/contract';
import type { Workspace } from '../../session/workspace';
import {
  isBackupError,
  readKeyLedger,
  unwrapSubjectKeys,
  wrapSubjectKeys,
  writeKeyLedger,
  type ErasureEntry,
  type KeyLedger,
  type SubjectKeyStore,
} from '../../backup';

/** Id of the settings record holding the vault's copy of the subject backup keys. */
export const BACKUP_KEYS_ID = 'backup-keys';

/** What was wrong with the key ledger in the folder, and was put right from the vault. */
export type LedgerRepair = 'missing' | 'damaged' | 'rolled-back';

/** The vault's copy of the subject backup keys (empty for a vault that never backed up). */
export async function loadBackupKeys(workspace: Workspace): Promise<SubjectKeyStore> {
  const { vault, model } = workspace;
  return unwrapSubjectKeys(model.get('settings', BACKUP_KEYS_ID), vault.purposeKey('backups'), vault.vaultId);
}

/** Stores the vault's copy of the subject backup keys. */
export async function saveBackupKeys(workspace: Workspace, store: SubjectKeyStore): Promise<void> {
  const { vault, model } = workspace;
  const stored = await wrapSubjectKeys(store, vault.purposeKey('backups'), vault.vaultId);
  await vault.put('settings', BACKUP_KEYS_ID, stored);
  model.upsert([{ table: 'settings', id: BACKUP_KEYS_ID, data: stored }]);
}

function mergeErasures(a: readonly ErasureEntry[], b: readonly ErasureEntry[]): ErasureEntry[] {
  const byId = new Map<string, ErasureEntry>();
  for (const e of [...a, ...b]) if (!byId.has(e.subjectId)) byId.set(e.subjectId, e);
  return [...byId.values()];
}

/** The keys backups of this vault use, reconciled between the vault and the folder's ledger. */
export interface ReconciledKeys {
  /** The store to use (and to save); erased subjects have no key. */
  store: SubjectKeyStore;
  /** The ledger must be rewritten (repair, new erasure, legacy adoption …). */
  rewrite: boolean;
  /** What was wrong with the folder's ledger, when something was. */
  repair: LedgerRepair | null;
  /** Generation of the valid ledger found in the folder (0 if none). */
  folderGeneration: number;
}

/**
 * Reads the folder's key ledger and reconciles it with the vault's copy. The vault is the
 * authority: a missing or damaged ledger is rebuilt from it (never replaced by new keys), a ledger
 * older than the last one this vault wrote is a rollback and is refused (only its erasures count:
 * erasure is never undone). Keys only the ledger has (written before the vault kept its copy) are
 * adopted. A ledger that another key or vault wrote is not overwritten: that throws.
 */
export async function reconcileBackupKeys(
  workspace: Workspace,
  host: HostClient,
  folderId: string,
): Promise<ReconciledKeys> {
  const { vault } = workspace;
  const own = await loadBackupKeys(workspace);
  let ledger: KeyLedger | null = null;
  let damagedCopy = false;
  let unreadable = false;
  try {
    const picked = await readKeyLedger(host, folderId, vault.vaultId, vault.purposeKey('backups'));
    ledger = picked?.ledger ?? null;
    damagedCopy = (picked?.damaged.length ?? 0) > 0;
  } catch (error) {
    if (!isBackupError(error) || (error.code !== 'corrupt' && error.code !== 'truncated')) throw error;
    unreadable = true;
  }
  const hasOwn = own.ledgerGeneration > 0 || own.subjects.size > 0 || own.erasures.length > 0;
  const erasures = mergeErasures(own.erasures, ledger?.erasures ?? []);
  const erased = new Set(erasures.map((e) => e.subjectId));
  const subjects = new Map<string, Uint8Array>();
  let repair: LedgerRepair | null = null;
  const rolledBack = ledger !== null && ledger.generation < own.ledgerGeneration;
  if (ledger && !rolledBack) {
    for (const [sid, raw] of ledger.subjects) subjects.set(sid, raw);
  }
  // The vault's own keys win over the ledger's: they are the ones it wrote before any ledger.
  for (const [sid, raw] of own.subjects) subjects.set(sid, raw);
  for (const sid of erased) subjects.delete(sid);
  if (rolledBack) repair = 'rolled-back';
  else if (unreadable || damagedCopy) repair = 'damaged';
  else if (!ledger && hasOwn) repair = 'missing';
  const folderGeneration = ledger?.generation ?? 0;
  const ledgerErasures = new Set((ledger?.erasures ?? []).map((e) => e.subjectId));
  const ledgerLacks =
    ledger === null ||
    erasures.some((e) => !ledgerErasures.has(e.subjectId)) ||
    [...subjects.keys()].some((sid) => !ledger.subjects.has(sid)) ||
    [...ledger.subjects.keys()].some((sid) => erased.has(sid));
  return {
    store: {
      ledgerGeneration: Math.max(own.ledgerGeneration, rolledBack ? 0 : folderGeneration),
      subjects,
      erasures,
    },
    rewrite: repair !== null || (ledgerLacks && (subjects.size > 0 || erasures.length > 0)),
    repair,
    folderGeneration,
  };
}

/**
 * Writes the ledger for `store` with a generation above every one seen, then records that
 * generation in the vault. The keys are saved in the vault first, so a ledger never holds a key
 * the vault lacks; a crash in between leaves a ledger newer than the vault's mark, which is fine.
 */
export async function writeLedgerFromVault(
  workspace: Workspace,
  host: HostClient,
  folderId: string,
  reconciled: ReconciledKeys,
): Promise<SubjectKeyStore> {
  const { vault } = workspace;
  const { store } = reconciled;
  await saveBackupKeys(workspace, store);
  const generation = Math.max(store.ledgerGeneration, reconciled.folderGeneration) + 1;
  await writeKeyLedger(
    host,
    folderId,
    { vaultId: vault.vaultId, generation, subjects: store.subjects, erasures: store.erasures },
    vault.purposeKey('backups'),
  );
  const next = { ...store, ledgerGeneration: generation };
  await saveBackupKeys(workspace, next);
  return next;
}

/**
 * Records that a person was erased, for backups: their backup key leaves the vault's copy and the
 * erasure list grows; the next backup (or {@link writeLedgerFromVault}) rewrites the ledger, after
 * which their records in every old backup stay unreadable.
 */
export async function recordBackupErasure(
  workspace: Workspace,
  subjectId: string,
  at: Date = new Date(),
): Promise<void> {
  const store = await loadBackupKeys(workspace);
  store.subjects.delete(subjectId);
  if (!store.erasures.some((e) => e.subjectId === subjectId))
    store.erasures.push({ subjectId, erasedAt: at.toISOString() });
  await saveBackupKeys(workspace, store);
}
