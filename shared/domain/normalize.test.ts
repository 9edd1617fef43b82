import { describe, expect, it } from 'vitest';
import {
  foldText,
  isValidE164,
  isValidEmail,
  nameKey,
  normalizeEmail,
  normalizePhone,
  regionFromLocale,
} from './normalize';

describe('emails', () => {
  it('normalises case, spaces and Unicode form', () => {
    expect(normalizeEmail('  Mario.Rossi@Example.IT ')).toBe('mario.rossi@example.it');
    expect(normalizeEmail('nicco\u0301@example.it')).toBe('niccó@example.it');
  });

  it('accepts plausible addresses', () => {
    for (const e of [
      'a@b.it',
      'mario.rossi+crm@example.co.uk',
      'françoise@exemple.fr',
      'x_y-z@sub.domain.eu',
    ]) {
      expect(isValidEmail(e)).toBe(true);
    }
  });

  it('rejects malformed addresses', () => {
    for (const e of [
      '',
      'plain',
      '@example.it',
      'a@',
      'a@b',
      'a b@c.it',
      'a@@b.it',
      'a@b.c',
      'a..b@c.it',
      'a@b.123',
      'a@-.it.',
    ]) {
      expect(isValidEmail(e)).toBe(false);
    }
  });
});

describe('phones', () => {
  it('parses national numbers in the locale’s region into E.164', () => {
    expect(normalizePhone('347 123 4567', 'IT')).toBe('+393471234567');
    expect(normalizePhone('02 1234 5678', 'it-IT')).toBe('+390212345678');
    expect(normalizePhone('06 12 34 56 78', 'fr-FR')).toBe('+33612345678');
    expect(normalizePhone('0151 23456789', 'de')).toBe('+4915123456789');
  });

  it('reads international forms whatever the locale', () => {
    expect(normalizePhone('+39 347 123 4567', 'FR')).toBe('+393471234567');
    expect(normalizePhone('0039 347 123 4567', 'DE')).toBe('+393471234567');
  });

  it('returns null for invalid numbers', () => {
    expect(normalizePhone('', 'IT')).toBeNull();
    expect(normalizePhone('123', 'IT')).toBeNull();
    expect(normalizePhone('not a phone', 'IT')).toBeNull();
    expect(normalizePhone('+39 347', 'IT')).toBeNull();
  });

  it('validates stored E.164 values', () => {
    expect(isValidE164('+393471234567')).toBe(true);
    expect(isValidE164('393471234567')).toBe(false);
    expect(isValidE164('+39 347 1234567')).toBe(false);
    expect(isValidE164('+3934')).toBe(false);
  });

  it('derives the region from locales', () => {
    expect(regionFromLocale('IT')).toBe('IT');
    expect(regionFromLocale('it-IT')).toBe('IT');
    expect(regionFromLocale('fr_BE')).toBe('BE');
    expect(regionFromLocale('de')).toBe('DE');
    expect(regionFromLocale('en')).toBeUndefined();
  });
});

describe('names', () => {
  it('folds accents, case and letters without decomposition', () => {
    expect(foldText('Niccolò')).toBe('niccolo');
    expect(foldText('Françoise')).toBe('francoise');
    expect(foldText('Jürgen Groß')).toBe('jurgen gross');
    expect(foldText('Łukasz Wiśniewski')).toBe('lukasz wisniewski');
    expect(foldText("D'Angelo")).toBe('d angelo');
  });

  it('gives similar names the same token-sorted key', () => {
    expect(nameKey('Niccolò', 'Rossi')).toBe(nameKey('niccolo', 'ROSSI'));
    expect(nameKey('Rossi', 'Niccolò')).toBe(nameKey('Niccolò', 'Rossi'));
    expect(nameKey('José María', 'García')).toBe('garcia jose maria');
    expect(nameKey('Mario', 'Rossi')).not.toBe(nameKey('Maria', 'Rossi'));
    expect(nameKey(undefined, '  ')).toBe('');
  });
});
