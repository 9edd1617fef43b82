/**
 * Unit of a benchmark figure: milliseconds, megabytes, a plain count, bytes, or a dimensionless
 * ratio (the growth exponents of `--scaling`).
 */
export type BenchUnit = 'ms' | 'mb' | 'count' | 'bytes' | 'ratio';

/** What a suite receives from the harness: the data size, the seed, and the recorders. */
export interface BenchContext {
  size: number;
  seed: number;
  /**
   * Records one figure. `baseline` names another figure of the same run to print beside it;
   * `target` is the value this figure should stay at or below (marked ✓/✗, never fails the run).
   */
  record(name: string, value: number, unit: BenchUnit, baseline?: string, target?: number): void;
  /** Prints a progress line on the runner's stderr. */
  progress(message: string): void;
  /**
   * CPU time (user + system, ms) used so far by all the browser's processes and threads, from
   * `/proc` on Linux; undefined elsewhere or when the page is opened by hand. The difference
   * around a step is the work it cost every core together: on N cores it cannot finish in less
   * than that difference / N.
   */
  cpuMs(): Promise<number | undefined>;
}

/** One benchmark suite: a file under `test/bench/suites/` default-exports one of these. */
export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}
