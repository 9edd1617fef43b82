/**
 * The common shape every contact importer (CSV, vCard) produces: a draft of a person's fields,
 * checked value by value so each problem names its row and column (a value that does not validate
 * is kept as written, "to check"), then as a whole against the person or organization schema. Turning a checked draft into a record (ids, clocks, source) is `draftToPerson`.
 */
import { calendarDateSchema, isCalendarDate } from '../domain/dates';
import { countryCode } from '../domain/countries';
import {
  emailAddressSchema,
  type Address,
  type EmailEntry,
  type PhoneEntry,
  type ToCheckEntry,
} from '../domain/fields';
import type { OrganizationId, PersonId, SubjectId, TagId } from '../domain/ids';
import { foldText, normalizeEmail, normalizePhone } from '../domain/normalize';
import { encodeHlc } from '../domain/hlc';
import type { Stamp } from '../domain/record';
import { createRecord } from '../domain/registry';
import { organizationSchema, type Organization } from '../domain/organization';
import { personSchema, type Person, type PersonSource } from '../domain/person';
import { isValidTaxCode, isValidVat, normalizeTaxCode, normalizeVat } from '../domain/tax-ids';
import type { ValidationCode } from '../domain/validation';

/**
 * A person (or, for a row naming only an organization, that organization) as read from a file,
 * before ids and clocks are given.
 */
export interface ContactDraft {
  /** `organization`: the row names no person, only an organization; it creates that. */
  kind?: 'person' | 'organization';
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
  /** Values that did not validate, kept as written and marked "to check" on the record. */
  toCheck: ToCheckEntry[];
  /** Labels, groups or categories of the contact: the importer finds or creates these tags. */
  tags: string[];
}

/** Why a row or card was refused, or why a value was kept to check (a validation code or one of these). */
export type ImportProblemCode =
  ValidationCode | 'empty-row' | 'no-name' | 'no-identity' | 'invalid-vcard' | 'unknown-country';

/**
 * One problem: which row (1 = the header line of a CSV, or the card's number), which column, why.
 * WARNING: `value` is the file's own text (personal data): it is shown to the user and never
 * logged, sent or put in an error message.
 */
export interface ImportProblem {
  readonly row: number;
  /** The column's header (CSV) or property name (vCard); empty for whole-row problems. */
  readonly column: string;
  readonly code: ImportProblemCode;
  /** The value as written, when one value was the problem. */
  readonly value?: string;
  /** True when the value was kept on the record, marked "to check", and the row imported. */
  readonly kept?: boolean;
}

/** The outcome of one row or card: a checked draft, or the problems that refused it. */
export interface DraftResult {
  readonly row: number;
  readonly draft: ContactDraft | null;
  /** Every problem of the row; for an imported row, only values kept to check. */
  readonly problems: readonly ImportProblem[];
}

/** Options shared by the importers. */
export interface DraftOptions {
  /** Locale that reads ambiguous dates (`en-US` reads `5/6/1980` as May 6th). */
  readonly locale: string;
  /**
   * The default country (ISO alpha-2): of addresses that name none, and of phone numbers with no
   * prefix, but only those that are valid numbers there (see `normalizePhone`).
   */
  readonly defaultCountry: string;
}

/** An empty draft. */
export function emptyDraft(): ContactDraft {
  return { givenName: '', familyName: '', emails: [], phones: [], addresses: [], toCheck: [], tags: [] };
}

/** Collects the problems of one row while its values are read. */
export class DraftBuilder {
  readonly draft = emptyDraft();
  readonly problems: ImportProblem[] = [];
  // The first phone as written, to name a person the row gives nothing else to name by.
  private firstPhone = '';
  constructor(
    readonly row: number,
    readonly options: DraftOptions,
  ) {}

  /** Records a problem with a value of `column` that refuses the row. */
  problem(column: string, code: ImportProblemCode): void {
    this.problems.push({ row: this.row, column, code });
  }

