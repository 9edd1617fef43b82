import { describe, expect, it } from 'vitest';
import {
  codiceFiscaleCheckChar,
  decodeOmocodia,
  isValidPartitaIva,
  isValidPersonTaxCode,
  isValidSdiCode,
  isValidTaxCode,
  isValidVat,
  normalizeTaxCode,
  normalizeVat,
  partitaIvaCheckDigit,
} from './tax-ids';

// Omocodia: the digit substitutions, applied from the rightmost position.
const omocodia: Record<string, string> = {
  '0': 'L',
  '1': 'M',
  '2': 'N',
  '3': 'P',
  '4': 'Q',
  '5': 'R',
  '6': 'S',
  '7': 'T',
  '8': 'U',
  '9': 'V',
};

function withOmocodia(code: string, positions: readonly number[]): string {
  const chars = code.slice(0, 15).split('');
  for (const p of positions) chars[p] = omocodia[chars[p]!]!;
  const first15 = chars.join('');
  return first15 + codiceFiscaleCheckChar(first15);
}

describe('Partita IVA', () => {
  it('accepts published valid numbers', () => {
    // Agenzia delle Entrate's own, and two large Italian companies' public numbers.
    for (const v of ['06363391001', '00488410010', '00905811006']) expect(isValidPartitaIva(v)).toBe(true);
  });

  it('rejects a wrong check digit, wrong length, letters and all zeros', () => {
    expect(isValidPartitaIva('06363391002')).toBe(false);
    expect(isValidPartitaIva('0636339100')).toBe(false);
    expect(isValidPartitaIva('0636339100A')).toBe(false);
    expect(isValidPartitaIva('00000000000')).toBe(false);
  });

  it('detects every single-digit change of the check digit', () => {
    const base = '0636339100';
    const right = partitaIvaCheckDigit(base);
    for (let d = 0; d <= 9; d++) expect(isValidPartitaIva(base + d)).toBe(d === right);
  });
});

describe('codice fiscale', () => {
  it('accepts well-known valid codes, in any case', () => {
    expect(isValidPersonTaxCode('RSSMRA85T10A562S')).toBe(true);
    expect(isValidPersonTaxCode('rssmra85t10a562s')).toBe(true);
    expect(isValidTaxCode('RSSMRA85T10A562S')).toBe(true);
  });

  it('accepts an 11-digit company code with a valid check digit', () => {
    expect(isValidTaxCode('06363391001')).toBe(true);
    expect(isValidTaxCode('06363391002')).toBe(false);
  });

  it('rejects a wrong check character', () => {
    expect(isValidPersonTaxCode('RSSMRA85T10A562T')).toBe(false);
  });

  it('rejects impossible months, days and structures', () => {
    const fix = (first15: string) => first15 + codiceFiscaleCheckChar(first15);
    expect(isValidPersonTaxCode(fix('RSSMRA85F10A562'))).toBe(false); // F is no month letter
    expect(isValidPersonTaxCode(fix('RSSMRA85T32A562'))).toBe(false); // day 32
    expect(isValidPersonTaxCode(fix('RSSMRA85T71A562'))).toBe(true); // 31 + 40 for a woman
    expect(isValidPersonTaxCode(fix('RSSMRA85T72A562'))).toBe(false);
    expect(isValidPersonTaxCode('RSSMRA85T10A56')).toBe(false);
    expect(isValidPersonTaxCode('1SSMRA85T10A562S')).toBe(false);
  });

  it('accepts omocodia letters with the recomputed check character', () => {
    const once = withOmocodia('RSSMRA85T10A562S', [14]);
    expect(once).toMatch(/^RSSMRA85T10A56N.$/);
    expect(isValidPersonTaxCode(once)).toBe(true);
    const all = withOmocodia('RSSMRA85T10A562S', [14, 13, 12, 10, 9, 7, 6]);
    expect(all.slice(6, 15)).toBe('UR' + 'T' + 'ML' + 'A' + 'RSN');
    expect(isValidPersonTaxCode(all)).toBe(true);
    expect(decodeOmocodia(all)).toBe('RSSMRA85T10A562' + all[15]);
  });

  it('rejects omocodia letters outside LMNPQRSTUV and a stale check character', () => {
    expect(isValidPersonTaxCode('RSSMRA85T10A56AS')).toBe(false);
    const good = codiceFiscaleCheckChar('RSSMRA85T10A56N');
    expect(isValidPersonTaxCode('RSSMRA85T10A56N' + (good === 'A' ? 'B' : 'A'))).toBe(false);
  });

  it('normalises typed input', () => {
    expect(normalizeTaxCode(' rssmra 85t10 a562s ')).toBe('RSSMRA85T10A562S');
  });
});

describe('VAT numbers', () => {
  it('normalises separators, case, Greek prefix and bare Italian numbers', () => {
    expect(normalizeVat(' it 063.633.910-01 ')).toBe('IT06363391001');
    expect(normalizeVat('06363391001')).toBe('IT06363391001');
    expect(normalizeVat('GR123456789')).toBe('EL123456789');
    expect(normalizeVat('123456789', 'DE')).toBe('DE123456789');
    expect(normalizeVat('de 123 456 789')).toBe('DE123456789');
  });

  it('checks the Italian check digit and other countries’ formats', () => {
    expect(isValidVat('IT06363391001')).toBe(true);
    expect(isValidVat('IT06363391002')).toBe(false);
    expect(isValidVat('DE123456789')).toBe(true);
    expect(isValidVat('DE12345678')).toBe(false);
    expect(isValidVat('FRXX123456789')).toBe(true);
    expect(isValidVat('NL123456789B01')).toBe(true);
    expect(isValidVat('NL123456789')).toBe(false);
    expect(isValidVat('ATU12345678')).toBe(true);
    expect(isValidVat('ESB12345678')).toBe(true);
    expect(isValidVat('PL1234567890')).toBe(true);
    expect(isValidVat('US123456789')).toBe(false);
    expect(isValidVat('06363391001')).toBe(false);
  });
});

describe('SDI code', () => {
  it('accepts 7 letters/digits including the all-zero code', () => {
    expect(isValidSdiCode('0000000')).toBe(true);
    expect(isValidSdiCode('M5UXCR1')).toBe(true);
    expect(isValidSdiCode('M5UXCR')).toBe(false);
    expect(isValidSdiCode('m5uxcr1')).toBe(false);
    expect(isValidSdiCode('M5UX-R1')).toBe(false);
  });
});
