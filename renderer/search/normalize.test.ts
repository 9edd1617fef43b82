import { describe, expect, it } from 'vitest';
import {
  fieldTokensForSearch,
  normalizeForSearch,
  phoneQueryForSearch,
  tokenizeForSearch,
} from './normalize';

const fieldTokens = (text: string): string[] => {
  const out: string[] = [];
  fieldTokensForSearch(text, (t) => out.push(t));
  return out;
};

describe('normalizeForSearch', () => {
  it('folds case and accents', () => {
    expect(normalizeForSearch('Niccolò')).toBe('niccolo');
    expect(normalizeForSearch('MÜLLER')).toBe('muller');
    expect(normalizeForSearch('Ángel Éric Çelik Šťastný')).toBe('angel eric celik stastny');
  });

  it('spells out letters that do not decompose', () => {
    expect(normalizeForSearch('Łukasz Straße')).toBe('lukasz strasse');
    expect(normalizeForSearch('STRAẞE')).toBe('strasse');
    expect(normalizeForSearch('Øre Ærø Œuvre Þór Đorđe')).toBe('ore aero oeuvre thor dorde');
  });

  it('folds compatibility forms', () => {
    expect(normalizeForSearch('ﬁne Ｍilano')).toBe('fine milano');
  });

  it('turns punctuation runs into single spaces and trims', () => {
    expect(normalizeForSearch("  D'Angelo -- m.rossi@example.com  ")).toBe('d angelo m rossi example com');
    expect(normalizeForSearch('...')).toBe('');
    expect(tokenizeForSearch(' ,; ')).toEqual([]);
  });

  it('keeps letters of other scripts', () => {
    expect(normalizeForSearch('Αθήνα Москва')).toBe('αθηνα москва');
  });
});

describe('fieldTokensForSearch', () => {
  it('adds the joined form of a punctuated word', () => {
    expect(fieldTokens("D'Angelo")).toEqual(['d', 'angelo', 'dangelo']);
    expect(fieldTokens('m.rossi@ex.it')).toEqual(['m', 'rossi', 'ex', 'it', 'mrossiexit']);
  });

  it('adds phone digits with and without the international prefix', () => {
    const t = fieldTokens('+39 333 123 4567');
    expect(t).toContain('393331234567');
    expect(t).toContain('3331234567');
  });

  it('does not treat words as phone numbers', () => {
    expect(fieldTokens('Via Roma 12')).toEqual(['via', 'roma', '12']);
  });
});

describe('phoneQueryForSearch', () => {
  it('joins the digits of a query typed as a phone number', () => {
    expect(phoneQueryForSearch('347 123 4567')).toEqual({ digits: '3471234567', international: false });
    expect(phoneQueryForSearch(' (02) 1234-5678 ')).toEqual({ digits: '0212345678', international: false });
    expect(phoneQueryForSearch('347.123.45/67')).toEqual({ digits: '3471234567', international: false });
    expect(phoneQueryForSearch('3471234567')).toEqual({ digits: '3471234567', international: false });
  });

  it('drops a leading + or 00 and marks the digits as international', () => {
    expect(phoneQueryForSearch('+39 347 123 4567')).toEqual({ digits: '393471234567', international: true });
    expect(phoneQueryForSearch('0039 347 123 4567')).toEqual({ digits: '393471234567', international: true });
    expect(phoneQueryForSearch('(+39) 02 1234 5678')).toEqual({
      digits: '390212345678',
      international: true,
    });
  });

  it('leaves other queries alone', () => {
    expect(phoneQueryForSearch('mario 347')).toBeUndefined();
    expect(phoneQueryForSearch('+39 rossi')).toBeUndefined();
    expect(phoneQueryForSearch(' - . ')).toBeUndefined();
    expect(phoneQueryForSearch('+')).toBeUndefined();
    expect(phoneQueryForSearch('00')).toBeUndefined();
    expect(phoneQueryForSearch('')).toBeUndefined();
  });
});
