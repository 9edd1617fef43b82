// Power-cut simulation of the backup writer. A script of backup runs (key ledger, backup file,
// retention) runs through the real host module on a `PowerCutFileSystem`; the power goes off
// before a chosen mutating step, every file falls back to its last fsynced content and every
// folder to its last fsynced entries. Then the folder must hold only complete backups that
// verify with the key, every backup acknowledged before the cut, a ledger at least as new as the
// last acknowledged one, and temporary files; and the next run must succeed and clean up.
import { encodeBackup, verifyBackup, type EncodedBackup } from '../../renderer/backup/backup-file';
import { encodeKeyLedger, openKeyLedger, type EncodedKeyLedger } from '../../renderer/backup/key-ledger';
import { newBackupsKey, sampleRecords } from '../../renderer/backup/test-support';
import {
  classifyBackupFolderEntry,
  keyLedgerFileName,
  parseBackupFileName,
  vaultIdPrefix,
} from '../../shared/backup/names';
import { pruneBackups, writeBackupFile, writeKeyLedgerFiles } from '../../electron/main/backup/backup-store';
import { createRng } from '../fixtures/generate';
import { PowerCutFileSystem } from './power-cut-fs';

const FOLDER = '/media/usb/Backups';
const VAULT_ID = 'powercut-vault';

/** How to run the simulation. */
export interface PowerCutOptions {
  /** Crash points to run. */
  crashPoints: number;
  /**
   * `sweep`: crash before step 0, 1, 2, … of one fixed script (every step of it at least once);
   * `random`: seeded random scripts and steps.
   */
  mode: 'sweep' | 'random';
  seed?: number;
  onProgress?(done: number): void;
}

/** What the simulation observed. */
export interface PowerCutReport {
  crashPoints: number;
  /** Crash points where the power really went off (the script had not finished first). */
  cutsLanded: number;
  /** Cuts that landed while a file was written but before it was named (temp file existed). */
  cutsMidWrite: number;
  /** Backups acknowledged before a cut, all found again after it. */
  acknowledgedSurvived: number;
  /** Recovery runs after a cut that wrote a new backup and ledger. */
  recoveries: number;
  violations: string[];
}

interface Fixtures {
  key: CryptoKey;
  backups: EncodedBackup[];
  ledgers: EncodedKeyLedger[];
}

async function makeFixtures(count: number): Promise<Fixtures> {
  const key = await newBackupsKey();
  const backups: EncodedBackup[] = [];
  const ledgers: EncodedKeyLedger[] = [];
  let previous: string | null = null;
  for (let g = 0; g < count; g++) {
    const b = await encodeBackup({
      key,
      vaultId: VAULT_ID,
      generation: g,
      previousSha256: previous,
      keySlots: new Uint8Array(16),
      records: sampleRecords(12 + (g % 5) * 9, g + 1),
      chunkSize: 256,
      createdAt: new Date(Date.UTC(2026, 0, 1) + g * 3_600_000),
    });
    previous = b.sha256;
    backups.push(b);
    ledgers.push(
      await encodeKeyLedger(
        {
          vaultId: VAULT_ID,
          generation: g,
          subjects: new Map([[`s_${g}`, new Uint8Array(32).fill(g)]]),
          erasures: [],
        },
        key,
      ),
    );
  }
  return { key, backups, ledgers };
}

/** What the writer has promised so far: the oracle the folder is checked against. */
interface Promises {
  acknowledged: Set<string>;
  ledgerGeneration: number;
}

/** One backup run of generation `g`: ledger, backup, then retention keeping the last `keep`. */
async function runCycle(fs: PowerCutFileSystem, fx: Fixtures, g: number, keep: number, promised: Promises) {
  const ledger = fx.ledgers[g]!;
  await writeKeyLedgerFiles(fs, FOLDER, ledger.fileName, ledger.bytes, ledger.sha256);
  promised.ledgerGeneration = g;
  const backup = fx.backups[g]!;
  await writeBackupFile(fs, FOLDER, backup.fileName, backup.bytes, backup.sha256);
  promised.acknowledged.add(backup.fileName);
  const remove = (await fs.readdir(FOLDER))
    .map((name) => ({ name, parsed: parseBackupFileName(name) }))
    .filter((e) => e.parsed && e.parsed.generation <= g - keep)
    .map((e) => e.name);
  // Only acknowledged deletions are forgotten by the oracle: an unlink not yet fsynced may come back.
  const result = await pruneBackups(fs, FOLDER, vaultIdPrefix(VAULT_ID), remove);
  for (const name of result.deleted) promised.acknowledged.delete(name);
}

