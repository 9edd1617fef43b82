/**
 * The audit of reads (Art. 15(1)(c) GDPR: to whom the data were disclosed; Art. 5(2)): opening a
 * person's page, exporting them or printing their package appends a pseudonymous entry to the
 * audit log — the command (`people.viewed`, `people.exported`, `people.printed`), the person's
 * random id, the instant and this device's name; never a name or a value. So the access report
 * can say who saw the data, and the log still verifies as one hash chain.
 *
 * Reads are recorded without slowing the page that reads: `recordRead` only queues, and the queue
 * is written as one batch (one store write for all of them) a moment later, in the chain's order
 * after any command still being stored. WARNING: reads queued in the last `readBatchMs` before
 * the vault locks are lost with the keys (the lock is immediate by design).
 */
import { idPattern, toInstant } from '../../shared/domain';
import type { Repository } from '../vault';

/** What a read did with a person's data. */
export type ReadKind = 'viewed' | 'exported' | 'printed';

/** The audit command of each kind of read. */
export const readAuditCommands: Readonly<Record<ReadKind, `people.${ReadKind}`>> = {
  viewed: 'people.viewed',
  exported: 'people.exported',
  printed: 'people.printed',
};

/** How long reads wait to be written together (ms). */
export const readBatchMs = 150;

interface Pending {
  readonly at: string;
  readonly command: string;
  readonly recordId: string;
}

let repo: Repository | null = null;
let queue: Pending[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let writing: Promise<void> = Promise.resolve();

/** Writes what is queued now; resolves once it (and any earlier batch) is stored. */
export function flushReads(): Promise<void> {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const target = repo;
  const batch = queue;
  queue = [];
  if (!target || batch.length === 0) return writing;
  writing = writing.then(() =>
    target.appendAudit(batch).catch((error: unknown) => {
      // The vault locked meanwhile, or the store refused: the reads are not recorded. Nothing
      // personal is in the message (the entries carry ids only).
      console.warn('read audit not written', error instanceof Error ? error.name : 'error');
    }),
  );
  return writing;
}

/**
 * Records that this device read a person's data: `kind` is what it did, `subjectId` the person's
 * record id (`Person.id`, as in `/contacts/:id`). Returns at once; the entry is written with the
 * next batch (`flushReads` to wait for it). Throws `TypeError` for an id that is not a record id,
 * and `Error('no open vault')` when no workspace is open (a read outside the unlocked app).
 */
export function recordRead(kind: ReadKind, subjectId: string): void {
  if (!Object.hasOwn(readAuditCommands, kind)) throw new TypeError('unknown read kind');
  if (typeof subjectId !== 'string' || !idPattern.test(subjectId)) throw new TypeError('not a record id');
  if (!repo) throw new Error('no open vault');
  queue.push({ at: toInstant(Date.now()), command: readAuditCommands[kind], recordId: subjectId });
  timer ??= setTimeout(() => void flushReads(), readBatchMs);
}

/**
 * Sends reads to `repository`'s audit log while a workspace is open; returns the detach, which
 * writes what is still queued first. One repository at a time (the open workspace's).
 */
export function attachReadAudit(repository: Repository): () => Promise<void> {
  if (repo !== repository) void flushReads();
  repo = repository;
  return () => {
    const done = flushReads();
    if (repo === repository) repo = null;
    return done;
  };
}
