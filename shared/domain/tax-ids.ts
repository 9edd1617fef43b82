/**
 * Tax identifiers: Italian Partita IVA and codice fiscale (with their check characters), EU VAT
 * numbers (country prefix + plausible VIES format) and the SDI recipient code for e-invoicing.
 */

/** Check digit of the first ten digits of a Partita IVA (also a company's codice fiscale). */
export function partitaIvaCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = firstTen.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 11 digits with a correct check digit (all zeros is refused). */
export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value) || value === '00000000000') return false;
  return partitaIvaCheckDigit(value) === value.charCodeAt(10) - 48;
}

// Values of characters in odd (1st, 3rd, …) positions for the check character; digits share
// the value of the letter at the same index (0 ≡ A, 1 ≡ B, …).
const oddValues = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
// Omocodia: when two people would share a code, digits are replaced by these letters from the right.
const omocodiaLetters = 'LMNPQRSTUV';
const omocodiaPositions = [6, 7, 9, 10, 12, 13, 14];
const monthLetters = 'ABCDEHLMPRST';

function charIndex(c: string): number {
  const code = c.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : code - 65;
}

/** Check character of the first fifteen characters of a person's codice fiscale. */
export function codiceFiscaleCheckChar(firstFifteen: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = charIndex(firstFifteen[i]!);
    sum += i % 2 === 0 ? oddValues[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Replaces omocodia letters with their digits, giving the code's original form. */
export function decodeOmocodia(code: string): string {
  const chars = code.split('');
  for (const p of omocodiaPositions) {
    const idx = omocodiaLetters.indexOf(chars[p] ?? '');
    if (idx >= 0) chars[p] = String(idx);
  }
  return chars.join('');
}

/**
 * True for a natural person's 16-character codice fiscale: structure (including omocodia letters),
 * month letter, day (1–31, +40 for women) and check character.
 */
export function isValidPersonTaxCode(value: string): boolean {
  const code = value.toUpperCase();
  if (!/^[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]$/.test(code)) return false;
  const plain = decodeOmocodia(code);
  if (!monthLetters.includes(plain[8]!)) return false;
  const day = Number(plain.slice(9, 11));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  return codiceFiscaleCheckChar(code) === code[15];
}

/** True for a valid codice fiscale: 16 characters for persons, or 11 digits for legal persons. */
export function isValidTaxCode(value: string): boolean {
  return value.length === 11 ? isValidPartitaIva(value) : isValidPersonTaxCode(value);
}

/** Normalises a codice fiscale as typed: trimmed, spaces removed, uppercase. */
export function normalizeTaxCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

// National parts of VAT numbers as VIES documents them (format only; Italy also has a checksum).
const vatFormats: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** Country prefixes accepted in VAT numbers (EU members as VIES spells them, `EL` for Greece, `XI`). */
export const vatCountries: readonly string[] = Object.keys(vatFormats);

/**
 * Normalises a VAT number: separators removed, uppercase, `GR` spelt `EL`. A number without a
 * country prefix gets `defaultCountry` (11 bare digits are taken as Italian when none is given).
 */
export function normalizeVat(raw: string, defaultCountry?: string): string {
  let v = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  if (v.startsWith('GR')) v = 'EL' + v.slice(2);
  if (/^[A-Z]{2}/.test(v) && vatFormats[v.slice(0, 2)] !== undefined) return v;
  const country = defaultCountry?.toUpperCase() ?? (/^\d{11}$/.test(v) ? 'IT' : undefined);
  if (country === undefined) return v;
  return (country === 'GR' ? 'EL' : country) + v;
}

/** True for a normalised VAT number (`IT` + a valid Partita IVA, or another country's format). */
export function isValidVat(value: string): boolean {
  const country = value.slice(0, 2);
  const national = value.slice(2);
  const format = vatFormats[country];
  if (!format || !format.test(national)) return false;
  return country === 'IT' ? isValidPartitaIva(national) : true;
}

/** True for an SDI recipient code: 7 uppercase letters or digits (`0000000` when a PEC is used). */
export function isValidSdiCode(value: string): boolean {
  return /^[A-Z0-9]{7}$/.test(value);
}
