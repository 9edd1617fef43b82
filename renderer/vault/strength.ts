// Passphrase strength with zxcvbn-ts, loaded lazily: its dictionaries are large.
import type { zxcvbn as zxcvbnFn } from '@zxcvbn-ts/core';

/** Minimum zxcvbn score accepted for a vault passphrase. */
export const MIN_PASSPHRASE_SCORE = 3;

/** Result of a strength check; `score` is zxcvbn's 0–4. */
export interface PassphraseStrength {
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
}

type Zxcvbn = typeof zxcvbnFn;
let loading: Promise<Zxcvbn> | undefined;

function load(): Promise<Zxcvbn> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/language-it'),
  ]).then(([core, common, en, it]) => {
    core.zxcvbnOptions.setOptions({
      dictionary: { ...common.dictionary, ...en.dictionary, ...it.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return core.zxcvbn;
  });
  return loading;
}

/** Scores a passphrase; `userInputs` (name, email, …) count as guessable words. */
export async function passphraseStrength(
  passphrase: string,
  userInputs: string[] = [],
): Promise<PassphraseStrength> {
  const zxcvbn = await load();
  // zxcvbn is quadratic in length; beyond 100 characters the prefix decides.
  const score = zxcvbn(passphrase.slice(0, 100), userInputs).score;
  return { score, acceptable: score >= MIN_PASSPHRASE_SCORE };
}
