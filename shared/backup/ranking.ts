/**
 * Which backups in a folder can be trusted, ranked by what their key-verified headers prove
 * (generation, creation time, the `previousSha256` chain), never by their file names. Anything
 * that does not fit is quarantined: listed with its reason, never counted for retention, never
 * deleted automatically and never offered first for restore. Pure, so the engine, the Backups page
 * and the restore screen decide the same way, and tests can replay hostile folders.
 */
import { backupFileName } from './names';

/** How far in the future a creation time may lie (clocks of two machines disagree a little). */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;

/** Why a backup is quarantined. */
export const quarantineReasons = [
  /** Its name says another date, generation or vault than its header: renamed or planted. */
  'name-mismatch',
  /** Its header says it was made in the future: a clock set wrong, or a planted file. */
  'future',
  /** It does not fit the chain of this vault's backups (duplicate generation, wrong predecessor, time going backwards). */
  'chain-broken',
  /** Another vault's backup, or one that this vault's key does not open. */
  'foreign',
  /** It is damaged (truncated, corrupt) or could not be read. */
  'damaged',
  /** Written by a newer Scrigno. */
  'newer-version',
] as const;
/** One of {@link quarantineReasons}. */
export type QuarantineReason = (typeof quarantineReasons)[number];

/** What a header check established about one file. */
export type BackupCheck =
  | {
      readonly ok: true;
      readonly vaultId: string;
      /** ISO 8601 creation time from the authenticated header. */
      readonly createdAt: string;
      readonly generation: number;
      readonly previousSha256: string | null;
      /** SHA-256 (hex) of the whole file. */
      readonly sha256: string;
    }
  | { readonly ok: false; readonly reason: 'foreign' | 'damaged' | 'newer-version' };

/** A backup that passed every check, with the facts retention and restore use. */
export interface TrustedBackup {
  readonly name: string;
  readonly createdAt: Date;
  readonly generation: number;
  readonly previousSha256: string | null;
  readonly sha256: string;
}

/** The outcome of {@link rankBackups}. */
export interface BackupRanking {
  /** Newest first (highest generation); the first is the one to offer for restore. */
  readonly trusted: readonly TrustedBackup[];
  readonly quarantined: ReadonlyArray<{ readonly name: string; readonly reason: QuarantineReason }>;
}

/** Options of {@link rankBackups}. */
export interface RankOptions {
  /** The vault whose backups these must be. */
  readonly vaultId: string;
  readonly now?: Date;
  /**
   * SHA-256 of the backup this vault knows it wrote last: the chain is walked down from it, so
   * genuine backups that do not descend to it (a fork, generations above it) are quarantined.
   * Without it, or when it is not in the folder, the highest generation is the anchor.
   */
  readonly anchorSha256?: string | null;
  readonly clockToleranceMs?: number;
}

/**
 * Splits checked backups into trusted (newest first) and quarantined. Checks, in order: the header
 * check itself, the vault id, name against header, a creation time beyond the clock tolerance,
 * then the chain walked down from the anchor: generations strictly decrease, creation times never
 * increase, and where two consecutive generations are both present the newer one names the older
 * one's SHA-256 as its predecessor.
 */
export function rankBackups(
  files: ReadonlyArray<{ readonly name: string; readonly check: BackupCheck }>,
  options: RankOptions,
): BackupRanking {
  const now = (options.now ?? new Date()).getTime();
  const tolerance = options.clockToleranceMs ?? CLOCK_TOLERANCE_MS;
  const quarantined: { name: string; reason: QuarantineReason }[] = [];
  const candidates: TrustedBackup[] = [];
  for (const { name, check } of files) {
    if (!check.ok) {
      quarantined.push({ name, reason: check.reason });
      continue;
    }
    if (check.vaultId !== options.vaultId) {
      quarantined.push({ name, reason: 'foreign' });
      continue;
    }
    const createdAt = new Date(check.createdAt);
    let expected: string | undefined;
    try {
      expected = backupFileName(check.vaultId, check.generation, createdAt);
    } catch {
      expected = undefined;
    }
    if (Number.isNaN(createdAt.getTime()) || expected !== name) {
      quarantined.push({ name, reason: 'name-mismatch' });
      continue;
    }
    if (createdAt.getTime() > now + tolerance) {
      quarantined.push({ name, reason: 'future' });
      continue;
    }
    candidates.push({
      name,
      createdAt,
      generation: check.generation,
      previousSha256: check.previousSha256,
      sha256: check.sha256,
    });
  }
  candidates.sort(
    (a, b) =>
      b.generation - a.generation ||
      b.createdAt.getTime() - a.createdAt.getTime() ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const anchor = candidates.find((c) => c.sha256 === options.anchorSha256) ?? candidates[0];
  const trusted: TrustedBackup[] = [];
  if (anchor) trusted.push(anchor);
  let current = anchor;
  for (const c of candidates) {
    if (!current || c === anchor) continue;
    const fits =
      c.generation < current.generation &&
      c.createdAt.getTime() <= current.createdAt.getTime() &&
      (c.generation !== current.generation - 1 || current.previousSha256 === c.sha256);
    if (!fits) {
      quarantined.push({ name: c.name, reason: 'chain-broken' });
      continue;
    }
    trusted.push(c);
    current = c;
  }
  return { trusted, quarantined };
}
