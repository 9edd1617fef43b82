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

/**
 * What a check is shown: the command, its changes and the model before them. A read command
 * (`read-commands.ts`) shows the records it is about to read, each as an unchanged change
 * (`before` and `after` the same record).
 */
export interface PolicyContext {
  readonly command: string;
  readonly changes: readonly Change[];
  readonly model: Model;
  /**
   * Present for a bulk command: the check leaves the change out (it is counted, never named)
   * instead of refusing the whole command. Absent: the check throws `PolicyRefused`.
   */
  readonly leaveOut?: (change: Change) => void;
}

/** How many records each check left out of a bulk command. */
export type LeftOut = Partial<Record<PolicyCheck, number>>;

/** What the checks let through: the changes that remain, and how many each check left out. */
export interface PolicyOutcome {
  readonly changes: readonly Change[];
  readonly leftOut: LeftOut;
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

/**
 * Runs the declared checks in order; the first refusal stops the command. With `bulk`, each check
 * may leave changes out instead, and the next check sees only what remains.
 */
export function applyPolicy(
  declared: readonly PolicyCheck[],
  context: Omit<PolicyContext, 'leaveOut'>,
  bulk = false,
): PolicyOutcome {
  let changes = context.changes;
  const leftOut: LeftOut = {};
  for (const check of declared) {
    if (!bulk) {
      active.get(check)!({ ...context, changes });
      continue;
    }
    const out = new Set<Change>();
    active.get(check)!({ ...context, changes, leaveOut: (change) => void out.add(change) });
    if (out.size === 0) continue;
    leftOut[check] = out.size;
    changes = changes.filter((c) => !out.has(c));
  }
  return { changes, leftOut };
}

/** The total of a `LeftOut`. */
export function leftOutCount(leftOut: LeftOut): number {
  return Object.values(leftOut).reduce((sum, n) => sum + n, 0);
}
