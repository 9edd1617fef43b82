// Fuzzing of the web transport's frame decoder (host request bodies): every input either decodes
// or is refused with a WireFormatError; no other exception, whatever arrives over the socket.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzTimeout, nearBytes, refusesOnlyWithSync } from '../../test/fuzz/support';
import { decodeFrame, encodeFrame, WireFormatError } from './wire';

const seeds = [
  encodeFrame({ channel: 'app:info', input: {} }),
  encodeFrame({
    channel: 'file:write',
    input: {
      folderId: 'a'.repeat(32),
      name: 'export.zip',
      data: new Uint8Array([1, 2, 3, 4]),
      mode: 'create',
    },
  }),
  encodeFrame({ ok: true, value: { copies: [new Uint8Array([9, 9]), null] } }),
  encodeFrame({ ok: false, error: { code: 'not-found' } }),
];

describe('host frame decoder under hostile input', () => {
  it(
    'decodes or refuses with WireFormatError, nothing else',
    () => {
      let decoded = 0;
      let tried = 0;
      fc.assert(
        fc.property(nearBytes(seeds), (bytes) => {
          tried += 1;
          if (refusesOnlyWithSync(WireFormatError, () => decodeFrame(bytes)) !== undefined) decoded += 1;
        }),
        { numRuns: fuzzRuns() },
      );
      expect(tried).toBe(fuzzRuns());
      // The near-valid inputs include the seeds themselves: some must get through.
      expect(decoded).toBeGreaterThan(0);
    },
    fuzzTimeout(0.05),
  );

  it(
    'reads back whatever it encodes',
    () => {
      const json = fc.jsonValue({ maxDepth: 4 });
      const withBytes = fc.letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          json,
          fc.uint8Array({ maxLength: 64 }),
          fc.array(tie('node'), { maxLength: 4 }),
          fc.dictionary(
            fc.string().filter((k) => k !== '$blob' && k !== '__proto__'),
            tie('node'),
            { maxKeys: 4 },
          ),
        ),
      })).node;
      fc.assert(
        fc.property(withBytes, (value) => {
          // JSON turns -0 into 0; compare with what JSON itself would give back.
          const expected = JSON.parse(
            JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? null : v)),
          );
          const back = decodeFrame(encodeFrame(value));
          const backNoBytes = JSON.parse(
            JSON.stringify(back, (_k, v: unknown) => (v instanceof Uint8Array ? null : v)),
          );
          expect(backNoBytes).toEqual(expected);
        }),
        { numRuns: Math.min(fuzzRuns(), 5000) },
      );
    },
    fuzzTimeout(0.1),
  );
});
