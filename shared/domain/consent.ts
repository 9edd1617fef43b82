/**
 * The consent ledger (Art. 7(1) GDPR: the controller must be able to demonstrate consent). Per
 * person, an append-only list of entries — consent given or withdrawn, for one purpose and
 * channel, when, how, recorded by whom, with the notice version shown — each carrying the hash
 * of the previous entry and of its own canonical content. Give, withdraw and give again make
 * three entries; editing, removing or swapping one breaks the chain, and `verifyConsentChain`
 * says where. Entries are under the person's subject key: erasing the person erases them.
 */
import { z } from 'zod';
import { genesisHash, type Hash } from './audit';
import { calendarDateSchema, instantToEpoch, isInstant } from './dates';
import { shortText } from './fields';
import { consentIdSchema, noticeIdSchema, personIdSchema, purposeIdSchema, toHex } from './ids';
import { privacySchemaVersion } from './privacy';
import { canonicalJson, recordBaseShape } from './record';
import { DomainError } from './validation';

/** Version of the hashed encoding of an entry. */
export const consentHashVersion = 1;

/** Channels a consent is given for. */
export const consentChannels = ['any', 'email', 'phone', 'sms', 'post'] as const;
/** One of `consentChannels`. */
export type ConsentChannel = (typeof consentChannels)[number];
/** How a consent was collected or withdrawn. */
export const consentMethods = ['form', 'email', 'phone', 'in-person', 'imported'] as const;
/** One of `consentMethods`. */
export type ConsentMethod = (typeof consentMethods)[number];
/** What an entry records. */
export const consentActions = ['given', 'withdrawn'] as const;
/** One of `consentActions`. */
export type ConsentAction = (typeof consentActions)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'invalid' });

/** One ledger entry. */
export const consentEntrySchema = z.object({
  ...recordBaseShape,
  id: consentIdSchema,
  schemaVersion: z.literal(privacySchemaVersion),
  personId: personIdSchema,
  purposeId: purposeIdSchema,
  channel: z.enum(consentChannels),
  action: z.enum(consentActions),
  /** When the person gave or withdrew it (not when it was typed in). */
  at: z.string({ error: 'consent-date-required' }).refine(isInstant, { error: 'invalid-datetime' }),
  method: z.enum(consentMethods),
  /** The user or device that recorded it. */
  recordedBy: shortText().trim().min(1, { error: 'required' }),
  /** The notice version shown, and its SHA-256, or null (e.g. a withdrawal). */
  noticeId: noticeIdSchema.nullable(),
  noticeHash: hex64.nullable(),
  /** Where the evidence is (a signed form's reference, the email's subject and date). */
  evidence: shortText(),
  /** When the consent should be reviewed (renewed or dropped), or null. */
  reviewOn: calendarDateSchema.nullable(),
  /** Position in the person's chain, from 0. */
  seq: z.number().int().nonnegative(),
  prevHash: hex64,
  hash: hex64,
});
/** The parsed type of `consentEntrySchema`. */
export type ConsentEntry = Readonly<z.infer<typeof consentEntrySchema>>;

/** The fields an entry's hash covers: everything it says, in a fixed order. */
type Hashed = Pick<
  ConsentEntry,
  | 'id'
  | 'personId'
  | 'purposeId'
  | 'channel'
  | 'action'
  | 'at'
  | 'method'
  | 'recordedBy'
  | 'noticeId'
  | 'noticeHash'
  | 'evidence'
  | 'reviewOn'
  | 'seq'
  | 'prevHash'
>;

/** The bytes an entry's hash is computed over: the previous hash and the canonical content. */
export function consentHashInput(e: Hashed): Uint8Array {
  const content = canonicalJson([
    consentHashVersion,
    e.id,
    e.personId,
    e.purposeId,
    e.channel,
    e.action,
    e.at,
    e.method,
    e.recordedBy,
    e.noticeId,
    e.noticeHash,
    e.evidence,
    e.reviewOn,
    e.seq,
  ]);
  return new TextEncoder().encode(e.prevHash + content);
}

/** The hash an entry must carry. */
export async function consentEntryHash(e: Hashed, hash: Hash): Promise<string> {
  return toHex(await hash(consentHashInput(e)));
}

/** What the verifier found wrong at one position of a chain. */
export interface ChainProblem {
  /** The position (seq) concerned. */
  readonly seq: number;
  /**
   * `edited`: the content does not match its hash. `missing`: a position has no entry.
   * `duplicate`: two entries claim one position. `broken-link`: the entry does not follow the
   * one before it (removed, swapped or inserted). `out-of-order`: dated before the one before it.
   */
  readonly kind: 'edited' | 'missing' | 'duplicate' | 'broken-link' | 'out-of-order';
}

/** The outcome of a chain check. */
export interface ChainReport {
  readonly ok: boolean;
  readonly length: number;
  /** The hash of the last entry (the genesis hash for an empty chain). */
  readonly head: string;
  readonly problems: readonly ChainProblem[];
}

