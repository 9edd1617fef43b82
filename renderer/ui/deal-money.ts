import { currencyMinorDigits, type Money } from '../../shared/domain';
import { localeFor } from './i18n';

/** Formats an amount in minor units as currency in the UI language (`€ 1.234,50`, `€1,234.50`). */
export function formatMoney(amountMinor: number, currency: string, language: string): string {
  const digits = currencyMinorDigits(currency);
  return new Intl.NumberFormat(localeFor(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: amountMinor % 10 ** digits === 0 ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
}

/** Formats a money value in the UI language. */
export function formatMoneyValue(money: Money, language: string): string {
  return formatMoney(money.amountMinor, money.currency, language);
}

/**
 * Reads an amount as typed in the UI language into minor units: `1.234,50` in Italian and
 * `1,234.50` in English both give 123450; a bare `1234.5` or `1234,5` is accepted in either.
 * Returns null for anything that is not a plain non-negative number with at most the
 * currency's decimals.
 */
export function parseAmount(raw: string, currency: string, language: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return null;
  const decimal = new Intl.NumberFormat(localeFor(language))
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal')?.value;
  const group = decimal === ',' ? '.' : ',';
  let normalized: string;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: whichever comes last is the decimal separator.
    const sep = lastDot > lastComma ? '.' : ',';
    const other = sep === '.' ? ',' : '.';
    normalized = text.split(other).join('').replace(sep, '.');
  } else if (text.includes(group) && /^\d{1,3}([.,]\d{3})+$/.test(text)) {
    // Only the UI's group separator, in groups of three: a grouped whole number.
    normalized = text.split(group).join('');
  } else {
    normalized = text.replace(',', '.');
  }
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  const [whole = '0', fraction = ''] = normalized.split('.');
  const digits = currencyMinorDigits(currency);
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}
