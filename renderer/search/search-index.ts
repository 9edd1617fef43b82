// The global search index: one immutable base segment built at unlock, small overlay segments
// for records added since, and tombstones for removed ones. Queries walk every segment.
import { phoneQueryForSearch, tokenizeForSearch } from './normalize';
import {
  buildSegment,
  CLASS_WEIGHT,
  PART_FIELDS,
  PART_TEXT,
  PART_TITLE,
  segmentSteps,
  type Segment,
} from './segment';
import { collectMatches, prefixWeight, WEIGHT_EXACT, WEIGHT_TYPO, type TokenMatches } from './token-match';
import {
  SEARCH_DOC_TYPES,
  type SearchDoc,
  type SearchDocType,
  type SearchGroup,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
} from './types';

const DEFAULT_PER_GROUP = 5;
const TYPE_CODE = new Map<SearchDocType, number>(SEARCH_DOC_TYPES.map((t, i) => [t, i]));
const CLASS_WEIGHTS = Uint16Array.from(CLASS_WEIGHT);
// Overlay and tombstone shares beyond which a full rebuild is cheaper than carrying them.
const COMPACT_MIN = 2000;
const COMPACT_SHARE = 0.25;
const GEN_LIMIT = 0xffff_fff0;
// Results worth keeping for the next keystroke: recomputing them would visit this many postings.
const SNAPSHOT_MIN_POSTINGS = 50_000;

/** Performance knobs; the defaults suit the app, tests lower them to reach every code path. */
export interface SearchTuning {
  /** Keep a query's hits for the next keystroke when it visited at least this many postings. */
  snapshotMinPostings?: number;
}
const SNAPSHOTS = 4;
// Work per slice of background indexing: short enough that a keystroke waits at most
// about one frame for it.
const SLICE_MS = 8;

/** How `SearchIndex.buildProgressive` schedules the indexing it leaves for later. */
export interface ProgressiveOptions extends SearchTuning {
  /**
   * Index short fields (emails, phones, organization, city) at once too, not in the background
   * (default false). Costs several times more before the first search: in CRM data they hold
   * most of the distinct tokens (every email and phone number is one).
   */
  fieldsAtOnce?: boolean;
  /** Milliseconds of work between two yields (default 8). */
  sliceMs?: number;
  /** Resolves when the next slice may run (default: `scheduler.yield()` where available, else a 0 ms timer). */
  yieldToHost?: () => Promise<void>;
}

/** Gives the event loop a turn: input, rendering and other tasks run before the next slice. */
function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The hits and scores of one query, kept so that typing a further word only filters them. */
interface Snapshot {
  key: string;
  nums: Uint32Array;
  scores: Uint32Array;
}

/** Weight of a token of `length` matched by a query token of `queryLength` (-1: a typo). */
function tokenWeight(queryLength: number, length: number): number {
  if (queryLength < 0) return WEIGHT_TYPO;
  return length === queryLength ? WEIGHT_EXACT : prefixWeight(queryLength, length);
}

/** Matches of one query token across all segments, plus the postings they cover. */
interface TokenPlan {
  length: number;
  perSegment: TokenMatches[];
  postings: number;
}

/** In-memory full-text index over all CRM records; see README.md for the design. */
export class SearchIndex {
  // Per doc number. Doc numbers are dense and only grow until `compact()` renumbers them.
  private docs: (SearchDoc | undefined)[] = [];
  private alive = new Uint8Array(0);
  private typeCode = new Uint8Array(0);
  private titleLength = new Uint16Array(0);
  // Built on the first change, not by `build`: hashing every id costs a tenth of a build.
  private numById: Map<string, number> | undefined;
  private base: Segment | undefined;
  private overlay: Segment[] = [];
  private pending: number[] = [];
  private live = 0;
  private dead = 0;
  // Query scratch, indexed by doc number; generation stamps avoid clearing between queries.
  private mark = new Uint32Array(0);
  private seen = new Uint32Array(0);
  private tokenScore = new Uint16Array(0);
  private score = new Uint32Array(0);
  private candidates = new Uint32Array(0);
  private gen = 0;
  private hitCount = 0;
  // Most recent first; cleared by every change.
  private snapshots: Snapshot[] = [];
  private snapshotMinPostings = SNAPSHOT_MIN_POSTINGS;
  // What a progressive build left for the background (fields and text of the base records),
  // once indexed: queries walk it as one more segment, and a record's best field still wins.
  private later: Segment | undefined;
  // Bumped whenever the base is replaced, so a background job for an older base stops.
  private epoch = 0;
  private complete = true;
  private settle: () => void = () => {};
  private readyPromise: Promise<void> = Promise.resolve();

