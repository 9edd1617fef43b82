// A backup writer for the crash harness: writes the prepared backups in a loop through the real
// host module until it is killed. Bundled with esbuild at harness start and run as plain Node.
//   node writer-child.mjs <folder> <fixtures.json> <first generation>
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { backupFileName } from '../../shared/backup/names';
import { writeBackupFile } from '../../electron/main/backup/backup-store';
import { nodeFileSystem } from '../../electron/main/backup/file-system';

interface Fixture {
  file: string;
  sha256: string;
}

async function main(): Promise<void> {
  const [folder = '', manifest = '', first = '0'] = process.argv.slice(2);
  const { vaultId, fixtures } = JSON.parse(await readFile(manifest, 'utf8')) as {
    vaultId: string;
    fixtures: Fixture[];
  };
  const loaded = await Promise.all(
    fixtures.map(async (f) => ({
      bytes: new Uint8Array(await readFile(path.join(path.dirname(manifest), f.file))),
      sha256: f.sha256,
    })),
  );
  process.stdout.write('ready\n');
  for (let generation = Number(first); ; generation++) {
    const fixture = loaded[generation % loaded.length]!;
    const name = backupFileName(vaultId, generation, new Date());
    // Announced before the write starts, so the harness can tell a kill that landed mid-write.
    process.stdout.write(`begin ${name}\n`);
    await writeBackupFile(nodeFileSystem, folder, name, fixture.bytes, fixture.sha256);
    // Acknowledged only after the write (and the folder fsync) returned.
    process.stdout.write(`ok ${name}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`writer failed: ${(err as { code?: string }).code ?? 'unknown'}\n`);
  process.exit(1);
});
