import { defineConfig } from 'vitest/config';

/**
 * The unit tests as StrykerJS runs them: one Node project, no browser suite and no fuzzing (the
 * fuzz properties run thousands of inputs per mutant and add nothing a mutant needs). Stryker's
 * vitest runner picks, for each mutated file, the tests related to it.
 */
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'electron/**/*.test.ts',
      'test/unit/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/*.fuzz.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/unit.ts'],
    testTimeout: 60_000,
  },
});
