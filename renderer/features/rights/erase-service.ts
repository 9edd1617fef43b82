/**
 * Erasure of one person, in the order that makes the promise true before the screen says "done":
 *
 * 1. **flag** — one `rights.erase-subject` command: the erasure ledger entry (from then on the
 *    `subject-erased` check refuses anything that would bring the person back), the suppressed
 *    hashes, what a legal hold keeps, and the links to them leaving records not sealed for them
 *    (shared records are not rewritten: the key destruction shreds them, see `erase-plan.ts`);
 * 2. **vault key** — `Vault.destroySubjectKey`: every record sealed for the person (theirs, the
 *    shared records they were a party to, their sole-trader business) leaves the store, and no
 *    key for them exists in it any more; `Repository.forgetSubject` drops them from the model and
 *    rebuilds the shared ones from the other parties' parts;
 * 3. **backup ledger** — `recordBackupErasure` (the vault's copy of the backup keys), then the key
 *    ledger beside the backups is rewritten (both copies, and the ledgers of chains a master-key
 *    rotation retired) and **read back**: each copy must open, lack the person's key and list the
 *    erasure. Only then is the entry marked `verified`. When the folder cannot be reached the
 *    entry stays `pending`, the screen says so, and the next backup (which rewrites any ledger
 *    that lacks an erasure) or `completePendingErasures` finishes it.
 */
import { keyLedgerFileName } from '../../../shared/backup/names';
import {
  closeRequest,
  DomainError,
  type DataRequest,
  type ErasureCause,
  type ErasureEntry,
  type ErasureLedgerState,
} from '../../../shared/domain';
import type { HostClient } from '../../../shared/host/contract';
import { HostError } from '../../../shared/host/errors';
import { BackupError, isBackupError, openKeyLedger } from '../../backup';
import { eraseFromSync } from '../../session/sync-erasure';
import type { Workspace } from '../../session/workspace';
import type { Change } from '../../vault';
import {
  maintainRetiredLedgers,
  readBackupSettings,
  reconcileBackupKeys,
  recordBackupErasure,
  writeLedgerFromVault,
} from '../backups';
import { localToday } from '../../commands';
import { erasureEntryOf, planErasure } from './erase-plan';
import { planStep } from './requests-plan';
import { planSuppression } from './suppression';

/** The steps of an erasure, in order (for progress, and for the tests of the order). */
export const erasureSteps = ['flag', 'vault-key', 'backup-ledger', 'verify', 'done'] as const;
/** One of `erasureSteps`. */
export type ErasureStep = (typeof erasureSteps)[number];

/** Options of {@link erasePerson}. */
export interface EraseOptions {
  /** Keep keyed hashes of the person's emails and phones on the suppression list. */
  readonly suppress: boolean;
  /**
   * The closing note of the person's open erasure requests (they are closed as fulfilled before
   * the key goes), in the user's language. Without it, a note naming the erasure ledger entry.
   */
  readonly requestNote?: string;
  readonly cause?: ErasureCause;
  readonly now?: number;
  readonly onStep?: (step: ErasureStep) => void;
}

/** What an erasure did. */
export interface ErasureOutcome {
  readonly entryId: string;
  readonly backupLedger: ErasureLedgerState;
  /** Records that left the store with the key. */
  readonly erased: number;
  readonly holds: number;
  readonly suppressed: number;
}

/** The workspace and host an erasure needs. */
export type EraseContext = Pick<Workspace, 'vault' | 'model' | 'repo' | 'run'>;

/** The person's erasure requests still open (Art. 17 via Art. 12(3)), oldest first. */
function openErasureRequests(ws: Pick<Workspace, 'model'>, personId: string): DataRequest[] {
  return ws.model
    .list('requests')
    .filter(
      (r) => r.personId === personId && r.type === 'erasure' && r.closure === null && r.deletedAt === null,
    )
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
}

/** Closes one request as fulfilled with `note`, completing its reminders (`requests.close`). */
async function closeFulfilled(ws: Workspace, request: DataRequest, note: string, now: number): Promise<void> {
  const today = localToday(now);
  const closed = closeRequest(
    request,
    { outcome: 'fulfilled', note, changes: [] },
    today,
    ws.repo.stamp(now),
  );
  // A closure moves no deadline, so the reminders' title is never asked for.
  const untitled = () => '';
  await ws.run('requests.close', { changes: planStep(ws.model, ws.repo, request, closed, untitled, today) });
}

/** The ledger beside the backups did not read back as written (both copies, without the key). */
export class LedgerNotVerified extends Error {
  override readonly name = 'LedgerNotVerified';
  constructor() {
    super('erasure: the key ledger did not read back without the key');
  }
}

/**
 * Reads both copies of the current chain's ledger back and checks each lacks every key of
 * `subjectIds` and lists their erasure. Throws `LedgerNotVerified` otherwise.
 */
export async function verifyLedger(
  ws: Pick<Workspace, 'vault'>,
  host: HostClient,
  folderId: string,
  subjectIds: readonly string[],
): Promise<void> {
  const { vault } = ws;
  const { copies } = await host.invoke('backup:ledger-read', {
    folderId,
    name: keyLedgerFileName(vault.vaultId),
  });
  for (const bytes of copies) {
    if (!bytes) throw new LedgerNotVerified();
    let ledger;
    try {
      ledger = await openKeyLedger(bytes, vault.purposeKey('backups'), { vaultId: vault.vaultId });
    } catch (error) {
      if (error instanceof BackupError) throw new LedgerNotVerified();
      throw error;
    }
    const erased = new Set(ledger.erasures.map((e) => e.subjectId));
    for (const sid of subjectIds)
      if (ledger.subjects.has(sid) || !erased.has(sid)) throw new LedgerNotVerified();
  }
}

