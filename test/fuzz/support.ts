// What the parser fuzz tests share: the budget, byte mutations of valid files, and the rule that a
// parser refuses bad input only with its own typed error.
import fc from 'fast-check';

/**
 * Inputs per parser: `SCRIGNO_FUZZ_RUNS` when set (`npm run fuzz` sets 100,000), else 1,000, the
 * budget of `npm test`. A failure prints fast-check's seed and path, so it can be replayed.
 */
export function fuzzRuns(): number {
  const raw = process.env['SCRIGNO_FUZZ_RUNS'];
  const n = raw === undefined ? 1000 : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`SCRIGNO_FUZZ_RUNS must be a positive integer`);
  return n;
}

/** One edit of a byte string: at a position, remove some bytes and insert others. */
const edit = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 16 }),
  insert: fc.uint8Array({ maxLength: 8 }),
});

/**
 * Bytes near a valid file: a few random edits (flips, cuts, insertions), a truncation, or the
 * file unchanged. Most bugs live in inputs that are almost right.
 */
export function nearBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds);
  const edited = fc.tuple(seed, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([bytes, edits]) => {
    let out = bytes;
    for (const e of edits) {
      const at = e.at % (out.length + 1);
      const next = new Uint8Array(out.length - Math.min(e.cut, out.length - at) + e.insert.length);
      next.set(out.subarray(0, at), 0);
      next.set(e.insert, at);
      next.set(out.subarray(at + e.cut), at + e.insert.length);
      out = next;
    }
    return out;
  });
  const flipped = fc.tuple(seed, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([bytes, at, mask]) => {
    const out = bytes.slice();
    if (out.length > 0) out[at % out.length]! ^= mask;
    return out;
  });
  const truncated = fc.tuple(seed, fc.nat()).map(([bytes, n]) => bytes.slice(0, n % (bytes.length + 1)));
  return fc.oneof(
    { arbitrary: flipped, weight: 3 },
    { arbitrary: edited, weight: 3 },
    { arbitrary: truncated, weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 512 }), weight: 1 },
    { arbitrary: seed, weight: 1 },
  );
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a parser on hostile input: it may succeed or refuse with `typed`; any other exception (a
 * TypeError, a RangeError, a DOMException) is a bug and fails the property.
 */
export async function refusesOnlyWith<T>(
  typed: ErrorClass,
  run: () => T | Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof typed) return undefined;
    throw error;
  }
}

/** The same as {@link refusesOnlyWith} for synchronous parsers. */
export function refusesOnlyWithSync<T>(typed: ErrorClass, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof typed) return undefined;
    throw error;
  }
}

/** Test timeout for a property of `runs` inputs costing up to `msPerRun` each, on a slow machine. */
export function fuzzTimeout(msPerRun: number): number {
  return Math.max(30_000, fuzzRuns() * msPerRun * 4);
}
