// Keyed blind indexes for exact-match lookups without storing the value.
import { createSHA256, type IHasher } from 'hash-wasm';
import { toBase64Url, wipe } from './bytes';

/** Bytes kept from the HMAC: 96 bits, collision-free in practice at CRM sizes. */
export const BLIND_TOKEN_BYTES = 12;

const BLOCK = 64;

/**
 * HMAC-SHA-256 (RFC 2104) of `kind` and an already-normalised value under the blind-index key,
 * truncated and base64url-encoded. The kind is part of the input so an email and a phone never
 * share a token.
 *
 * Synchronous on purpose: an import computes hundreds of thousands of tokens, and one WebCrypto
 * `sign` round trip each cost seconds. hash-wasm's SHA-256 runs in-thread; the padded key's inner
 * and outer hash states are computed once and kept as saved states (not the key), which `wipe`
 * zeroes on lock. Known-answer tests hold it to WebCrypto's HMAC and to RFC 4231.
 */
export class BlindIndexer {
  // The message of one token, encoded in place (an import computes hundreds of thousands).
  #message = new Uint8Array(256);
  readonly #encoder = new TextEncoder();

  private constructor(
    private readonly sha: IHasher,
    private readonly inner: Uint8Array,
    private readonly outer: Uint8Array,
  ) {}

  /** Takes ownership of the 32-byte key and wipes it. */
  static async create(key: Uint8Array<ArrayBuffer>): Promise<BlindIndexer> {
    const sha = await createSHA256();
    const pad = new Uint8Array(BLOCK);
    try {
      if (key.length > BLOCK) throw new Error('vault: blind key too long');
      const state = (byte: number) => {
        pad.fill(byte);
        for (let i = 0; i < key.length; i++) pad[i]! ^= key[i]!;
        return sha.init().update(pad).save();
      };
      return new BlindIndexer(sha, state(0x36), state(0x5c));
    } finally {
      wipe(key);
      wipe(pad);
    }
  }

  /** The MAC of raw bytes (full 32 bytes). */
  mac(message: Uint8Array): Uint8Array {
    const innerHash = this.sha.load(this.inner).update(message).digest('binary');
    return this.sha.load(this.outer).update(innerHash).digest('binary');
  }

  /** The token of a normalised value of one kind. */
  token(kind: string, normalisedValue: string): string {
    const text = `${kind}\u0000${normalisedValue}`;
    if (this.#message.length < text.length * 3) this.#message = new Uint8Array(text.length * 3);
    const { written } = this.#encoder.encodeInto(text, this.#message);
    return toBase64Url(this.mac(this.#message.subarray(0, written)).subarray(0, BLIND_TOKEN_BYTES));
  }

  /** Zeroes the saved states; the indexer is unusable afterwards. */
  wipe(): void {
    this.inner.fill(0);
    this.outer.fill(0);
    this.#message.fill(0);
  }
}
