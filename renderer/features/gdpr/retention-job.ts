/**
 * The retention review's daily job: at unlock and every 24 hours while the vault stays open it
 * scans every person against their purposes' retention rules and keeps the result as the review
 * queue the Privacy section shows. It never changes a record: anonymising, and extending, wait
 * for the user's confirmation on the review page.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { scanRetention, toCalendarDate, type RetentionScan } from '../../../shared/domain';
import type { Model } from '../../vault';

/** How often the job runs while the vault is open. */
export const retentionEveryMs = 24 * 60 * 60 * 1000;

/** The queue: the last scan, and when and for which day it ran. */
export interface RetentionQueue {
  readonly scannedAt: number;
  readonly today: string;
  readonly scan: RetentionScan;
}

/** The clock the job reads and schedules with (a fake one in tests). */
export interface JobClock {
  now(): number;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: JobClock = {
  now: () => Date.now(),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** The scan of the whole model, for the day `now` falls on. */
export function scanModel(model: Model, now: number): RetentionQueue {
  const today = toCalendarDate(now);
  const scan = scanRetention({
    people: model.list('people'),
    purposes: new Map(model.list('purposes').map((p) => [p.id as string, p])),
    links: model.list('person-purposes'),
    activities: model.list('activities'),
    deals: model.list('deals'),
    consents: model.list('consents'),
    decisions: model.list('retention-decisions'),
    today,
  });
  return { scannedAt: now, today, scan };
}

/** One open vault's queue, with its listeners. */
class QueueStore {
  #queue: RetentionQueue | null = null;
  readonly #listeners = new Set<() => void>();
  constructor(
    readonly model: Model,
    readonly clock: JobClock,
  ) {}
  get = (): RetentionQueue | null => this.#queue;
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };
  /** Scans now (the job's run, and after a decision so the queue shows it at once). */
  refresh = (): RetentionQueue => {
    this.#queue = scanModel(this.model, this.clock.now());
    for (const listener of this.#listeners) listener();
    return this.#queue;
  };
}

const stores = new WeakMap<Model, QueueStore>();

/** The queue store of a model; a new one (empty until the job runs) for a model not seen yet. */
export function retentionQueueOf(model: Model, clock: JobClock = realClock): QueueStore {
  let store = stores.get(model);
  if (!store) stores.set(model, (store = new QueueStore(model, clock)));
  return store;
}

/**
 * Starts the job on an open model: runs once now, then every `retentionEveryMs`. Returns the
 * function that stops it (at lock).
 */
export function startRetentionJob(model: Model, clock: JobClock = realClock): () => void {
  const store = retentionQueueOf(model, clock);
  store.refresh();
  const handle = clock.setInterval(() => store.refresh(), retentionEveryMs);
  return () => clock.clearInterval(handle);
}

/** Runs the job for as long as the unlocked app is mounted. */
export function useRetentionJob(model: Model): void {
  useEffect(() => startRetentionJob(model), [model]);
}

/** The current review queue (null until the first scan), re-rendering when it changes. */
export function useRetentionQueue(model: Model): {
  queue: RetentionQueue | null;
  refresh: () => RetentionQueue;
} {
  const store = retentionQueueOf(model);
  const queue = useSyncExternalStore(store.subscribe, store.get);
  return { queue, refresh: store.refresh };
}
