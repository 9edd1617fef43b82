/**
 * Normalisation of contact points and names, used for storage (phones in E.164), for dedupe
 * keys (the vault turns those keys into keyed blind-index tokens) and for the search index.
 */
import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithTypes, type NumberType } from 'libphonenumber-js/max';

// Deliberately simple: one `@`, a non-empty local part, a dotted domain with a 2+ letter TLD.
// Stricter RFC 5322 parsing refuses addresses people really use.
const emailPattern = /^[^\s@<>()[\]\\,;:"]+@(?:[^\s@<>()[\]\\,;:".]+\.)+[^\s@<>()[\]\\,;:".\d]{2,}$/u;

/** Normalises an email address: trimmed, Unicode NFC, lowercase (local part included, as users expect). */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

/** True for a plausible email address (checked after normalisation). */
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value) && !value.includes('..');
}

// Language-only locales map to the country most users of that language in Europe mean.
const languageRegions: Readonly<Record<string, CountryCode>> = {
  it: 'IT',
  fr: 'FR',
  de: 'DE',
  es: 'ES',
  pt: 'PT',
  nl: 'NL',
  pl: 'PL',
  el: 'GR',
};

/** The phone region of a locale or region argument: `'IT'`, `'it-IT'`, `'fr_BE'`, `'it'` → `'IT'`. */
export function regionFromLocale(locale: string): CountryCode | undefined {
  const parts = locale.split(/[-_]/);
  const region = parts.find((p, i) => i > 0 && /^[A-Za-z]{2}$/.test(p));
  if (region) return region.toUpperCase() as CountryCode;
  const only = parts[0] ?? '';
  if (/^[A-Z]{2}$/.test(only)) return only as CountryCode;
  return languageRegions[only.toLowerCase()];
}

// Number types a national number (no prefix) may be read as. By length and prefix alone, a
// foreign number often looks like a valid one of the default country (US `555 555 1111` is an
// Italian VoIP number, `+39 555 555 1111`); these ranges are where that happens, so a number
// without a prefix that falls only in them (or in no type at all) is not taken for a local one.
const localTypes: ReadonlySet<NumberType> = new Set<NumberType>([
  'FIXED_LINE',
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PERSONAL_NUMBER',
  'UAN',
]);

/**
 * Parses a phone number as typed into E.164 (`+393471234567`), or `null` when it is not a valid
 * number. A number with an international prefix (`+`, or `00` as dialled across Europe) is read
 * as it says. A national number is read in the region of `locale` (`'IT'` or `'it-IT'`, the
 * default country) only when it is a fixed, mobile or service number there by the full
 * metadata (`libphonenumber-js/max`); otherwise it is `null`, never given that country's prefix.
 */
export function normalizePhone(raw: string, locale: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const international = /^(\+|00)/.test(trimmed);
  // `00` is the international prefix across Europe; libphonenumber needs the region to know it.
  const input = trimmed.startsWith('00') ? '+' + trimmed.slice(2) : trimmed;
  const parsed = parsePhoneNumberFromString(input, regionFromLocale(locale));
  if (!parsed || !parsed.isValid()) return null;
  if (international) return parsed.number;
  const typed = parseWithTypes(input, regionFromLocale(locale));
  const type = typed?.isValid() ? typed.getType() : undefined;
  return type !== undefined && localTypes.has(type) ? parsed.number : null;
}

/**
 * A stored phone formatted for people to read, in international form (`+39 347 123 4567`); a
 * value that is not E.164 is returned as it is.
 */
export function formatPhone(stored: string): string {
  const parsed = /^\+[1-9]\d{3,14}$/.test(stored) ? parsePhoneNumberFromString(stored) : undefined;
  return parsed ? parsed.formatInternational() : stored;
}

/** True for a phone number already stored in E.164 form and valid for its country. */
export function isValidE164(value: string): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value);
  return parsed !== undefined && parsed.isValid() && parsed.number === value;
}

// Calling codes without a country (international freephone, satellite and network numbers).
const nonGeographicCodes = ['800', '808', '870', '878', '881', '882', '883', '888', '979'];
let callingCodes: ReadonlySet<string> | undefined;

/**
 * The digit strings a stored phone number can be searched by: the international digits
 * (`+393471234567` → `393471234567`), the national significant number (`3471234567`; Italian
 * landlines keep their 0: `0212345678`), and, when that does not start with 0, the number with
 * a 0 in front, as most of Europe dials it at home (`07911123456` in the UK) and as old Italian
 * mobile numbers are still written (`03471234567`). A value not in E.164 is returned as it is.
 */
export function phoneSearchForms(stored: string): string[] {
  if (!/^\+[1-9]\d{3,14}$/.test(stored)) return [stored];
  const digits = stored.slice(1);
  // Parsing each number with libphonenumber costs ~20 µs, seconds at 100k contacts per unlock;
  // calling codes are a prefix code (no code starts another), so a set lookup finds the one.
  callingCodes ??= new Set([...getCountries().map((c) => getCountryCallingCode(c)), ...nonGeographicCodes]);
  for (let length = 1; length <= 3; length++) {
    if (!callingCodes.has(digits.slice(0, length))) continue;
    const national = digits.slice(length);
    return national.startsWith('0') ? [digits, national] : [digits, national, `0${national}`];
  }
  return [digits];
}

// Letters that Unicode decomposition does not reduce to ASCII.
const specialFolds: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
};

/**
 * Folds a text for accent- and case-insensitive matching: `Niccolò` → `niccolo`, `Łukasz` →
 * `lukasz`, `Jürgen` → `jurgen`. Punctuation becomes a space.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łđøßæœþı]/g, (c) => specialFolds[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Key for "similar names": folded, split into tokens, sorted, so `Rossi Mario` and `mario ROSSI`
 * and `Mário Rossi` share a key.
 */
export function nameKey(...parts: readonly (string | undefined)[]): string {
  const tokens = parts.flatMap((p) => (p ? foldText(p).split(' ') : [])).filter((t) => t !== '');
  return tokens.sort().join(' ');
}
