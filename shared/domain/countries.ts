/**
 * Countries by any name: ISO 3166-1 alpha-2 codes from the names and codes that exports use, in
 * English, Italian, German, French and Spanish (`U.S.A.`, `Stati Uniti`, `Deutschland`, `IT`).
 * The names come from the platform (`Intl.DisplayNames`), so no list of names is kept here but
 * a few common abbreviations and old names the platform does not give.
 */
import { getCountries } from 'libphonenumber-js';

/** Languages whose country names are recognised. */
export const countryNameLanguages = ['en', 'it', 'de', 'fr', 'es'] as const;

// Abbreviations, alpha-3 codes and old or informal names, folded the way `countryKey` folds.
const aliases: Readonly<Record<string, string>> = {
  usa: 'US',
  unitedstatesofamerica: 'US',
  statiunitidamerica: 'US',
  vereinigtestaatenvonamerika: 'US',
  etatsunisdamerique: 'US',
  estadosunidosdeamerica: 'US',
  america: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  england: 'GB',
  inghilterra: 'GB',
  scotland: 'GB',
  wales: 'GB',
  granbretagna: 'GB',
  holland: 'NL',
  olanda: 'NL',
  ita: 'IT',
  deu: 'DE',
  ger: 'DE',
  fra: 'FR',
  esp: 'ES',
  che: 'CH',
  aut: 'AT',
  bel: 'BE',
  nld: 'NL',
  gbr: 'GB',
  prt: 'PT',
  irl: 'IE',
  rsm: 'SM',
  svizzera: 'CH',
  suisse: 'CH',
  schweiz: 'CH',
  vaticano: 'VA',
  cittadelvaticano: 'VA',
  russia: 'RU',
  southkorea: 'KR',
  corea: 'KR',
  czechia: 'CZ',
  repubblicaceca: 'CZ',
};

// Folds a name to letters only: `U.S.A.` → `usa`, `Stati Uniti d'America` → `statiunitidamerica`.
function countryKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

let codes: ReadonlySet<string> | undefined;
let names: Map<string, string> | undefined;

/** Every country code known (ISO alpha-2, the ones that have phone numbers). */
export function countryCodes(): ReadonlySet<string> {
  codes ??= new Set(getCountries());
  return codes;
}

function nameMap(): Map<string, string> {
  if (names) return names;
  const map = new Map<string, string>();
  for (const language of countryNameLanguages) {
    const namer = new Intl.DisplayNames([language], { type: 'region' });
    for (const code of countryCodes()) {
      const name = namer.of(code);
      // The first name wins, in language order: a name in English before the same word elsewhere.
      const key = name && name !== code ? countryKey(name) : '';
      if (key !== '' && !map.has(key)) map.set(key, code);
    }
  }
  for (const [alias, code] of Object.entries(aliases)) if (!map.has(alias)) map.set(alias, code);
  names = map;
  return map;
}

/**
 * The ISO alpha-2 code of a country written as a code (`IT`, `it`, `UK`) or a name in one of
 * `countryNameLanguages`, with any punctuation and case (`U.S.A.`, `stati uniti`); `null` when
 * unknown. The map is built once, on first use.
 */
export function countryCode(raw: string): string | null {
  const v = raw.trim();
  if (/^[A-Za-z]{2}$/.test(v)) {
    const code = v.toUpperCase() === 'UK' ? 'GB' : v.toUpperCase();
    return countryCodes().has(code) ? code : null;
  }
  const key = countryKey(v);
  return key === '' ? null : (nameMap().get(key) ?? null);
}

/** Every country with its name in `language`, sorted by name (for a country picker). */
export function countryChoices(language: string): { code: string; name: string }[] {
  const namer = new Intl.DisplayNames([language], { type: 'region' });
  const collator = new Intl.Collator(language);
  return [...countryCodes()]
    .map((code) => ({ code, name: namer.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
