// Helpers for tests and benchmarks only. WARNING: never import this from app code: it holds a KDF
// profile far below the production floor.
import { simdWasmBinary } from './kdf';
import { testOnlyPolicyMark, type KdfPolicy } from './policy';

/** Argon2id m=256 KiB, t=1: milliseconds instead of a second. Test-only. */
export const FAST_TEST_KDF_POLICY: KdfPolicy = Object.freeze({
  floor: Object.freeze({ m: 256, t: 1, p: 1 }),
  params: Object.freeze({ m: 256, t: 1, p: 1 }),
  [testOnlyPolicyMark]: true as const,
});

/**
 * Makes argon2-browser's bundled loader work under Node (vitest). Two conditions: `self` must exist
 * before the bundle is imported (use `vi.hoisted(() => { globalThis.self ??= globalThis })` in the
 * test file), and the wasm binary is handed over through `Module.wasmBinary`, since under Node the
 * loader ignores `loadArgon2WasmBinary` and would try to read (or fetch) a file path instead.
 */
export function prepareArgon2ForNode(): void {
  const g = globalThis as { Module?: { wasmBinary?: Uint8Array } };
  g.Module ??= {};
  g.Module.wasmBinary ??= simdWasmBinary();
}
