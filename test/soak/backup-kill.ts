// Crash harness: a child process writes backups in a loop and is killed with SIGKILL at seeded
// random moments. After every kill the folder must hold only complete, verified backups (plus
// temporary files, which listings ignore), and every acknowledged backup must be there.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { encodeBackup } from '../../renderer/backup/backup-file';
import { newBackupsKey, sampleRecords } from '../../renderer/backup/test-support';
import { verifyBackupStructure } from '../../shared/backup/format';
import { classifyBackupFolderEntry, parseBackupFileName } from '../../shared/backup/names';
import { nodeSha256 } from '../../electron/main/backup/backup-store';

/** How to run the harness. */
export interface KillOptions {
  iterations: number;
  seed: number;
  /** Absolute path of `test/soak/writer-child.ts`. */
  childEntry: string;
  /** Longest wait before the kill, in ms (the moment is drawn uniformly below it). */
  maxDelayMs?: number;
  onProgress?(done: number): void;
}

/** What the harness observed. */
export interface KillReport {
  iterations: number;
  acknowledged: number;
  tempFilesSeen: number;
  /** Kills that landed after a write began and before it was acknowledged. */
  killsMidWrite: number;
  /** Problems found (empty when the invariant held every time). */
  violations: string[];
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `iterations` kill cycles in a fresh temporary folder, removed at the end. */
export async function runKillIterations(options: KillOptions): Promise<KillReport> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'scrigno-kill-'));
  const folder = path.join(work, 'Backups');
  await mkdir(folder);
  const random = prng(options.seed);
  const report: KillReport = {
    iterations: 0,
    acknowledged: 0,
    tempFilesSeen: 0,
    killsMidWrite: 0,
    violations: [],
  };
  try {
    const child = path.join(work, 'writer-child.mjs');
    await build({
      entryPoints: [options.childEntry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: child,
      logLevel: 'warning',
    });

    const vaultId = 'killtest-vault';
    const key = await newBackupsKey();
    const fixtures: { file: string; sha256: string }[] = [];
    for (const [i, count] of [20, 1500, 6000].entries()) {
      const encoded = await encodeBackup({
        key,
        vaultId,
        generation: i,
        previousSha256: null,
        keySlots: new Uint8Array(16),
        records: sampleRecords(count, i),
        chunkSize: 64 * 1024,
      });
      await writeFile(path.join(work, `fixture-${i}.bin`), encoded.bytes);
      fixtures.push({ file: `fixture-${i}.bin`, sha256: encoded.sha256 });
    }
    const manifest = path.join(work, 'fixtures.json');
    await writeFile(manifest, JSON.stringify({ vaultId, fixtures }));
    const known = new Set(fixtures.map((f) => f.sha256));

    let generation = 0;
    for (let i = 0; i < options.iterations; i++) {
      const { acknowledged, midWrite } = await runOnce(
        child,
        folder,
        manifest,
        generation,
        random() * (options.maxDelayMs ?? 150),
      );
      report.acknowledged += acknowledged.length;
      if (midWrite) report.killsMidWrite += 1;
      const names = await readdir(folder);
      for (const name of acknowledged)
        if (!names.includes(name)) report.violations.push(`iteration ${i}: acknowledged backup missing`);
      for (const name of names) {
        const kind = classifyBackupFolderEntry(name);
        if (kind === 'temp') {
          report.tempFilesSeen += 1;
          await rm(path.join(folder, name), { force: true });
          continue;
        }
        const parsed = parseBackupFileName(name);
        if (kind !== 'backup' || !parsed) {
          report.violations.push(`iteration ${i}: unexpected entry kind ${kind}`);
          continue;
        }
        generation = Math.max(generation, parsed.generation + 1);
        const bytes = await readFile(path.join(folder, name));
        try {
          const inspection = await verifyBackupStructure(bytes, nodeSha256);
          if (!known.has(inspection.sha256))
            report.violations.push(`iteration ${i}: backup with unknown content`);
        } catch (err) {
          report.violations.push(
            `iteration ${i}: backup fails verification (${(err as { code?: string }).code ?? 'error'})`,
          );
        }
      }
      // Keep the folder small: only the three newest backups stay for the next round.
      const backups = (await readdir(folder)).filter((n) => parseBackupFileName(n)).sort();
      for (const name of backups.slice(0, -3)) await rm(path.join(folder, name));
      report.iterations += 1;
      options.onProgress?.(i + 1);
    }
    return report;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Starts the writer, kills it `delayMs` after it is ready, and returns the names it acknowledged
 * and whether the kill landed inside a write (a `begin` line without its `ok`).
 */
function runOnce(
  child: string,
  folder: string,
  manifest: string,
  generation: number,
  delayMs: number,
): Promise<{ acknowledged: string[]; midWrite: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, folder, manifest, String(generation)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    let inWrite = false;
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready' && !killed) {
          setTimeout(() => {
            killed = true;
            proc.kill('SIGKILL');
          }, delayMs);
        } else if (line.startsWith('begin ')) {
          inWrite = true;
        } else if (line.startsWith('ok ')) {
          inWrite = false;
          acknowledged.push(line.slice(3));
        }
      }
    });
    proc.stderr.on('data', (text: Buffer) => {
      stderr += text.toString();
    });
    proc.on('error', reject);
    // 'close', not 'exit': every line the child wrote before the kill has been read by then.
    proc.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve({ acknowledged, midWrite: inWrite });
      else reject(new Error(`writer exited on its own: ${stderr.trim()}`));
    });
  });
}

/** SHA-256 hex of a file, for reports. */
export async function fileSha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
