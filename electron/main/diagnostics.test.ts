import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDiagnosticReport, diagnosticFileName } from './diagnostics';
import { logFiles } from './log';

const work = mkdtempSync(path.join(tmpdir(), 'scrigno-diag-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const facts = {
  app: { name: 'Scrigno', version: '0.1.0', packaged: true },
  versions: { electron: '45.5.0', chrome: '140.0', node: '22.20.0' },
  os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
  locale: 'it-IT',
  settings: { closeToTray: true },
};

describe('diagnostic report', () => {
  it('bundles versions, settings and the logs, with nothing personal even from an old log', () => {
    const dir = path.join(work, 'logs');
    mkdirSync(dir);
    // A rotated log as an older version might have left it, with a canary in it.
    writeFileSync(
      path.join(dir, 'main.1.log'),
      '[info] saved /home/canary-user/x.csv for canary@example.it\n',
    );
    writeFileSync(path.join(dir, 'main.log'), '[info] backup written\n[warn] folder-missing\n');
    const now = new Date('2026-12-02T08:00:00Z');
    const zip = unzipSync(buildDiagnosticReport(facts, logFiles(dir), now));
    expect(Object.keys(zip).sort()).toEqual(['logs/main.1.log', 'logs/main.log', 'report.json']);
    expect(JSON.parse(strFromU8(zip['report.json']!))).toEqual({ generatedAt: now.toISOString(), ...facts });
    expect(strFromU8(zip['logs/main.log']!)).toBe('[info] backup written\n[warn] folder-missing\n');
    const old = strFromU8(zip['logs/main.1.log']!);
    expect(old).toBe('[info] saved [path] for [email]\n');
    expect(
      Object.values(zip)
        .map((bytes) => strFromU8(bytes))
        .join(''),
    ).not.toMatch(/canary/i);
    expect(diagnosticFileName(now)).toBe('scrigno-diagnostics-20261202.zip');
  });
});