  /**
   * Builds an index over `docs` in one pass. Ids should be unique; a repeated id is resolved
   * (the later doc wins) at the first add/update/remove.
   */
  static build(docs: Iterable<SearchDoc>, tuning?: SearchTuning): SearchIndex {
    const index = new SearchIndex();
    index.snapshotMinPostings = tuning?.snapshotMinPostings ?? SNAPSHOT_MIN_POSTINGS;
    for (const doc of docs) index.register(doc);
    index.rebuildBase();
    return index;
  }

  /**
   * Builds the titles of `docs` now (and their short fields with `fieldsAtOnce`) and indexes
   * the rest in the background, in slices of a few milliseconds. Until `ready` resolves,
   * searches find every record by its name (records added since by everything); afterwards
   * they return exactly what `build` would.
   */
  static buildProgressive(docs: Iterable<SearchDoc>, options?: ProgressiveOptions): SearchIndex {
    const index = new SearchIndex();
    index.snapshotMinPostings = options?.snapshotMinPostings ?? SNAPSHOT_MIN_POSTINGS;
    for (const doc of docs) index.register(doc);
    const fieldsNow = options?.fieldsAtOnce === true;
    const nums = index.rebuildBase(fieldsNow ? PART_TITLE | PART_FIELDS : PART_TITLE);
    const later = fieldsNow ? PART_TEXT : PART_FIELDS | PART_TEXT;
    const hasLater = (d: SearchDoc | undefined): boolean =>
      (d?.text ?? '') !== '' || (!fieldsNow && (d?.fields?.length ?? 0) > 0);
    if (index.docs.some(hasLater)) {
      index.complete = false;
      index.readyPromise = new Promise((resolve) => (index.settle = resolve));
      const slice = options?.sliceMs ?? SLICE_MS;
      void index.indexLater(index.epoch, nums, later, slice, options?.yieldToHost ?? defaultYield);
    }
    return index;
  }

  /** Resolves once every record is searchable by all its fields and text (at once for `build`). */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Whether everything is indexed; while false, records of the initial build match by name only. */
  get isComplete(): boolean {
    return this.complete;
  }

  /**
   * Stops any background indexing and drops every record (at lock). `ready` resolves; the
   * index stays usable and empty.
   */
  close(): void {
    this.docs = [];
    this.alive.fill(0);
    this.numById = undefined;
    this.live = 0;
    this.rebuildBase();
  }

  /** Number of searchable records. */
  get size(): number {
    return this.live;
  }

  /**
   * Adds a record (replacing any record with the same id). Indexing is deferred to the next
   * query, so bursts of adds cost one small segment build.
   * WARNING: the index keeps a reference to `doc` for later merges; do not mutate it afterwards.
   */
  add(doc: SearchDoc): void {
    this.ids();
    this.pending.push(this.register(doc));
  }

  /** Replaces a record (adds it if absent). */
  update(doc: SearchDoc): void {
    this.add(doc);
  }

  /** Removes a record; unknown ids are ignored. */
  remove(id: string): void {
    const ids = this.ids();
    const num = ids.get(id);
    if (num === undefined) return;
    ids.delete(id);
    this.snapshots = [];
    this.docs[num] = undefined;
    this.alive[num] = 0;
    this.live--;
    this.dead++;
  }

