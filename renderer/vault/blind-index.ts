// Keyed blind indexes for exact-match lookups without storing the value.
import { toBase64Url, utf8 } from './bytes';

/** Bytes kept from the HMAC: 96 bits, collision-free in practice at CRM sizes. */
export const BLIND_TOKEN_BYTES = 12;

/**
 * HMAC-SHA-256 of `kind` and an already-normalised value under the blind-index key, truncated and
 * base64url-encoded. The kind is part of the input so an email and a phone never share a token.
 */
export async function blindToken(key: CryptoKey, kind: string, normalisedValue: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, utf8(`${kind}\u0000${normalisedValue}`));
  return toBase64Url(new Uint8Array(mac, 0, BLIND_TOKEN_BYTES));
}
