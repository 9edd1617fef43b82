/**
 * The common shape every contact importer (CSV, vCard) produces: a draft of a person's fields,
 * checked value by value so each problem names its row and column, then as a whole against the
 * person schema. Turning a checked draft into a record (ids, clocks, source) is `draftToPerson`.
 */
import { calendarDateSchema, isCalendarDate } from '../domain/dates';
import { emailAddressSchema, type Address, type EmailEntry, type PhoneEntry } from '../domain/fields';
import type { OrganizationId, PersonId, SubjectId } from '../domain/ids';
import { foldText, normalizeEmail, normalizePhone } from '../domain/normalize';
import { encodeHlc } from '../domain/hlc';
import type { Stamp } from '../domain/record';
import { createRecord } from '../domain/registry';
import { personSchema, type Person, type PersonSource } from '../domain/person';
import { isValidTaxCode, isValidVat, normalizeTaxCode, normalizeVat } from '../domain/tax-ids';
import type { ValidationCode } from '../domain/validation';

/** A person as read from a file, before ids and clocks are given. */
export interface ContactDraft {
  givenName: string;
  familyName: string;
  emails: EmailEntry[];
  phones: PhoneEntry[];
  addresses: Address[];
  birthday?: string;
  jobTitle?: string;
  notes?: string;
  vatNumber?: string;
  taxCode?: string;
  /** The company column; the importer finds or creates the organization. */
  organizationName?: string;
}

/** Why a row or card was refused (a validation code or one of these). */
export type ImportProblemCode = ValidationCode | 'empty-row' | 'no-name' | 'invalid-vcard';

/** One problem: which row (1 = the header line of a CSV, or the card's number), which column, why. */
export interface ImportProblem {
  readonly row: number;
  /** The column's header (CSV) or property name (vCard); empty for whole-row problems. */
  readonly column: string;
  readonly code: ImportProblemCode;
}

/** The outcome of one row or card: a checked draft, or the problems that refused it. */
export interface DraftResult {
  readonly row: number;
  readonly draft: ContactDraft | null;
  readonly problems: readonly ImportProblem[];
}

/** Options shared by the importers. */
export interface DraftOptions {
  /** Locale that reads national phone numbers and ambiguous dates (`it-IT`). */
  readonly locale: string;
  /** Country of addresses that name none (ISO alpha-2). */
  readonly defaultCountry: string;
}

/** An empty draft. */
export function emptyDraft(): ContactDraft {
  return { givenName: '', familyName: '', emails: [], phones: [], addresses: [] };
}

/** Collects the problems of one row while its values are read. */
export class DraftBuilder {
  readonly draft = emptyDraft();
  readonly problems: ImportProblem[] = [];
  constructor(
    readonly row: number,
    readonly options: DraftOptions,
  ) {}

  /** Records a problem with a value of `column`. */
  problem(column: string, code: ImportProblemCode): void {
    this.problems.push({ row: this.row, column, code });
  }

  /** Adds an email (repeats are dropped); an invalid one is a problem. */
  email(raw: string, kind: EmailEntry['kind'], column: string): void {
    const address = raw.trim().replace(/^mailto:/i, '');
    if (address === '') return;
    if (!emailAddressSchema.safeParse(address).success) return this.problem(column, 'invalid-email');
    const key = normalizeEmail(address);
    if (this.draft.emails.some((e) => normalizeEmail(e.address) === key)) return;
    this.draft.emails.push({ kind, address });
  }

  /** Adds a phone, normalised to E.164 in the locale's region; an invalid one is a problem. */
  phone(raw: string, kind: PhoneEntry['kind'], column: string): void {
    const text = raw.trim().replace(/^tel:/i, '');
    if (text === '') return;
    const number = normalizePhone(text, this.options.locale);
    if (number === null) return this.problem(column, 'invalid-phone');
    if (this.draft.phones.some((p) => p.number === number)) return;
    this.draft.phones.push({ kind, number });
  }

