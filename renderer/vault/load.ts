// Cold open (`loadAll`): reads every pack and overlay row, decrypts the packs while IndexedDB reads
// on, and returns the current version of every live record. Leaves the pack index behind.
import { wipe } from './bytes';
import { DISTINCT, type PackRow } from './db';
import { CODE, isNewest, overlayCode, packCode, resolveNewest } from './newest-version';
import type { LiveOverlayRow } from './overlay';
import { groupMembers, parseManifest, subjectAt } from './pack';
import type { PackMeta } from './pack-store';
import type { VaultParts } from './parts';
import { splitKey } from './record-input';

/** One decrypted record from `loadAll`. */
export interface LoadedRecord {
  table: string;
  id: string;
  data: unknown;
  subjectId?: string;
  /** A shared record's subjects (its key needs every one of theirs); `subjectId` is then absent. */
  subjectIds?: string[];
  schemaVersion: number;
}

// Pack rows per IndexedDB read at cold open (up to `packSize` records each).
const LOAD_RANGE = 250;

/**
 * Reads and decrypts every live record (see `Vault.loadAll` for what is reported and skipped).
 * Runs in the write queue: the index it leaves behind must match what it read.
 */
export async function loadAll(
  { ctx, subjects, packs, overlay }: VaultParts,
  onTampered?: (table: string, id: string) => void,
): Promise<LoadedRecord[]> {
  const db = ctx.db;
  const [overlayRows, subjectRows, distinct] = await db.transaction(
    'r',
    [db.overlay, db.subjectPacks, db.meta],
    () => Promise.all([db.overlay.toArray(), db.subjectPacks.toArray(), db.meta.get(DISTINCT)]),
  );
  subjects.use(subjectRows);
  // Packs are read in ranges: while IndexedDB reads the next range, the page decrypts and parses
  // this one (the two used to run one after the other). Which version of a key is the newest is
  // only known once every manifest is in, so opened packs wait for that.
  const range = (after: string | undefined) =>
    (after === undefined ? db.packs.orderBy('pid') : db.packs.where('pid').above(after))
      .limit(LOAD_RANGE)
      .toArray();
  let pending: Promise<PackRow[]> | undefined = range(undefined);
  const raw = await subjects.openRows(subjectRows);
  const report = (k: string) => {
    const [table, id] = splitKey(k);
    onTampered?.(table, id);
  };
  const out: LoadedRecord[] = [];
  try {
    const metas: Array<PackMeta | undefined> = [];
    const opened: Array<Promise<unknown[] | undefined | null>> = [];
    while (pending) {
      const rows: PackRow[] = await pending;
      pending = rows.length === LOAD_RANGE ? range(rows.at(-1)!.pid) : undefined;
      for (const row of rows) {
        const man = parseManifest(row.m);
        if (!man || man.k.length >= CODE) {
          onTampered?.('#pack', row.pid);
          metas.push(undefined);
          opened.push(Promise.resolve(null));
          continue;
        }
        metas.push({ pid: row.pid, man });
        // null: the pack did not authenticate; undefined: a member's key is gone (erased).
        opened.push(packs.open(row, man, raw).catch(() => null));
      }
    }
    const resolution = resolveNewest(metas, overlayRows, distinct !== undefined);
    // A clock row rolled back on disk must not make new writes lose against old ones.
    if (resolution.maxClock > ctx.clock) ctx.clock = resolution.maxClock;

    // Records come grouped by table: reuse the last table name instead of slicing one per record.
    let table = '';
    const emit = (k: string, data: unknown, v: number, sid: string | undefined) => {
      const slash = k.indexOf('/');
      if (slash !== table.length || !k.startsWith(table)) table = k.slice(0, slash);
      const rec: LoadedRecord = { table, id: k.slice(slash + 1), data, schemaVersion: v };
      if (sid !== undefined) {
        if (sid.includes(',')) rec.subjectIds = groupMembers(sid);
        else rec.subjectId = sid;
      }
      out.push(rec);
    };
    const results = await Promise.all(opened);
    metas.forEach((meta, p) => {
      if (!meta) return;
      const { man } = meta;
      const data = results[p];
      for (let j = 0; j < man.k.length; j++) {
        if (!isNewest(resolution, man.k[j]!, packCode(p, j))) continue;
        if (data) emit(man.k[j]!, data[j], man.v[j]!, subjectAt(man, j));
        else if (!subjects.erased(subjectAt(man, j), raw)) report(man.k[j]!);
      }
    });
    const winners = overlayRows.filter(
      (row, n): row is LiveOverlayRow => row.e !== null && isNewest(resolution, row.k, overlayCode(n)),
    );
    await Promise.all(
      winners.map((row) =>
        overlay.open(row, raw).then(
          (data) => {
            if (data !== undefined) emit(row.k, data, row.v, row.s);
          },
          () => report(row.k),
        ),
      ),
    );
    packs.useIndex(
      new Map(metas.flatMap((meta) => (meta ? [[meta.pid, meta] as const] : []))),
      distinct !== undefined,
    );
  } finally {
    wipe(raw.bytes);
  }
  return out;
}
