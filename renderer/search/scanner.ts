// A character-by-character tokenizer for index building. It produces exactly the tokens of
// `tokenizeForSearch` (text) and `fieldTokensForSearch` (short fields, minus phone extras), but
// writes them into a reusable buffer with their hash instead of allocating strings: at 100k
// contacts the index sees millions of token occurrences, and per-token strings and regular
// expressions made the garbage collector the largest cost of a build.
import { normalizeForSearch } from './normalize';

const KIND_FOLD = 1; // a letter or digit: append its folded form
const KIND_SEPARATOR = 2; // punctuation, symbols: ends a token
const KIND_SPACE = 3; // whitespace: ends a token and, in fields, a word
const KIND_DROP = 4; // a combining mark: removed without splitting the token
const KIND_FALLBACK = 5; // surrogates and multi-token folds: normalise the whole chunk

/** FNV-1a offset basis and prime: the hash of tokens in the index's hash table. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/**
 * Hashes handed out are masked to 30 bits: small integers stay unboxed in V8, while a full
 * 32-bit value passed per token would allocate a heap number for each of millions of tokens.
 */
export const HASH_MASK = 0x3fffffff;

// Per UTF-16 code unit, filled lazily from `normalizeForSearch` itself so that the two cannot
// disagree. Folding is per character because normalisation is: NFKD decomposes each
// character on its own, marks are dropped wherever they are, and the one context-dependent
// lower-casing (final sigma) is folded away by `normalizeForSearch`.
const kinds = new Uint8Array(0x10000);
const folds: string[] = [];
const MARK_RE = /^\p{M}$/u;
const SPACE_RE = /^\s$/;

// ASCII folding: letters and digits to their lower-case code, everything else to 0.
const ASCII_FOLD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_FOLD[c] = c;
for (let c = 97; c <= 122; c++) ASCII_FOLD[c] = c;
for (let c = 65; c <= 90; c++) ASCII_FOLD[c] = c | 32;

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  let kind: number;
  if (c >= 0xd800 && c <= 0xdfff) kind = KIND_FALLBACK;
  else if (MARK_RE.test(ch)) kind = KIND_DROP;
  else {
    const f = normalizeForSearch(ch);
    if (f === '') kind = SPACE_RE.test(ch) ? KIND_SPACE : KIND_SEPARATOR;
    else if (f.indexOf(' ') >= 0) kind = KIND_FALLBACK;
    else {
      kind = KIND_FOLD;
      folds[c] = f;
    }
  }
  kinds[c] = kind;
  return kind;
}

/** Receives tokens: `buf[0..len)` with FNV-1a `hash`; the buffer is reused afterwards. */
export type TokenSink = (buf: Uint16Array, len: number, hash: number) => void;

/** Reusable scanner; not re-entrant. */
export class TokenScanner {
  private buf: Uint16Array<ArrayBuffer> = new Uint16Array(64);
  // Field mode: the current whitespace-delimited word, all its parts concatenated.
  private word: Uint16Array<ArrayBuffer> = new Uint16Array(64);

  /** Emits the tokens of a long text: the hot path of a build, so specialised. */
  scanText(s: string, sink: TokenSink): void {
    const n = s.length;
    let buf = this.buf;
    // Room for every character up front; only multi-character folds check again.
    if (buf.length < n + 64) buf = this.buf = new Uint16Array(n * 2 + 64);
    let len = 0;
    let hash = FNV_OFFSET;
    let chunkStart = 0;
    let fallback = false;
    for (let i = 0; i <= n; i++) {
      if (i < n) {
        const c = s.charCodeAt(i);
        if (c < 128) {
          const f = ASCII_FOLD[c] as number;
          if (f !== 0) {
            buf[len++] = f;
            hash = Math.imul(hash ^ f, FNV_PRIME);
            continue;
          }
        } else {
          const kind = kinds[c] || classify(c);
          if (kind === KIND_FOLD) {
            const f = folds[c] as string;
            if (len + f.length > buf.length) buf = this.buf = grow16(buf, len + f.length);
            for (let k = 0; k < f.length; k++) {
              const ch = f.charCodeAt(k);
              buf[len++] = ch;
              hash = Math.imul(hash ^ ch, FNV_PRIME);
            }
            continue;
          }
          if (kind === KIND_DROP) continue;
          if (kind === KIND_FALLBACK) {
            fallback = true;
            continue;
          }
        }
      }
      // A separator (or the end): the chunk since the previous one is complete.
      if (fallback) {
        // Rare path (emoji, astral letters, "½"): the chunk is normalised as a whole.
        const folded = normalizeForSearch(s.slice(chunkStart, i));
        for (const t of folded === '' ? [] : folded.split(' ')) {
          if (buf.length < t.length) buf = this.buf = grow16(buf, t.length);
          hash = FNV_OFFSET;
          for (let k = 0; k < t.length; k++) {
            const ch = t.charCodeAt(k);
            buf[k] = ch;
            hash = Math.imul(hash ^ ch, FNV_PRIME);
          }
          sink(buf, t.length, hash & HASH_MASK);
        }
        fallback = false;
      } else if (len > 0) sink(buf, len, hash & HASH_MASK);
      len = 0;
      hash = FNV_OFFSET;
      chunkStart = i + 1;
    }
  }

