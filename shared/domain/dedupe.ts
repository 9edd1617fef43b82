/**
 * Exact-match dedupe keys of people and organizations. The vault turns each key into a keyed
 * blind-index token, so duplicates are found without storing emails or phones in plaintext.
 */
import type { Organization } from './organization';
import type { Person } from './person';
import { normalizeEmail } from './normalize';
import { normalizeTaxCode, normalizeVat } from './tax-ids';

/** Kinds of dedupe key. */
export const dedupeKeyKinds = ['email', 'phone', 'vat', 'tax-code'] as const;
/** One of `dedupeKeyKinds`. */
export type DedupeKeyKind = (typeof dedupeKeyKinds)[number];

/** One exact-match key: two records sharing a key are probably the same party. */
export interface DedupeKey {
  readonly kind: DedupeKeyKind;
  readonly value: string;
}

/**
 * Every dedupe key of a person or organization, normalised and without repeats: emails (and the
 * PEC), phones (E.164), VAT number and codice fiscale.
 */
export function dedupeKeys(party: Person | Organization): DedupeKey[] {
  const keys: DedupeKey[] = [];
  const seen = new Set<string>();
  const add = (kind: DedupeKeyKind, value: string) => {
    const id = `${kind}:${value}`;
    if (value === '' || seen.has(id)) return;
    seen.add(id);
    keys.push({ kind, value });
  };
  for (const e of party.emails) add('email', normalizeEmail(e.address));
  if ('pec' in party && party.pec !== undefined) add('email', normalizeEmail(party.pec));
  for (const p of party.phones) add('phone', p.number);
  if (party.vatNumber !== undefined) add('vat', normalizeVat(party.vatNumber));
  if (party.taxCode !== undefined) add('tax-code', normalizeTaxCode(party.taxCode));
  return keys;
}
