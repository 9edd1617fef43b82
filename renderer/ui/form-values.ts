import { normalizePhone, type Address, type EmailEntry, type PhoneEntry } from '../../shared/domain';

/** Trimmed text, or undefined when only blanks were typed (optional fields stay absent). */
export const optional = (value: string): string | undefined =>
  value.trim() === '' ? undefined : value.trim();

/** What a form edits of a party's contact lists: the first email, phone and city. */
export interface PrimaryContactInput {
  readonly email: string;
  readonly phone: string;
  readonly city: string;
}

/**
 * Puts the first email, phone and address city typed in a form back into a party's lists,
 * keeping every other entry as it was. Phones are stored as E.164 when they parse in the
 * locale's region; otherwise the typed text is kept, so validation reports it beside the field.
 */
export function primaryContacts(
  input: PrimaryContactInput,
  base:
    | { emails: readonly EmailEntry[]; phones: readonly PhoneEntry[]; addresses: readonly Address[] }
    | undefined,
  defaults: { kind: 'work' | 'home'; phoneKind: PhoneEntry['kind']; locale: string },
): { emails: EmailEntry[]; phones: PhoneEntry[]; addresses: Address[] } {
  const email = optional(input.email);
  const city = optional(input.city);
  const phone =
    input.phone.trim() === '' ? null : (normalizePhone(input.phone, defaults.locale) ?? input.phone.trim());
  return {
    emails: [
      ...(email ? [{ kind: base?.emails[0]?.kind ?? defaults.kind, address: email }] : []),
      ...(base?.emails.slice(1) ?? []),
    ],
    phones: [
      ...(phone ? [{ kind: base?.phones[0]?.kind ?? defaults.phoneKind, number: phone }] : []),
      ...(base?.phones.slice(1) ?? []),
    ],
    addresses: [
      ...(city
        ? [{ ...(base?.addresses[0] ?? { kind: defaults.kind, country: defaults.locale.slice(-2) }), city }]
        : []),
      ...(base?.addresses.slice(1) ?? []),
    ],
  };
}