  /**
   * Emits the tokens of `s`. With `field`, also emits each whitespace-delimited word that has
   * several parts as one joined token, after its parts (as `fieldTokensForSearch` does).
   */
  scan(s: string, field: boolean, sink: TokenSink): void {
    // Hot loop: all state in locals (this runs once per character of every note).
    let buf = this.buf;
    let word = this.word;
    let len = 0;
    let hash = FNV_OFFSET;
    let wordLen = 0;
    let wordHash = FNV_OFFSET;
    let parts = 0;
    // Word state where the current chunk began, restored when the chunk falls back.
    let wordMark = 0;
    let wordHashMark = FNV_OFFSET;
    let chunkStart = 0;
    let fallback = false;
    const n = s.length;
    if (buf.length < n + 64) buf = this.buf = new Uint16Array(n * 2 + 64);
    if (word.length < n + 64) word = this.word = new Uint16Array(n * 2 + 64);
    for (let i = 0; i <= n; i++) {
      let c = i < n ? s.charCodeAt(i) : 32;
      let kind: number;
      let fold = '';
      if (c < 128) {
        const f = ASCII_FOLD[c] as number;
        if (f !== 0) {
          c = f;
          kind = KIND_FOLD;
        } else kind = c === 32 || (c >= 9 && c <= 13) ? KIND_SPACE : KIND_SEPARATOR;
      } else {
        kind = kinds[c] || classify(c);
        if (kind === KIND_FOLD) {
          fold = folds[c] as string;
          c = -1;
        }
      }
      if (kind === KIND_FOLD) {
        if (fallback) continue;
        if (c >= 0) {
          // Buffers were sized for one unit per character: no bounds checks here.
          buf[len++] = c;
          hash = Math.imul(hash ^ c, FNV_PRIME);
          if (field) {
            word[wordLen++] = c;
            wordHash = Math.imul(wordHash ^ c, FNV_PRIME);
          }
          continue;
        }
        if (len + fold.length > buf.length) buf = this.buf = grow16(buf, len + fold.length + n);
        if (wordLen + fold.length > word.length) word = this.word = grow16(word, wordLen + fold.length + n);
        for (let k = 0; k < fold.length; k++) {
          const ch = fold.charCodeAt(k);
          buf[len++] = ch;
          hash = Math.imul(hash ^ ch, FNV_PRIME);
          if (field) {
            word[wordLen++] = ch;
            wordHash = Math.imul(wordHash ^ ch, FNV_PRIME);
          }
        }
        continue;
      }
      if (kind === KIND_DROP) continue;
      if (kind === KIND_FALLBACK) {
        fallback = true;
        continue;
      }
      // A separator: the chunk since the previous one is complete.
      if (fallback) {
        // Rare path (emoji, astral letters, "½"): the chunk is normalised as a whole.
        wordLen = wordMark;
        wordHash = wordHashMark;
        const folded = normalizeForSearch(s.slice(chunkStart, i));
        for (const t of folded === '' ? [] : folded.split(' ')) {
          if (buf.length < t.length) buf = this.buf = new Uint16Array(t.length * 2);
          hash = FNV_OFFSET;
          for (let k = 0; k < t.length; k++) {
            const ch = t.charCodeAt(k);
            buf[k] = ch;
            hash = Math.imul(hash ^ ch, FNV_PRIME);
            if (field) {
              if (wordLen === word.length) word = this.word = grow16(word);
              word[wordLen++] = ch;
              wordHash = Math.imul(wordHash ^ ch, FNV_PRIME);
            }
          }
          sink(buf, t.length, hash & HASH_MASK);
          parts++;
        }
        fallback = false;
      } else if (len > 0) {
        sink(buf, len, hash & HASH_MASK);
        parts++;
      }
      len = 0;
      hash = FNV_OFFSET;
      chunkStart = i + 1;
      if (field && kind === KIND_SPACE) {
        if (parts > 1) sink(word, wordLen, wordHash & HASH_MASK);
        wordLen = 0;
        wordHash = FNV_OFFSET;
        parts = 0;
      }
      wordMark = wordLen;
      wordHashMark = wordHash;
    }
  }
}

function grow16(a: Uint16Array, min = 0): Uint16Array<ArrayBuffer> {
  const b = new Uint16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
