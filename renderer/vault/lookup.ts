// Reads of single records by key and by blind token, through the in-memory manifests: only the
// pack or overlay row that holds the current version is read (and, for a key, decrypted).
import { wipe } from './bytes';
import { VaultError } from './errors';
import { locateNewest, overlayIsNewest } from './newest-version';
import { hasToken, parseManifest, subjectAt } from './pack';
import type { VaultParts } from './parts';
import { splitKey } from './record-input';

/** The current version of the record stored as `k` (checked), decrypted; see `Vault.get`. */
export async function getRecord({ ctx, subjects, packs, overlay }: VaultParts, k: string): Promise<unknown> {
  const db = ctx.db;
  for (let attempt = 0; ; attempt++) {
    const [row, index] = await Promise.all([db.overlay.get(k), packs.index()]);
    const found = locateNewest(index.values(), new Set([k])).get(k);
    if (overlayIsNewest(row, found)) return row.e === null ? undefined : overlay.open({ ...row, e: row.e });
    if (!found) return undefined;
    const stored = await db.packs.get(found.meta.pid);
    const man = parseManifest(stored?.m);
    if (!stored || !man || man.k[found.j] !== k || man.c[found.j] !== found.c) {
      // The pack changed since it was indexed (another window compacted): index again, once.
      packs.dropIndex();
      if (attempt === 0) continue;
      throw new VaultError('record-tampered');
    }
    const raw = await subjects.raw(man.s);
    try {
      const data = await packs.open(stored, man, raw);
      if (data) return data[found.j];
      if (subjects.erased(subjectAt(man, found.j), raw)) return undefined;
      throw new VaultError('record-tampered');
    } finally {
      wipe(raw.bytes);
    }
  }
}

/** Records whose current version carries `token`, sorted; nothing is decrypted. */
export async function findByBlind(
  { ctx, packs }: VaultParts,
  token: string,
): Promise<Array<{ table: string; id: string }>> {
  const db = ctx.db;
  const [overlayHits, index] = await Promise.all([
    db.overlay.where('b').equals(token).toArray(),
    packs.index(),
  ]);
  const candidates = new Set<string>(overlayHits.map((r) => r.k));
  for (const { man } of index.values())
    for (let j = 0; j < man.k.length; j++) if (hasToken(man.b[j]!, token)) candidates.add(man.k[j]!);
  if (candidates.size === 0) return [];
  const keys = [...candidates];
  const rows = await db.overlay.bulkGet(keys);
  const located = locateNewest(index.values(), candidates);
  const out: Array<{ table: string; id: string }> = [];
  keys.forEach((k, n) => {
    const row = rows[n];
    const found = located.get(k);
    const carries = overlayIsNewest(row, found)
      ? row.e !== null && row.b.includes(token)
      : found !== undefined && hasToken(found.meta.man.b[found.j]!, token);
    if (carries) {
      const [table, id] = splitKey(k);
      out.push({ table, id });
    }
  });
  return out.sort((a, b) => (a.table + a.id < b.table + b.id ? -1 : 1));
}
