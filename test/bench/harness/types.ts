/** Unit of a benchmark figure: milliseconds, megabytes, or a plain count. */
export type BenchUnit = 'ms' | 'mb' | 'count';

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
}

/** One benchmark suite: a file under `test/bench/suites/` default-exports one of these. */
export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}