  /** Rebuilds everything into one segment, dropping removed records and renumbering. */
  compact(): void {
    const docs = this.docs.filter((d): d is SearchDoc => d !== undefined);
    this.docs = [];
    this.alive.fill(0);
    this.numById = undefined;
    this.live = 0;
    for (const doc of docs) this.register(doc);
    this.rebuildBase();
  }

  /**
   * Searches all records: every query token must match (as a prefix, exactly, or with one
   * typo) some field of the record. Totals are exact; each group carries its top hits.
   */
  search(query: string, options?: SearchOptions): SearchResult {
    const perGroup = Math.max(0, Math.floor(options?.perGroup ?? DEFAULT_PER_GROUP));
    const n = this.run(query);
    const totals = [0, 0, 0, 0, 0];
    const tops: number[][] = [[], [], [], [], []];
    const cand = this.candidates;
    for (let i = 0; i < n; i++) {
      const d = cand[i] as number;
      const t = this.typeCode[d] as number;
      totals[t] = (totals[t] as number) + 1;
      if (perGroup > 0) this.offerTop(tops[t] as number[], d, perGroup);
    }
    const groups: SearchGroup[] = [];
    SEARCH_DOC_TYPES.forEach((type, t) => {
      const total = totals[t] as number;
      if (total > 0) groups.push({ type, total, hits: (tops[t] as number[]).map((d) => this.hit(d)) });
    });
    // Stable sort: equal best scores keep the fixed type order.
    groups.sort((a, b) => (b.hits[0]?.score ?? 0) - (a.hits[0]?.score ?? 0));
    return { query, groups };
  }