  /** Keeps a value that did not validate, as written, marked to check; the row is still imported. */
  keep(entry: ToCheckEntry, column: string, code: ImportProblemCode): void {
    const value = entry.value.slice(0, 10_000);
    if (!this.draft.toCheck.some((e) => e.field === entry.field && e.value === value))
      this.draft.toCheck.push({ ...entry, value });
    this.problems.push({ row: this.row, column, code, value, kept: true });
  }

  /** Adds an email (repeats are dropped); an invalid one is kept to check. */
  email(raw: string, kind: EmailEntry['kind'], column: string): void {
    const address = raw.trim().replace(/^mailto:/i, '');
    if (address === '') return;
    if (!emailAddressSchema.safeParse(address).success)
      return this.keep({ field: 'email', value: address, kind }, column, 'invalid-email');
    const key = normalizeEmail(address);
    if (this.draft.emails.some((e) => normalizeEmail(e.address) === key)) return;
    this.draft.emails.push({ kind, address });
  }

  /**
   * Adds a phone in E.164: with its prefix as written, without one in the default country when
   * it is a valid number there; any other number is kept as written, to check.
   */
  phone(raw: string, kind: PhoneEntry['kind'], column: string): void {
    const text = raw.trim().replace(/^tel:/i, '');
    if (text === '') return;
    if (this.firstPhone === '') this.firstPhone = text;
    const number = normalizePhone(text, this.options.defaultCountry);
    if (number === null) return this.keep({ field: 'phone', value: text, kind }, column, 'invalid-phone');
    if (this.draft.phones.some((p) => p.number === number)) return;
    this.draft.phones.push({ kind, number });
  }

  /** Sets an optional short text field (trimmed; over 200 characters it is kept to check). */
  text(field: 'jobTitle' | 'organizationName', raw: string, column: string): void {
    const v = raw.trim();
    if (v === '') return;
    if (v.length > 200)
      return this.keep(
        { field: field === 'jobTitle' ? 'jobTitle' : 'organization', value: v },
        column,
        'too-long',
      );
    this.draft[field] = v;
  }

  /** Appends to the notes. */
  note(raw: string): void {
    const v = raw.trim();
    if (v !== '') this.draft.notes = this.draft.notes ? `${this.draft.notes}\n${v}` : v;
  }

  /** Adds labels (`* myContacts`, Google's group of everyone, is no label). */
  tags(values: readonly string[]): void {
    for (const raw of values) {
      const name = raw
        .trim()
        .replace(/^\*\s*/, '')
        .slice(0, 200);
      if (name === '' || foldText(name) === 'mycontacts') continue;
      if (!this.draft.tags.some((t) => foldText(t) === foldText(name))) this.draft.tags.push(name);
    }
  }

  /** Sets the birthday from any of the date shapes `parseDate` knows; else kept to check. */
  birthday(raw: string, column: string): void {
    const v = raw.trim();
    if (v === '') return;
    const date = parseDate(v, this.options.locale);
    if (date === '') return;
    if (date === null) return this.keep({ field: 'birthday', value: v }, column, 'invalid-date');
    this.draft.birthday = date;
  }

  /** Sets the VAT number (normalised); an invalid one is kept to check. */
  vat(raw: string, column: string): void {
    if (raw.trim() === '') return;
    const v = normalizeVat(raw);
    if (!isValidVat(v)) return this.keep({ field: 'vatNumber', value: raw.trim() }, column, 'invalid-vat');
    this.draft.vatNumber = v;
  }

  /** Sets the codice fiscale (normalised); an invalid one is kept to check. */
  taxCode(raw: string, column: string): void {
    if (raw.trim() === '') return;
    const v = normalizeTaxCode(raw);
    if (!isValidTaxCode(v))
      return this.keep({ field: 'taxCode', value: raw.trim() }, column, 'invalid-tax-code');
    this.draft.taxCode = v;
  }

