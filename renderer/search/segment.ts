// An immutable inverted index over a set of documents: a sorted array of distinct tokens and,
// per token, a posting list of (doc number, field classes) in one contiguous typed array.
import { fieldTokensForSearch, normalizeForSearch } from './normalize';
import type { SearchDoc } from './types';

/** Field class bits of a posting: where in the document the token occurs. */
export const CLASS_TITLE = 1;
export const CLASS_FIELD = 2;
export const CLASS_TEXT = 4;

/** Relevance multiplier for a posting's field classes (the best field wins). */
export const CLASS_WEIGHT: readonly number[] = [0, 4, 2, 4, 1, 4, 2, 4];

/** One immutable index segment. Postings of token i are docs[offsets[i] .. offsets[i+1]). */
export interface Segment {
  tokens: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  classes: Uint8Array;
  /** Doc numbers indexed here, ascending (dead ones included until the next merge). */
  docNums: Uint32Array;
}

function grow<T extends Uint32Array | Uint8Array | Int32Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** Accumulates postings in document order, then lays them out by sorted token. */
class SegmentBuilder {
  private ids = new Map<string, number>();
  private names: string[] = [];
  private lastDoc = new Int32Array(1024).fill(-1);
  private lastPos = new Uint32Array(1024);
  private pTok = new Uint32Array(1 << 16);
  private pDoc = new Uint32Array(1 << 16);
  private pCls = new Uint8Array(1 << 16);
  private count = 0;
  private doc = 0;
  private cls = 0;
  // Bound once: passed as the emit callback for every field.
  readonly emit = (token: string): void => this.add(token);

  start(doc: number, cls: number): void {
    this.doc = doc;
    this.cls = cls;
  }

  setClass(cls: number): void {
    this.cls = cls;
  }

  add(token: string): void {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(token, id);
      this.names.push(token);
      if (id >= this.lastDoc.length) {
        const old = this.lastDoc.length;
        this.lastDoc = grow(this.lastDoc, id + 1);
        this.lastDoc.fill(-1, old);
        this.lastPos = grow(this.lastPos, id + 1);
      }
    }
    // One posting per (token, doc): a repeated token only adds its field class.
    if (this.lastDoc[id] === this.doc) {
      const p = this.lastPos[id] as number;
      this.pCls[p] = (this.pCls[p] as number) | this.cls;
      return;
    }
    const p = this.count++;
    if (p >= this.pTok.length) {
      this.pTok = grow(this.pTok, p + 1);
      this.pDoc = grow(this.pDoc, p + 1);
      this.pCls = grow(this.pCls, p + 1);
    }
    this.pTok[p] = id;
    this.pDoc[p] = this.doc;
    this.pCls[p] = this.cls;
    this.lastDoc[id] = this.doc;
    this.lastPos[id] = p;
  }

  finish(docNums: Uint32Array): Segment {
    const tokens = this.names.slice().sort();
    const rank = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) rank[this.ids.get(tokens[i] as string) as number] = i;
    const offsets = new Uint32Array(tokens.length + 1);
    for (let p = 0; p < this.count; p++) {
      const r = (rank[this.pTok[p] as number] as number) + 1;
      offsets[r] = (offsets[r] as number) + 1;
    }
    for (let i = 0; i < tokens.length; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
    const cursor = offsets.slice(0, tokens.length);
    const docs = new Uint32Array(this.count);
    const classes = new Uint8Array(this.count);
    // Postings were recorded in ascending doc order, so each list comes out sorted.
    for (let p = 0; p < this.count; p++) {
      const r = rank[this.pTok[p] as number] as number;
      const at = cursor[r] as number;
      cursor[r] = at + 1;
      docs[at] = this.pDoc[p] as number;
      classes[at] = this.pCls[p] as number;
    }
    return { tokens, offsets, docs, classes, docNums };
  }
}

/** Builds a segment over `docs[num]` for each `num` of `docNums` (ascending). */
export function buildSegment(docNums: Uint32Array, docs: readonly (SearchDoc | undefined)[]): Segment {
  const b = new SegmentBuilder();
  for (let i = 0; i < docNums.length; i++) {
    const num = docNums[i] as number;
    const doc = docs[num];
    if (doc === undefined) continue;
    b.start(num, CLASS_TITLE);
    fieldTokensForSearch(doc.title, b.emit);
    if (doc.fields !== undefined) {
      b.setClass(CLASS_FIELD);
      for (const f of doc.fields) fieldTokensForSearch(f, b.emit);
    }
    if (doc.text !== undefined && doc.text !== '') {
      b.setClass(CLASS_TEXT);
      const n = normalizeForSearch(doc.text);
      if (n !== '') for (const t of n.split(' ')) b.add(t);
    }
  }
  return b.finish(docNums);
}