  /** Every hit of one type for `query`, best first (the full list behind a group's total). */
  allHits(query: string, type: SearchDocType): SearchHit[] {
    const code = TYPE_CODE.get(type);
    const n = this.run(query);
    const nums: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = this.candidates[i] as number;
      if (this.typeCode[d] === code) nums.push(d);
    }
    nums.sort((a, b) => (this.better(a, b) ? -1 : 1));
    return nums.map((d) => this.hit(d));
  }

  private register(doc: SearchDoc): number {
    this.snapshots = [];
    const code = TYPE_CODE.get(doc.type);
    if (code === undefined) throw new Error('search.unknown_doc_type');
    if (this.numById !== undefined) this.remove(doc.id);
    const num = this.docs.length;
    this.docs.push(doc);
    this.ensureCapacity(num + 1);
    this.alive[num] = 1;
    this.typeCode[num] = code;
    this.titleLength[num] = Math.min(doc.title.length, 0xffff);
    this.numById?.set(doc.id, num);
    this.live++;
    return num;
  }

  /** The id → doc number map, built on first use; repeated ids keep the later doc. */
  private ids(): Map<string, number> {
    if (this.numById !== undefined) return this.numById;
    const ids = new Map<string, number>();
    for (let num = 0; num < this.docs.length; num++) {
      const doc = this.docs[num];
      if (doc === undefined) continue;
      const prior = ids.get(doc.id);
      if (prior !== undefined) {
        this.docs[prior] = undefined;
        this.alive[prior] = 0;
        this.live--;
        this.dead++;
      }
      ids.set(doc.id, num);
    }
    this.numById = ids;
    return ids;
  }

  /** Rebuilds the base over every record (or only `parts` of them); returns its doc numbers. */
  private rebuildBase(parts?: number): Uint32Array {
    const nums = new Uint32Array(this.docs.length);
    let k = 0;
    for (let i = 0; i < this.docs.length; i++) if (this.docs[i] !== undefined) nums[k++] = i;
    this.base = buildSegment(nums.subarray(0, k), this.docs, parts);
    this.later = undefined;
    this.overlay = [];
    this.pending = [];
    this.dead = 0;
    this.snapshots = [];
    // Any background job belongs to the previous base.
    this.epoch++;
    this.markComplete();
    return nums.subarray(0, k);
  }

  private markComplete(): void {
    this.complete = true;
    this.settle();
    this.settle = () => {};
  }

  /** Indexes `parts` of base records `nums` slice by slice, unless the base is replaced. */
  private async indexLater(
    epoch: number,
    nums: Uint32Array,
    parts: number,
    sliceMs: number,
    yieldToHost: () => Promise<void>,
  ): Promise<void> {
    // WARNING: `this.docs` may gain records meanwhile, and removed ones become undefined; both
    // are fine (the builder skips holes, queries skip dead postings). A rebuild bumps `epoch`.
    const steps = segmentSteps(nums, this.docs, parts);
    try {
      for (;;) {
        await yieldToHost();
        if (this.epoch !== epoch) return;
        const deadline = performance.now() + sliceMs;
        let step = steps.next();
        while (!step.done && performance.now() < deadline) step = steps.next();
        if (step.done) {
          this.later = step.value;
          this.snapshots = [];
          this.markComplete();
          return;
        }
      }
    } catch {
      // Never expected; a full rebuild still leaves a correct and complete index.
      if (this.epoch === epoch) this.compact();
    }
  }

  private ensureCapacity(min: number): void {
    if (this.alive.length >= min) return;
    const cap = Math.max(min, this.alive.length * 2, 1024);
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.alive = grow(this.alive, (c) => new Uint8Array(c));
    this.typeCode = grow(this.typeCode, (c) => new Uint8Array(c));
    this.titleLength = grow(this.titleLength, (c) => new Uint16Array(c));
    this.mark = grow(this.mark, (c) => new Uint32Array(c));
    this.seen = grow(this.seen, (c) => new Uint32Array(c));
    this.tokenScore = new Uint16Array(cap);
    this.score = new Uint32Array(cap);
    this.candidates = new Uint32Array(cap);
  }

  /** Indexes pending records, keeping overlay segments few and geometrically sized. */
  private flush(): void {
    if (this.pending.length === 0) return;
    this.overlay.push(buildSegment(Uint32Array.from(this.pending), this.docs));
    this.pending = [];
    let overlayDocs = 0;
    for (const s of this.overlay) overlayDocs += s.docNums.length;
    const baseDocs = this.base?.docNums.length ?? 0;
    if (
      overlayDocs > Math.max(COMPACT_MIN, baseDocs * COMPACT_SHARE) ||
      this.dead > Math.max(COMPACT_MIN, this.docs.length * COMPACT_SHARE)
    ) {
      this.compact();
      return;
    }
    // Merge the newest segment into its predecessor while they are of similar size: each
    // record is rebuilt O(log n) times overall, and a query visits O(log n) segments.
    for (;;) {
      const last = this.overlay[this.overlay.length - 1];
      const prev = this.overlay[this.overlay.length - 2];
      if (last === undefined || prev === undefined || last.docNums.length * 2 < prev.docNums.length) break;
      const merged: number[] = [];
      for (const s of [prev, last]) for (const d of s.docNums) if (this.alive[d] === 1) merged.push(d);
      this.overlay.splice(-2, 2, buildSegment(Uint32Array.from(merged), this.docs));
    }
  }

  private nextGen(): number {
    return ++this.gen;
  }

  /** Runs a query; returns how many leading entries of `candidates` are hits, scored in `score`. */
  private run(query: string): number {
    const phone = phoneQueryForSearch(query);
    // "+39 347 123 4567" is one number: phone fields hold its digits as one token.
    const terms = phone?.international ? [phone.digits] : [...new Set(tokenizeForSearch(query))];
    if (terms.length === 0 || this.live === 0) return 0;
    this.flush();
    if (this.gen + terms.length + 2 >= GEN_LIMIT) {
      this.mark.fill(0);
      this.seen.fill(0);
      this.gen = 0;
    }
    const segments: Segment[] = [];
    if (this.base !== undefined) segments.push(this.base);
    if (this.later !== undefined) segments.push(this.later);
    segments.push(...this.overlay);
    const plans: TokenPlan[] = terms.map((q) => {
      const perSegment = segments.map((seg) => collectMatches(seg.tokens, q));
      let postings = 0;
      perSegment.forEach((m, s) => {
        const off = (segments[s] as Segment).offsets;
        postings += (off[m.hi] as number) - (off[m.lo] as number);
        for (const t of m.typos) postings += (off[t + 1] as number) - (off[t] as number);
      });
      return { length: q.length, perSegment, postings };
    });
    const last = plans[plans.length - 1] as TokenPlan;
    const total = plans.reduce((sum, p) => sum + p.postings, 0);
    // Typing "m. r" right after "m.": start from the hits of the words before the last one, if
    // known and cheaper than starting over.
    const prior = terms.length > 1 ? this.snapshot(terms.slice(0, -1).join(' ')) : undefined;
    if (prior !== undefined && prior.nums.length + last.postings < total) {
      this.restore(prior);
      this.filter(segments, last);
    } else {
      // Rarest token first: later tokens only filter its candidates.
      this.hitCount = 0;
      this.intersect(
        segments,
        [...plans].sort((a, b) => a.postings - b.postings),
      );
    }
    if (total >= this.snapshotMinPostings) this.keep(terms.join(' '));
    // "347 123 4567" may be three numbers or one phone number: records matching either are hits.
    // After `keep`, so that a kept result stays what its words alone match.
    if (phone !== undefined && !phone.international && (terms.length > 1 || terms[0] !== phone.digits))
      this.unite(segments, phone.digits);
    return this.hitCount;
  }

  /**
   * OR: adds every record with a token starting with the digit string `q` to the hits (digits
   * never match with a typo); a record already in keeps the better of its two scores.
   */
  private unite(segments: readonly Segment[], q: string): void {
    // The hits carry the current stamp, so a first-token pass with it adds only the others.
    const g = this.gen;
    for (const seg of segments) {
      const m = collectMatches(seg.tokens, q);
      this.visitFirst(seg, m.lo, m.hi, q.length, g);
    }
  }

  /** Runs the token plans in order: the first seeds the candidates, the others filter them. */
  private intersect(segments: readonly Segment[], plans: readonly TokenPlan[]): void {
    for (let r = 0; r < plans.length; r++) {
      const plan = plans[r] as TokenPlan;
      const prev = this.gen;
      const g = this.nextGen();
      for (let s = 0; s < segments.length; s++) {
        const seg = segments[s] as Segment;
        const m = plan.perSegment[s] as TokenMatches;
        if (r === 0) {
          this.visitFirst(seg, m.lo, m.hi, plan.length, g);
          for (const t of m.typos) this.visitFirst(seg, t, t + 1, -1, g);
        } else {
          this.visitNext(seg, m.lo, m.hi, plan.length, g, prev);
          for (const t of m.typos) this.visitNext(seg, t, t + 1, -1, g, prev);
        }
      }
      if (r > 0) this.keepMatched(g);
      if (this.hitCount === 0) break;
    }
  }

  /** Filters the current candidates by one more token. */
  private filter(segments: readonly Segment[], plan: TokenPlan): void {
    const prev = this.gen;
    const g = this.nextGen();
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s] as Segment;
      const m = plan.perSegment[s] as TokenMatches;
      this.visitNext(seg, m.lo, m.hi, plan.length, g, prev);
      for (const t of m.typos) this.visitNext(seg, t, t + 1, -1, g, prev);
    }
    this.keepMatched(g);
  }

  private snapshot(key: string): Snapshot | undefined {
    const i = this.snapshots.findIndex((x) => x.key === key);
    if (i < 0) return undefined;
    const found = this.snapshots[i] as Snapshot;
    // Still in use while the next word is typed: keep it the most recent.
    this.snapshots.splice(i, 1);
    this.snapshots.unshift(found);
    return found;
  }

  private restore(snap: Snapshot): void {
    const g = this.nextGen();
    const { mark, score, candidates } = this;
    for (let i = 0; i < snap.nums.length; i++) {
      const d = snap.nums[i] as number;
      mark[d] = g;
      score[d] = snap.scores[i] as number;
      candidates[i] = d;
    }
    this.hitCount = snap.nums.length;
  }

  private keep(key: string): void {
    if (this.snapshots.some((x) => x.key === key)) return;
    const nums = this.candidates.slice(0, this.hitCount);
    const scores = new Uint32Array(nums.length);
    for (let i = 0; i < nums.length; i++) scores[i] = this.score[nums[i] as number] as number;
    this.snapshots.unshift({ key, nums, scores });
    if (this.snapshots.length > SNAPSHOTS) this.snapshots.pop();
  }

  /**
   * First (rarest) query token: every live posting of tokens [lo, hi) starts or improves a
   * candidate. The postings of consecutive tokens are contiguous, so this is one pass over one
   * block; `queryLength` -1 marks typo matches (fixed weight).
   */
  private visitFirst(seg: Segment, lo: number, hi: number, queryLength: number, g: number): void {
    const { postings, offsets, lengths } = seg;
    const { alive, mark, score, candidates } = this;
    let n = this.hitCount;
    let t = lo;
    let next = offsets[lo] as number;
    let w = 0;
    for (let p = next, end = offsets[hi] as number; p < end; p++) {
      while (p >= next) {
        w = tokenWeight(queryLength, lengths[t] as number);
        next = offsets[++t] as number;
      }
      const e = postings[p] as number;
      const d = e >>> 3;
      if (alive[d] === 0) continue;
      const v = w * (CLASS_WEIGHTS[e & 7] as number);
      if (mark[d] !== g) {
        mark[d] = g;
        score[d] = v;
        candidates[n++] = d;
      } else if (v > (score[d] as number)) score[d] = v;
    }
    this.hitCount = n;
  }

  /** Later tokens: only current candidates (stamped `prev`) count; keep the best per doc. */
  private visitNext(
    seg: Segment,
    lo: number,
    hi: number,
    queryLength: number,
    g: number,
    prev: number,
  ): void {
    const { postings, offsets, lengths } = seg;
    const { mark, seen, tokenScore } = this;
    let t = lo;
    let next = offsets[lo] as number;
    let w = 0;
    for (let p = next, end = offsets[hi] as number; p < end; p++) {
      while (p >= next) {
        w = tokenWeight(queryLength, lengths[t] as number);
        next = offsets[++t] as number;
      }
      const e = postings[p] as number;
      const d = e >>> 3;
      if (mark[d] !== prev) continue;
      const v = w * (CLASS_WEIGHTS[e & 7] as number);
      if (seen[d] !== g) {
        seen[d] = g;
        tokenScore[d] = v;
      } else if (v > (tokenScore[d] as number)) tokenScore[d] = v;
    }
  }

  /** AND: keeps only candidates the current token matched, adding its best score. */
  private keepMatched(g: number): void {
    const { candidates, seen, mark, score, tokenScore } = this;
    let kept = 0;
    for (let i = 0; i < this.hitCount; i++) {
      const d = candidates[i] as number;
      if (seen[d] !== g) continue;
      score[d] = (score[d] as number) + (tokenScore[d] as number);
      mark[d] = g;
      candidates[kept++] = d;
    }
    this.hitCount = kept;
  }

  /** Ranking order: score, then shorter title (closer match), then older record. */
  private better(a: number, b: number): boolean {
    const sa = this.score[a] as number;
    const sb = this.score[b] as number;
    if (sa !== sb) return sa > sb;
    const la = this.titleLength[a] as number;
    const lb = this.titleLength[b] as number;
    return la !== lb ? la < lb : a < b;
  }

  /** Keeps `top` as the best `k` doc numbers seen so far, best first. */
  private offerTop(top: number[], d: number, k: number): void {
    if (top.length === k && !this.better(d, top[k - 1] as number)) return;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.better(top[mid] as number, d)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, d);
    if (top.length > k) top.pop();
  }

  private hit(d: number): SearchHit {
    const doc = this.docs[d] as SearchDoc;
    return { id: doc.id, type: doc.type, score: this.score[d] as number };
  }
}