/** Checks the folder against what was promised; returns the violations and the highest generation. */
async function checkFolder(
  fs: PowerCutFileSystem,
  fx: Fixtures,
  promised: Promises,
  label: string,
): Promise<{ violations: string[]; highest: number; temps: number }> {
  const violations: string[] = [];
  const names = fs.names(FOLDER);
  const known = new Map(fx.backups.map((b) => [b.fileName, b.sha256]));
  let highest = -1;
  let temps = 0;
  for (const name of promised.acknowledged)
    if (!names.includes(name)) violations.push(`${label}: acknowledged backup lost`);
  const ledgerName = keyLedgerFileName(VAULT_ID);
  let bestLedger = -1;
  for (const name of names) {
    const kind = classifyBackupFolderEntry(name);
    if (kind === 'temp') {
      temps += 1;
      continue;
    }
    const bytes = await fs.readFile(`${FOLDER}/${name}`);
    if (kind === 'backup') {
      try {
        const verified = await verifyBackup(bytes, fx.key, { vaultId: VAULT_ID });
        if (known.get(name) !== verified.sha256) violations.push(`${label}: backup with other content`);
        highest = Math.max(highest, verified.header.generation);
      } catch (err) {
        violations.push(`${label}: backup does not verify (${(err as { code?: string }).code ?? 'error'})`);
      }
    } else if (kind === 'ledger' && (name === ledgerName || name === `${ledgerName}.2`)) {
      try {
        const ledger = await openKeyLedger(bytes, fx.key, { vaultId: VAULT_ID });
        bestLedger = Math.max(bestLedger, ledger.generation);
      } catch (err) {
        violations.push(
          `${label}: ledger copy does not open (${(err as { code?: string }).code ?? 'error'})`,
        );
      }
    } else {
      violations.push(`${label}: unexpected entry (${kind})`);
    }
  }
  if (bestLedger < promised.ledgerGeneration) violations.push(`${label}: ledger older than acknowledged`);
  return { violations, highest, temps };
}

/** Runs the simulation; see the file comment. */
export async function runPowerCutSimulation(options: PowerCutOptions): Promise<PowerCutReport> {
  const rng = createRng(options.seed ?? 1);
  const random = () => rng.next();
  const cyclesMax = options.mode === 'sweep' ? Math.ceil(options.crashPoints / 16) + 1 : 24;
  const fx = await makeFixtures(cyclesMax + 2);
  const report: PowerCutReport = {
    crashPoints: 0,
    cutsLanded: 0,
    cutsMidWrite: 0,
    acknowledgedSurvived: 0,
    recoveries: 0,
    violations: [],
  };
  for (let point = 0; point < options.crashPoints; point++) {
    const cycles = options.mode === 'sweep' ? cyclesMax : 1 + Math.floor(random() * cyclesMax);
    const keep = options.mode === 'sweep' ? 3 : 1 + Math.floor(random() * 4);
    const cutAt = options.mode === 'sweep' ? point : Math.floor(random() * cycles * 18);
    const fs = new PowerCutFileSystem([FOLDER]);
    const promised: Promises = { acknowledged: new Set(), ledgerGeneration: -1 };
    fs.cutAfter(cutAt);
    let g = 0;
    let sawTemp = false;
    try {
      for (; g < cycles; g++) await runCycle(fs, fx, g, keep, promised);
    } catch (err) {
      if (!fs.powerLost)
        report.violations.push(`point ${point}: writer failed without a cut (${String(err)})`);
    }
    sawTemp = fs.powerLost && fs.names(FOLDER).some((n) => classifyBackupFolderEntry(n) === 'temp');
    const landed = fs.powerLost;
    fs.restore();
    report.crashPoints += 1;
    if (landed) report.cutsLanded += 1;
    if (sawTemp) report.cutsMidWrite += 1;
    const after = await checkFolder(fs, fx, promised, `point ${point} after the cut`);
    report.violations.push(...after.violations);
    report.acknowledgedSurvived += [...promised.acknowledged].filter((n) =>
      fs.names(FOLDER).includes(n),
    ).length;
    if (!landed) continue;
    // The next run: a new generation above everything there, and stale temporary files go.
    const next = Math.max(after.highest, promised.ledgerGeneration, g) + 1;
    try {
      await runCycle(fs, fx, next, keep, promised);
      const recovered = await checkFolder(fs, fx, promised, `point ${point} after recovery`);
      report.violations.push(...recovered.violations);
      if (!fs.names(FOLDER).includes(fx.backups[next]!.fileName))
        report.violations.push(`point ${point}: recovery backup missing`);
      if (recovered.temps > 0) report.violations.push(`point ${point}: temporary files left after recovery`);
      report.recoveries += 1;
    } catch (err) {
      report.violations.push(
        `point ${point}: recovery failed (${(err as { code?: string }).code ?? String(err)})`,
      );
    }
    options.onProgress?.(point + 1);
  }
  return report;
}
