// The backups keys of vault ids a master-key rotation retired, kept sealed in the store: backups
// made before a rotation carry the old vault id and were sealed under that id's backups key, and
// the app still has to check, rank and rewrite the key ledger of that older chain.
import { concat, utf8, wipe } from './bytes';
import { KEY_RECORDS, derivePurposeBytes, importAesKey, importHkdfKey, open, seal } from './crypto';
import { RETIRED, type MetaRow, type VaultDb } from './db';

/** A retired vault id and its backups key (non-extractable AES-256-GCM). */
export interface RetiredBackupKey {
  vaultId: string;
  key: CryptoKey;
}

function retiredAd(vaultId: string, ids: readonly string[]): Uint8Array<ArrayBuffer> {
  // Bound to the vault that holds them and to the list of ids, in order.
  return utf8(`scrigno/retired-backup-keys/1\u0000${vaultId}\u0000${ids.join(',')}`);
}

/** The raw retired keys stored for `vaultId` (32 bytes each, in `ids` order). WARNING: wipe them. */
async function openRow(
  row: MetaRow | undefined,
  records: CryptoKey,
  vaultId: string,
): Promise<{ ids: string[]; raw: Uint8Array<ArrayBuffer> }> {
  if (!row?.bytes || !row.ids) return { ids: [], raw: new Uint8Array(0) };
  const raw = await open(records, row.bytes, retiredAd(vaultId, row.ids));
  return { ids: row.ids, raw };
}

/**
 * The meta row of the rotated vault: the retiring vault's backups key first (derived from its
 * master key `vmk`, which stays the caller's), then every key that vault had retired itself.
 */
export async function retireBackupsKey(
  db: VaultDb,
  old: { vaultId: string; records: CryptoKey; vmk: Uint8Array<ArrayBuffer> },
  next: { vaultId: string; records: CryptoKey },
): Promise<MetaRow> {
  const before = await openRow(await db.meta.get(RETIRED), old.records, old.vaultId);
  const own = await derivePurposeBytes(await importHkdfKey(old.vmk.slice()), old.vaultId, 'backups');
  const raw = concat(own, before.raw);
  wipe(own, before.raw);
  try {
    const ids = [old.vaultId, ...before.ids];
    return {
      k: RETIRED,
      ids,
      bytes: await seal(next.records, KEY_RECORDS, raw, retiredAd(next.vaultId, ids)),
    };
  } finally {
    wipe(raw);
  }
}

/** Every retired backups key of the vault, newest first; none before its first rotation. */
export async function readRetiredBackupKeys(
  db: VaultDb,
  records: CryptoKey,
  vaultId: string,
): Promise<RetiredBackupKey[]> {
  const { ids, raw } = await openRow(await db.meta.get(RETIRED), records, vaultId);
  try {
    return await Promise.all(
      ids.map(async (id, n) => ({ vaultId: id, key: await importAesKey(raw.slice(n * 32, n * 32 + 32)) })),
    );
  } finally {
    wipe(raw);
  }
}
