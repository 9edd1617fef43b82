import { parseKeyLedgerFileName, vaultIdPrefix } from '../../../shared/backup/names';
import type { HostClient } from '../../../shared/host/contract';
import type { Workspace } from '../../session/workspace';
import {
  BackupError,
  isBackupError,
  storedVaultId,
  readKeyLedger,
  unwrapSubjectKeys,
  wrapSubjectKeys,
  writeKeyLedger,
  type ErasureEntry,
  type KeyLedger,
  type StoredSubjectKeys,
  type SubjectKeyStore,
} from '../../backup';

/** Id of the settings record holding the vault's copy of the subject backup keys. */
export const BACKUP_KEYS_ID = 'backup-keys';

/** What was wrong with the key ledger in the folder, and was put right from the vault. */
export type LedgerRepair = 'missing' | 'damaged' | 'rolled-back';

/** Id of the settings record holding the subject backup keys of the chains a rotation retired. */
export const RETIRED_BACKUP_KEYS_ID = 'backup-keys-retired';

/** The backups of a vault id a master-key rotation retired: its key and its subject keys. */
export interface RetiredChain {
  readonly vaultId: string;
  /** The retired `backups` key of that vault id (the key its backups and ledger are sealed under). */
  readonly key: CryptoKey;
  store: SubjectKeyStore;
}

interface RetiredChainsRecord {
  format: 1;
  chains: StoredSubjectKeys[];
}

function retiredRecord(workspace: Workspace): StoredSubjectKeys[] {
  const value = workspace.model.get('settings', RETIRED_BACKUP_KEYS_ID) as
    Partial<RetiredChainsRecord> | undefined;
  if (value === undefined) return [];
  if (value.format !== 1 || !Array.isArray(value.chains)) throw new BackupError('corrupt');
  return value.chains;
}

async function putSetting(workspace: Workspace, id: string, data: unknown): Promise<void> {
  await workspace.vault.put('settings', id, data);
  workspace.model.upsert([{ table: 'settings', id, data }]);
}

/**
 * After a master-key rotation the stored subject keys are still wrapped for the retired vault id.
 * They are re-filed, as they are, under that id among the retired chains (the backups made before
 * the rotation need them), and the new vault id starts with no keys of its own (its first backup
 * makes new ones: a new chain) but with the erasure list, since erasure is never undone.
 */
async function refileAfterRotation(
  workspace: Workspace,
  stored: StoredSubjectKeys,
): Promise<SubjectKeyStore> {
  const retired = await workspace.vault.retiredBackupKeys();
  const named = stored.vaultId;
  let opened: { vaultId: string; store: SubjectKeyStore } | undefined;
  for (const { vaultId, key } of retired) {
    if (named !== undefined && named !== vaultId) continue;
    try {
      opened = { vaultId, store: await unwrapSubjectKeys(stored, key, vaultId) };
      break;
    } catch (error) {
      if (!isBackupError(error)) throw error;
    }
  }
  if (!opened) throw new BackupError('corrupt');
  const chains = retiredRecord(workspace).filter((c) => c.vaultId !== opened.vaultId);
  chains.push({ ...stored, vaultId: opened.vaultId });
  await putSetting(workspace, RETIRED_BACKUP_KEYS_ID, { format: 1, chains } satisfies RetiredChainsRecord);
  const fresh: SubjectKeyStore = {
    ledgerGeneration: 0,
    subjects: new Map(),
    erasures: opened.store.erasures,
  };
  await saveBackupKeys(workspace, fresh);
  return fresh;
}

/**
 * The vault's copy of the subject backup keys of its current vault id (empty for a vault that
 * never backed up, or just after a rotation, whose older keys it re-files first).
 */
export async function loadBackupKeys(workspace: Workspace): Promise<SubjectKeyStore> {
  const { vault, model } = workspace;
  const stored = model.get('settings', BACKUP_KEYS_ID);
  const owner = storedVaultId(stored);
  if (stored === undefined || owner === vault.vaultId) {
    return unwrapSubjectKeys(stored, vault.purposeKey('backups'), vault.vaultId);
  }
  if (owner === undefined) {
    // Written before records named their vault id: this vault's, or one a rotation retired.
    try {
      return await unwrapSubjectKeys(stored, vault.purposeKey('backups'), vault.vaultId);
    } catch (error) {
      if (!isBackupError(error, 'corrupt')) throw error;
    }
  }
  return refileAfterRotation(workspace, stored as StoredSubjectKeys);
}

/** Stores the vault's copy of the subject backup keys. */
export async function saveBackupKeys(workspace: Workspace, store: SubjectKeyStore): Promise<void> {
  const { vault } = workspace;
  const previous = workspace.model.get('settings', BACKUP_KEYS_ID);
  const stored = await wrapSubjectKeys(store, vault.purposeKey('backups'), vault.vaultId, previous);
  await putSetting(workspace, BACKUP_KEYS_ID, stored);
}