  /** Sets an optional short text field (trimmed; over 200 characters is a problem). */
  text(field: 'jobTitle' | 'organizationName', raw: string, column: string): void {
    const v = raw.trim();
    if (v === '') return;
    if (v.length > 200) return this.problem(column, 'too-long');
    this.draft[field] = v;
  }

  /** Appends to the notes. */
  note(raw: string): void {
    const v = raw.trim();
    if (v !== '') this.draft.notes = this.draft.notes ? `${this.draft.notes}\n${v}` : v;
  }

  /** Sets the birthday from any of the date shapes `parseDate` knows. */
  birthday(raw: string, column: string): void {
    const v = raw.trim();
    if (v === '') return;
    const date = parseDate(v, this.options.locale);
    if (date === '') return;
    if (date === null) return this.problem(column, 'invalid-date');
    this.draft.birthday = date;
  }

  /** Sets the VAT number (normalised); an invalid one is a problem. */
  vat(raw: string, column: string): void {
    if (raw.trim() === '') return;
    const v = normalizeVat(raw);
    if (!isValidVat(v)) return this.problem(column, 'invalid-vat');
    this.draft.vatNumber = v;
  }

  /** Sets the codice fiscale (normalised); an invalid one is a problem. */
  taxCode(raw: string, column: string): void {
    if (raw.trim() === '') return;
    const v = normalizeTaxCode(raw);
    if (!isValidTaxCode(v)) return this.problem(column, 'invalid-tax-code');
    this.draft.taxCode = v;
  }

  /** Adds an address from its parts; the country may be a code or a name in English or Italian. */
  address(
    parts: { street?: string; city?: string; postalCode?: string; province?: string; country?: string },
    kind: Address['kind'],
    column: string,
  ): void {
    const clean = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
    const street = clean(parts.street);
    const city = clean(parts.city);
    const postalCode = clean(parts.postalCode);
    const province = clean(parts.province);
    const countryText = clean(parts.country);
    if (!street && !city && !postalCode && !province && !countryText) return;
    const country = countryText === undefined ? this.options.defaultCountry : countryCode(countryText);
    if (country === null) return this.problem(column, 'invalid-country');
    if ((street?.length ?? 0) > 200 || (city?.length ?? 0) > 200) return this.problem(column, 'too-long');
    if ((postalCode?.length ?? 0) > 20 || (province?.length ?? 0) > 60)
      return this.problem(column, 'too-long');
    this.draft.addresses.push({
      kind,
      ...(street ? { street } : {}),
      ...(postalCode ? { postalCode } : {}),
      ...(city ? { city } : {}),
      ...(province ? { province } : {}),
      country,
    });
  }

  /**
   * Finishes the row: checks the whole draft against the person schema. Returns the draft when
   * there is no problem, else `null` with every problem of the row.
   */
  finish(): DraftResult {
    const d = this.draft;
    if (d.givenName.trim() === '' && d.familyName.trim() === '') {
      if (!this.problems.some((p) => p.code === 'no-name')) this.problem('', 'name-required');
    } else {
      const check = personSchema.safeParse(draftToPerson(d, placeholder));
      if (!check.success) {
        for (const issue of check.error.issues) {
          const code = (typeof issue.message === 'string' ? issue.message : 'invalid') as ImportProblemCode;
          this.problem(String(issue.path[0] ?? ''), code.length < 40 ? code : 'invalid');
        }
      }
    }
    return { row: this.row, draft: this.problems.length === 0 ? d : null, problems: this.problems };
  }
}

const zeroId = '00000000000000000000000000000000';
const placeholder = {
  id: zeroId as PersonId,
  subjectId: zeroId as SubjectId,
  organizationId: zeroId as OrganizationId,
  source: { method: 'import', fileName: 'file', date: '2000-01-01' } as PersonSource,
  stamp: { clock: encodeHlc({ wallTime: 0, counter: 0, node: '0000000000000000' }), at: 0 } as Stamp,
};

/** What `draftToPerson` needs besides the draft. */
export interface PersonIdentity {
  readonly id: PersonId;
  readonly subjectId: SubjectId;
  /** The organization the company column resolved to, if any. */
  readonly organizationId?: OrganizationId;
  readonly source: PersonSource;
  readonly stamp: Stamp;
}

