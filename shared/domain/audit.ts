/**
 * The audit log: who ran which command on which record, when, and which fields it touched —
 * never the values. Entries form a hash chain (each carries the hash of the previous one), so an
 * edited, dropped, inserted or reordered entry is detected. Record ids are random, so the log
 * stays pseudonymous after a person is erased.
 */
import { z } from 'zod';
import { instantSchema, type Instant } from './dates';
import { idPattern, toHex } from './ids';

/** A hash function (e.g. SHA-256 through WebCrypto), injected because `shared/` has no WebCrypto types. */
export type Hash = (bytes: Uint8Array) => Promise<Uint8Array>;

/** `prevHash` of the first entry of a chain. */
export const genesisHash = '0'.repeat(64);
/** Version of the hashed encoding; bump it (and keep verifying old entries) if the encoding changes. */
export const auditFormatVersion = 1;

/** An audit entry before it joins the chain. */
export const auditDraftSchema = z.object({
  at: instantSchema,
  /** The device or user name that ran the command (as configured by the user). */
  actor: z.string().min(1, { error: 'required' }).max(200, { error: 'too-long' }),
  /** Command id, e.g. `contacts.update`. */
  command: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: 'invalid' }),
  /** The record concerned, if any (random id, no personal data). */
  recordId: z.string().regex(idPattern, { error: 'invalid-id' }).nullable(),
  /** Names of the changed fields; values never enter the log. */
  fields: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'invalid' })),
  /**
   * A batch entry: several records of one command whose changes touched exactly `fields` (an
   * import of 100,000 rows is a few hundred entries, not 100,000). `recordId` is null then.
   */
  recordIds: z
    .array(z.string().regex(idPattern, { error: 'invalid-id' }))
    .min(2)
    .optional(),
});
/** The parsed type of `auditDraftSchema`. */
export type AuditDraft = Readonly<z.infer<typeof auditDraftSchema>>;

/** A chained audit entry. */
export const auditEntrySchema = auditDraftSchema.extend({
  seq: z.number().int().nonnegative(),
  prevHash: z.string().regex(/^[0-9a-f]+$/),
  hash: z.string().regex(/^[0-9a-f]+$/),
});
/** The parsed type of `auditEntrySchema`. */
export type AuditEntry = Readonly<z.infer<typeof auditEntrySchema>>;

function encodeEntry(e: Omit<AuditEntry, 'hash'>): Uint8Array {
  // A fixed-order array, not an object, so the hashed text cannot depend on key order. Batch
  // entries append their ids, so taking the list away (or adding one) breaks the hash.
  const at: Instant = e.at;
  const head = [auditFormatVersion, e.seq, e.prevHash, at, e.actor, e.command, e.recordId, e.fields];
  return new TextEncoder().encode(JSON.stringify(e.recordIds ? [...head, e.recordIds] : head));
}

async function hashEntry(e: Omit<AuditEntry, 'hash'>, hash: Hash): Promise<string> {
  return toHex(await hash(encodeEntry(e)));
}

/** Chains `draft` after `prev` (`null` for the first entry). */
export async function appendEntry(
  prev: AuditEntry | null,
  draft: AuditDraft,
  hash: Hash,
): Promise<AuditEntry> {
  const body = {
    at: draft.at,
    actor: draft.actor,
    command: draft.command,
    recordId: draft.recordId,
    fields: [...draft.fields],
    ...(draft.recordIds ? { recordIds: [...draft.recordIds] } : {}),
    seq: prev ? prev.seq + 1 : 0,
    prevHash: prev ? prev.hash : genesisHash,
  };
  return { ...body, hash: await hashEntry(body, hash) };
}

/** Options of `verifyChain`. */
export interface VerifyOptions {
  /** The entry just before `entries[0]`, when verifying a slice of the log. */
  readonly after?: AuditEntry;
  /** Hash of the last entry as recorded elsewhere; detects a truncated tail. */
  readonly expectedHead?: string;
}

/**
 * Verifies a chain. Returns the index of the first entry that does not fit (edited, missing
 * predecessor, reordered), `entries.length` if the tail was cut off (only detectable with
 * `expectedHead`), or `null` when the chain is intact.
 */
export async function verifyChain(
  entries: readonly AuditEntry[],
  hash: Hash,
  options: VerifyOptions = {},
): Promise<number | null> {
  let prevHash = options.after?.hash ?? genesisHash;
  let seq = options.after ? options.after.seq + 1 : 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.prevHash !== prevHash || e.seq !== seq) return i;
    const { hash: stored, ...body } = e;
    if ((await hashEntry(body, hash)) !== stored) return i;
    prevHash = stored;
    seq++;
  }
  if (options.expectedHead !== undefined && options.expectedHead !== prevHash) return entries.length;
  return null;
}

/** Most record ids one batch entry lists. */
export const auditBatchSize = 1000;

/**
 * The audit drafts of one command: a record alone in its group keeps an entry of its own; records
 * whose changes touched the same fields share batch entries of up to `auditBatchSize` ids. Order
 * follows the first appearance of each group, so the log reads like the command ran.
 */
export function auditDrafts(
  base: Pick<AuditDraft, 'at' | 'actor' | 'command'>,
  changes: readonly { readonly recordId: string; readonly fields: readonly string[] }[],
): AuditDraft[] {
  const groups = new Map<string, { fields: readonly string[]; ids: string[] }>();
  for (const c of changes) {
    const key = c.fields.join('\u0000');
    const group = groups.get(key);
    if (group) group.ids.push(c.recordId);
    else groups.set(key, { fields: c.fields, ids: [c.recordId] });
  }
  const out: AuditDraft[] = [];
  for (const { fields, ids } of groups.values()) {
    for (let at = 0; at < ids.length; at += auditBatchSize) {
      const slice = ids.slice(at, at + auditBatchSize);
      out.push(
        slice.length === 1
          ? { ...base, recordId: slice[0]!, fields: [...fields] }
          : { ...base, recordId: null, fields: [...fields], recordIds: slice },
      );
    }
  }
  return out;
}
