import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  isValidE164,
  isValidEmail,
  nameKey,
  normalizeEmail,
  normalizePhone,
  phoneSearchForms,
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

  it('gives the digit strings a stored phone is searched by', () => {
    expect(phoneSearchForms('+393471234567')).toEqual(['393471234567', '3471234567', '03471234567']);
    // Italian landlines keep the 0 in the national number: no second 0 in front.
    expect(phoneSearchForms('+390212345678')).toEqual(['390212345678', '0212345678']);
    expect(phoneSearchForms('+447911123456')).toEqual(['447911123456', '7911123456', '07911123456']);
    expect(phoneSearchForms('+12125551234')).toEqual(['12125551234', '2125551234', '02125551234']);
    expect(phoneSearchForms('+80012345678')).toEqual(['80012345678', '12345678', '012345678']);
    // Not E.164 (never stored, but never lost either): the value as it is.
    expect(phoneSearchForms('347 123 4567')).toEqual(['347 123 4567']);
    expect(phoneSearchForms('')).toEqual(['']);
  });

  it('splits off the same national number as libphonenumber', () => {
    const numbers = [
      '+393471234567',
      '+390212345678',
      '+3906698123',
      '+447911123456',
      '+4915123456789',
      '+33612345678',
      '+34612345678',
      '+351912345678',
      '+41791234567',
      '+436641234567',
      '+12125551234',
      '+5491123456789',
      '+79161234567',
      '+862012345678',
      '+35312345678',
      '+971501234567',
    ];
    for (const n of numbers) {
      expect(isValidE164(n), n).toBe(true);
      expect(phoneSearchForms(n)[1], n).toBe(parsePhoneNumberFromString(n)?.nationalNumber);
    }
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
