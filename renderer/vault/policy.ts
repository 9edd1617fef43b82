// KDF parameters and the policy that decides which ones a vault may be created or opened with.

/** Argon2id cost parameters as stored in the vault header. */
export interface KdfParams {
  /** Memory in KiB. */
  m: number;
  /** Iterations. */
  t: number;
  /** Lanes. */
  p: number;
}

/** The production floor: no vault is created or opened below it. */
export const PRODUCTION_KDF_FLOOR: Readonly<KdfParams> = Object.freeze({ m: 65536, t: 3, p: 1 });

/** Upper bounds accepted from a header; larger values are treated as tampering (denial of service). */
export const KDF_CEILING: Readonly<KdfParams> = Object.freeze({ m: 1048576, t: 64, p: 1 });

/**
 * Marks a policy that may go below the production floor. Only `test-support.ts` sets it; the public
 * index does not re-export it, so app code cannot reach a weaker profile by accident.
 */
export const testOnlyPolicyMark: unique symbol = Symbol('scrigno.vault.test-only-kdf-policy');

/** How KDF parameters are chosen at creation and checked at unlock. */
export interface KdfPolicy {
  /** Parameters below this are refused at creation and reported as `header-tampered` at unlock. */
  readonly floor: Readonly<KdfParams>;
  /** Fixed parameters for new slots; when absent the creating machine is calibrated. */
  readonly params?: Readonly<KdfParams>;
  readonly [testOnlyPolicyMark]?: true;
}

/** The policy used when none is given: calibrated, never below the production floor. */
export const PRODUCTION_KDF_POLICY: KdfPolicy = Object.freeze({ floor: PRODUCTION_KDF_FLOOR });

/** True when `a` is at least as costly as `b` in every dimension that matters. */
export function meetsFloor(a: KdfParams, floor: KdfParams): boolean {
  return a.m >= floor.m && a.t >= floor.t && a.p >= floor.p;
}

/** True when the parameters are plausible integers within the accepted ceiling. */
export function withinCeiling(a: KdfParams): boolean {
  return (
    [a.m, a.t, a.p].every((n) => Number.isSafeInteger(n) && n >= 1) &&
    a.m <= KDF_CEILING.m &&
    a.t <= KDF_CEILING.t &&
    a.p <= KDF_CEILING.p &&
    a.m >= 8 * a.p
  );
}

/**
 * Throws (a programming error, not a VaultError) when a policy would create slots below the
 * production floor without being explicitly marked as test-only.
 */
export function assertCreatablePolicy(policy: KdfPolicy): void {
  const weak =
    !meetsFloor(policy.floor, PRODUCTION_KDF_FLOOR) ||
    (policy.params !== undefined && !meetsFloor(policy.params, PRODUCTION_KDF_FLOOR));
  if (weak && policy[testOnlyPolicyMark] !== true)
    throw new Error('vault: KDF policy below the production floor');
  if (policy.params && !meetsFloor(policy.params, policy.floor))
    throw new Error('vault: KDF params below the policy floor');
}
