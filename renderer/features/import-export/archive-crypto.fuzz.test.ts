// Parser fuzzing of an encrypted archive: a file near a real one decrypts to the original or is
// refused with a FormatError. The key derivation is replaced by a fast one (SHA-256 of passphrase
// and salt): what is under test is the envelope and its checks, not Argon2id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../shared/formats';
import { fuzzRuns, fuzzTimeout, nearBytes, refusesOnlyWith } from '../../../test/fuzz/support';
import type { KdfRunner } from '../../vault';
import { decryptArchive, encryptArchive } from './archive-crypto';

const fastKdf: KdfRunner = async (pass, salt) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([...pass, ...salt])));

describe('encrypted archives under hostile input', () => {
  it(
    'decrypt to the original bytes or are refused with a FormatError',
    async () => {
      const zip = new TextEncoder().encode('PK\u0003\u0004 an archive body '.repeat(8));
      const seed = await encryptArchive(zip, 'passphrase', { kdf: fastKdf, params: { m: 64, t: 1, p: 1 } });
      await fc.assert(
        fc.asyncProperty(nearBytes([seed]), async (bytes) => {
          const plain = await refusesOnlyWith(FormatError, () =>
            decryptArchive(bytes, 'passphrase', fastKdf),
          );
          if (plain) expect(plain).toEqual(zip);
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(4),
  );
});
