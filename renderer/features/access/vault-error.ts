import type { TFunction } from 'i18next';
import { isVaultError } from '../../vault';

/** The user's-language message for a vault failure; unknown failures get a generic one. */
export function vaultErrorMessage(t: TFunction, error: unknown): string {
  return t(isVaultError(error) ? `vaultErrors.${error.code}` : 'vaultErrors.unknown');
}
