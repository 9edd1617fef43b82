/**
 * The privacy notice (informativa, Art. 13 and 14 GDPR), generated from the controller's details
 * and the purposes catalogue. Each section is one point of Art. 13 (and, for data not obtained
 * from the person, the two points Art. 14 adds: the categories of data and their source), headed
 * with the Regulation's wording in the notice's language. Texts come from the caller's catalog,
 * so the notice is written in the language the user picks, independent of the UI's; what the user
 * typed (names, descriptions, recipients) is quoted as typed.
 */
import type { LegalBasis, PrivacyController, Purpose, RetentionEvent } from '../domain/privacy';
import { livePurposesByName } from './processing-register';

/** The sections of a notice, in the order of Art. 13 (then the additions of Art. 14). */
export const noticeSections = [
  'controller',
  'dpo',
  'purposes',
  'legitimateInterests',
  'recipients',
  'transfers',
  'retention',
  'rights',
  'withdrawal',
  'complaint',
  'provision',
  'automated',
  'categories',
  'source',
] as const;
/** One of `noticeSections`. */
export type NoticeSection = (typeof noticeSections)[number];

/** The texts a notice is written with (the `privacy` part of an i18n catalog fits). */
export interface NoticeCatalog {
  readonly notice: {
    readonly title: string;
    /** Shown under the title: which article the notice is given under. */
    readonly lead13: string;
    readonly lead14: string;
    readonly headings: Readonly<Record<NoticeSection, string>>;
    readonly noController: string;
    readonly noPurposes: string;
    readonly representative: string;
    readonly noDpo: string;
    readonly legalBasis: string;
    readonly noLegitimateInterests: string;
    readonly noRecipients: string;
    readonly noTransfers: string;
    readonly safeguards: string;
    /** With `{{months}}` and `{{event}}`. */
    readonly retention: string;
    readonly rights: string;
    readonly withdrawal: string;
    readonly noWithdrawal: string;
    readonly complaint: string;
    readonly provision: Readonly<Record<LegalBasis, string>>;
    readonly automated: string;
    readonly noCategories: string;
    /** With `{{source}}`. */
    readonly source: string;
    readonly noSource: string;
  };
  readonly basis: Readonly<Record<LegalBasis, string>>;
  readonly retentionFrom: Readonly<Record<RetentionEvent, string>>;
}

/** One section of the notice: its heading and its paragraphs. */
export interface NoticeBlock {
  readonly section: NoticeSection;
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** A generated notice: its title, lead line and sections. */
export interface PrivacyNotice {
  readonly title: string;
  readonly lead: string;
  readonly blocks: readonly NoticeBlock[];
}

/** What the notice is for: people who gave their data (Art. 13), or not (Art. 14, with the source). */
export interface NoticeOptions {
  /** Art. 14: the data were not obtained from the person. */
  readonly indirect?: boolean;
  /** Art. 14(2)(f): where the data come from (e.g. "a public register", "a referral"). */
  readonly source?: string;
}

const clean = (parts: readonly (string | false | null | undefined)[]): string[] =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim());

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

const distinct = (items: Iterable<string>): string[] =>
  [...new Set([...items].map((s) => s.trim()))].filter(Boolean);

function controllerParagraphs(controller: PrivacyController | null, t: NoticeCatalog['notice']): string[] {
  if (!controller) return [t.noController];
  const own = clean([
    controller.name,
    controller.address.replace(/\s*\n\s*/g, ', '),
    controller.vatNumber,
    controller.email,
    controller.pec && `PEC ${controller.pec}`,
    controller.phone,
  ]).join(' – ');
  const rep = controller.euRepresentative;
  return clean([own, rep && `${t.representative}: ${rep.name}, ${rep.contact}`]);
}

/**
 * The notice's sections from the controller and the live purposes (ordered by name, then id).
 * A missing controller is said so in the notice, never invented; a section that does not apply
 * (no DPO, no transfers) says why, as Art. 13 asks each point to be answered.
 */
export function buildPrivacyNotice(
  controller: PrivacyController | null,
  purposes: Iterable<Purpose>,
  texts: NoticeCatalog,
  options: NoticeOptions = {},
): PrivacyNotice {
  const t = texts.notice;
  const live = livePurposesByName(purposes);
  const block = (section: NoticeSection, paragraphs: readonly string[]): NoticeBlock => ({
    section,
    heading: t.headings[section],
    paragraphs: paragraphs.length ? paragraphs : [t.noPurposes],
  });

  const interests = live.filter((p) => p.legalBasis === 'legitimate-interests');
  const recipients = distinct(live.flatMap((p) => p.recipients));
  const transfers = live.filter((p) => p.transfers.trim() !== '');
  const hasConsent = live.some((p) => p.legalBasis === 'consent');
  const bases = distinct(live.map((p) => p.legalBasis)) as LegalBasis[];
  const dpo = controller?.dpo;

  const blocks: NoticeBlock[] = [
    block('controller', controllerParagraphs(controller, t)),
    block('dpo', [dpo ? `${dpo.name} – ${dpo.contact}` : t.noDpo]),
    block(
      'purposes',
      live.map((p) =>
        clean([
          sentence(p.name),
          p.description && sentence(p.description),
          sentence(`${t.legalBasis}: ${texts.basis[p.legalBasis]}`),
        ]).join(' '),
      ),
    ),
    block(
      'legitimateInterests',
      interests.length
        ? interests.map((p) => `${p.name}: ${sentence(p.balancingNote.trim())}`)
        : [t.noLegitimateInterests],
    ),
    block('recipients', [recipients.length ? sentence(recipients.join(', ')) : t.noRecipients]),
    block(
      'transfers',
      transfers.length
        ? transfers.map(
            (p) =>
              `${p.name}: ${sentence(p.transfers.trim())} ${t.safeguards}: ${sentence(p.transferSafeguards.trim())}`,
          )
        : [t.noTransfers],
    ),
    block(
      'retention',
      live.map((p) => {
        const period = t.retention
          .replace('{{months}}', String(p.retention.months))
          .replace('{{event}}', texts.retentionFrom[p.retention.from]);
        return `${p.name}: ${sentence(clean([period, p.retention.reference]).join(' – '))}`;
      }),
    ),
    block('rights', [t.rights]),
    block('withdrawal', [hasConsent ? t.withdrawal : t.noWithdrawal]),
    block('complaint', [t.complaint]),
    block(
      'provision',
      bases.map((b) => sentence(`${texts.basis[b]}: ${t.provision[b]}`)),
    ),
    block('automated', [t.automated]),
  ];
  if (options.indirect) {
    const categories = distinct(live.flatMap((p) => p.dataCategories));
    const source = options.source?.trim();
    blocks.push(block('categories', [categories.length ? sentence(categories.join(', ')) : t.noCategories]));
    blocks.push(block('source', [source ? sentence(t.source.replace('{{source}}', source)) : t.noSource]));
  }
  return { title: t.title, lead: options.indirect ? t.lead14 : t.lead13, blocks };
}

/**
 * The notice as plain text: title, lead, then numbered headings with their paragraphs, LF line
 * ends and one blank line between sections. This is the text saved (and hashed) as a notice
 * version, so the same notice always gives the same fingerprint.
 */
export function privacyNoticeText(notice: PrivacyNotice): string {
  const parts = [notice.title, notice.lead];
  notice.blocks.forEach((b, n) => {
    parts.push(
      [`${n + 1}. ${b.heading}`, ...b.paragraphs.map((p) => (b.paragraphs.length > 1 ? `- ${p}` : p))].join(
        '\n',
      ),
    );
  });
  return `${parts.join('\n\n')}\n`;
}
