// An immutable inverted index over a set of documents: a sorted array of distinct tokens and,
// per token, a posting list of (doc number, field classes) in one contiguous typed array.
import { phoneTokensForSearch } from './normalize';
import { FNV_OFFSET, FNV_PRIME, HASH_MASK, TokenScanner, type TokenSink } from './scanner';
import type { SearchDoc } from './types';

/** Field class bits of a posting: where in the document the token occurs. */
export const CLASS_TITLE = 1;
export const CLASS_FIELD = 2;
export const CLASS_TEXT = 4;

/** Relevance multiplier for a posting's field classes (the best field wins). */
export const CLASS_WEIGHT: readonly number[] = [0, 4, 2, 4, 1, 4, 2, 4];

/**
 * One immutable index segment. Postings of token i are postings[offsets[i] .. offsets[i+1]),
 * each `doc number << 3 | field classes`, ascending by doc.
 */
export interface Segment {
  tokens: string[];
  /** Length of each token (capped at 65535), so ranking never touches the strings. */
  lengths: Uint16Array;
  offsets: Uint32Array;
  postings: Uint32Array;
  /** Doc numbers indexed here, ascending (dead ones included until the next merge). */
  docNums: Uint32Array;
}

function grow<T extends Uint32Array | Uint8Array | Int32Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h & HASH_MASK;
}

function bufferToString(buf: Uint16Array, len: number): string {
  let out = '';
  // Chunked: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < len; i += 4096) {
    out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 4096)) as unknown as number[]);
  }
  return out;
}

// Longer field values are rarely repeated; they are not worth keeping.
const FIELD_CACHE_MAX_CHARS = 120;
// Symbols of a sort key: end of string, 10 digits, 26 letters, everything above 'z'.
const KEY_BASE = 38;
const KEY_CHARS = 10; // 38^10 < 2^53: exact in a double

/**
 * A number that orders like `s` (code-unit order) wherever it differs: the first characters
 * in base 38, up to the first non-ASCII one. Equal keys need a string comparison. Tokens hold only letters and digits, and
 * every non-ASCII one sorts after 'z', so the mapping keeps the order.
 */
function sortKey(s: string): number {
  let key = 0;
  let end = Math.min(s.length, KEY_CHARS);
  for (let i = 0; i < KEY_CHARS; i++) {
    let v = 0;
    if (i < end) {
      const c = s.charCodeAt(i);
      v = c <= 57 ? c - 47 : c <= 122 ? c - 86 : 37;
      // Characters after a non-ASCII one must not count: "οz" < "σa" although z > a.
      if (v === 37) end = i + 1;
    }
    key = key * KEY_BASE + v;
  }
  return key;
}

// Sorted in runs of this many ids, then merged: each step stays a few milliseconds long.
const SORT_RUN = 1 << 14;

/**
 * The ids 0..n-1 sorted by `cmp` (a merge sort of sorted runs), yielding between runs and
 * every few thousand merged ids, so sorting a large vocabulary never blocks for long.
 */
