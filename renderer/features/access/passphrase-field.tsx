import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../session/preferences';
import { passphraseStrength, type PassphraseStrength } from '../../vault';

/**
 * What a passphrase field tells password managers. Unless the user chose otherwise in Settings,
 * the vault passphrase is not for them: autocomplete off, and the opt-out attributes of the common
 * managers (1Password, LastPass, Bitwarden, Dashlane). Browsers may still offer to save it; the
 * web mode's README says so.
 */
export function passwordManagerAttributes(
  allowed: boolean,
  purpose: 'current-password' | 'new-password',
): Record<string, string> {
  if (allowed) return { autoComplete: purpose };
  return {
    autoComplete: 'off',
    'data-1p-ignore': 'true',
    'data-lpignore': 'true',
    'data-bwignore': 'true',
    'data-form-type': 'other',
  };
}

/** A password input with a show/hide toggle. */
export function PassphraseField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  autoComplete: 'current-password' | 'new-password';
  describedBy?: string;
  invalid?: boolean;
  /** A stable id, for fields that commands focus. */
  id?: string;
}) {
  const { t } = useTranslation();
  const generated = useId();
  const id = props.id ?? generated;
  const [visible, setVisible] = useState(false);
  const { passwordManager } = usePreferences();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="passphrase-input">
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          autoFocus={props.autoFocus}
          {...passwordManagerAttributes(passwordManager, props.autoComplete)}
          spellCheck={false}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid || undefined}
        />
        <button
          type="button"
          className="button secondary"
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {t('access.showPassphrase')}
        </button>
      </div>
    </div>
  );
}

/** Live strength of a new passphrase (zxcvbn), as a meter and words. */
export function useStrength(passphrase: string): PassphraseStrength | null {
  // Keyed by the passphrase it scores, so a stale score is never shown for newer input.
  const [scored, setScored] = useState<{ for: string; strength: PassphraseStrength } | null>(null);
  useEffect(() => {
    let current = true;
    if (passphrase)
      void passphraseStrength(passphrase).then((s) => current && setScored({ for: passphrase, strength: s }));
    return () => {
      current = false;
    };
  }, [passphrase]);
  return passphrase && scored?.for === passphrase ? scored.strength : null;
}

/** The strength meter shown under a new passphrase. */
export function StrengthMeter({ strength, id }: { strength: PassphraseStrength | null; id: string }) {
  const { t } = useTranslation();
  const score = strength?.score ?? 0;
  return (
    <div className="strength" id={id} aria-live="polite">
      <meter min={0} max={4} low={2} high={3} optimum={4} value={strength ? score : 0} aria-hidden="true" />
      <span>
        {strength
          ? t('access.strength', { label: t(`access.strengthLabels.s${score}`) })
          : t('access.passphraseHint')}
      </span>
    </div>
  );
}

/** Checks a new passphrase and its confirmation; returns the message key of the problem. */
export function newPassphraseProblem(
  passphrase: string,
  confirmation: string,
  strength: PassphraseStrength | null,
): 'access.tooWeak' | 'access.mismatch' | null {
  if (!strength?.acceptable) return 'access.tooWeak';
  if (passphrase !== confirmation) return 'access.mismatch';
  return null;
}

/**
 * The same check at submit time: waits for the strength score itself, so a passphrase typed
 * faster than the dictionaries load is judged, not refused.
 */
export async function checkNewPassphrase(
  passphrase: string,
  confirmation: string,
): Promise<'access.tooWeak' | 'access.mismatch' | null> {
  return newPassphraseProblem(
    passphrase,
    confirmation,
    passphrase ? await passphraseStrength(passphrase) : null,
  );
}
