/**
 * What the privacy screens plan before they run a command: records made from the presets in the
 * user's language, the next consent entry of a person's chain, and the overview's counts. Pure
 * apart from hashing; the commands check everything again before writing.
 */
import {
  type HolidayCalendar,
  chainEntries,
  chainOf,
  consentState,
  createRecord,
  informingQueue,
  peopleWithoutPurpose,
  presetPurposeFields,
  purposePresets,
  toCalendarDate,
  type ConsentChannel,
  type ConsentEntry,
  type ConsentMethod,
  type Person,
  type Purpose,
  type PurposePresetKey,
  type PresetTexts,
  type InformingDue,
} from '../../../shared/domain';
import type { Catalog } from '../../../shared/i18n/en';
import { webSha256 } from '../../commands/privacy-guards';
import { ValidationFailed, type Model, type Repository } from '../../vault';

/** A preset's texts from a catalog (lists are `;`-separated there). */
export function presetTexts(catalog: Catalog['privacy'], key: PurposePresetKey): PresetTexts {
  const p: Partial<Record<'recipients' | 'balancing', string>> & {
    name: string;
    description: string;
    data: string;
    subjects: string;
    reference: string;
  } = catalog.presets[key];
  const list = (s: string | undefined) =>
    (s ?? '')
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    name: p.name,
    description: p.description,
    dataCategories: list(p.data),
    subjectCategories: list(p.subjects),
    recipients: list(p.recipients),
    securityMeasures: catalog.presetMeasures,
    retentionReference: p.reference,
    balancingNote: p.balancing ?? '',
  };
}

/** New purposes for the presets not yet in the catalogue (live), in the catalog's language. */
export function missingPresets(repo: Repository, model: Model, catalog: Catalog['privacy']): Purpose[] {
  const have = new Set(
    model
      .list('purposes')
      .filter((p) => p.deletedAt === null)
      .map((p) => p.preset),
  );
  return purposePresets
    .filter((preset) => !have.has(preset.key))
    .map((preset) =>
      createRecord(
        'purposes',
        repo.newId() as Purpose['id'],
        presetPurposeFields(preset, presetTexts(catalog, preset.key)),
        repo.stamp(),
      ),
    );
}

/** What the person's panel asks for a consent entry. */
export interface ConsentForm {
  readonly purposeId: string;
  readonly channel: ConsentChannel;
  readonly method: ConsentMethod;
  /** Local date-time from the form (`YYYY-MM-DDTHH:mm`), or empty. */
  readonly at: string;
  readonly evidence: string;
  readonly reviewOn: string;
  readonly noticeId: string;
}

/**
 * The next entry of the person's ledger, ready for `consents.give` / `consents.withdraw`.
 * WARNING: throws `ValidationFailed` (`consent-date-required`) without a date, and the ledger's
 * `DomainError`s (out of order, in the future, nothing to withdraw) like the command would.
 */
export async function planConsentEntry(
  repo: Repository,
  model: Model,
  person: Person,
  action: ConsentEntry['action'],
  form: ConsentForm,
  now = Date.now(),
): Promise<ConsentEntry> {
  // A withdrawal needs no notice: only a consent is given on the strength of one.
  const notice = action === 'given' && form.noticeId ? model.get('notices', form.noticeId) : undefined;
  const at = form.at ? new Date(form.at).toISOString() : undefined;
  const draft = {
    id: repo.newId() as ConsentEntry['id'],
    personId: person.id,
    purposeId: form.purposeId as ConsentEntry['purposeId'],
    channel: form.channel,
    action,
    at: at ?? '',
    method: form.method,
    recordedBy: repo.device.name,
    noticeId: notice?.id ?? null,
    noticeHash: notice?.sha256 ?? null,
    evidence: form.evidence.trim(),
    reviewOn: form.reviewOn || null,
  };
  if (!at) throw new ValidationFailed('consents', [{ path: ['at'], code: 'consent-date-required' }]);
  const chain = chainOf(model.list('consents'), person.id);
  const [entry] = await chainEntries(chain, [draft], now, webSha256);
  const { id, ...fields } = entry!;
  return createRecord('consents', id, fields, repo.stamp(now));
}

/** The overview's figures, each with the list behind it. */
export interface PrivacyOverview {
  readonly withoutPurpose: readonly Person[];
  /** Consents in force whose review date is today or past. */
  readonly toReview: readonly ConsentEntry[];
  /** Art. 14 notices owed to live people, most urgent first (weekends move a deadline on). */
  readonly informing: readonly InformingDue[];
}

/**
 * Computes the overview from the model at `now`. Art. 14 deadlines skip the public holidays given
 * (the Italian ones once loaded; weekends only before that, which is earlier, never later).
 */
export function privacyOverview(
  model: Model,
  now = Date.now(),
  isHoliday: HolidayCalendar = () => false,
): PrivacyOverview {
  const purposes = new Map(model.list('purposes').map((p) => [p.id, p]));
  const withoutPurpose = peopleWithoutPurpose(model.list('people'), model.list('person-purposes'), purposes);
  const today = toCalendarDate(now);
  const byPerson = new Map<string, ConsentEntry[]>();
  for (const e of model.list('consents')) {
    const list = byPerson.get(e.personId) ?? [];
    list.push(e);
    byPerson.set(e.personId, list);
  }
  const toReview: ConsentEntry[] = [];
  for (const [personId, entries] of byPerson) {
    const person = model.get('people', personId);
    if (!person || person.deletedAt !== null) continue;
    for (const e of consentState(entries).values())
      if (e.action === 'given' && e.reviewOn !== null && e.reviewOn <= today) toReview.push(e);
  }
  const livePeople = new Set(
    model
      .list('people')
      .filter((p) => p.deletedAt === null)
      .map((p) => p.id),
  );
  const informing = informingQueue(model.list('indirect-notices'), livePeople, today, isHoliday);
  return { withoutPurpose, toReview, informing };
}
