import { describe, expect, it } from 'vitest';
import { formatMoney, parseAmount } from './deal-money';

describe('amounts typed in the UI language', () => {
  it('reads Italian and English grouping and decimals into minor units', () => {
    expect(parseAmount('1.234,50', 'EUR', 'it')).toBe(123450);
    expect(parseAmount('1,234.50', 'EUR', 'en')).toBe(123450);
    expect(parseAmount('1.234', 'EUR', 'it')).toBe(123400);
    expect(parseAmount('1,234', 'EUR', 'en')).toBe(123400);
    expect(parseAmount('1234,5', 'EUR', 'en')).toBe(123450);
    expect(parseAmount('1234.5', 'EUR', 'it')).toBe(123450);
    expect(parseAmount(' 12 000 ', 'EUR', 'it')).toBe(1200000);
    expect(parseAmount('0', 'EUR', 'it')).toBe(0);
  });

  it('follows the currency’s decimals and refuses what is not an amount', () => {
    expect(parseAmount('1500', 'JPY', 'en')).toBe(1500);
    expect(parseAmount('15.5', 'JPY', 'en')).toBeNull();
    expect(parseAmount('1,005', 'EUR', 'it')).toBeNull();
    expect(parseAmount('-5', 'EUR', 'en')).toBeNull();
    expect(parseAmount('abc', 'EUR', 'en')).toBeNull();
    expect(parseAmount('', 'EUR', 'en')).toBeNull();
  });

  it('formats minor units back as currency, round amounts without decimals', () => {
    const round = formatMoney(150000, 'EUR', 'en');
    expect(round).toContain('1,500');
    expect(round).not.toContain('.00');
    expect(formatMoney(12345650, 'EUR', 'it')).toMatch(/123\.456,50/);
  });
});
