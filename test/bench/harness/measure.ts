// Measuring helpers for suites running in the benchmark page (Chromium started with
// --js-flags=--expose-gc and --enable-precise-memory-info by the runner).

interface MemoryInfo {
  usedJSHeapSize: number;
}

const bytesPerMb = 1024 * 1024;

/** Forces a full garbage collection when `gc` is exposed; a no-op elsewhere. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first pass can leave objects that only become unreachable after finalisers ran.
  gc?.();
  gc?.();
}

/** Used JS heap in MB after a forced collection; `NaN` where the browser does not report it. */
export function heapUsedMb(): number {
  collectGarbage();
  const memory = (performance as Performance & { memory?: MemoryInfo }).memory;
  return memory ? memory.usedJSHeapSize / bytesPerMb : Number.NaN;
}

/** Runs `work` and returns its result with the elapsed wall time in milliseconds. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/**
 * Lets the event loop turn once (a macrotask), so IndexedDB commits, progress messages and
 * pending rendering settle before the next measurement starts.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
