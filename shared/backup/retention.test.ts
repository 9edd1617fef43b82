import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultRetentionPolicy,
  selectBackupsToKeep,
  type RetentionCandidate,
  type RetentionPolicy,
} from './retention';

const day = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const isoMonth = (t: number) => new Date(t).toISOString().slice(0, 7);
/** The Monday (UTC) that starts the week of `t`. */
const isoWeek = (t: number) => isoDay(t - ((new Date(t).getUTCDay() + 6) % 7) * day);

/**
 * What the policy says should exist, computed from the whole history of verified backups (not
 * from what survived earlier prunes): an independent statement of the rules, using calendar
 * strings instead of the day arithmetic of the implementation.
 */
class History {
  readonly verified: RetentionCandidate[] = [];
  private readonly newest = [new Map<string, string>(), new Map<string, string>(), new Map<string, string>()];
  private static readonly buckets = [isoDay, isoWeek, isoMonth];

  add(backup: RetentionCandidate): void {
    if (!backup.verified) return;
    this.verified.push(backup);
    // Appended in time order: the last one seen in a period is that period's newest.
    History.buckets.forEach((bucketOf, i) =>
      this.newest[i]!.set(bucketOf(backup.createdAt.getTime()), backup.name),
    );
  }

  expected(policy: RetentionPolicy, now: number): Set<string> {
    const keep = new Set(this.verified.slice(-Math.max(1, policy.last)).map((b) => b.name));
    const periods: [number, (back: number) => string][] = [
      [policy.daily, (k) => isoDay(now - k * day)],
      [policy.weekly, (k) => isoWeek(now - k * 7 * day)],
      [
        policy.monthly,
        (k) => {
          const d = new Date(now);
          return isoMonth(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - k, 1));
        },
      ],
    ];
    periods.forEach(([count, period], i) => {
      for (let k = 0; k < count; k++) {
        const name = this.newest[i]!.get(period(k));
        if (name !== undefined) keep.add(name);
      }
    });
    return keep;
  }
}

interface Simulation {
  policy: RetentionPolicy;
  stepMs: number;
  steps: number;
  failRate: number;
  unverifiedRate: number;
  seed: number;
}

function simulate({ policy, stepMs, steps, failRate, unverifiedRate, seed }: Simulation): void {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
  const start = Date.UTC(2024, 0, 1, 3, 0, 0);
  const history = new History();
  let folder: RetentionCandidate[] = [];
  for (let step = 0; step < steps; step++) {
    // Jitter: scheduled runs do not land on exact hours.
    const now = start + step * stepMs + Math.floor(random() * Math.min(stepMs / 2, 600_000));
    if (random() >= failRate) {
      const backup = {
        name: `b${String(step).padStart(6, '0')}`,
        createdAt: new Date(now),
        verified: random() >= unverifiedRate,
      };
      history.add(backup);
      folder.push(backup);
    }
    const keep = new Set(selectBackupsToKeep(folder, policy, new Date(now)));
    folder = folder.filter((b) => keep.has(b.name));

    const kept = folder.filter((b) => b.verified);
    const newest = history.verified.at(-1);
    if (newest) {
      expect(kept.length).toBeGreaterThanOrEqual(1);
      expect(keep.has(newest.name)).toBe(true);
    }
    const expected = history.expected(policy, now);
    expect(kept.length).toBe(expected.size);
    for (const b of kept) expect(expected.has(b.name)).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(
      Math.max(1, policy.last) + policy.daily + policy.weekly + policy.monthly,
    );
    const newestVerifiedAt = Math.max(...kept.map((b) => b.createdAt.getTime()), -Infinity);
    for (const b of folder) if (!b.verified) expect(b.createdAt.getTime()).toBeGreaterThan(newestVerifiedAt);
  }
}

describe('retention', () => {
  it('keeps last, daily, weekly and monthly generations', () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const backups: RetentionCandidate[] = [];
    for (let i = 0; i < 400; i++) {
      backups.push({
        name: `d${String(i).padStart(3, '0')}`,
        createdAt: new Date(now.getTime() - i * day),
        verified: true,
      });
    }
    const keep = selectBackupsToKeep(backups, defaultRetentionPolicy, now);
    // 7 days (covers the last 5), weeks 2..5 beyond them, and months back to July 2024.
    expect(keep.length).toBeGreaterThanOrEqual(7 + 3 + 10);
    expect(keep.length).toBeLessThanOrEqual(5 + 7 + 5 + 12);
    expect(keep[0]).toBe('d000');
  });

  it('never leaves fewer than one verified backup, whatever the policy', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const old = [{ name: 'old', createdAt: new Date('2020-01-01T00:00:00Z'), verified: true }];
    expect(selectBackupsToKeep(old, { last: 0, daily: 0, weekly: 0, monthly: 0 }, now)).toEqual(['old']);
    const mixed = [
      ...old,
      { name: 'bad-older', createdAt: new Date('2019-01-01T00:00:00Z'), verified: false },
      { name: 'pending', createdAt: new Date('2024-12-31T00:00:00Z'), verified: false },
    ];
    expect(selectBackupsToKeep(mixed, defaultRetentionPolicy, now)).toEqual(['pending', 'old']);
  });

  it('matches the policy over two years of hourly backups with random failures', () => {
    simulate({
      policy: defaultRetentionPolicy,
      stepMs: 3_600_000,
      steps: 2 * 365 * 24,
      failRate: 0.2,
      unverifiedRate: 0.05,
      seed: 7,
    });
    // Seventeen thousand steps, each checked against the model: slow on a loaded machine.
  }, 240_000);

  it('matches the policy for random policies, schedules and failure rates', () => {
    fc.assert(
      fc.property(
        fc.record({
          policy: fc.record({ last: fc.nat(6), daily: fc.nat(10), weekly: fc.nat(8), monthly: fc.nat(14) }),
          stepMs: fc.constantFrom(3_600_000, 6 * 3_600_000, day, 3 * day),
          failRate: fc.double({ min: 0, max: 0.9, noNaN: true }),
          unverifiedRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
          seed: fc.integer(),
        }),
        (sim) => simulate({ ...sim, steps: Math.ceil((2 * 365 * day) / sim.stepMs / 4) }),
      ),
      { numRuns: 10, seed: 42 },
    );
  }, 240_000);
});
