import type { TFunction } from 'i18next';
import { toast } from 'sonner';
import { PolicyRefused, type LeftOut, type PolicyCheck } from '../commands';

/** The message of a command a privacy check refused, in the user's language; null for any other error. */
export function policyRefusalText(error: unknown, t: TFunction): string | null {
  return error instanceof PolicyRefused ? t(`restriction.refused.${error.check}`) : null;
}

/** One line per check that left records out of a bulk command or an export ("3 … were left out"). */
export function leftOutTexts(leftOut: LeftOut, t: TFunction): string[] {
  return (Object.entries(leftOut) as Array<[PolicyCheck, number]>)
    .filter(([, count]) => count > 0)
    .map(([check, count]) => t(`restriction.leftOut.${check}`, { count }));
}

/** Shows what the checks left out, if anything, as one warning toast. */
export function toastLeftOut(leftOut: LeftOut, t: TFunction): void {
  const lines = leftOutTexts(leftOut, t);
  if (lines.length > 0) toast.warning(lines.join(' '));
}

/**
 * Runs `action`; a privacy refusal becomes an error toast in the user's language (nothing was
 * written), anything else is thrown on. Resolves to whether the action ran.
 */
export async function withPolicyToast(action: () => Promise<unknown>, t: TFunction): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    const text = policyRefusalText(error, t);
    if (text === null) throw error;
    toast.error(text);
    return false;
  }
}