  /**
   * Adds an address from its parts. The country may be a code or a name (see `countryCode`); an
   * address that names none is in the default country. One whose country is unknown is kept to
   * check with its other parts, and one with an over-long part as written.
   */
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
    if (
      (street?.length ?? 0) > 200 ||
      (city?.length ?? 0) > 200 ||
      (postalCode?.length ?? 0) > 20 ||
      (province?.length ?? 0) > 60
    ) {
      const value = [street, [postalCode, city].filter(Boolean).join(' '), province, countryText]
        .filter((p) => p !== undefined && p !== '')
        .join(', ');
      return this.keep({ field: 'address', value, kind }, column, 'too-long');
    }
    const rest = {
      kind,
      ...(street ? { street } : {}),
      ...(postalCode ? { postalCode } : {}),
      ...(city ? { city } : {}),
      ...(province ? { province } : {}),
    };
    const country = countryText === undefined ? this.options.defaultCountry : countryCode(countryText);
    if (country === null)
      return this.keep(
        { field: 'address', value: countryText!, kind, address: rest },
        column,
        'unknown-country',
      );
    this.draft.addresses.push({ ...rest, country });
  }

  /**
   * Finishes the row. A row that names no person but an organization is that organization; one
   * with no name but an email (or else a phone) is a person named by it; a row with none of
   * these is refused (`no-identity`). The draft is then checked against its schema; what still
   * fails refuses the row, with every problem of it.
   */
  finish(): DraftResult {
    const d = this.draft;
    // A refused row keeps nothing: its values are no longer "kept".
    const refused = () => ({
      row: this.row,
      draft: null,
      problems: this.problems.map(({ kept: _kept, ...p }) => p),
    });
    if (this.problems.some((p) => !p.kept)) return refused();
    if (d.givenName.trim() === '' && d.familyName.trim() === '') {
      const email = d.emails[0]?.address ?? d.toCheck.find((e) => e.field === 'email')?.value;
      if (d.organizationName !== undefined) d.kind = 'organization';
      else if (email !== undefined) d.familyName = email.slice(0, 200);
      else if (this.firstPhone !== '') d.familyName = this.firstPhone.slice(0, 200);
      else {
        this.problem('', 'no-identity');
        return refused();
      }
    }
    const check =
      d.kind === 'organization'
        ? organizationSchema.safeParse(
            draftToOrganization(d, { id: placeholder.organizationId, stamp: placeholder.stamp }),
          )
        : personSchema.safeParse(draftToPerson(d, placeholder));
    if (!check.success) {
      for (const issue of check.error.issues) {
        const code = (typeof issue.message === 'string' ? issue.message : 'invalid') as ImportProblemCode;
        this.problem(String(issue.path[0] ?? ''), code.length < 40 ? code : 'invalid');
      }
      return refused();
    }
    return { row: this.row, draft: d, problems: this.problems };
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
  /** The tags the draft's labels resolved to. */
  readonly tagIds?: readonly TagId[];
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
      tags: [...(who.tagIds ?? [])],
      customFields: {},
      toCheck: d.toCheck,
    },
    who.stamp,
  );
}

/**
 * Builds the organization record of a draft that names only an organization (`kind:
 * 'organization'`): its name, contact points, VAT number, tax code, notes and values to check.
 */
export function draftToOrganization(
  d: ContactDraft,
  who: { readonly id: OrganizationId; readonly stamp: Stamp; readonly tagIds?: readonly TagId[] },
): Organization {
  return createRecord(
    'organizations',
    who.id,
    {
      name: (d.organizationName ?? '').trim(),
      emails: d.emails,
      phones: d.phones,
      addresses: d.addresses,
      ...(d.vatNumber !== undefined ? { vatNumber: d.vatNumber } : {}),
      ...(d.taxCode !== undefined ? { taxCode: d.taxCode } : {}),
      ...(d.notes !== undefined ? { notes: d.notes } : {}),
      tags: [...(who.tagIds ?? [])],
      customFields: {},
      toCheck: d.toCheck,
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

/** ISO alpha-2 code of a country code or name (see `countryCode` in the domain). */
export { countryCode };
