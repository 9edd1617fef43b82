// Master-key rotation: the same records under a new vault master key, a new vault id, new
// data-subject keys, re-keyed blind tokens and new key slots, written in one transaction.
import { randomBytes, randomId, wipe } from './bytes';
import { compact } from './compact';
import { DISTINCT, write, type PackRow } from './db';
import { VaultError } from './errors';
import { encodeHeader, type HeaderBody, type PassphraseSlot } from './header';
import { KeySession } from './key-session';
import { Overlay } from './overlay';
import { parseManifest } from './pack';
import { PackStore, parseRecords, type SealedPack } from './pack-store';
import { retireBackupsKey } from './retired-keys';
import type { VaultParts } from './parts';
import { splitKey } from './record-input';
import { RECOVERY_KEY_BYTES, formatRecoveryKey } from './recovery-key';
import { newPassphraseSlot, newRecoverySlot } from './slots';
import { SubjectKeys } from './subject-keys';

/**
 * The blind tokens of a record under the new blind key: the caller knows which values of a record
 * are indexed (the vault does not), and `token` computes one under the key in use.
 */
export type Reblind = (
  record: { table: string; id: string; data: unknown },
  token: (kind: string, normalisedValue: string) => string,
) => string[];

/** Where a rotation stands: records re-sealed so far out of all of them. */
export interface RotationProgress {
  phase: 'reading' | 'sealing' | 'writing' | 'done';
  done: number;
  total: number;
}

/** Pack rows read, re-sealed and reported at a time. */
const RESEAL_RANGE = 250;

/**
 * Rotates the master key of an unlocked vault whose current passphrase slot opened to `vmkCheck`
 * (the caller confirmed the passphrase and wipes `oldVmk`). Runs in the write queue. The old store is untouched until
 * the single transaction that replaces every row commits; any failure before or during it leaves
 * the store byte for byte as it was. Returns the parts of the rotated vault, its header and the
 * new recovery key (shown once, never stored).
 */
