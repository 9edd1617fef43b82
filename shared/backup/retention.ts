/**
 * Which backups to keep: the last few, then one per day, week and month. Pure, so the Backups
 * page can preview what a prune would delete and tests can replay years of schedules.
 *
 * Buckets are UTC calendar periods counted back from `now` (weeks start on Monday); each bucket
 * keeps its newest verified backup. Once a period is over its newest backup never changes, so a
 * backup kept for a past period is kept until the period leaves the window.
 */

/** How many generations of each kind to keep. */
export interface RetentionPolicy {
  /** The newest `last` verified backups. */
  last: number;
  /** The newest backup of each of the last `daily` days (today included). */
  daily: number;
  /** The newest backup of each of the last `weekly` ISO weeks (this week included). */
  weekly: number;
  /** The newest backup of each of the last `monthly` calendar months (this month included). */
  monthly: number;
}

/** The policy used unless the user changes it. */
export const defaultRetentionPolicy: RetentionPolicy = Object.freeze({
  last: 5,
  daily: 7,
  weekly: 5,
  monthly: 12,
});

/** What retention needs to know about one backup. */
export interface RetentionCandidate {
  name: string;
  createdAt: Date;
  /** The backup passed verification; unverified backups never count toward a rule. */
  verified: boolean;
}

const dayMs = 86_400_000;

function dayIndex(date: Date): number {
  return Math.floor(date.getTime() / dayMs);
}

function weekIndex(date: Date): number {
  // Day 0 (1970-01-01) was a Thursday: shift so that weeks start on Monday.
  return Math.floor((dayIndex(date) + 3) / 7);
}

function monthIndex(date: Date): number {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function newestFirst(a: RetentionCandidate, b: RetentionCandidate): number {
  const diff = b.createdAt.getTime() - a.createdAt.getTime();
  // Names carry the generation: a stable tie-break for backups made in the same second.
  return diff !== 0 ? diff : a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

/**
 * Names of the backups to keep under `policy` at time `now`. Guarantees: the newest verified
 * backup is always kept; unverified backups newer than it are kept too (their verification may
 * still be pending); older unverified backups are not. Whatever the policy, at least one
 * verified backup stays when there was one.
 */
export function selectBackupsToKeep(
  backups: readonly RetentionCandidate[],
  policy: RetentionPolicy = defaultRetentionPolicy,
  now: Date = new Date(),
): string[] {
  const sorted = [...backups].filter((b) => !Number.isNaN(b.createdAt.getTime())).sort(newestFirst);
  const verified = sorted.filter((b) => b.verified);
  const keep = new Set<string>();
  const newestVerified = verified[0];
  if (newestVerified) keep.add(newestVerified.name);
  for (const b of sorted) {
    if (b.verified) break;
    keep.add(b.name);
  }

  for (const b of verified.slice(0, Math.max(0, policy.last))) keep.add(b.name);

  const rules: ReadonlyArray<[count: number, index: (d: Date) => number]> = [
    [policy.daily, dayIndex],
    [policy.weekly, weekIndex],
    [policy.monthly, monthIndex],
  ];
  for (const [count, index] of rules) {
    if (count <= 0) continue;
    const current = index(now);
    const seen = new Set<number>();
    for (const b of verified) {
      const bucket = index(b.createdAt);
      // Backups stamped in the future (a clock set wrong) fall in the current period.
      const age = current - Math.min(bucket, current);
      const key = Math.min(bucket, current);
      if (age >= count || seen.has(key)) continue;
      seen.add(key);
      keep.add(b.name);
    }
  }
  return sorted.filter((b) => keep.has(b.name)).map((b) => b.name);
}
