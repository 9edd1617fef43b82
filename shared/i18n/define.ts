/** A catalog fragment with exactly the keys of an English one. */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/**
 * Declares one area's messages in both languages side by side; the compiler checks that the
 * Italian has exactly the English keys. Areas live in `messages/` so they can grow separately.
 */
export function defineMessages<T extends object>(en: T, it: DeepStrings<T>): { en: T; it: DeepStrings<T> } {
  return { en, it };
}
