/**
 * Stable validation codes. Every check in the domain schemas reports one of these codes as its
 * zod issue message; the UI maps codes to sentences in the user's language. Codes never embed
 * the offending value (it may be personal data).
 */
import type { z } from 'zod';

/** Every code a domain validation may report. */
export const validationCodes = [
  'required',
  'invalid-type',
  'invalid-id',
  'invalid-email',
  'invalid-phone',
  'invalid-vat',
  'invalid-tax-code',
  'invalid-sdi-code',
  'invalid-date',
  'invalid-time',
  'invalid-datetime',
  'invalid-url',
  'invalid-currency',
  'invalid-amount',
  'invalid-country',
  'invalid-probability',
  'invalid-choice',
  'invalid-clock',
  'name-required',
  'organization-required',
  'lost-reason-required',
  'done-at-required',
  'duplicate-value',
  'too-long',
  'too-small',
  'too-big',
  'unknown-field',
  'legal-basis-required',
  'balancing-note-required',
  'safeguards-required',
  'retention-too-short',
  'consent-date-required',
  'breach-date-required',
  'invalid',
] as const;
/** One stable validation code. */
export type ValidationCode = (typeof validationCodes)[number];

/** A validation problem: where (path into the input) and what (code). Never the value. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly code: ValidationCode;
}

/** The outcome of `validate`: the parsed value, or the list of issues. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const codeSet: ReadonlySet<string> = new Set(validationCodes);

/** True if `value` is one of the known validation codes. */
export function isValidationCode(value: unknown): value is ValidationCode {
  return typeof value === 'string' && codeSet.has(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Maps zod issues to domain codes. Checks written in this folder already carry a code as their
 * message; built-in zod checks are mapped from the zod issue kind. `input` is needed to tell a
 * missing field (`required`) from a wrong type.
 */
export function toValidationIssues(error: z.ZodError, input: unknown): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { path, code: codeFor(issue, valueAt(input, issue.path)) };
  });
}

function codeFor(issue: z.core.$ZodIssue, value: unknown): ValidationCode {
  if (isValidationCode(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null ? 'required' : 'invalid-type';
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? 'required' : 'too-small';
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too-long' : 'too-big';
    case 'invalid_value':
    case 'invalid_union':
      return 'invalid-choice';
    case 'unrecognized_keys':
      return 'unknown-field';
    default:
      return 'invalid';
  }
}

/** Parses `input` with `schema`, reporting failures as domain validation codes. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): ValidationResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: toValidationIssues(result.error, input) };
}

/** A domain rule refused an operation; `code` is stable, the message never holds personal data. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(readonly code: DomainErrorCode) {
    super(code);
  }
}

/** Codes of `DomainError`, thrown by rules (not by validation, which returns issues). */
export const domainErrorCodes = [
  'id-mismatch',
  'schema-mismatch',
  'unknown-table',
  'unknown-version',
  'future-version',
  'migration-missing',
  'migration-invalid',
  'invalid-clock',
  'clock-drift',
  'counter-overflow',
  'self-merge',
  'kind-mismatch',
  'invalid-record',
  'invalid-date',
  'ledger-append-only',
  'ledger-out-of-order',
  'ledger-broken',
  'consent-not-given',
  'consent-in-future',
  'controller-exists',
  'notice-immutable',
  'notice-hash-mismatch',
  'purpose-in-use',
  'breach-in-future',
  'breach-order',
  'breach-decision-required',
  'breach-delay-reason-required',
  'retention-not-due',
  'retention-extension-past',
  'already-restricted',
  'not-restricted',
  'lift-task-required',
  'objection-append-only',
  'request-step',
  'request-closed',
  'request-in-future',
  'request-date-order',
  'request-due-mismatch',
  'request-paused',
  'request-not-paused',
  'request-already-extended',
  'request-extension-late',
  'rectification-change-required',
  'holidays-unavailable',
  // Erasure: the person to erase is not in the vault.
  'erasure-no-person',
] as const;
/** One `DomainError` code. */
export type DomainErrorCode = (typeof domainErrorCodes)[number];