function* sortSteps(n: number, cmp: (a: number, b: number) => number): Generator<void, Uint32Array, void> {
  let src = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  for (let lo = 0; lo < n; lo += SORT_RUN) {
    src.subarray(lo, Math.min(n, lo + SORT_RUN)).sort(cmp);
    if (n > SORT_RUN) yield;
  }
  if (n <= SORT_RUN) return src;
  let dst = new Uint32Array(n);
  for (let width = SORT_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        // Left first on ties: stable, although ids never compare equal here.
        if (j >= hi || (i < mid && cmp(src[i] as number, src[j] as number) <= 0)) dst[k] = src[i++] as number;
        else dst[k] = src[j++] as number;
        if ((k & 0x7fff) === 0x7fff) yield;
      }
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/**
 * Accumulates postings in document order, then lays them out by sorted token. Tokens come
 * from the scanner as (buffer, hash) and are looked up in an own open-addressing hash table,
 * so a token seen before costs no allocation.
 */
class SegmentBuilder {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Uint32Array(1 << 11);
  private names: string[] = [];
  private lastDoc = new Int32Array(1 << 11).fill(-1);
  private lastPos = new Uint32Array(1 << 11);
  // Short field values repeat across records (an organization's name on each of its
  // activities, participants, cities, job titles, activity kinds): the token ids of each
  // distinct value are kept (value → start * 64 + count in `idPool`) and replayed.
  private fieldIds = new Map<string, number>();
  private idPool = new Int32Array(1 << 16);
  private poolLen = 0;
  private recording = false;
  // Postings in document order, each (token id << 3 | field classes); the doc of each posting
  // is implied by `starts`, which halves the largest temporary array of a build.
  private entries: Uint32Array;
  private starts: Uint32Array;
  private count = 0;
  private doc = 0;
  private cls = 0;
  private scanner = new TokenScanner();
  private strBuf = new Uint16Array(64);
  // Bound once and handed to the scanner for every token.
  private readonly sink: TokenSink = (buf, len, hash) => this.add(buf, len, hash);

  constructor(docCount: number, expectedPostings: number) {
    this.starts = new Uint32Array(docCount + 1);
    this.entries = new Uint32Array(Math.max(1024, expectedPostings));
  }

  /** Begins the `index`-th document of the segment. */
  start(index: number): void {
    this.doc = index;
    this.starts[index] = this.count;
  }

  /** Adds a short field's tokens (see `fieldTokensForSearch`) under field class `cls`. */
  addField(text: string, cls: number): void {
    this.cls = cls;
    const known = this.fieldIds.get(text);
    if (known !== undefined) {
      for (let p = known >>> 6, end = p + (known & 63); p < end; p++) this.post(this.idPool[p] as number);
      return;
    }
    const start = this.poolLen;
    this.recording = text.length <= FIELD_CACHE_MAX_CHARS;
    this.scanner.scan(text, true, this.sink);
    phoneTokensForSearch(text, this.addString);
    if (this.recording && this.poolLen - start < 64 && this.poolLen < 1 << 24)
      this.fieldIds.set(text, start * 64 + (this.poolLen - start));
    else this.poolLen = start;
    this.recording = false;
  }

  /** Adds a long text's tokens (see `tokenizeForSearch`) under field class `cls`. */
  addText(text: string, cls: number): void {
    this.cls = cls;
    this.scanner.scanText(text, this.sink);
  }

  private readonly addString = (token: string): void => {
    if (this.strBuf.length < token.length) this.strBuf = new Uint16Array(token.length * 2);
    for (let i = 0; i < token.length; i++) this.strBuf[i] = token.charCodeAt(i);
    this.add(this.strBuf, token.length, hashString(token));
  };

  /** Token id of buf[0, len), or -1 - (the free slot where it would go). */
  private find(buf: Uint16Array, len: number, h: number): number {
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const id = this.slots[i] as number;
      if (id < 0) return -1 - i;
      if (this.hashes[id] === h) {
        const name = this.names[id] as string;
        if (name.length === len) {
          let k = 0;
          while (k < len && name.charCodeAt(k) === buf[k]) k++;
          if (k === len) return id;
        }
      }
      i = (i + 1) & mask;
    }
  }

  private add(buf: Uint16Array, len: number, h: number): void {
    let id = this.find(buf, len, h);
    if (id < 0) {
      const slot = -1 - id;
      id = this.names.length;
      this.names.push(bufferToString(buf, len));
      this.hashes = grow(this.hashes, id + 1);
      this.hashes[id] = h;
      this.slots[slot] = id;
      if (this.names.length * 2 > this.slots.length) this.rehash();
      if (id >= this.lastDoc.length) {
        const old = this.lastDoc.length;
        this.lastDoc = grow(this.lastDoc, id + 1);
        this.lastDoc.fill(-1, old);
        this.lastPos = grow(this.lastPos, id + 1);
      }
    }
    if (this.recording) {
      if (this.poolLen === this.idPool.length) this.idPool = grow(this.idPool, this.poolLen + 1);
      this.idPool[this.poolLen++] = id;
    }
    this.post(id);
  }

  /** Records token `id` in the current document and field class. */
  private post(id: number): void {
    // One posting per (token, doc): a repeated token only adds its field class.
    if (this.lastDoc[id] === this.doc) {
      const p = this.lastPos[id] as number;
      this.entries[p] = (this.entries[p] as number) | this.cls;
      return;
    }
    const p = this.count++;
    if (p >= this.entries.length) {
      const bigger = new Uint32Array(Math.ceil(this.entries.length * 1.5));
      bigger.set(this.entries);
      this.entries = bigger;
    }
    this.entries[p] = (id << 3) | this.cls;
    this.lastDoc[id] = this.doc;
    this.lastPos[id] = p;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.names.length; id++) {
      let i = (this.hashes[id] as number) & mask;
      while ((slots[i] as number) >= 0) i = (i + 1) & mask;
      slots[i] = id;
    }
    this.slots = slots;
  }

  /** Lays the postings out by sorted token; yields between stages (see `segmentSteps`). */
  *finish(docNums: Uint32Array): Generator<void, Segment, void> {
    const names = this.names;
    // Sorting a permutation gives each id its rank directly. Most comparisons are decided by
    // a numeric key of the first characters: CRM vocabularies are full of digit strings with
    // long common prefixes (phones, VAT numbers), where comparing strings cost 5x more.
    const keys = new Float64Array(names.length);
    for (let id = 0; id < names.length; id++) {
      keys[id] = sortKey(names[id] as string);
      if ((id & 0xffff) === 0xffff) yield;
    }
    const order = yield* sortSteps(names.length, (a, b) => {
      const d = (keys[a] as number) - (keys[b] as number);
      if (d !== 0) return d;
      return (names[a] as string) < (names[b] as string) ? -1 : 1;
    });
    const tokens: string[] = [];
    const rank = new Uint32Array(names.length);
    const lengths = new Uint16Array(names.length);
    for (let r = 0; r < order.length; r++) {
      const id = order[r] as number;
      const t = names[id] as string;
      tokens.push(t);
      rank[id] = r;
      lengths[r] = Math.min(t.length, 0xffff);
      if ((r & 0xffff) === 0xffff) yield;
    }
    const offsets = new Uint32Array(tokens.length + 1);
    const entries = this.entries;
    for (let p = 0; p < this.count; p++) {
      const r = (rank[(entries[p] as number) >>> 3] as number) + 1;
      offsets[r] = (offsets[r] as number) + 1;
      if ((p & 0x3ffff) === 0x3ffff) yield;
    }
    for (let i = 0; i < tokens.length; i++)
      offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
    const cursor = offsets.slice(0, tokens.length);
    const postings = new Uint32Array(this.count);
    yield;
    // Postings were recorded in ascending doc order, so each list comes out sorted.
    const starts = this.starts;
    starts[docNums.length] = this.count;
    for (let i = 0; i < docNums.length; i++) {
      const doc = docNums[i] as number;
      for (let p = starts[i] as number, end = starts[i + 1] as number; p < end; p++) {
        const e = entries[p] as number;
        const r = rank[e >>> 3] as number;
        const at = cursor[r] as number;
        cursor[r] = at + 1;
        postings[at] = (doc << 3) | (e & 7);
      }
      if ((i & 0xfff) === 0xfff) yield;
    }
    return { tokens, lengths, offsets, postings, docNums };
  }
}