/** One person's entries, in chain order. */
export function chainOf(entries: Iterable<ConsentEntry>, personId: string): ConsentEntry[] {
  const out: ConsentEntry[] = [];
  for (const e of entries) if (e.personId === personId) out.push(e);
  return out.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
}

/**
 * Checks one person's chain (entries in any order): every position from 0 present once, each
 * entry linked to the one before, dated no earlier, and hashing to its stored hash.
 */
export async function verifyConsentChain(entries: readonly ConsentEntry[], hash: Hash): Promise<ChainReport> {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
  const problems: ChainProblem[] = [];
  let expected = 0;
  let previous: ConsentEntry | undefined;
  for (const e of sorted) {
    if (previous && e.seq === previous.seq) problems.push({ seq: e.seq, kind: 'duplicate' });
    else {
      for (; expected < e.seq; expected++) problems.push({ seq: expected, kind: 'missing' });
      expected = e.seq + 1;
    }
    const prevHash = previous ? previous.hash : genesisHash;
    if (e.prevHash !== prevHash) problems.push({ seq: e.seq, kind: 'broken-link' });
    if (previous && instantToEpoch(e.at) < instantToEpoch(previous.at))
      problems.push({ seq: e.seq, kind: 'out-of-order' });
    if ((await consentEntryHash(e, hash)) !== e.hash) problems.push({ seq: e.seq, kind: 'edited' });
    previous = e;
  }
  return {
    ok: problems.length === 0,
    length: sorted.length,
    head: previous?.hash ?? genesisHash,
    problems,
  };
}

/** The current state of each purpose and channel of one chain: the latest entry wins. */
export function consentState(chain: readonly ConsentEntry[]): Map<string, ConsentEntry> {
  const state = new Map<string, ConsentEntry>();
  for (const e of [...chain].sort((a, b) => a.seq - b.seq)) state.set(consentKey(e.purposeId, e.channel), e);
  return state;
}

/** The key of a purpose and channel in `consentState`. */
export function consentKey(purposeId: string, channel: ConsentChannel): string {
  return `${purposeId}:${channel}`;
}

/** An entry's content with its chain fields: what a new record is made of. */
export type ChainedEntry = Hashed & { readonly hash: string };

/** What a caller says about a new entry; the chain fields are computed. */
export type ConsentEntryDraft = Omit<Hashed, 'seq' | 'prevHash'>;

/** Tolerance for a consent dated slightly ahead (clocks of two devices): five minutes. */
export const consentFutureToleranceMs = 5 * 60_000;

/**
 * Checks that `drafts` may be appended to `chain` (the person's whole current chain) at `now`,
 * and computes their chain fields. Refuses (DomainError) a broken chain (`ledger-broken`), an
 * entry dated before the last one (`ledger-out-of-order`) or in the future (`consent-in-future`),
 * and a withdrawal of a consent that is not in force (`consent-not-given`).
 */
export async function chainEntries(
  chain: readonly ConsentEntry[],
  drafts: readonly ConsentEntryDraft[],
  now: number,
  hash: Hash,
): Promise<ChainedEntry[]> {
  const report = await verifyConsentChain(chain, hash);
  if (!report.ok) throw new DomainError('ledger-broken');
  const state: Map<string, Pick<ConsentEntry, 'action'>> = consentState(chain);
  let last: Pick<ConsentEntry, 'at'> | undefined = chain.length ? chain[chain.length - 1] : undefined;
  let head = report.head;
  const out: ChainedEntry[] = [];
  for (const draft of drafts) {
    const at = instantToEpoch(draft.at);
    if (at > now + consentFutureToleranceMs) throw new DomainError('consent-in-future');
    if (last && at < instantToEpoch(last.at)) throw new DomainError('ledger-out-of-order');
    const key = consentKey(draft.purposeId, draft.channel);
    if (draft.action === 'withdrawn' && state.get(key)?.action !== 'given')
      throw new DomainError('consent-not-given');
    const entry: Hashed = { ...draft, seq: chain.length + out.length, prevHash: head };
    const full: ChainedEntry = { ...entry, hash: await consentEntryHash(entry, hash) };
    state.set(key, full);
    out.push(full);
    head = full.hash;
    last = full;
  }
  return out;
}

/**
 * Checks entries about to be stored against the chain they join: each must be exactly the entry
 * `chainEntries` would compute (position, link and hash), so an edit or an out-of-order entry
 * never reaches the store, whoever planned it.
 */
export async function checkAppend(
  chain: readonly ConsentEntry[],
  added: readonly ConsentEntry[],
  now: number,
  hash: Hash,
): Promise<void> {
  const sorted = [...added].sort((a, b) => a.seq - b.seq);
  sorted.forEach((e, i) => {
    if (e.seq !== chain.length + i) throw new DomainError('ledger-out-of-order');
  });
  const expected = await chainEntries(chain, sorted, now, hash);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (e.prevHash !== expected[i]!.prevHash) throw new DomainError('ledger-out-of-order');
    if (e.hash !== expected[i]!.hash) throw new DomainError('ledger-broken');
  }
}
