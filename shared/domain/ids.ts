/**
 * Random record ids. Ids never carry meaning (no names, no dates, no counters): they appear in
 * plaintext in the store, in sync documents and in the audit log, so they must not leak anything.
 */
import { z } from 'zod';

/** A source of cryptographically random bytes (e.g. `(n) => crypto.getRandomValues(new Uint8Array(n))`). */
export type RandomBytes = (length: number) => Uint8Array;

/** Bytes of entropy in a record id: 128 bits, so collisions across devices are not a concern. */
export const idByteLength = 16;

const hexDigits = '0123456789abcdef';
const byteHex: string[] = Array.from({ length: 256 }, (_, b) => hexDigits[b >> 4]! + hexDigits[b & 15]!);

/** Lowercase hex encoding of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += byteHex[b]!;
  return out;
}

/** Decodes lowercase or uppercase hex; throws `RangeError('invalid-hex')` on bad input. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError('invalid-hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The textual shape shared by every record id: 32 lowercase hex characters. */
export const idPattern = /^[0-9a-f]{32}$/;

/** A fresh random id string (unbranded); prefer the typed `newXId` helpers of each entity. */
export function randomId(randomBytes: RandomBytes): string {
  const bytes = randomBytes(idByteLength);
  if (bytes.length !== idByteLength) throw new RangeError('random-source-short');
  return toHex(bytes);
}

const idString = () => z.string().regex(idPattern, { error: 'invalid-id' });

/** Id of an organization (legal person). */
export const organizationIdSchema = idString().brand<'OrganizationId'>();
/** Branded `OrganizationId` (parse with `organizationIdSchema`). */
export type OrganizationId = z.infer<typeof organizationIdSchema>;
/** Id of a person record. */
export const personIdSchema = idString().brand<'PersonId'>();
/** Branded `PersonId` (parse with `personIdSchema`). */
export type PersonId = z.infer<typeof personIdSchema>;
/** Random id of a data subject; keys the per-subject encryption key, never reused after erasure. */
export const subjectIdSchema = idString().brand<'SubjectId'>();
/** Branded `SubjectId` (parse with `subjectIdSchema`). */
export type SubjectId = z.infer<typeof subjectIdSchema>;
/** Id of a deal. */
export const dealIdSchema = idString().brand<'DealId'>();
/** Branded `DealId` (parse with `dealIdSchema`). */
export type DealId = z.infer<typeof dealIdSchema>;
/** Id of a pipeline. */
export const pipelineIdSchema = idString().brand<'PipelineId'>();
/** Branded `PipelineId` (parse with `pipelineIdSchema`). */
export type PipelineId = z.infer<typeof pipelineIdSchema>;
/** Id of a pipeline stage (unique across pipelines). */
export const stageIdSchema = idString().brand<'StageId'>();
/** Branded `StageId` (parse with `stageIdSchema`). */
export type StageId = z.infer<typeof stageIdSchema>;
/** Id of an activity. */
export const activityIdSchema = idString().brand<'ActivityId'>();
/** Branded `ActivityId` (parse with `activityIdSchema`). */
export type ActivityId = z.infer<typeof activityIdSchema>;
/** Id of a task. */
export const taskIdSchema = idString().brand<'TaskId'>();
/** Branded `TaskId` (parse with `taskIdSchema`). */
export type TaskId = z.infer<typeof taskIdSchema>;
/** Id of a tag. */
export const tagIdSchema = idString().brand<'TagId'>();
/** Branded `TagId` (parse with `tagIdSchema`). */
export type TagId = z.infer<typeof tagIdSchema>;
/** Id of a custom field definition. */
export const customFieldIdSchema = idString().brand<'CustomFieldId'>();
/** Branded `CustomFieldId` (parse with `customFieldIdSchema`). */
export type CustomFieldId = z.infer<typeof customFieldIdSchema>;

/** A fresh organization id. */
export const newOrganizationId = (rb: RandomBytes) => randomId(rb) as OrganizationId;
/** A fresh person id. */
export const newPersonId = (rb: RandomBytes) => randomId(rb) as PersonId;
/** A fresh data-subject id. */
export const newSubjectId = (rb: RandomBytes) => randomId(rb) as SubjectId;
/** A fresh deal id. */
export const newDealId = (rb: RandomBytes) => randomId(rb) as DealId;
/** A fresh pipeline id. */
export const newPipelineId = (rb: RandomBytes) => randomId(rb) as PipelineId;
/** A fresh stage id. */
export const newStageId = (rb: RandomBytes) => randomId(rb) as StageId;
/** A fresh activity id. */
export const newActivityId = (rb: RandomBytes) => randomId(rb) as ActivityId;
/** A fresh task id. */
export const newTaskId = (rb: RandomBytes) => randomId(rb) as TaskId;
/** A fresh tag id. */
export const newTagId = (rb: RandomBytes) => randomId(rb) as TagId;
/** A fresh custom field id. */
export const newCustomFieldId = (rb: RandomBytes) => randomId(rb) as CustomFieldId;