/** Parts of a document a segment indexes (bit flags): title, short fields, long text. */
export const PART_TITLE = 1;
export const PART_FIELDS = 2;
export const PART_TEXT = 4;
export const PART_ALL = PART_TITLE | PART_FIELDS | PART_TEXT;

/**
 * Builds a segment over the given `parts` of `docs[num]` for each `num` of `docNums`
 * (ascending), yielding every few hundred documents and between the layout stages, so a caller
 * can spread the work over idle time. The result is the generator's return value.
 */
export function* segmentSteps(
  docNums: Uint32Array,
  docs: readonly (SearchDoc | undefined)[],
  parts: number,
): Generator<void, Segment, void> {
  const title = (parts & PART_TITLE) !== 0;
  const fields = (parts & PART_FIELDS) !== 0;
  const text = (parts & PART_TEXT) !== 0;
  // About one posting per 6-7 characters in CRM text; a slightly high first guess avoids
  // regrowing (and copying) the largest array of the build.
  let chars = 0;
  for (let i = 0; i < docNums.length; i++) {
    const doc = docs[docNums[i] as number];
    if (doc === undefined) continue;
    if (text) chars += doc.text?.length ?? 0;
    if (title) chars += doc.title.length;
    if (fields && doc.fields !== undefined) for (const f of doc.fields) chars += f.length;
  }
  const b = new SegmentBuilder(docNums.length, Math.ceil(chars / 6));
  for (let i = 0; i < docNums.length; i++) {
    b.start(i);
    const doc = docs[docNums[i] as number];
    if (doc !== undefined) {
      if (title) b.addField(doc.title, CLASS_TITLE);
      if (fields && doc.fields !== undefined) for (const f of doc.fields) b.addField(f, CLASS_FIELD);
      if (text && doc.text !== undefined) b.addText(doc.text, CLASS_TEXT);
    }
    if ((i & 0xff) === 0xff) yield;
  }
  return yield* b.finish(docNums);
}

/** Builds a segment over `parts` (default: everything) of `docs[num]` for each `num` of `docNums`. */
export function buildSegment(
  docNums: Uint32Array,
  docs: readonly (SearchDoc | undefined)[],
  parts = PART_ALL,
): Segment {
  const steps = segmentSteps(docNums, docs, parts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