/**
 * Rewrites the key ledger of the backup folder from the vault's copy (which no longer holds the
 * erased keys) and reads it back. Returns `pending` when the folder cannot be reached (missing,
 * unplugged), `no-folder` when backups are not set up, `verified` otherwise.
 */
export async function writeErasureLedger(
  ws: Workspace,
  host: HostClient | null,
  subjectIds: readonly string[],
  onStep: (step: ErasureStep) => void = () => undefined,
): Promise<ErasureLedgerState> {
  const folderId = readBackupSettings(ws).folderId;
  if (!folderId) return 'no-folder';
  if (!host) return 'pending';
  try {
    await maintainRetiredLedgers(ws, host, folderId);
    const reconciled = await reconcileBackupKeys(ws, host, folderId);
    await writeLedgerFromVault(ws, host, folderId, reconciled);
    onStep('verify');
    await verifyLedger(ws, host, folderId, subjectIds);
    return 'verified';
  } catch (error) {
    // The folder is away, refuses the write, or did not read back as written: the vault key is
    // gone already; the ledger stays pending until a backup or the maintenance rewrites it.
    if (error instanceof HostError || error instanceof LedgerNotVerified || isBackupError(error))
      return 'pending';
    throw error;
  }
}

async function markLedger(
  ws: EraseContext,
  ids: readonly string[],
  state: ErasureLedgerState,
): Promise<void> {
  const stamp = ws.repo.stamp();
  const changes: Change[] = [];
  for (const id of ids) {
    const entry = ws.model.get('erasures', id);
    if (!entry || entry.backupLedger === state) continue;
    changes.push({
      table: 'erasures',
      before: entry,
      after: {
        ...entry,
        backupLedger: state,
        clock: { ...entry.clock, backupLedger: stamp.clock },
        updatedAt: new Date(stamp.at).toISOString(),
      } as ErasureEntry,
    });
  }
  if (changes.length > 0) await ws.run('rights.erasure-ledger-written', { changes });
}

/**
 * Destroys the keys of people already flagged in the erasure ledger (`rights.erase-subject`
 * written): the vault key, the model's copies, and the vault's copy of their backup keys.
 */
export async function destroyKeys(ws: EraseContext, entries: readonly ErasureEntry[]): Promise<number> {
  let erased = 0;
  for (const entry of entries) {
    await ws.vault.destroySubjectKey(entry.subjectId);
    // The store no longer holds anything sealed for them (their own records, the shared ones, a
    // sole-trader business they own): the model follows, and rebuilds the shared records from the
    // parts the other parties keep, as the next unlock will.
    erased += ws.repo.forgetSubject(entry.subjectId);
    await recordBackupErasure(ws as Workspace, entry.subjectId, new Date(entry.erasedAt));
  }
  // Undo could write an erased person's earlier version back.
  ws.repo.clearUndo();
  return erased;
}

/**
 * Erases one person (see the module comment for the order). Throws `DomainError('erasure-no-person')`
 * when there is no such person. Not undoable.
 */
export async function erasePerson(
  ws: Workspace,
  host: HostClient | null,
  personId: string,
  options: EraseOptions,
): Promise<ErasureOutcome> {
  const now = options.now ?? Date.now();
  const onStep = options.onStep ?? (() => undefined);
  const plan = planErasure(ws.model, ws.repo, personId, now);
  if (!plan) throw new DomainError('erasure-no-person');
  onStep('flag');
  const requests = openErasureRequests(ws, personId);
  const entry = erasureEntryOf(
    plan,
    ws.repo,
    options.cause ?? 'request',
    now,
    requests.map((r) => r.id),
  );
  // Their requests are under their key: closed (fulfilled) while they can still be written, so
  // the `requests.close` audit entry and the reminder tasks (under the records key) record it.
  for (const request of requests)
    await closeFulfilled(ws, request, options.requestNote ?? `#${entry.id}`, now);
  const suppressions = options.suppress ? planSuppression(ws, plan.suppressible, 'erasure', now) : [];
  await ws.run('rights.erase-subject', {
    changes: [
      { table: 'erasures', before: null, after: entry },
      ...suppressions,
      ...plan.holds.map((h) => ({ table: 'legal-holds' as const, before: null, after: h.record })),
      ...plan.unlinks,
    ],
  });
  onStep('vault-key');
  const erased = await destroyKeys(ws, [entry]);
  await eraseFromSync(ws, entry.subjectId);
  onStep('backup-ledger');
  const state = await writeErasureLedger(ws, host, [entry.subjectId], onStep);
  await markLedger(ws, [entry.id], state);
  onStep('done');
  return {
    entryId: entry.id,
    backupLedger: state,
    erased,
    holds: plan.holds.length,
    suppressed: suppressions.length,
  };
}

/**
 * Finishes the erasures whose backup ledger is still pending (the folder was unreachable): the
 * ledger is rewritten and read back, and the entries marked `verified`. Returns how many.
 */
export async function completePendingErasures(ws: Workspace, host: HostClient): Promise<number> {
  const pending = ws.model.list('erasures').filter((e) => e.backupLedger === 'pending');
  if (pending.length === 0) return 0;
  const state = await writeErasureLedger(
    ws,
    host,
    pending.map((e) => e.subjectId),
  );
  if (state === 'pending') return 0;
  await markLedger(
    ws,
    pending.map((e) => e.id),
    state,
  );
  return pending.length;
}
