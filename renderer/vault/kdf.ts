// Argon2id through argon2-browser, callable in-thread (tests, the worker itself).
import argon2 from 'argon2-browser/dist/argon2-bundled.min.js';
import simdWasmUrl from 'argon2-browser/dist/argon2-simd.wasm?url&inline';
import { fromBase64Url } from './bytes';
import type { KdfParams } from './policy';

/** Length of every derived key-encryption key, in bytes. */
export const KDF_OUTPUT_BYTES = 32;

declare global {
  // argon2-browser's documented hook for supplying the wasm binary itself.
  var loadArgon2WasmBinary: (() => Promise<Uint8Array>) | undefined;
}

/** The SIMD wasm binary, decoded from the inlined data: URL without any fetch. */
export function simdWasmBinary(): Uint8Array<ArrayBuffer> {
  const comma = simdWasmUrl.indexOf(',');
  if (!simdWasmUrl.startsWith('data:') || comma < 0) throw new Error('kdf: wasm not inlined');
  const b64 = simdWasmUrl
    .slice(comma + 1)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return fromBase64Url(b64);
}

let installed = false;
function installLoader(): void {
  if (installed) return;
  installed = true;
  // WARNING: must be set before the first hash; argon2-browser caches the loaded module forever.
  globalThis.loadArgon2WasmBinary = () => Promise.resolve(simdWasmBinary());
}

/** Argon2id v1.3 of `pass` with `salt`; returns the raw 32-byte tag (caller wipes it). */
export async function argon2id(
  pass: Uint8Array,
  salt: Uint8Array,
  params: KdfParams,
  extra?: { secret?: Uint8Array; ad?: Uint8Array; hashLen?: number },
): Promise<Uint8Array<ArrayBuffer>> {
  installLoader();
  const result = await argon2.hash({
    pass,
    salt,
    time: params.t,
    mem: params.m,
    parallelism: params.p,
    hashLen: extra?.hashLen ?? KDF_OUTPUT_BYTES,
    type: argon2.ArgonType.Argon2id,
    ...(extra?.secret ? { secret: extra.secret } : {}),
    ...(extra?.ad ? { ad: extra.ad } : {}),
  });
  return new Uint8Array(result.hash);
}
