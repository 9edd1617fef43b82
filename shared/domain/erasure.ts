/**
 * Erasure (Art. 17 GDPR) and what outlives it. Three kinds of records, none of them under the
 * erased person's key, so destroying that key leaves them readable:
 *
 * - the **erasure ledger** (`erasures`): one entry per erased person with a random id and a date,
 *   and the person's and subject's random ids (never a name or a value), so nothing can bring
 *   that person back (an import, a restore, a sync);
 * - the **suppression list** (`suppressions`): keyed one-way hashes (blind-index tokens) of an
 *   email or phone, kept after an "erase and suppress" (Art. 17(3)) or an objection (Art. 21),
 *   so a later import flags that person instead of creating them;
 * - **legal holds** (`legal-holds`): what a legal obligation requires to keep after the erasure
 *   (accounting records, art. 2220 c.c.), with the identity reduced to what that obligation needs.
 */
import { z } from 'zod';
import { calendarDateSchema, instantSchema } from './dates';
import { shortText } from './fields';
import { dealIdSchema, personIdSchema, purposeIdSchema, subjectIdSchema, idPattern } from './ids';
import { privacySchemaVersion } from './privacy';
import { recordBaseShape } from './record';

const entryId = () => z.string().regex(idPattern, { error: 'invalid-id' });

/** Why a person was erased: a request (or the controller's decision), or the trash's purge. */
export const erasureCauses = ['request', 'trash-purge'] as const;
/** One of `erasureCauses`. */
export type ErasureCause = (typeof erasureCauses)[number];

/** Where the key ledger beside the backups stands for this erasure. */
export const erasureLedgerStates = ['verified', 'pending', 'no-folder'] as const;
/** One of `erasureLedgerStates`. */
export type ErasureLedgerState = (typeof erasureLedgerStates)[number];

/** One entry of the erasure ledger. Random ids and dates only. */
export const erasureEntrySchema = z.object({
  ...recordBaseShape,
  id: entryId(),
  schemaVersion: z.literal(privacySchemaVersion),
  erasedAt: instantSchema,
  personId: personIdSchema,
  subjectId: subjectIdSchema,
  cause: z.enum(erasureCauses, { error: 'invalid-choice' }),
  /** `pending`: the backup folder could not be reached; the next backup rewrites its ledger. */
  backupLedger: z.enum(erasureLedgerStates, { error: 'invalid-choice' }),
  /**
   * The erasure requests this erasure fulfilled (random ids). They are under the person's key and
   * go with it; their `requests.*` audit entries name the same ids, so the trail from the request
   * to its fulfilment stays.
   */
  requestIds: z.array(entryId()).max(100).optional(),
});
/** The parsed type of `erasureEntrySchema`. */
export type ErasureEntry = Readonly<z.infer<typeof erasureEntrySchema>>;

/** Why a value is on the suppression list. */
export const suppressionReasons = ['erasure', 'objection'] as const;
/** One of `suppressionReasons`. */
export type SuppressionReason = (typeof suppressionReasons)[number];

/** The kinds of values a suppression hashes (the blind index's kinds). */
export const suppressionKinds = ['email', 'phone'] as const;
/** One of `suppressionKinds`. */
export type SuppressionKind = (typeof suppressionKinds)[number];

/** One suppressed value: its blind-index token only (HMAC under the vault's blind key). */
export const suppressionSchema = z.object({
  ...recordBaseShape,
  id: entryId(),
  schemaVersion: z.literal(privacySchemaVersion),
  kind: z.enum(suppressionKinds, { error: 'invalid-choice' }),
  /** base64url of the truncated HMAC; never the value. */
  token: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'invalid' }),
  reason: z.enum(suppressionReasons, { error: 'invalid-choice' }),
  addedOn: calendarDateSchema,
});
/** The parsed type of `suppressionSchema`. */
export type Suppression = Readonly<z.infer<typeof suppressionSchema>>;

/**
 * What a legal obligation keeps of an erased person: the name and the tax identifiers an invoice
 * or an accounting entry must show, the records it concerns, the purpose that obliges it and
 * until when. Under the records key (the person's key is gone); deleted when the hold ends.
 */
export const legalHoldSchema = z.object({
  ...recordBaseShape,
  id: entryId(),
  schemaVersion: z.literal(privacySchemaVersion),
  purposeId: purposeIdSchema,
  until: calendarDateSchema,
  name: shortText().trim().min(1, { error: 'required' }),
  taxCode: z.string().max(40, { error: 'too-long' }).optional(),
  vatNumber: z.string().max(40, { error: 'too-long' }).optional(),
  /** The billing address as one line, when the person had one. */
  address: z.string().max(400, { error: 'too-long' }).optional(),
  dealIds: z.array(dealIdSchema),
  erasedOn: calendarDateSchema,
});
/** The parsed type of `legalHoldSchema`. */
export type LegalHold = Readonly<z.infer<typeof legalHoldSchema>>;
