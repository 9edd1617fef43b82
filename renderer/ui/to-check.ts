// How a value kept "to check" goes into its field on a person or an organization once the user
// has corrected it.
import {
  countryCode,
  emailAddressSchema,
  isValidTaxCode,
  isValidVat,
  normalizeEmail,
  normalizePhone,
  normalizeTaxCode,
  normalizeVat,
  type Address,
  type EmailEntry,
  type Person,
  type PhoneEntry,
  type ToCheckEntry,
  type ValidationCode,
} from '../../shared/domain';
import { parseDate } from '../../shared/formats';

/** A record that holds values to check: a person or an organization. */
export interface ToCheckHolder {
  readonly toCheck: readonly ToCheckEntry[];
  readonly emails: readonly EmailEntry[];
  readonly phones: readonly PhoneEntry[];
  readonly addresses: readonly Address[];
}

/** The patch that puts a corrected value in its field and takes the entry off the list. */
export type FixResult = { ok: true; patch: Partial<Person> } | { ok: false; code: ValidationCode };

const kindOf = <K extends string>(kinds: readonly K[], kind: string | undefined, fallback: K): K =>
  (kinds as readonly string[]).includes(kind ?? '') ? (kind as K) : fallback;

/**
 * Reads `text` as a value of the entry's field (the same rules as an import: a phone without a
 * prefix in `country` only when valid there; a country by any name) and returns the patch that
 * stores it and removes the entry at `index`, or the validation code that refuses it.
 */
export function fixEntry(
  person: ToCheckHolder,
  index: number,
  text: string,
  options: { country: string; locale: string },
): FixResult {
  const entry: ToCheckEntry | undefined = person.toCheck[index];
  if (!entry) return { ok: false, code: 'invalid' };
  const toCheck = person.toCheck.filter((_, i) => i !== index);
  const v = text.trim();
  switch (entry.field) {
    case 'email': {
      if (!emailAddressSchema.safeParse(v).success) return { ok: false, code: 'invalid-email' };
      const kind = kindOf<EmailEntry['kind']>(['work', 'home', 'other'], entry.kind, 'other');
      const has = person.emails.some((e) => normalizeEmail(e.address) === normalizeEmail(v));
      return {
        ok: true,
        patch: { toCheck, ...(has ? {} : { emails: [...person.emails, { kind, address: v }] }) },
      };
    }
    case 'phone': {
      const number = normalizePhone(v, options.country);
      if (number === null) return { ok: false, code: 'invalid-phone' };
      const kind = kindOf<PhoneEntry['kind']>(
        ['mobile', 'work', 'home', 'fax', 'other'],
        entry.kind,
        'other',
      );
      const has = person.phones.some((p) => p.number === number);
      return {
        ok: true,
        patch: { toCheck, ...(has ? {} : { phones: [...person.phones, { kind, number }] }) },
      };
    }
    case 'address': {
      const country = countryCode(v);
      if (country === null || !entry.address) return { ok: false, code: 'invalid-country' };
      return {
        ok: true,
        patch: { toCheck, addresses: [...person.addresses, { ...entry.address, country }] },
      };
    }
    case 'birthday': {
      const date = parseDate(v, options.locale);
      if (!date) return { ok: false, code: 'invalid-date' };
      return { ok: true, patch: { toCheck, birthday: date } };
    }
    case 'vatNumber': {
      const vat = normalizeVat(v);
      return isValidVat(vat)
        ? { ok: true, patch: { toCheck, vatNumber: vat } }
        : { ok: false, code: 'invalid-vat' };
    }
    case 'taxCode': {
      const code = normalizeTaxCode(v);
      return isValidTaxCode(code)
        ? { ok: true, patch: { toCheck, taxCode: code } }
        : { ok: false, code: 'invalid-tax-code' };
    }
    case 'jobTitle':
      return v.length > 0 && v.length <= 200
        ? { ok: true, patch: { toCheck, jobTitle: v } }
        : { ok: false, code: 'too-long' };
    default:
      // An organization's name is linked from the person dialog: the entry only goes.
      return { ok: true, patch: { toCheck } };
  }
}

/**
 * Whether a corrected value can go into its field on a record of `table` (an address needs its
 * other parts; an organization has no birthday nor job title; the organization link is the
 * person dialog's).
 */
export function canFix(entry: ToCheckEntry, table: 'people' | 'organizations' = 'people'): boolean {
  if (entry.field === 'organization') return false;
  if (entry.field === 'address') return entry.address !== undefined;
  return table === 'people' || (entry.field !== 'birthday' && entry.field !== 'jobTitle');
}
