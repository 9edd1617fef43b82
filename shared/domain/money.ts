/**
 * Money: an integer amount in the currency's minor units (cents) and an ISO 4217 code. Never
 * floating point, so totals add up exactly.
 */
import { z } from 'zod';

let knownCurrencies: ReadonlySet<string> | null = null;

/** True for an ISO 4217 code the runtime knows (`EUR`, `CHF`, `PLN`…). */
export function isCurrencyCode(value: string): boolean {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  // Built lazily: `supportedValuesOf` allocates a few hundred strings.
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(value);
}

/** Digits after the decimal separator in `currency` (2 for EUR, 0 for JPY). */
export function currencyMinorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** An ISO 4217 currency code. */
export const currencySchema = z.string().refine(isCurrencyCode, { error: 'invalid-currency' });

/** An amount of money in minor units. */
export const moneySchema = z.object({
  amountMinor: z
    .number()
    .int({ error: 'invalid-amount' })
    .refine(Number.isSafeInteger, { error: 'invalid-amount' }),
  currency: currencySchema,
});
/** The parsed type of `moneySchema`. */
export type Money = Readonly<z.infer<typeof moneySchema>>;