/** Builds the person record of a draft (not validated: the repository validates before storing). */
export function draftToPerson(d: ContactDraft, who: PersonIdentity): Person {
  const orgId = d.organizationName !== undefined ? who.organizationId : undefined;
  return createRecord(
    'people',
    who.id,
    {
      subjectId: who.subjectId,
      kind: orgId !== undefined ? 'contact-person' : 'private',
      givenName: d.givenName.trim().slice(0, 200),
      familyName: d.familyName.trim().slice(0, 200),
      organizations: orgId !== undefined ? [{ organizationId: orgId }] : [],
      emails: d.emails,
      phones: d.phones,
      addresses: d.addresses,
      ...(d.birthday !== undefined ? { birthday: d.birthday } : {}),
      ...(d.jobTitle !== undefined ? { jobTitle: d.jobTitle } : {}),
      ...(d.vatNumber !== undefined ? { vatNumber: d.vatNumber } : {}),
      ...(d.taxCode !== undefined ? { taxCode: d.taxCode } : {}),
      ...(d.notes !== undefined ? { notes: d.notes } : {}),
      source: who.source,
      tags: [],
      customFields: {},
    },
    who.stamp,
  );
}

/** Splits a one-field name: the last word is the family name (`Anna Maria Verdi`). */
export function splitFullName(full: string): { givenName: string; familyName: string } {
  const words = full
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length <= 1) return { givenName: '', familyName: words[0] ?? '' };
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1)! };
}

/**
 * Reads a date as exporters write it: ISO `1980-05-17`, `19800517`, `17/05/1980`, `17.05.1980`,
 * US `5/17/1980` (when the locale is US English or the day is over 12). Returns `''` for the
 * "no date" placeholders of Outlook (`0/0/00`) and year-less birthdays (`--05-17`, which the
 * schema cannot hold), `null` when unreadable.
 */
export function parseDate(raw: string, locale: string): string | null {
  const v = raw.trim().replace(/T.*$/, '');
  if (v === '' || /^0+[/.-]0+[/.-]0+$/.test(v) || /^--\d{2}-?\d{2}$/.test(v)) return '';
  let y: number, mo: number, d: number;
  let match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v);
  if (match) {
    [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v))) {
    let a = Number(match[1]);
    let b = Number(match[2]);
    y = Number(match[3]);
    if (match[3]!.length === 2) y += y > 30 ? 1900 : 2000;
    const us = /^en[-_]US$/i.test(locale);
    if ((us && a <= 12) || b > 12) [a, b] = [b, a];
    [d, mo] = [a, b];
  } else {
    return null;
  }
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(iso) && calendarDateSchema.safeParse(iso).success ? iso : null;
}

let countryNames: Map<string, string> | undefined;

/** ISO alpha-2 code of a country code or name (English or Italian); `null` when unknown. */
export function countryCode(raw: string): string | null {
  const v = raw.trim();
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase() === 'UK' ? 'GB' : v.toUpperCase();
  if (!countryNames) {
    // Built once from the platform's region names, so every country is known in both languages.
    countryNames = new Map();
    const namers = ['en', 'it'].map((l) => new Intl.DisplayNames([l], { type: 'region' }));
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        for (const namer of namers) {
          const name = namer.of(code);
          // The first code wins: `GB` before its alias `UK`.
          if (name && name !== code && !countryNames.has(foldText(name)))
            countryNames.set(foldText(name), code);
        }
      }
    }
    for (const [alias, code] of [
      ['usa', 'US'],
      ['united states of america', 'US'],
      ['stati uniti d america', 'US'],
      ['uk', 'GB'],
      ['great britain', 'GB'],
      ['england', 'GB'],
      ['inghilterra', 'GB'],
      ['holland', 'NL'],
      ['olanda', 'NL'],
    ] as const)
      countryNames.set(alias, code);
  }
  return countryNames.get(foldText(v)) ?? null;
}
