import { describe, expect, it } from 'vitest';
import { fieldTokensForSearch, normalizeForSearch, tokenizeForSearch } from './normalize';

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
