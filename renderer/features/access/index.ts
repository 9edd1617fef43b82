// The entry of the access screens: what the app shell and other features may use.
export { RecoveryKitScreen } from './recovery-kit-screen';
export { UnlockScreen } from './unlock-screen';
export { WelcomeScreen } from './welcome-screen';
export { checkNewPassphrase, PassphraseField, StrengthMeter, useStrength } from './passphrase-field';
export { vaultErrorMessage } from './vault-error';
