import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useSession } from '../../session/session';
import { useWorkspace } from '../../session/workspace';
import type { RotationProgress, Vault } from '../../vault';
import {
  checkNewPassphrase,
  PassphraseField,
  StrengthMeter,
  useStrength,
  vaultErrorMessage,
} from '../access';

/** What each key form needs: the unlocked vault, a busy flag and an error in the user's words. */
function useKeyForm() {
  const { t } = useTranslation();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `body` with the vault; a failure becomes the form's message. True when it succeeded. */
  const run = async (body: (vault: Vault) => Promise<void>): Promise<boolean> => {
    if (!vault) return false;
    setBusy(true);
    setError(null);
    try {
      await body(vault);
      return true;
    } catch (err) {
      setError(vaultErrorMessage(t, err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const vault = session.status === 'unlocked' ? session.vault : undefined;
  return { t, busy, error, setError, run };
}

function FormError({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="form-error">
      {error}
    </p>
  ) : null;
}

/** The current passphrase, which every key change asks for first. */
function CurrentPassphrase(props: { value: string; onChange: (value: string) => void; invalid: boolean }) {
  const { t } = useTranslation();
  return (
    <PassphraseField
      label={t('security.currentPassphrase')}
      value={props.value}
      onChange={props.onChange}
      autoComplete="current-password"
      invalid={props.invalid}
    />
  );
}

/** Change passphrase: the current one first, then the new one twice. */
export function ChangePassphraseForm() {
  const { t, busy, error, setError, run } = useKeyForm();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const strength = useStrength(passphrase);
  const ids = useId();

  const change = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!current) return setError(t('security.currentMissing'));
    const problem = await checkNewPassphrase(passphrase, confirmation);
    if (problem) return setError(t(problem));
    const done = await run((vault) => vault.changePassphrase(current, passphrase));
    if (!done) return;
    setCurrent('');
    setPassphrase('');
    setConfirmation('');
    toast.success(t('security.changed'));
  };

  return (
    <form className="subform" onSubmit={(e) => void change(e)} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('security.changeTitle')}</h2>
      <p className="muted">{t('security.changeBody')}</p>
      <CurrentPassphrase value={current} onChange={setCurrent} invalid={!!error} />
      <PassphraseField
        label={t('access.newPassphrase')}
        value={passphrase}
        onChange={setPassphrase}
        autoComplete="new-password"
        describedBy={`${ids}-strength`}
      />
      <StrengthMeter strength={strength} id={`${ids}-strength`} />
      <PassphraseField
        label={t('access.passphraseConfirm')}
        value={confirmation}
        onChange={setConfirmation}
        autoComplete="new-password"
      />
      <FormError error={error} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('security.changing') : t('security.change')}
      </button>
    </form>
  );
}

/** A new recovery key, shown once (as at creation: printable, never copied to the clipboard). */
function NewRecoveryKeyShown(props: { recoveryKey: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="recovery-kit" role="status">
      <p>{t('security.recoveryShown')}</p>
      <p className="recovery-key" data-testid="new-recovery-key" aria-label={t('access.recoveryKey')}>
        {props.recoveryKey}
      </p>
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t('access.recoveryPrint')}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          {t('security.recoveryDone')}
        </button>
      </div>
    </div>
  );
}

/**
 * New recovery key: replaces the recovery slot after the current passphrase, then shows the new
 * key once (as at creation: printable, never copied to the clipboard).
 */
export function NewRecoveryKeyForm() {
  const { t, busy, error, setError, run } = useKeyForm();
  const [current, setCurrent] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const ids = useId();

  const replace = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!current) return setError(t('security.currentMissing'));
    let key = '';
    const done = await run(async (vault) => {
      key = await vault.replaceRecoveryKey(current);
    });
    if (!done) return;
    setCurrent('');
    setShown(key);
    toast.success(t('security.recoveryReplaced'));
  };

  return (
    <form className="subform" onSubmit={(e) => void replace(e)} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('security.recoveryTitle')}</h2>
      <p className="muted">{t('security.recoveryBody')}</p>
      {shown ? (
        <NewRecoveryKeyShown recoveryKey={shown} onDone={() => setShown(null)} />
      ) : (
        <>
          <CurrentPassphrase value={current} onChange={setCurrent} invalid={!!error} />
          <FormError error={error} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('security.recoveryCreating') : t('security.recoveryCreate')}
          </button>
        </>
      )}
    </form>
  );
}

/** The progress line of a rotation, in words and as a bar. */
function RotationProgressView({ progress }: { progress: RotationProgress }) {
  const { t } = useTranslation();
  const label =
    progress.phase === 'sealing'
      ? t('security.rotateSealing', { done: progress.done, total: progress.total })
      : t(`security.rotatePhase.${progress.phase}`);
  return (
    <div className="rotation-progress" data-testid="rotation-progress">
      <progress
        max={Math.max(progress.total, 1)}
        value={progress.phase === 'reading' ? undefined : progress.done}
        aria-label={t('security.rotateTitle')}
      />
      <p role="status" aria-live="polite">
        {label}
      </p>
    </div>
  );
}

/**
 * Rotate the master key: after the current passphrase, every record is sealed again under a new
 * master key (new vault id, new keys per person, new recovery key; same passphrase), with
 * progress; the new recovery key is shown once. Says what earlier backups still open with.
 */
export function RotateMasterKeyForm() {
  const { t, busy, error, setError, run } = useKeyForm();
  const { repo } = useWorkspace();
  const [current, setCurrent] = useState('');
  const [progress, setProgress] = useState<RotationProgress | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const ids = useId();

  const rotate = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!current) return setError(t('security.currentMissing'));
    let key = '';
    const done = await run(async (vault) => {
      key = await vault.rotateMasterKey(current, { reblind: repo.reblind, onProgress: setProgress });
    });
    setProgress(null);
    if (!done) return;
    setCurrent('');
    setShown(key);
    toast.success(t('security.rotated'));
  };

  return (
    <form className="subform" onSubmit={(e) => void rotate(e)} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('security.rotateTitle')}</h2>
      <p className="muted">{t('security.rotateBody')}</p>
      <p className="muted">{t('security.rotateBackups')}</p>
      {shown ? (
        <NewRecoveryKeyShown recoveryKey={shown} onDone={() => setShown(null)} />
      ) : (
        <>
          <CurrentPassphrase value={current} onChange={setCurrent} invalid={!!error} />
          {progress && <RotationProgressView progress={progress} />}
          <FormError error={error} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('security.rotating') : t('security.rotate')}
          </button>
        </>
      )}
    </form>
  );
}
