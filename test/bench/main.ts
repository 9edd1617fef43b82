// The benchmark page. It loads no suite by itself: the runner (build/scripts/bench.mjs) calls
// `window.scrignoBench.run(name, …)` once per suite, reloading the page in between so every suite
// starts with a fresh heap and an empty IndexedDB origin.
import { figureProblem, type Figure } from './harness/report';
import type { BenchContext, BenchSuite, BenchUnit } from './harness/types';

/** What one suite run hands back to the runner. */
export interface SuiteOutcome {
  figures: Figure[];
  /** Error text (with stack) when the suite threw; figures recorded before that are kept. */
  error?: string;
}

/** The page's API, called by the runner through `page.evaluate`. */
export interface BenchPage {
  list(): string[];
  reset(): Promise<void>;
  run(name: string, size: number, seed: number): Promise<SuiteOutcome>;
}

declare global {
  interface Window {
    scrignoBench: BenchPage;
    /** Exposed by the runner; absent when the page is opened by hand. */
    benchProgress?: (suite: string, message: string) => Promise<void>;
    /** Exposed by the runner on Linux: CPU milliseconds used by the browser so far (see `cpuMs`). */
    benchCpuMs?: () => Promise<number | null>;
    /**
     * Exposed by the runner for the `sync` suite: `start` a loopback relay (answers its URL, a
     * space id and its token), `raw` a plain WebSocket server for the no-Yjs baseline (its URL),
     * `peak-rss-mb` of the relay process, and `stop` both.
     */
    benchRelay?: (op: 'start' | 'raw' | 'peak-rss-mb' | 'stop') => Promise<unknown>;
  }
}

const modules = import.meta.glob<Record<string, unknown>>('./suites/*.ts');

const suiteName = (path: string): string => path.replace(/^.*\//, '').replace(/\.ts$/, '');

const loaders = new Map(Object.entries(modules).map(([path, load]) => [suiteName(path), load]));

function isSuite(value: unknown): value is BenchSuite {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BenchSuite).name === 'string' &&
    typeof (value as BenchSuite).run === 'function'
  );
}

/** A suite file default-exports its suite; a single named export is accepted too. */
function pickSuite(module: Record<string, unknown>): BenchSuite | undefined {
  if (isSuite(module.default)) return module.default;
  const named = Object.values(module).filter(isSuite);
  return named.length === 1 ? named[0] : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack?.includes(error.message) ? error.stack : `${error.message}\n${error.stack ?? ''}`;
  return String(error);
}

async function deleteAllDatabases(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      ({ name }) =>
        new Promise<void>((resolve, reject) => {
          if (name === undefined) return resolve();
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error ?? new Error('idb-delete-failed'));
          // A connection left open by the previous page blocks deletion until it is closed.
          request.onblocked = () => undefined;
        }),
    ),
  );
}

window.scrignoBench = {
  list: () => [...loaders.keys()].sort(),
  reset: deleteAllDatabases,
  async run(name, size, seed) {
    const figures: Figure[] = [];
    const context: BenchContext = {
      size,
      seed,
      record(figureName: string, value: number, unit: BenchUnit, baseline?: string, target?: number) {
        const figure: Figure = { name: figureName, value, unit };
        if (baseline !== undefined) figure.baseline = baseline;
        if (target !== undefined) figure.target = target;
        const problem = figureProblem(figure);
        if (problem) throw new TypeError(`bench-record-${problem}: ${figureName}`);
        if (figures.some((other) => other.name === figureName)) throw new TypeError(`bench-record-duplicate: ${figureName}`);
        figures.push(figure);
      },
      progress(message: string) {
        // Not awaited: progress must never slow down or reorder the measured work.
        if (window.benchProgress) void window.benchProgress(name, message);
        else console.info(`[${name}] ${message}`);
      },
      async cpuMs() {
        return (await window.benchCpuMs?.()) ?? undefined;
      },
    };
    try {
      const load = loaders.get(name);
      if (!load) throw new Error(`bench-unknown-suite: ${name}`);
      const suite = pickSuite(await load());
      if (!suite) throw new Error(`bench-no-suite-export: ${name}`);
      await suite.run(context);
      return { figures };
    } catch (error) {
      return { figures, error: describe(error) };
    }
  },
};
