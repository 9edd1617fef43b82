import type { RootOptions } from 'react-dom/client';

const ignore = (): void => {};

/**
 * The root's error callbacks. React's defaults print every error a boundary catches, and every
 * uncaught or recovered one, to the console; such an error can quote record content (a name in a
 * failed format call), so nothing is printed. The error boundary tells the user what happened.
 */
export const rootOptions: RootOptions = {
  onCaughtError: ignore,
  onUncaughtError: ignore,
  onRecoverableError: ignore,
};
