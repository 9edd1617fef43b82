// Helpers for tests and benchmarks only. WARNING: never import this from app code: it holds a KDF
// profile far below the production floor.
import { testOnlyPolicyMark, type KdfPolicy } from './policy';

/** Argon2id m=256 KiB, t=1: milliseconds instead of a second. Test-only. */
export const FAST_TEST_KDF_POLICY: KdfPolicy = Object.freeze({
  floor: Object.freeze({ m: 256, t: 1, p: 1 }),
  params: Object.freeze({ m: 256, t: 1, p: 1 }),
  [testOnlyPolicyMark]: true as const,
});
