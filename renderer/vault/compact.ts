// Compaction: folds overlay rows into packs and re-seals the packs that hold superseded versions,
// together with small packs, in one transaction; sets the distinct mark again when it can.
import { wipe } from './bytes';
import { DISTINCT, write, type OverlayRow } from './db';
import { newestClocks } from './newest-version';
import { groupMembers, packRecord, parseManifest, planPacks, type PackRecord } from './pack';
import type { SealedPack } from './pack-store';
import type { VaultParts } from './parts';

/** See `Vault.compact`. Runs in the write queue; returns the number of overlay rows folded. */
export async function compact({ ctx, subjects, packs, overlay: singles }: VaultParts): Promise<number> {
  const db = ctx.db;
  const [overlay, index] = await Promise.all([db.overlay.toArray(), packs.indexLocked()]);
  const latest = newestClocks(index.values(), overlay);
  const small = ctx.settings.packSize / 4;
  const smallPacks = [...index.values()].filter((meta) => meta.man.k.length < small);
  const rewrite = new Set(smallPacks.length > 1 ? smallPacks : []);
  for (const meta of index.values())
    if (meta.man.k.some((k, j) => meta.man.c[j]! < latest.get(k)!)) rewrite.add(meta);
  if (overlay.length === 0 && rewrite.size === 0) {
    // Nothing superseded anywhere: the packs hold each key once.
    if (!packs.distinct) await write(db, [db.meta], () => db.meta.put({ k: DISTINCT }));
    packs.distinct = true;
    return 0;
  }

  const metas = [...rewrite];
  const members = new Set<string>();
  for (const { man } of metas) for (const sid of man.s) members.add(sid);
  for (const row of overlay) if (row.s !== undefined) for (const sid of groupMembers(row.s)) members.add(sid);
  const rows = await db.packs.bulkGet(metas.map((m) => m.pid));
  const raw = await subjects.raw(members);
  const live: PackRecord[] = [];
  const replaced: string[] = [];
  const folded: OverlayRow[] = [];
  const stuck = new Set<string>();
  let sealed: SealedPack[];
  try {
    for (let n = 0; n < metas.length; n++) {
      const stored = rows[n];
      const man = parseManifest(stored?.m);
      if (!stored || !man) continue;
      const data = await packs.open(stored, man, raw).catch(() => undefined);
      if (!data) {
        for (const k of man.k) stuck.add(k);
        continue;
      }
      replaced.push(stored.pid);
      // Equal clocks are one write stored twice (two windows re-sealed the same pack): keep both.
      for (let j = 0; j < man.k.length; j++)
        if (man.c[j] === latest.get(man.k[j]!)) live.push(packRecord(man, j, data[j]));
    }
    for (const row of overlay) {
      if (row.c !== latest.get(row.k) || row.e === null) {
        // A tombstone stays while an older version sits in a pack that could not be re-sealed.
        if (!(row.e === null && stuck.has(row.k))) folded.push(row);
        continue;
      }
      const data = await singles.open({ ...row, e: row.e }, raw).catch(() => undefined);
      // Unreadable rows stay; rows of erased subjects are garbage and go.
      if (data === undefined && !subjects.erased(row.s, raw)) continue;
      folded.push(row);
      if (data === undefined) continue;
      const r: PackRecord = { k: row.k, c: row.c, v: row.v, data };
      if (row.s !== undefined) r.s = row.s;
      if (row.b.length) r.b = row.b;
      live.push(r);
    }
    sealed = await packs.seal(planPacks(live, ctx.settings.packSize), raw);
  } finally {
    wipe(raw.bytes);
  }
  await write(db, [db.overlay, db.packs, db.meta], async () => {
    // Only rows still exactly as read are removed (a concurrent window may have written).
    const now = await db.overlay.bulkGet(folded.map((r) => r.k));
    const gone = folded.filter((r, n) => now[n]?.c === r.c).map((r) => r.k);
    if (replaced.length) await db.packs.bulkDelete(replaced);
    if (sealed.length) await db.packs.bulkAdd(sealed.map((p) => p.row));
    if (gone.length) await db.overlay.bulkDelete(gone);
    // Every superseded version was in a re-sealed pack: now each key is in one pack at most.
    if (stuck.size === 0) await db.meta.put({ k: DISTINCT });
    else await db.meta.delete(DISTINCT);
  });
  for (const pid of replaced) index.delete(pid);
  for (const { meta } of sealed) index.set(meta.pid, meta);
  packs.forgetDistinct();
  packs.distinct = stuck.size === 0;
  return folded.length;
}
