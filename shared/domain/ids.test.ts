import { describe, expect, it } from 'vitest';
import { fromHex, idPattern, newPersonId, personIdSchema, randomId, toHex } from './ids';

const cryptoBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('ids', () => {
  it('are 32 hex characters from 16 random bytes', () => {
    const id = newPersonId(cryptoBytes);
    expect(id).toMatch(idPattern);
    expect(personIdSchema.safeParse(id).success).toBe(true);
    expect(newPersonId(cryptoBytes)).not.toBe(id);
  });

  it('refuses a short random source', () => {
    expect(() => randomId(() => new Uint8Array(4))).toThrow('random-source-short');
  });

  it('round-trips hex', () => {
    const bytes = cryptoBytes(33);
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(() => fromHex('abc')).toThrow('invalid-hex');
  });

  it('rejects ids with other shapes', () => {
    expect(personIdSchema.safeParse('ABCDEF0123456789ABCDEF0123456789').success).toBe(false);
    expect(personIdSchema.safeParse('mario-rossi').success).toBe(false);
  });
});
