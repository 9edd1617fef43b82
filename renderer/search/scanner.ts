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

// Per UTF-16 code unit, filled lazily from `normalizeForSearch` itself so that the two cannot
// disagree. Folding is per character because normalisation is: NFKD decomposes each
// character on its own, marks are dropped wherever they are, and the one context-dependent
// lower-casing (final sigma) is folded away by `normalizeForSearch`.
const kinds = new Uint8Array(0x10000);
const folds: string[] = [];
const MARK_RE = /^\p{M}$/u;
const SPACE_RE = /^\s$/;

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
  private len = 0;
  private hash = FNV_OFFSET;
  // Field mode: the current whitespace-delimited word, all its parts concatenated.
  private word: Uint16Array<ArrayBuffer> = new Uint16Array(64);
  private wordLen = 0;
  private wordHash = FNV_OFFSET;
  private parts = 0;
  // Word state where the current chunk began, restored when the chunk falls back.
  private wordMark = 0;
  private wordHashMark = FNV_OFFSET;

  /**
   * Emits the tokens of `s`. With `field`, also emits each whitespace-delimited word that has
   * several parts as one joined token, after its parts (as `fieldTokensForSearch` does).
   */
  scan(s: string, field: boolean, sink: TokenSink): void {
    const n = s.length;
    let chunkStart = 0;
    let fallback = false;
    this.len = 0;
    this.hash = FNV_OFFSET;
    this.resetWord();
    this.markChunk();
    for (let i = 0; i <= n; i++) {
      const c = i < n ? s.charCodeAt(i) : 32;
      let kind: number;
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
          if (!fallback) this.push(c, field);
          continue;
        }
        if (c >= 65 && c <= 90) {
          if (!fallback) this.push(c | 32, field);
          continue;
        }
        kind = c === 32 || (c >= 9 && c <= 13) ? KIND_SPACE : KIND_SEPARATOR;
      } else {
        kind = kinds[c] || classify(c);
        if (kind === KIND_FOLD) {
          if (!fallback) {
            const f = folds[c] as string;
            for (let k = 0; k < f.length; k++) this.push(f.charCodeAt(k), field);
          }
          continue;
        }
        if (kind === KIND_DROP) continue;
        if (kind === KIND_FALLBACK) {
          fallback = true;
          continue;
        }
      }
      // A separator: the chunk since the previous one is complete.
      if (fallback) this.fallbackChunk(s.slice(chunkStart, i), field, sink);
      else this.endToken(field, sink);
      fallback = false;
      chunkStart = i + 1;
      if (field && kind === KIND_SPACE) {
        if (this.parts > 1) sink(this.word, this.wordLen, this.wordHash >>> 0);
        this.resetWord();
      }
      this.markChunk();
    }
  }

  private markChunk(): void {
    this.wordMark = this.wordLen;
    this.wordHashMark = this.wordHash;
  }

  private resetWord(): void {
    this.wordLen = 0;
    this.wordHash = FNV_OFFSET;
    this.parts = 0;
  }

  private push(c: number, field: boolean): void {
    if (this.len === this.buf.length) this.buf = grow16(this.buf);
    this.buf[this.len++] = c;
    this.hash = Math.imul(this.hash ^ c, FNV_PRIME);
    if (field) {
      if (this.wordLen === this.word.length) this.word = grow16(this.word);
      this.word[this.wordLen++] = c;
      this.wordHash = Math.imul(this.wordHash ^ c, FNV_PRIME);
    }
  }

  private endToken(field: boolean, sink: TokenSink): void {
    if (this.len > 0) {
      sink(this.buf, this.len, this.hash >>> 0);
      if (field) this.parts++;
    }
    this.len = 0;
    this.hash = FNV_OFFSET;
  }

  /** Rare path (emoji, astral letters, "½"): the chunk is normalised as a whole. */
  private fallbackChunk(chunk: string, field: boolean, sink: TokenSink): void {
    this.len = 0;
    this.hash = FNV_OFFSET;
    this.wordLen = this.wordMark;
    this.wordHash = this.wordHashMark;
    const folded = normalizeForSearch(chunk);
    if (folded === '') return;
    for (const t of folded.split(' ')) {
      for (let k = 0; k < t.length; k++) this.push(t.charCodeAt(k), field);
      this.endToken(field, sink);
    }
  }
}

function grow16(a: Uint16Array): Uint16Array<ArrayBuffer> {
  const b = new Uint16Array(a.length * 2);
  b.set(a);
  return b;
}
