import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBytes, sha256Hex, toBase64Url } from './bytes';

describe('byte helpers', () => {
  it('base64url matches the platform encoder for every length and round-trips', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = randomBytes(length);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('SHA-256 hex of views into a larger buffer hashes only the view', async () => {
    const whole = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(whole.subarray(2, 5))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
