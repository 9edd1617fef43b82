import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTokensForSearch, phoneTokensForSearch, tokenizeForSearch } from './normalize';
import { FNV_OFFSET, FNV_PRIME, HASH_MASK, TokenScanner } from './scanner';

function scanned(text: string, field: boolean, specialised = false): string[] {
  const out: string[] = [];
  const sink = (buf: Uint16Array, len: number, hash: number): void => {
    const token = String.fromCharCode(...buf.subarray(0, len));
    let h = FNV_OFFSET;
    for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), FNV_PRIME);
    expect(hash).toBe(h & HASH_MASK);
    out.push(token);
  };
  if (specialised) new TokenScanner().scanText(text, sink);
  else new TokenScanner().scan(text, field, sink);
  return out;
}

function fieldReference(text: string): string[] {
  const all: string[] = [];
  fieldTokensForSearch(text, (t) => all.push(t));
  const phone: string[] = [];
  phoneTokensForSearch(text, (t) => phone.push(t));
  return all.slice(0, all.length - phone.length);
}

const tricky = [
  'Niccolò Rossi',
  "D'Angelo-Bianchi m.rossi@example.it",
  'ab😀cd e\u0301f ΟΔΟΣ ½ ﬁne İstanbul',
  'STRAẞE Øre «citazione» l’ordine\u00a0fine',
  'x\u0301\u0301 \u0301 😀😀 a😀 😀b',
  '',
  '   ',
];

// Mostly letters, with every kind of character the scanner treats specially.
const alphabet = fc.constantFrom(
  'a',
  'b',
  'Z',
  '0',
  '7',
  ' ',
  '\t',
  '.',
  '@',
  "'",
  '-',
  'ò',
  'Ü',
  'ß',
  'ł',
  '\u0301',
  'Σ',
  'ς',
  '’',
  '\u00a0',
  '😀',
  '𝐀',
  '½',
  'ﬁ',
  'İ',
  '«',
  '\u2003',
  'æ',
  'Ω',
  'ж',
);
const textArb = fc.array(alphabet, { maxLength: 30 }).map((c) => c.join(''));

describe('TokenScanner', () => {
  it('splits text exactly like tokenizeForSearch', () => {
    for (const t of tricky) expect(scanned(t, false)).toEqual(tokenizeForSearch(t));
    fc.assert(
      fc.property(textArb, (t) => {
        expect(scanned(t, false)).toEqual(tokenizeForSearch(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits fields exactly like fieldTokensForSearch (without phone extras)', () => {
    for (const t of tricky) expect(scanned(t, true)).toEqual(fieldReference(t));
    fc.assert(
      fc.property(textArb, (t) => {
        expect(scanned(t, true)).toEqual(fieldReference(t));
      }),
      { numRuns: 2000 },
    );
  });
});