/** Id of the privacy controller record (the business's identity as data controller). */
export const privacyControllerIdSchema = idString().brand<'PrivacyControllerId'>();
/** A privacy controller record id. */
export type PrivacyControllerId = z.infer<typeof privacyControllerIdSchema>;
/** Id of a processing purpose. */
export const purposeIdSchema = idString().brand<'PurposeId'>();
/** A purpose id. */
export type PurposeId = z.infer<typeof purposeIdSchema>;
/** Id of a person–purpose link. */
export const personPurposeIdSchema = idString().brand<'PersonPurposeId'>();
/** A person–purpose link id. */
export type PersonPurposeId = z.infer<typeof personPurposeIdSchema>;
/** Id of a consent ledger entry. */
export const consentIdSchema = idString().brand<'ConsentId'>();
/** A consent ledger entry id. */
export type ConsentId = z.infer<typeof consentIdSchema>;
/** Id of a stored notice text version. */
export const noticeIdSchema = idString().brand<'NoticeId'>();
/** A notice text id. */
export type NoticeId = z.infer<typeof noticeIdSchema>;
/** A fresh random privacy controller id. */
export const newPrivacyControllerId = (rb: RandomBytes) => randomId(rb) as PrivacyControllerId;
/** A fresh random purpose id. */
export const newPurposeId = (rb: RandomBytes) => randomId(rb) as PurposeId;
/** A fresh random person–purpose link id. */
export const newPersonPurposeId = (rb: RandomBytes) => randomId(rb) as PersonPurposeId;
/** A fresh random consent entry id. */
export const newConsentId = (rb: RandomBytes) => randomId(rb) as ConsentId;
/** A fresh random notice id. */
export const newNoticeId = (rb: RandomBytes) => randomId(rb) as NoticeId;
/** Id of a breach register entry. */
export const breachIdSchema = idString().brand<'BreachId'>();
/** A breach entry id. */
export type BreachId = z.infer<typeof breachIdSchema>;
/** A fresh random breach entry id. */
export const newBreachId = (rb: RandomBytes) => randomId(rb) as BreachId;
/** Id of an Art. 14 notice record (a person whose data were not obtained from them). */
export const indirectNoticeIdSchema = idString().brand<'IndirectNoticeId'>();
/** An Art. 14 notice record id. */
export type IndirectNoticeId = z.infer<typeof indirectNoticeIdSchema>;
/** A fresh random Art. 14 notice record id. */
export const newIndirectNoticeId = (rb: RandomBytes) => randomId(rb) as IndirectNoticeId;
/** Id of a retention review decision (data kept longer, or anonymised). */
export const retentionDecisionIdSchema = idString().brand<'RetentionDecisionId'>();
/** A retention decision id. */
export type RetentionDecisionId = z.infer<typeof retentionDecisionIdSchema>;
/** A fresh random retention decision id. */
export const newRetentionDecisionId = (rb: RandomBytes) => randomId(rb) as RetentionDecisionId;
/** Id of a restriction of processing (Art. 18). */
export const restrictionIdSchema = idString().brand<'RestrictionId'>();
/** A restriction id. */
export type RestrictionId = z.infer<typeof restrictionIdSchema>;
/** A fresh random restriction id. */
export const newRestrictionId = (rb: RandomBytes) => randomId(rb) as RestrictionId;
/** Id of an objection to direct marketing (Art. 21(2)). */
export const objectionIdSchema = idString().brand<'ObjectionId'>();
/** An objection id. */
export type ObjectionId = z.infer<typeof objectionIdSchema>;
/** A fresh random objection id. */
export const newObjectionId = (rb: RandomBytes) => randomId(rb) as ObjectionId;
/** Id of a data subject's request (Art. 12(3): the requests inbox). */
export const dataRequestIdSchema = idString().brand<'DataRequestId'>();
/** A request id. */
export type DataRequestId = z.infer<typeof dataRequestIdSchema>;
/** A fresh random request id. */
export const newDataRequestId = (rb: RandomBytes) => randomId(rb) as DataRequestId;
