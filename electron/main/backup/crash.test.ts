import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runKillIterations } from '../../../test/soak/backup-kill';

describe('backup writer killed with SIGKILL', () => {
  it('leaves only complete verified backups and temp files, 50 seeded kills', async () => {
    const report = await runKillIterations({
      iterations: 50,
      seed: 20250101,
      childEntry: fileURLToPath(new URL('../../../test/soak/writer-child.ts', import.meta.url)),
      maxDelayMs: 120,
    });
    expect(report.violations).toEqual([]);
    expect(report.iterations).toBe(50);
    // The kills must have landed during writes at least sometimes, or the test proves nothing.
    expect(report.acknowledged + report.tempFilesSeen).toBeGreaterThan(0);
  }, 60_000);
});