/** The subject keys of every chain a rotation retired, each opened with its retired key. */
export async function loadRetiredChains(workspace: Workspace): Promise<RetiredChain[]> {
  await loadBackupKeys(workspace);
  const stored = retiredRecord(workspace);
  if (stored.length === 0) return [];
  const keys = new Map((await workspace.vault.retiredBackupKeys()).map((r) => [r.vaultId, r.key]));
  return Promise.all(
    stored.map(async (chain) => {
      const key = chain.vaultId === undefined ? undefined : keys.get(chain.vaultId);
      if (!key || chain.vaultId === undefined) throw new BackupError('corrupt');
      return { vaultId: chain.vaultId, key, store: await unwrapSubjectKeys(chain, key, chain.vaultId) };
    }),
  );
}

/** Stores the subject keys of the retired chains. */
export async function saveRetiredChains(
  workspace: Workspace,
  chains: readonly RetiredChain[],
): Promise<void> {
  const stored = await Promise.all(chains.map((c) => wrapSubjectKeys(c.store, c.key, c.vaultId)));
  await putSetting(workspace, RETIRED_BACKUP_KEYS_ID, {
    format: 1,
    chains: stored,
  } satisfies RetiredChainsRecord);
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

/** One chain's ledger: the vault id it is named and sealed for, and its key. */
export interface LedgerChain {
  readonly vaultId: string;
  readonly key: CryptoKey;
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
  return reconcileChain(host, folderId, { vaultId: vault.vaultId, key: vault.purposeKey('backups') }, own);
}

/** {@link reconcileBackupKeys} for any chain: the current one or one a rotation retired. */
export async function reconcileChain(
  host: HostClient,
  folderId: string,
  chain: LedgerChain,
  own: SubjectKeyStore,
): Promise<ReconciledKeys> {
  let ledger: KeyLedger | null = null;
  let damagedCopy = false;
  let unreadable = false;
  try {
    const picked = await readKeyLedger(host, folderId, chain.vaultId, chain.key);
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
  return writeChainLedger(
    host,
    folderId,
    { vaultId: vault.vaultId, key: vault.purposeKey('backups') },
    reconciled,
    (store) => saveBackupKeys(workspace, store),
  );
}

/** {@link writeLedgerFromVault} for any chain, saving the vault's copy through `save`. */
export async function writeChainLedger(
  host: HostClient,
  folderId: string,
  chain: LedgerChain,
  reconciled: ReconciledKeys,
  save: (store: SubjectKeyStore) => Promise<void>,
): Promise<SubjectKeyStore> {
  const { store } = reconciled;
  await save(store);
  const generation = Math.max(store.ledgerGeneration, reconciled.folderGeneration) + 1;
  await writeKeyLedger(
    host,
    folderId,
    { vaultId: chain.vaultId, generation, subjects: store.subjects, erasures: store.erasures },
    chain.key,
  );
  const next = { ...store, ledgerGeneration: generation };
  await save(next);
  return next;
}

/**
 * Brings the ledgers of the chains a rotation retired up to date in the folder, where the folder
 * holds anything of that chain: an erasure made after the rotation leaves them too, and a missing,
 * damaged or rolled-back one is rewritten from the vault. A retired chain never gets a new person. Returns the vault ids
 * whose ledger was rewritten.
 */
export async function maintainRetiredLedgers(
  workspace: Workspace,
  host: HostClient,
  folderId: string,
): Promise<string[]> {
  const chains = await loadRetiredChains(workspace);
  if (chains.length === 0) return [];
  const listing = await host.invoke('backup:list', { folderId });
  const present = new Set([
    ...listing.backups.map((b) => b.vaultIdPrefix),
    ...listing.ledgers.flatMap((l) => parseKeyLedgerFileName(l.name)?.vaultIdPrefix ?? []),
  ]);
  const rewritten: string[] = [];
  for (const chain of chains) {
    if (!present.has(vaultIdPrefix(chain.vaultId))) continue;
    const reconciled = await reconcileChain(host, folderId, chain, chain.store);
    if (!reconciled.rewrite) continue;
    chain.store = await writeChainLedger(host, folderId, chain, reconciled, async (store) => {
      chain.store = store;
      await saveRetiredChains(workspace, chains);
    });
    rewritten.push(chain.vaultId);
  }
  return rewritten;
}

/**
 * Records that a person was erased, for backups: their backup key leaves the vault's copy (of the
 * current chain and of every chain a rotation retired) and the erasure lists grow; the next backup
 * (or {@link writeLedgerFromVault}) rewrites the ledgers, after which their records in every old
 * backup stay unreadable.
 */
export async function recordBackupErasure(
  workspace: Workspace,
  subjectId: string,
  at: Date = new Date(),
): Promise<void> {
  const erase = (store: SubjectKeyStore): void => {
    store.subjects.delete(subjectId);
    if (!store.erasures.some((e) => e.subjectId === subjectId))
      store.erasures.push({ subjectId, erasedAt: at.toISOString() });
  };
  const store = await loadBackupKeys(workspace);
  erase(store);
  await saveBackupKeys(workspace, store);
  const chains = await loadRetiredChains(workspace);
  if (chains.length === 0) return;
  for (const chain of chains) erase(chain.store);
  await saveRetiredChains(workspace, chains);
}