export async function rotateParts(
  parts: VaultParts,
  header: HeaderBody,
  oldVmk: Uint8Array<ArrayBuffer>,
  passphrase: string,
  reblind: Reblind,
  onProgress: (progress: RotationProgress) => void = () => undefined,
): Promise<{ parts: VaultParts; header: HeaderBody; recoveryKey: string }> {
  const old = parts.ctx;
  const db = old.db;
  onProgress({ phase: 'reading', done: 0, total: 0 });
  // Superseded versions and tombstones go first: afterwards every pack holds live records only,
  // and each pack is re-sealed as it is (its plaintext bytes unchanged, under new keys).
  await compact(parts);
  const [overlayRows, subjectRows] = await db.transaction('r', [db.overlay, db.subjectPacks], () =>
    Promise.all([db.overlay.count(), db.subjectPacks.toArray()]),
  );
  // Compaction folds every readable overlay row: one left cannot be read, and would be lost.
  if (overlayRows > 0) throw new VaultError('record-tampered');
  const index = await parts.packs.indexLocked();
  let total = 0;
  for (const { man } of index.values()) total += man.k.length;
  const oldRaw = await parts.subjects.openRows(subjectRows);

  const vaultId = randomId();
  const vmk = randomBytes(32);
  const recovery = randomBytes(RECOVERY_KEY_BYTES);
  let session: KeySession | undefined;
  try {
    if (subjectRows.some((row) => row.sids.some((sid) => parts.subjects.isTampered(sid))))
      throw new VaultError('record-tampered');
    session = await KeySession.create(vmk.slice(), vaultId);
    const ctx = old.successor(vaultId, session);
    const subjects = new SubjectKeys(ctx, true);
    const packs = new PackStore(ctx, subjects, true);
    const overlay = new Overlay(ctx, subjects);

    // Every person who has a key gets a new one (records or not: a key made ahead of them too).
    const { raw, rows } = await subjects.forWrite([...oldRaw.at.keys()]);
    const sealed: SealedPack[] = [];
    try {
      const blind = session.blind;
      const token = (kind: string, value: string) => blind.token(kind, value);
      const reseal = async (row: PackRow): Promise<void> => {
        const man = parseManifest(row.m);
        if (!man) throw new VaultError('record-tampered');
        const plain = await parts.packs.openPlain(row, man, oldRaw);
        // A member's key is gone: the pack is an erased person's leftover, unreadable already.
        if (!plain) return;
        try {
          let b = man.b;
          // Only records that had tokens get them again, computed under the new blind key.
          if (man.b.some((list) => list !== '')) {
            const data = parseRecords(plain, man);
            b = man.k.map((k, j) => {
              if (man.b[j] === '') return '';
              const [table, id] = splitKey(k);
              return reblind({ table, id, data: data[j] }, token).join(',');
            });
          }
          const c = man.k.map(() => ++ctx.clock);
          sealed.push(await packs.sealPlain({ ...man, c, b }, plain, raw));
        } finally {
          wipe(plain);
        }
      };
      // Ranges of rows: the next range is read while this one is decrypted and sealed again.
      const range = (after: string | undefined) =>
        (after === undefined ? db.packs.orderBy('pid') : db.packs.where('pid').above(after))
          .limit(RESEAL_RANGE)
          .toArray();
      let done = 0;
      onProgress({ phase: 'sealing', done, total });
      let pending: Promise<PackRow[]> | undefined = range(undefined);
      while (pending) {
        const batch: PackRow[] = await pending;
        pending = batch.length === RESEAL_RANGE ? range(batch.at(-1)!.pid) : undefined;
        await Promise.all(batch.map(reseal));
        for (const row of batch) done += index.get(row.pid)?.man.k.length ?? 0;
        onProgress({ phase: 'sealing', done: Math.min(done, total), total });
      }
    } finally {
      wipe(raw.bytes);
    }

    const oldSlot = header.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
    const floor = ctx.settings.policy.floor;
    const params = oldSlot
      ? {
          m: Math.max(oldSlot.kdf.m, floor.m),
          t: Math.max(oldSlot.kdf.t, floor.t),
          p: Math.max(oldSlot.kdf.p, floor.p),
        }
      : { ...floor };
    const passSlot = await newPassphraseSlot(ctx.settings.kdf, vaultId, passphrase, params, vmk);
    const recoveryKey = await formatRecoveryKey(recovery);
    const recSlot = await newRecoverySlot(vaultId, recovery.slice(), vmk);
    const body: HeaderBody = { vaultId, createdAt: header.createdAt, slots: [passSlot, recSlot] };
    const bytes = await encodeHeader(body, session.keys.header);
    // Backups made so far stay readable: the old backups key goes into the rotated store.
    const retired = await retireBackupsKey(
      db,
      { vaultId: old.vaultId, records: old.keys().records, vmk: oldVmk },
      { vaultId, records: session.keys.records },
    );

    onProgress({ phase: 'writing', done: total, total });
    // Everything is sealed already: the transaction only swaps rows, so it commits or leaves the
    // old store as it was.
    await write(db, [db.meta, db.packs, db.overlay, db.subjectPacks], async () => {
      await Promise.all([db.packs.clear(), db.overlay.clear(), db.subjectPacks.clear()]);
      if (rows.length) await db.subjectPacks.bulkAdd(rows);
      if (sealed.length) await db.packs.bulkAdd(sealed.map((p) => p.row));
      await db.meta.put({ k: 'header', bytes });
      await db.meta.put({ k: 'clock', c: ctx.clock });
      await db.meta.put({ k: DISTINCT });
      await db.meta.put(retired);
    });
    await subjects.add(rows);
    packs.useIndex(new Map(sealed.map(({ meta }) => [meta.pid, meta])), true);

    // The old keys go: nothing in the store needs them any more.
    old.session?.blind.wipe();
    old.dropSession();
    parts.packs.clear();
    parts.subjects.clear();
    onProgress({ phase: 'done', done: total, total });
    const rotated = { parts: { ctx, subjects, packs, overlay }, header: body, recoveryKey };
    session = undefined;
    return rotated;
  } finally {
    // On failure the new session is thrown away with its keys.
    session?.blind.wipe();
    wipe(vmk, recovery, oldRaw.bytes);
  }
}
