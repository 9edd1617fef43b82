// Matching one query token against a sorted array of distinct index tokens. Everything here
// works on binary-searched ranges, so the cost depends on the number of matching tokens, not on
// the size of the vocabulary.

/** Query tokens shorter than this match only by prefix, never with a typo. */
export const MIN_TYPO_LENGTH = 4;
/** Weight of a token equal to the query token. */
export const WEIGHT_EXACT = 300;
/** Weight of a token within one edit of the query token (or of one of its prefixes). */
export const WEIGHT_TYPO = 100;

const LETTER_RE = /\p{L}/u;

/**
 * Weight of a token that starts with the query token: 101..198, higher when the query covers
 * more of the token, so "ros" ranks "rossi" above "rossellini". Always between typo and exact.
 */
export function prefixWeight(queryLength: number, tokenLength: number): number {
  return 101 + Math.floor((98 * queryLength) / tokenLength);
}

/** Whether a query token may match with one typo (long enough, and not a pure number). */
export function typoEligible(q: string): boolean {
  return q.length >= MIN_TYPO_LENGTH && LETTER_RE.test(q);
}

/** First index in [lo, hi) whose token is >= s (code-unit order, as Array#sort uses). */
export function lowerBound(tokens: readonly string[], s: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tokens[mid] as string) < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** End of the block of tokens starting with `prefix`, searching [lo, hi) from its start. */
function prefixEnd(tokens: readonly string[], prefix: string, lo: number, hi: number): number {
  if (prefix === '') return hi;
  const last = prefix.charCodeAt(prefix.length - 1);
  // WARNING: the successor of a string ending in U+FFFF does not exist; such tokens are not
  // produced by normalisation, so the whole remaining range is a safe answer.
  if (last === 0xffff) return hi;
  return lowerBound(tokens, prefix.slice(0, -1) + String.fromCharCode(last + 1), lo, hi);
}

/**
 * Tokens matching one query token: the block [lo, hi) starting with it (exact or prefix; weigh
 * with `prefixWeight` or WEIGHT_EXACT by length), plus typo matches outside that block.
 */
export interface TokenMatches {
  lo: number;
  hi: number;
  typos: number[];
}

/**
 * Finds every token matching `q`: equal (exact), starting with `q` (prefix), or, when
 * `typoEligible(q)`, within one insertion/deletion/substitution/adjacent transposition of `q`
 * (typo). A typo may also fall inside a longer token ("nicol" finds "niccolo") when the edited
 * prefix is at least MIN_TYPO_LENGTH long and keeps the last typed character: an edit of the
 * very last character only matches a whole token, or "rossi" would find every "rosso".
 */
export function collectMatches(tokens: readonly string[], q: string): TokenMatches {
  const n = tokens.length;
  const lo = lowerBound(tokens, q, 0, n);
  const hi = prefixEnd(tokens, q, lo, n);
  if (!typoEligible(q)) return { lo, hi, typos: [] };

  const typos = new Set<number>();
  const qLast = q.charCodeAt(q.length - 1);
  const addVariant = (v: string, a: number, b: number): void => {
    if (v.length >= MIN_TYPO_LENGTH && v.charCodeAt(v.length - 1) === qLast) {
      const l = lowerBound(tokens, v, a, b);
      const h = prefixEnd(tokens, v, l, b);
      for (let k = l; k < h; k++) if (k < lo || k >= hi) typos.add(k);
    } else {
      const k = lowerBound(tokens, v, a, b);
      if (k < b && tokens[k] === v && (k < lo || k >= hi)) typos.add(k);
    }
  };

  for (let i = 0; i < q.length; i++) {
    // Deleting either of two equal neighbours gives the same string.
    if (i > 0 && q[i] === q[i - 1]) continue;
    addVariant(q.slice(0, i) + q.slice(i + 1), 0, n);
  }
  for (let i = 0; i + 1 < q.length; i++) {
    if (q[i] === q[i + 1]) continue;
    addVariant(q.slice(0, i) + q[i + 1] + q[i] + q.slice(i + 2), 0, n);
  }
  // Substitutions and insertions at position i: instead of trying every character of the
  // alphabet, walk the distinct characters that actually follow q[0..i) in the vocabulary.
  let a = 0;
  let b = n;
  for (let i = 0; i < q.length; i++) {
    const head = q.slice(0, i);
    if (i > 0) {
      a = lowerBound(tokens, head, a, b);
      b = prefixEnd(tokens, head, a, b);
      if (a >= b) break;
    }
    let j = a;
    // Only the token equal to `head` itself can be this short, and it sorts first.
    while (j < b && (tokens[j] as string).length <= i) j++;
    while (j < b) {
      const c = (tokens[j] as string).charCodeAt(i);
      const next = head + String.fromCharCode(c);
      const end = prefixEnd(tokens, next, j, b);
      if (c !== q.charCodeAt(i)) addVariant(next + q.slice(i + 1), j, end);
      addVariant(next + q.slice(i), j, end);
      j = end;
    }
  }
  return { lo, hi, typos: [...typos] };
}
