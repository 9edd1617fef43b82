// Text folding shared by indexing and querying: both sides must fold identically, or a
// record becomes unreachable.

// Letters that Unicode decomposition leaves alone but a user types as plain Latin.
const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
  ŋ: 'n',
  ŧ: 't',
  ſ: 's',
};
const SPECIAL_RE = /[ßłđðøæœþıħŀŋŧſ]/g;
const MARKS_RE = /\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
const ASCII_NON_WORD_RE = /[^a-z0-9]+/g;
// eslint-disable-next-line no-control-regex
const ASCII_RE = /^[\x00-\x7f]*$/;
const PHONE_RE = /^[\d\s+().\-/]+$/;

/**
 * Folds text for search: lower case, accents removed (Niccolò → niccolo, Müller → muller),
 * special letters spelled out (ß → ss, Ł → l), every run of non-letters/digits turned into one
 * space, trimmed. The result is a space-separated list of tokens ('' when there are none).
 */
export function normalizeForSearch(text: string): string {
  // Most CRM text is ASCII: skip the Unicode work, which dominates index build time.
  if (ASCII_RE.test(text)) return text.toLowerCase().replace(ASCII_NON_WORD_RE, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL_FOLDS[c] ?? c)
    .replace(NON_WORD_RE, ' ')
    .trim();
}

/** Splits text into normalised tokens. */
export function tokenizeForSearch(text: string): string[] {
  const n = normalizeForSearch(text);
  return n === '' ? [] : n.split(' ');
}

/**
 * Tokens for a short field (a name, an email, a phone): the plain tokens, plus each
 * whitespace-free word with its punctuation dropped ("d'angelo" → dangelo, an email as one
 * token), plus a phone number's digits with and without the international prefix.
 */
export function fieldTokensForSearch(text: string, emit: (token: string) => void): void {
  const words = text.split(/\s+/);
  for (const word of words) {
    const n = normalizeForSearch(word);
    if (n === '') continue;
    if (n.indexOf(' ') < 0) {
      emit(n);
      continue;
    }
    const parts = n.split(' ');
    for (const p of parts) emit(p);
    emit(parts.join(''));
  }
  if (words.length > 1 && PHONE_RE.test(text)) {
    const digits = text.replace(/\D+/g, '');
    if (digits.length >= 6) {
      emit(digits);
      // People dial the national number without the "+39" / "0039" they stored.
      const first = words.find((w) => w !== '');
      if (first !== undefined && (first.startsWith('+') || first.startsWith('00'))) {
        const national = text.slice(text.indexOf(first) + first.length).replace(/\D+/g, '');
        if (national.length >= 4) emit(national);
      }
    }
  }
}
