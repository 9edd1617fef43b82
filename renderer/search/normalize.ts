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
  // Final sigma depends on context in toLowerCase; folding it keeps tokenisation word-local.
  ς: 'σ',
};
const SPECIAL_RE = /[ßłđðøæœþıħŀŋŧſς]/g;
const MARKS_RE = /\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
const ASCII_NON_WORD_RE = /[^a-z0-9]+/g;
// eslint-disable-next-line no-control-regex
const ASCII_RE = /^[\x00-\x7f]*$/;
const PHONE_RE = /^[\d\s+().\-/]+$/;
const DIGIT_RE = /\d/;
const PLUS_FIRST_RE = /^\(?\+/;
const ZEROS_FIRST_RE = /^\(?00/;

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
  if (ASCII_RE.test(text)) asciiFieldTokens(text.toLowerCase(), emit);
  else {
    for (const word of text.split(/\s+/)) {
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
  }
  phoneTokensForSearch(text, emit);
}

/** The phone-number extras of `fieldTokensForSearch`: all digits, and the national part. */
export function phoneTokensForSearch(text: string, emit: (token: string) => void): void {
  if (!DIGIT_RE.test(text) || !PHONE_RE.test(text)) return;
  const words = text.split(/\s+/);
  if (words.length < 2) return;
  const digits = text.replace(/\D+/g, '');
  if (digits.length < 6) return;
  emit(digits);
  // People dial the national number without the "+39" / "0039" they stored.
  const first = words.find((w) => w !== '');
  if (first !== undefined && (first.startsWith('+') || first.startsWith('00'))) {
    const national = text.slice(text.indexOf(first) + first.length).replace(/\D+/g, '');
    if (national.length >= 4) emit(national);
  }
}

/** A query read as a phone number (see `phoneQueryForSearch`). */
export interface PhoneQuery {
  /** Every digit typed, with a leading `00` (the international prefix) dropped. */
  readonly digits: string;
  /** Typed with `+` or `00` in front: the digits start with a country code. */
  readonly international: boolean;
}

/**
 * Reads a query made only of digits and phone punctuation (spaces, `+ ( ) . - /`) as a phone
 * number: `+39 347 123-4567` → digits `393471234567`, international. Undefined for any other
 * query, and for one without digits (beyond a leading `00`).
 */
export function phoneQueryForSearch(query: string): PhoneQuery | undefined {
  const q = query.trim();
  if (!DIGIT_RE.test(q) || !PHONE_RE.test(q)) return undefined;
  const all = q.replace(/\D+/g, '');
  const viaZeros = ZEROS_FIRST_RE.test(q);
  const digits = viaZeros ? all.slice(2) : all;
  if (digits === '') return undefined;
  return { digits, international: viaZeros || PLUS_FIRST_RE.test(q) };
}

/** The ASCII case of `fieldTokensForSearch` without regular expressions (index build hot path). */
function asciiFieldTokens(s: string, emit: (token: string) => void): void {
  let start = -1;
  let parts = 0;
  let joined = '';
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const t = s.slice(start, i);
      emit(t);
      joined = parts === 0 ? t : joined + t;
      parts++;
      start = -1;
    }
    // Whitespace ends a word; other ASCII punctuation only ends a part of it.
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (parts > 1) emit(joined);
      parts = 0;
    }
  }
}
