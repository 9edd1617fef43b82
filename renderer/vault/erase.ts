// Erasure of one person (crypto-shredding): their key leaves its row, the packs holding their
// records are re-sealed without them, and their single-record rows are deleted, in one transaction.
// A shared record (sealed for several subjects) is one of their records: it goes with each of them,
// and what the others keep of it is their own part, stored apart under their own keys.
import { wipe } from './bytes';
import { write, type SubjectPackRow } from './db';
import { groupHas, packRecord, parseManifest, planPacks, subjectAt, type PackRecord } from './pack';
import type { SealedPack } from './pack-store';
import type { VaultParts } from './parts';

/**
 * See `Vault.destroySubjectKey`. `subjectKeysKey` is the subject-keys purpose key, taken before
 * the call was queued. Runs in the write queue.
 */
export async function destroySubjectKey(
  { ctx, subjects, packs }: VaultParts,
  subjectId: string,
  subjectKeysKey: CryptoKey,
): Promise<void> {
  const state = await subjects.state();
  const [index, overlay] = await Promise.all([packs.indexLocked(), ctx.db.overlay.toArray()]);
  const holders = [...state.rows.values()].filter((row) => row.sids.includes(subjectId));
  const holding = [...index.values()].filter((meta) => meta.man.s.includes(subjectId));
  // The subject's records, by key, with the clock of their copy under the subject's key. Older
  // copies of the same keys elsewhere (a record re-sealed for more subjects, e.g. a sole trader's
  // business once its owner was linked) go too: otherwise they would be current once this one
  // is gone.
  const dropped = new Map<string, number>();
  const drop = (k: string, c: number) => dropped.set(k, Math.max(c, dropped.get(k) ?? -1));
  for (const { man } of holding)
    for (let j = 0; j < man.k.length; j++)
      if (groupHas(subjectAt(man, j), subjectId)) drop(man.k[j]!, man.c[j]!);
  for (const row of overlay) if (groupHas(row.s, subjectId)) drop(row.k, row.c);
  const superseded = (k: string, c: number) => (dropped.get(k) ?? -1) > c;
  const held = [
    ...holding,
    ...[...index.values()].filter(
      (meta) => !meta.man.s.includes(subjectId) && meta.man.k.some((k, j) => superseded(k, meta.man.c[j]!)),
    ),
  ];
  const members = new Set<string>();
  for (const { man } of held) for (const sid of man.s) members.add(sid);
  const packRows = await ctx.db.packs.bulkGet(held.map((p) => p.pid));
  const raw = await subjects.raw(members);
  let change: { updates: SubjectPackRow[]; deletions: string[] };
  let resealed: SealedPack[] = [];
  const replaced: string[] = [];
  try {
    change = await subjects.without(subjectId, holders, subjectKeysKey);
    // The other members' records move to new packs; a pack that cannot be opened stays as it
    // is (the erased records in it are unreadable once the key is gone).
    const kept: PackRecord[] = [];
    for (let n = 0; n < held.length; n++) {
      const stored = packRows[n];
      const man = parseManifest(stored?.m);
      if (!stored || !man) continue;
      const data = await packs.open(stored, man, raw).catch(() => undefined);
      if (!data) continue;
      replaced.push(stored.pid);
      for (let j = 0; j < man.k.length; j++) {
        if (groupHas(subjectAt(man, j), subjectId) || superseded(man.k[j]!, man.c[j]!)) continue;
        kept.push(packRecord(man, j, data[j]));
      }
    }
    resealed = await packs.seal(planPacks(kept, ctx.settings.packSize), raw);
  } finally {
    wipe(raw.bytes);
  }
  const { updates, deletions } = change;
  const ownRows = overlay
    .filter((row) => groupHas(row.s, subjectId) || superseded(row.k, row.c))
    .map((row) => row.k);
  const db = ctx.db;
  await write(db, [db.subjectPacks, db.packs, db.overlay], async () => {
    if (updates.length) await db.subjectPacks.bulkPut(updates);
    if (deletions.length) await db.subjectPacks.bulkDelete(deletions);
    if (replaced.length) await db.packs.bulkDelete(replaced);
    if (resealed.length) await db.packs.bulkAdd(resealed.map((p) => p.row));
    if (ownRows.length) await db.overlay.bulkDelete(ownRows);
  });
  subjects.erasedCommitted(state, subjectId, change);
  for (const pid of replaced) index.delete(pid);
  for (const { meta } of resealed) index.set(meta.pid, meta);
}
