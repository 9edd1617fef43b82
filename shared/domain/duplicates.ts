/**
 * The duplicates finder over the whole vault: groups of live people or organizations that look
 * like the same party. Linear in the number of records: every record gives a few keys, records
 * sharing a key are joined with union-find, so no pair of records is ever compared directly.
 */
import { dedupeKeys, type DedupeKeyKind } from './dedupe';
import { foldText } from './normalize';
import type { Organization } from './organization';
import { personNameKey, type Person } from './person';

/** Why records were grouped: an exact key they share, or the same normalised name. */
export type DuplicateReason = DedupeKeyKind | 'name';

/** Records that probably are the same party, and the keys they share. */
export interface DuplicateGroup<T> {
  readonly records: readonly T[];
  /** Each reason at most once, in `dedupeKeyKinds` order with `name` last. */
  readonly reasons: readonly DuplicateReason[];
}

/** One record's keys for bucketing: `kind` says why, `value` must be equal across duplicates. */
export interface BucketKey {
  readonly kind: DuplicateReason;
  readonly value: string;
}

const reasonOrder: readonly DuplicateReason[] = ['email', 'phone', 'vat', 'tax-code', 'name'];

/**
 * Groups live records that share any bucket key, transitively (A~B and B~C put A, B and C in
 * one group). Groups come in the order of their first record; records keep their input order.
 */
export function groupDuplicates<T extends { readonly deletedAt: string | null }>(
  records: readonly T[],
  keysOf: (record: T) => readonly BucketKey[],
): DuplicateGroup<T>[] {
  const live = records.filter((r) => r.deletedAt === null);
  const keys = live.map(keysOf);
  // Bucket texts are made once per key and reused for the reasons below.
  const buckets = keys.map((list) => list.map((k) => `${k.kind}:${k.value}`));
  const parent = live.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstWithKey = new Map<string, number>();
  buckets.forEach((list, i) => {
    for (const bucket of list) {
      const other = firstWithKey.get(bucket);
      if (other === undefined) firstWithKey.set(bucket, i);
      else parent[find(i)] = find(other);
    }
  });
  const members = new Map<number, number[]>();
  for (let i = 0; i < live.length; i++) {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const groups: DuplicateGroup<T>[] = [];
  for (const indexes of members.values()) {
    if (indexes.length < 2) continue;
    // A reason counts when at least two members of the group share that very key.
    const seen = new Set<string>();
    const reasons = new Set<DuplicateReason>();
    for (const i of indexes)
      buckets[i]!.forEach((bucket, k) => {
        if (seen.has(bucket)) reasons.add(keys[i]![k]!.kind);
        else seen.add(bucket);
      });
    groups.push({
      records: indexes.map((i) => live[i]!),
      reasons: reasonOrder.filter((r) => reasons.has(r)),
    });
  }
  return groups;
}

/**
 * Groups live people sharing an email, phone, VAT number or tax code, or an identical folded
 * name (accents, case and word order ignored).
 */
export function findDuplicatePeople(people: readonly Person[]): DuplicateGroup<Person>[] {
  return groupDuplicates(people, (person) => {
    const name = personNameKey(person);
    return [...dedupeKeys(person), ...(name ? [{ kind: 'name' as const, value: name }] : [])];
  });
}

/**
 * Legal forms as folded tokens run together (`S.r.l.` → `srl`). Trailing runs of tokens that
 * spell one of these are dropped from organization names before comparing them.
 */
const legalForms: ReadonlySet<string> = new Set([
  // Italy
  'srl',
  'srls',
  'spa',
  'sapa',
  'sas',
  'snc',
  'ss',
  'scarl',
  'scrl',
  'scpa',
  'sc',
  'coop',
  'onlus',
  'unipersonale',
  'societaaresponsabilitalimitata',
  'societaaresponsabilitalimitatasemplificata',
  'societaperazioni',
  'societainaccomanditasemplice',
  'societainnomecollettivo',
  'societacooperativa',
  // German-speaking countries
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'gbr',
  'ev',
  'gmbhcokg',
  // English-speaking countries
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  // France, Spain, Benelux, Nordics
  'sa',
  'sarl',
  'sasu',
  'eurl',
  'sl',
  'slu',
  'bv',
  'nv',
  'vof',
  'ab',
  'as',
  'asa',
  'aps',
  'oy',
  'oyj',
]);

// Longest legal form in tokens (`s a r l` is four, `s c a r l` five).
const maxFormTokens = 5;

/**
 * Key for "similar organization names": folded (accents, case, punctuation ignored), trailing
 * legal forms removed (`Rossi Impianti S.r.l.`, `ROSSI IMPIANTI SRL` and `Rossi Impianti` agree),
 * `& C.` before a legal form removed, tokens sorted. Empty for a bare legal form or a name too
 * short to compare.
 */
export function organizationNameKey(org: Pick<Organization, 'name'>): string {
  const tokens = foldText(org.name)
    .split(' ')
    .filter((t) => t !== '');
  if (legalForms.has(tokens.join(''))) return '';
  let end = tokens.length;
  let stripped = false;
  for (;;) {
    let cut = 0;
    for (let n = Math.min(maxFormTokens, end - 1); n >= 1 && cut === 0; n--) {
      if (legalForms.has(tokens.slice(end - n, end).join(''))) cut = n;
    }
    // `Rossi & C. S.a.s.`: the partners' `& C.` only counts as part of a legal form.
    if (cut === 0 && stripped && end > 1 && (tokens[end - 1] === 'c' || tokens[end - 1] === 'e')) cut = 1;
    if (cut === 0) break;
    end -= cut;
    stripped = true;
  }
  const kept = tokens.slice(0, end);
  // One or two letters are too little to call two organizations the same.
  if (kept.join('').length < 3) return '';
  return kept.sort().join(' ');
}

/**
 * Groups live organizations sharing a VAT number, tax code, email or PEC, or phone, or whose
 * names agree once normalised with `organizationNameKey`.
 */
export function findDuplicateOrganizations(
  organizations: readonly Organization[],
): DuplicateGroup<Organization>[] {
  return groupDuplicates(organizations, (org) => {
    const name = organizationNameKey(org);
    return [...dedupeKeys(org), ...(name ? [{ kind: 'name' as const, value: name }] : [])];
  });
}
