import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (Node, beside the code, fake-indexeddb where Dexie is involved) and
 * `e2e` (the built app in Debian's Chromium through playwright-core, one file at a time).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'electron/**/*.test.ts',
            'test/unit/**/*.test.ts',
          ],
          environment: 'node',
          setupFiles: ['test/setup/unit.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts', 'test/electron/**/*.spec.ts'],
          environment: 'node',
          // A browser on a busy machine: polled expectations get ten seconds, not one.
          expect: { poll: { timeout: 10_000, interval: 100 } },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
