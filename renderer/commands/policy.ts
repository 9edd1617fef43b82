/**
 * The privacy checks a write command may declare. Each check sees the command's changes before
 * anything is written and throws `PolicyRefused` to stop it. The checks are switched off (no-ops)
 * until the features that give them meaning exist (restriction, erasure, legal holds, marketing
 * suppression); `setPolicyCheck` switches one on, and the tests do so to prove each command
 * consults exactly the checks it declares.
 */
import type { Model, Change } from '../vault';

/** The checks a command can declare. */
export const policyChecks = [
  /** A person whose processing is restricted (Art. 18) may be stored, not processed further. */
  'subject-restricted',
  /** An erased person (Art. 17) must not come back, e.g. through an import. */
  'subject-erased',
  /** Records kept under a legal obligation (e.g. accounting) must not be deleted early. */
  'legal-hold',
  /** A person who objected to marketing (Art. 21) is left out of marketing work. */
  'marketing-suppression',
] as const;
/** One of `policyChecks`. */
export type PolicyCheck = (typeof policyChecks)[number];

/** What a check is shown: the command, its changes and the model before them. */
export interface PolicyContext {
  readonly command: string;
  readonly changes: readonly Change[];
  readonly model: Model;
}

/** A check stopped the command; nothing was written. `check` says which. */
export class PolicyRefused extends Error {
  override readonly name = 'PolicyRefused';
  constructor(
    readonly check: PolicyCheck,
    /** How many records the check refused (never their ids or content). */
    readonly count = 1,
  ) {
    super(`refused by ${check}`);
  }
}

type CheckFn = (context: PolicyContext) => void;
const off: CheckFn = () => undefined;
const active = new Map<PolicyCheck, CheckFn>(policyChecks.map((c) => [c, off]));

/**
 * Replaces one check; returns the function that puts the previous one back.
 * WARNING: process-wide; the features that implement a rule install it once at start-up.
 */
export function setPolicyCheck(check: PolicyCheck, fn: CheckFn): () => void {
  const previous = active.get(check) ?? off;
  active.set(check, fn);
  return () => void active.set(check, previous);
}

/** Runs the declared checks in order; the first refusal stops the command. */
export function applyPolicy(declared: readonly PolicyCheck[], context: PolicyContext): void {
  for (const check of declared) active.get(check)!(context);
}
