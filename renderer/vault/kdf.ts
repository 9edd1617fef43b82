// Argon2id through hash-wasm, callable in-thread (tests, the worker itself). Binary output only:
// the derived key never exists as a string, so the caller can wipe every copy of it.
import { argon2id as hashWasmArgon2id } from 'hash-wasm';
import type { KdfParams } from './policy';

/** Length of every derived key-encryption key, in bytes. */
export const KDF_OUTPUT_BYTES = 32;

/**
 * Argon2id v1.3 of `pass` with `salt` (and an optional keyed-hashing `secret`); returns the raw
 * tag, 32 bytes unless `hashLen` says otherwise. WARNING: the caller owns the bytes and wipes them.
 */
export async function argon2id(
  pass: Uint8Array,
  salt: Uint8Array,
  params: KdfParams,
  extra?: { secret?: Uint8Array; hashLen?: number },
): Promise<Uint8Array<ArrayBuffer>> {
  const tag = await hashWasmArgon2id({
    password: pass,
    salt,
    iterations: params.t,
    memorySize: params.m,
    parallelism: params.p,
    hashLength: extra?.hashLen ?? KDF_OUTPUT_BYTES,
    outputType: 'binary',
    ...(extra?.secret ? { secret: extra.secret } : {}),
  });
  // hash-wasm returns a fresh array of its own (not a view of its wasm memory): no copy is made here.
  return tag as Uint8Array<ArrayBuffer>;
}
