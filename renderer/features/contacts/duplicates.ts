import { dedupeKeys, personNameKey, type Person } from '../../../shared/domain';

/**
 * Groups live people that look like the same person: sharing an email, phone, VAT number or tax
 * code, or an identical folded name (accents, case and word order ignored). Linear in the number
 * of people: keys are bucketed, then buckets joined with union-find.
 */
export function findDuplicateGroups(people: readonly Person[]): Person[][] {
  const live = people.filter((p) => p.deletedAt === null);
  const parent = live.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstWithKey = new Map<string, number>();
  live.forEach((person, i) => {
    const name = personNameKey(person);
    const keys = [
      ...dedupeKeys(person).map((k) => `${k.kind}:${k.value}`),
      ...(name ? [`name:${name}`] : []),
    ];
    for (const key of keys) {
      const other = firstWithKey.get(key);
      if (other === undefined) firstWithKey.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, Person[]>();
  live.forEach((person, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), person]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}
