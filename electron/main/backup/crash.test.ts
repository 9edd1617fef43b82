import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runKillIterations } from '../../../test/soak/backup-kill';

// SIGKILL keeps the OS page cache, so this proves atomic naming (no partial file under a final
// name), not durability; `power-cut.test.ts` simulates losing what was not fsynced.
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
    // Kills must land inside writes (after `begin`, before `ok`), or the test proves nothing: counted.
    expect(report.killsMidWrite).toBeGreaterThanOrEqual(10);
    expect(report.acknowledged).toBeGreaterThan(0);
  }, 60_000);
});
