import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { redactText } from './log';
import type { ShellSettings } from './shell-settings';

/** What the report says about the app and the machine: versions, never a name or a path. */
export interface DiagnosticFacts {
  readonly app: { readonly name: string; readonly version: string; readonly packaged: boolean };
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly locale: string;
  readonly settings: ShellSettings;
}

/** The report's file name: a date, nothing else. */
export function diagnosticFileName(now: Date): string {
  return `scrigno-diagnostics-${now.toISOString().slice(0, 10).replace(/-/g, '')}.zip`;
}

/**
 * The "Export diagnostic report" zip: `report.json` (versions, OS, locale, the shell's
 * settings) and the main process's log files, redacted once more line by line (logs written by
 * an older version may predate a filter). It holds no records: the shell never has them.
 */
export function buildDiagnosticReport(
  facts: DiagnosticFacts,
  logFiles: readonly string[],
  now: Date,
): Uint8Array {
  const entries: Record<string, Uint8Array> = {
    'report.json': strToU8(JSON.stringify({ generatedAt: now.toISOString(), ...facts }, null, 2)),
  };
  for (const file of logFiles) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8').split('\n').map(redactText).join('\n');
    entries[`logs/${path.basename(file)}`] = strToU8(text);
  }
  return zipSync(entries, { level: 6, mtime: now });
}
