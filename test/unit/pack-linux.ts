// Packing the built app as electron-builder does for Linux, and reading back the packed binary's
// Electron fuses: shared by the packaging test (a stand-in binary) and the real-Electron suite.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where Electron's fuse wire starts in its binary (@electron/fuses), and the fuses in wire order. */
export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const fuseNames = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];

/** The fuses every packed binary must carry ('0' off, '1' on). */
export const lockedDownFuses = {
  RunAsNode: '0',
  EnableCookieEncryption: '1',
  EnableNodeOptionsEnvironmentVariable: '0',
  EnableNodeCliInspectArguments: '0',
  EnableEmbeddedAsarIntegrityValidation: '1',
  OnlyLoadAppFromAsar: '1',
  LoadBrowserProcessSpecificV8Snapshot: '0',
  GrantFileProtocolExtraPrivileges: '0',
};

/**
 * Packs the built app with electron-builder's `--linux dir` around the Electron binary in
 * `electronDist`, into `output` (the app is then in `output/linux-unpacked`). Returns the result.
 */
export function packLinuxDir(electronDist: string, output: string) {
  return spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--config',
      'electron-builder.yml',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
}

/** The fuse wire of the binary at `file`, by name ('0', '1', or 'r' removed); null: no wire. */
export function fuseWire(file: string): Record<string, string> | null {
  const packed = readFileSync(file);
  const start = packed.indexOf(SENTINEL);
  if (start < 0) return null;
  const at = start + SENTINEL.length;
  // Wire version 1: a length byte, then one character per fuse.
  if (packed[at] !== 1) return null;
  const wire = [...packed.subarray(at + 2, at + 2 + packed[at + 1]!)].map((b) => String.fromCharCode(b));
  return Object.fromEntries(fuseNames.map((name, i) => [name, wire[i]!]));
}
