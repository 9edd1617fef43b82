/**
 * Normalisation of contact points and names, used both for storage (phones in E.164) and for
 * dedupe keys (the vault turns those keys into keyed blind-index tokens).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

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

/**
 * Parses a phone number as typed into E.164 (`+393471234567`), or `null` when it is not a valid
 * number. National numbers are read in the region of `locale` (`'IT'` or `'it-IT'`).
 */
export function normalizePhone(raw: string, locale: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  // `00` is the international prefix across Europe; libphonenumber needs the region to know it.
  const input = trimmed.startsWith('00') ? '+' + trimmed.slice(2) : trimmed;
  const parsed = parsePhoneNumberFromString(input, regionFromLocale(locale));
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** True for a phone number already stored in E.164 form and valid for its country. */
export function isValidE164(value: string): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value);
  return parsed !== undefined && parsed.isValid() && parsed.number === value;
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
