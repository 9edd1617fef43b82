/**
 * File names in a backup folder. Names carry no personal data: a prefix of the random vault id,
 * the generation and the UTC creation time. Listings must survive cloud-sync clients that leave
 * conflict copies beside the real files, so those are recognised and reported, never used.
 */

/** Extension of a backup file. */
export const BACKUP_EXTENSION = '.scrigno-backup';
/** Extension of the key-ledger file; its second copy adds `.2`. */
export const LEDGER_EXTENSION = '.keyledger';
/** Prefix of temporary files written before an atomic rename or link. */
export const TEMP_FILE_PREFIX = '.scrigno-tmp-';
/** Digits the generation is padded to in a file name (more are allowed when it grows). */
export const GENERATION_DIGITS = 8;

const backupNamePattern = /^scrigno-([a-z0-9_-]{8})-(\d{8,15})-(\d{8}T\d{6}Z)\.scrigno-backup$/;
const ledgerNamePattern = /^scrigno-([a-z0-9_-]{8})\.keyledger(\.2)?$/;
// The canonical core, found inside names a sync client decorated.
const backupCorePattern = /scrigno-[a-z0-9_-]{8}-\d{8,15}-\d{8}T\d{6}Z/i;
const ledgerCorePattern = /scrigno-[a-z0-9_-]{8}\.keyledger/i;
const conflictMarkers: readonly RegExp[] = [
  /conflicted copy/i, // Dropbox, newer Nextcloud clients
  /\.sync-conflict-/i, // Syncthing
  /_conflict-/i, // Nextcloud, ownCloud
  /\s?\(\d+\)/, // Google Drive, browsers, Finder duplicates
  /-(?:DESKTOP|LAPTOP|PC|MAC|WIN)[-A-Z0-9]*/i, // OneDrive appends the machine name
  /\(conflict/i, // Box, pCloud
  // OneDrive with any other machine name: a suffix after the canonical core.
  /\dZ-[A-Za-z0-9][-A-Za-z0-9]*\.scrigno-backup$/,
  /^scrigno-[a-z0-9_-]{8}-[A-Za-z0-9][-A-Za-z0-9]*\.keyledger(?:\.2)?$/,
];

/** The vault-id prefix used in file names: 8 characters, case-folded (folders may be case-insensitive). */
export function vaultIdPrefix(vaultId: string): string {
  const prefix = vaultId.slice(0, 8).toLowerCase();
  if (!/^[a-z0-9_-]{8}$/.test(prefix)) throw new RangeError('backup-vault-id-invalid');
  return prefix;
}

function utcStamp(date: Date): string {
  const iso = date.toISOString(); // 2024-03-05T14:07:09.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The file name of a backup: `scrigno-<prefix8>-<generation>-<yyyymmddThhmmssZ>.scrigno-backup`. */
export function backupFileName(vaultId: string, generation: number, createdAt: Date): string {
  if (!Number.isSafeInteger(generation) || generation < 0 || generation > 999_999_999_999_999) {
    throw new RangeError('backup-generation-invalid');
  }
  const gen = String(generation).padStart(GENERATION_DIGITS, '0');
  return `scrigno-${vaultIdPrefix(vaultId)}-${gen}-${utcStamp(createdAt)}${BACKUP_EXTENSION}`;
}

/** The key-ledger file name of a vault; `copy` 2 is the second copy written beside it. */
export function keyLedgerFileName(vaultId: string, copy: 1 | 2 = 1): string {
  return `scrigno-${vaultIdPrefix(vaultId)}${LEDGER_EXTENSION}${copy === 2 ? '.2' : ''}`;
}

/** What a backup file name says about its content. */
export interface BackupNameInfo {
  vaultIdPrefix: string;
  generation: number;
  /** Creation time from the name (whole seconds, UTC). */
  createdAt: Date;
}

/** Parses a canonical backup file name; undefined for anything else (including conflict copies). */
export function parseBackupFileName(name: string): BackupNameInfo | undefined {
  const match = backupNamePattern.exec(name);
  if (!match) return undefined;
  const [, prefix = '', gen = '', stamp = ''] = match;
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
  const createdAt = new Date(iso);
  // Round-trip check refuses impossible dates such as 20240231 that Date would roll over.
  if (Number.isNaN(createdAt.getTime()) || utcStamp(createdAt) !== stamp) return undefined;
  return { vaultIdPrefix: prefix, generation: Number(gen), createdAt };
}

/** Parses a canonical key-ledger file name. */
export function parseKeyLedgerFileName(name: string): { vaultIdPrefix: string; copy: 1 | 2 } | undefined {
  const match = ledgerNamePattern.exec(name);
  if (!match) return undefined;
  return { vaultIdPrefix: match[1] ?? '', copy: match[2] ? 2 : 1 };
}

/** How a folder entry is treated by backup listings. */
export type BackupEntryKind = 'backup' | 'ledger' | 'temp' | 'conflict-copy' | 'unrecognised' | 'unrelated';

/**
 * Classifies a file name found in a backup folder. `conflict-copy` and `unrecognised` are
 * Scrigno-looking names that are not canonical: they are reported to the user and never read,
 * overwritten or deleted automatically; `unrelated` files are not Scrigno's business at all.
 */
export function classifyBackupFolderEntry(name: string): BackupEntryKind {
  if (name.startsWith(TEMP_FILE_PREFIX)) return 'temp';
  if (parseBackupFileName(name)) return 'backup';
  if (parseKeyLedgerFileName(name)) return 'ledger';
  const looksOurs =
    backupCorePattern.test(name) ||
    ledgerCorePattern.test(name) ||
    name.toLowerCase().includes(BACKUP_EXTENSION) ||
    (name.toLowerCase().startsWith('scrigno-') && name.toLowerCase().includes(LEDGER_EXTENSION));
  if (!looksOurs) return 'unrelated';
  return conflictMarkers.some((marker) => marker.test(name)) ? 'conflict-copy' : 'unrecognised';
}
