// The pack manifest: the plaintext index of one pack row (which records it holds, their clocks,
// schema versions, subjects and blind tokens). It is stored beside the ciphertext and is part of
// the pack's associated data, so editing, reordering or truncating it fails to authenticate.

/** Parsed manifest of one pack. Every array has one entry per record, in plaintext order. */
export interface Manifest {
  /** Member subjects: the pack key is derived from their keys (empty = records key). */
  s: string[];
  /** `table/id` of every record. */
  k: string[];
  /** Vault clock of every record. */
  c: number[];
  /** Schema version of every record. */
  v: number[];
  /** Index into `s` of every record's subject, -1 for none. */
  i: number[];
  /** Blind tokens of every record, comma-joined ('' for none). */
  b: string[];
  /**
   * Only in packs holding a shared record: per record, the indices into `s` of every one of its
   * subjects, comma-joined ('' for a record with one subject or none; `i` then says which).
   */
  x?: string[];
}

/**
 * The subjects of a record as one string: one subject id, or the ids of a shared record's
 * subjects comma-joined (subject ids never contain a comma). Its key needs every one of them.
 */
export type SubjectGroup = string;

/** The subject ids of a group. */
export const groupMembers = (group: SubjectGroup): string[] => group.split(',');

/** True when `group` names `sid` among its subjects. */
export const groupHas = (group: SubjectGroup | undefined, sid: string): boolean =>
  group !== undefined && (group === sid || groupMembers(group).includes(sid));

/** One record to pack: its index fields and the data to encrypt. */
export interface PackRecord {
  k: string;
  c: number;
  v: number;
  /** The record's subject group (see `SubjectGroup`). */
  s?: SubjectGroup;
  b?: readonly string[];
  data: unknown;
}

/** A pack before sealing: members and records, already grouped. */
export interface PackPlan {
  members: string[];
  records: PackRecord[];
}

/** Builds the manifest of a planned pack. */
export function manifestOf(plan: PackPlan): Manifest {
  const slot = new Map(plan.members.map((s, n) => [s, n]));
  const m: Manifest = { s: plan.members, k: [], c: [], v: [], i: [], b: [] };
  const x: string[] = [];
  let shared = false;
  for (const r of plan.records) {
    m.k.push(r.k);
    m.c.push(r.c);
    m.v.push(r.v);
    m.b.push(r.b?.length ? r.b.join(',') : '');
    if (r.s !== undefined && r.s.includes(',')) {
      const at = groupMembers(r.s).map((sid) => slot.get(sid) ?? -1);
      m.i.push(at[0]!);
      x.push(at.join(','));
      shared = true;
    } else {
      m.i.push(r.s === undefined ? -1 : (slot.get(r.s) ?? -1));
      x.push('');
    }
  }
  // Packs without a shared record keep the manifest they always had.
  if (shared) m.x = x;
  return m;
}

const isStrings = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string');
const isInts = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => Number.isSafeInteger(x));

/** Parses a stored manifest; undefined when it is not a well-formed manifest. */
export function parseManifest(text: unknown): Manifest | undefined {
  if (typeof text !== 'string') return undefined;
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null) return undefined;
  const { s, k, c, v, i, b, x } = m as Record<string, unknown>;
  if (!isStrings(s) || !isStrings(k) || !isInts(c) || !isInts(v) || !isInts(i) || !isStrings(b))
    return undefined;
  const n = k.length;
  if (c.length !== n || v.length !== n || i.length !== n || b.length !== n) return undefined;
  if (i.some((at) => at < -1 || at >= s.length)) return undefined;
  if (x === undefined) return { s, k, c, v, i, b };
  if (!isStrings(x) || x.length !== n) return undefined;
  for (let j = 0; j < n; j++) {
    if (x[j] === '') continue;
    const at = x[j]!.split(',').map(Number);
    if (at.length < 2 || at[0] !== i[j] || at.some((a) => !Number.isSafeInteger(a) || a < 0 || a >= s.length))
      return undefined;
  }
  return { s, k, c, v, i, b, x };
}

/** The subject group of entry `j` of a manifest; undefined for a record under the records key. */
export function subjectAt(man: Manifest, j: number): SubjectGroup | undefined {
  const shared = man.x?.[j];
  if (shared)
    return shared
      .split(',')
      .map((at) => man.s[Number(at)]!)
      .join(',');
  return man.i[j]! >= 0 ? man.s[man.i[j]!] : undefined;
}

/** True when the comma-joined token list `list` contains `token`. */
export function hasToken(list: string, token: string): boolean {
  if (list === '') return false;
  for (let at = list.indexOf(token); at !== -1; at = list.indexOf(token, at + 1)) {
    const end = at + token.length;
    if ((at === 0 || list[at - 1] === ',') && (end === list.length || list[end] === ',')) return true;
  }
  return false;
}

/** The token list of a manifest entry as an array. */
export const tokensOf = (list: string): string[] => (list === '' ? [] : list.split(','));

/**
 * Groups records into packs of about `size` records. A subject's records stay together (so
 * erasing a person rewrites only the packs that hold them); a subject with more than `size`
 * records gets packs of their own. Records without a subject are packed apart from subjects.
 */
export function planPacks(records: readonly PackRecord[], size: number): PackPlan[] {
  const plans: PackPlan[] = [];
  const none: PackRecord[] = [];
  const bySubject = new Map<string, PackRecord[]>();
  for (const r of records) {
    if (r.s === undefined) none.push(r);
    else {
      const group = bySubject.get(r.s);
      if (group) group.push(r);
      else bySubject.set(r.s, [r]);
    }
  }
  for (let at = 0; at < none.length; at += size)
    plans.push({ members: [], records: none.slice(at, at + size) });
  let current: PackPlan = { members: [], records: [] };
  const flush = () => {
    if (current.records.length) plans.push(current);
    current = { members: [], records: [] };
  };
  for (const [sid, group] of bySubject) {
    const sids = sid.includes(',') ? groupMembers(sid) : [sid];
    if (group.length >= size) {
      for (let at = 0; at < group.length; at += size)
        plans.push({ members: sids, records: group.slice(at, at + size) });
      continue;
    }
    if (current.records.length + group.length > size) flush();
    // A shared record's subjects are all members of its pack (its key needs each of theirs).
    for (const one of sids) if (!current.members.includes(one)) current.members.push(one);
    for (const r of group) current.records.push(r);
  }
  flush();
  return plans;
}

/** Entry `j` of a manifest with its decrypted data, ready to be packed again as it was. */
export function packRecord(man: Manifest, j: number, data: unknown): PackRecord {
  const r: PackRecord = { k: man.k[j]!, c: man.c[j]!, v: man.v[j]!, data };
  const s = subjectAt(man, j);
  if (s !== undefined) r.s = s;
  if (man.b[j]) r.b = tokensOf(man.b[j]);
  return r;
}
