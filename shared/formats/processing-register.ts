/**
 * The register of processing activities (Art. 30(1) GDPR), generated from the controller's
 * details and the purposes catalogue: one row per live purpose, with the points (a)–(g) of
 * Art. 30(1) each filled, or marked not applicable (or not filled in) with the reason. Written
 * as CSV (comma) and as the semicolon-separated CSV that LibreOffice and Excel in Italian locales
 * open as a spreadsheet (ODS-compatible). Texts come from the caller's catalog, so the register
 * is in the user's language; the wording of (a)–(g) is the Regulation's.
 */
import type { LegalBasis, PrivacyController, Purpose, RetentionEvent } from '../domain/privacy';
import { writeCsv, type CsvDelimiter } from './csv';

/** The points of Art. 30(1) a row has. */
export const registerPoints = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
/** One of `registerPoints`. */
export type RegisterPoint = (typeof registerPoints)[number];

/** The texts the register is written with (the `privacy` part of an i18n catalog fits). */
export interface RegisterCatalog {
  readonly register: Readonly<Record<RegisterPoint, string>> & {
    readonly activity: string;
    readonly legalBasis: string;
    readonly balancing: string;
    readonly subjects: string;
    readonly data: string;
    readonly safeguards: string;
    readonly dpo: string;
    readonly representative: string;
    readonly jointController: string;
    readonly notApplicable: string;
    readonly missing: string;
    readonly naJointController: string;
    readonly naRepresentative: string;
    readonly naDpo: string;
    readonly naRecipients: string;
    readonly naTransfers: string;
    readonly missingController: string;
    readonly missingCategories: string;
    readonly builtInMeasures: string;
    /** With `{{months}}` and `{{event}}`. */
    readonly retention: string;
  };
  readonly basis: Readonly<Record<LegalBasis, string>>;
  readonly retentionFrom: Readonly<Record<RetentionEvent, string>>;
}

/** One cell of a row: its text, and whether it is filled, not applicable, or still missing. */
export interface RegisterCell {
  readonly status: 'filled' | 'not-applicable' | 'missing';
  readonly text: string;
}

/** One processing activity (one purpose). */
export interface RegisterRow {
  readonly purposeId: string;
  readonly activity: string;
  readonly cells: Readonly<Record<RegisterPoint, RegisterCell>>;
}

const filled = (text: string): RegisterCell => ({ status: 'filled', text });

const present = (parts: readonly (string | false | undefined)[]): string[] =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim());

// Short items (name, address, VAT number…) in one line.
const joined = (parts: readonly (string | false | undefined)[]): string => present(parts).join('; ');

// Sentences, each ending with its full stop.
const sentences = (parts: readonly (string | false | undefined)[]): string =>
  present(parts)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');

function controllerCell(controller: PrivacyController | null, t: RegisterCatalog['register']): RegisterCell {
  if (!controller) return { status: 'missing', text: `${t.missing}: ${t.missingController}` };
  const own = joined([
    controller.name,
    controller.address.replace(/\s*\n\s*/g, ', '),
    controller.vatNumber,
    controller.email,
    controller.pec && `PEC ${controller.pec}`,
    controller.phone,
  ]);
  const party = (label: string, p: PrivacyController['dpo'], reason: string) =>
    p ? `${label}: ${p.name}, ${p.contact}` : `${label}: ${t.notApplicable} – ${reason}`;
  return filled(
    sentences([
      own,
      party(t.jointController, null, t.naJointController),
      party(t.representative, controller.euRepresentative, t.naRepresentative),
      party(t.dpo, controller.dpo, t.naDpo),
    ]),
  );
}

function purposeRow(purpose: Purpose, a: RegisterCell, texts: RegisterCatalog): RegisterRow {
  const t = texts.register;
  const b = filled(
    sentences([
      purpose.name,
      purpose.description,
      `${t.legalBasis}: ${texts.basis[purpose.legalBasis]}`,
      purpose.legalBasis === 'legitimate-interests' && `${t.balancing}: ${purpose.balancingNote}`,
    ]),
  );
  const subjects = purpose.subjectCategories.join(', ');
  const data = purpose.dataCategories.join(', ');
  const c: RegisterCell =
    subjects && data
      ? filled(`${t.subjects}: ${subjects}. ${t.data}: ${data}`)
      : { status: 'missing', text: `${t.missing}: ${t.missingCategories}` };
  const d: RegisterCell = purpose.recipients.length
    ? filled(purpose.recipients.join(', '))
    : { status: 'not-applicable', text: `${t.notApplicable}: ${t.naRecipients}` };
  const e: RegisterCell = purpose.transfers.trim()
    ? filled(`${purpose.transfers.trim()}. ${t.safeguards}: ${purpose.transferSafeguards.trim()}`)
    : { status: 'not-applicable', text: `${t.notApplicable}: ${t.naTransfers}` };
  const period = t.retention
    .replace('{{months}}', String(purpose.retention.months))
    .replace('{{event}}', texts.retentionFrom[purpose.retention.from]);
  const f = filled(joined([period, purpose.retention.reference]));
  const g = filled(sentences([purpose.securityMeasures, t.builtInMeasures]));
  return { purposeId: purpose.id, activity: purpose.name, cells: { a, b, c, d, e, f, g } };
}

/** The live purposes ordered by name, then id (so equal names keep a stable order). */
export function livePurposesByName(purposes: Iterable<Purpose>): Purpose[] {
  return [...purposes]
    .filter((p) => p.deletedAt === null)
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1));
}

/**
 * The register's rows: one per live purpose, ordered by name (then id, so equal names keep a
 * stable order). A missing controller leaves (a) marked as not filled in, never invented.
 */
export function buildProcessingRegister(
  controller: PrivacyController | null,
  purposes: Iterable<Purpose>,
  texts: RegisterCatalog,
): RegisterRow[] {
  const a = controllerCell(controller, texts.register);
  return livePurposesByName(purposes).map((p) => purposeRow(p, a, texts));
}

/**
 * The register as CSV: a header row (the activity and the wording of (a)–(g)), then one row per
 * activity. `delimiter` `;` gives the file LibreOffice and Excel in Italian locales open as
 * columns. UTF-8 with BOM, CRLF, formulas neutralised (see `writeCsv`).
 */
export function processingRegisterCsv(
  rows: readonly RegisterRow[],
  texts: RegisterCatalog,
  delimiter: Extract<CsvDelimiter, ',' | ';'> = ',',
): string {
  const header = [texts.register.activity, ...registerPoints.map((p) => texts.register[p])];
  const body = rows.map((r) => [r.activity, ...registerPoints.map((p) => r.cells[p].text)]);
  return writeCsv([header, ...body], { delimiter });
}
