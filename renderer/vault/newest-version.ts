// Which stored copy of a record is its current version when the record is held more than once (in
// a pack and in the overlay, or in two packs): the highest vault clock wins. On a tie the copy seen
// first stays, and packs are seen before the overlay, so a pack beats an overlay row of the same
// clock. A tombstone is a copy like any other: when it wins, the record reads as deleted. Pure: no
// storage, no keys, no decryption (a copy that later fails to decrypt still wins: it is reported,
// never replaced by an older version).
import type { Manifest } from './pack';

/** Position codes of copies: entry j of pack p is p * CODE + j, overlay row n is -(n + 1). */
export const CODE = 1 << 20;

/** The code of entry `j` of pack `p` (`j` < CODE: longer manifests are refused before this). */
export const packCode = (p: number, j: number): number => p * CODE + j;

/** The code of overlay row `n`. */
export const overlayCode = (n: number): number => -(n + 1);

/** True when a copy of clock `c` replaces the newest seen before it (clock `current`). */
export const supersedes = (c: number, current: number): boolean => c > current;

/** What resolution reads of a pack: its manifest's table/ids and clocks. */
export interface PackClocks {
  readonly man: Pick<Manifest, 'k' | 'c'>;
}

/** What resolution reads of an overlay row (a record or a tombstone). */
export interface OverlayClock {
  readonly k: string;
  readonly c: number;
}

/** The outcome of `resolveNewest`. */
export interface Resolution {
  /** The code of the newest copy of every compared key; undefined when no key was held twice. */
  newest: Map<string, number> | undefined;
  /** The highest clock of any copy in a readable pack or the overlay. */
  maxClock: number;
}

/**
 * Resolves the newest copy of every key across all packs (in store order; undefined = a pack whose
 * manifest could not be read, which holds no copy) and the overlay. With `distinct` (the store's
 * mark: no key is in two packs) only keys that also have an overlay row are compared, which spares
 * a map of every key of the vault. WARNING: then a key missing from `newest` is current only
 * because the mark says so; an attacker who adds the mark can make an older copy show (see README).
 */
export function resolveNewest(
  packs: ReadonlyArray<PackClocks | undefined>,
  overlay: readonly OverlayClock[],
  distinct: boolean,
): Resolution {
  const latest = new Map<string, number>();
  const clockOf = (code: number) =>
    code < 0 ? overlay[-code - 1]!.c : packs[Math.floor(code / CODE)]!.man.c[code % CODE]!;
  const seen = { superseded: false, maxClock: 0 };
  const consider = (k: string, code: number, c: number) => {
    if (c > seen.maxClock) seen.maxClock = c;
    const prev = latest.get(k);
    if (prev === undefined) latest.set(k, code);
    else {
      seen.superseded = true;
      if (supersedes(c, clockOf(prev))) latest.set(k, code);
    }
  };
  const inOverlay = distinct ? new Set(overlay.map((row) => row.k)) : undefined;
  packs.forEach((pack, p) => {
    if (!pack) return;
    const { k, c } = pack.man;
    // (Hashing every key for an empty set alone cost ~90 ms at 400k keys.)
    if (inOverlay?.size === 0) {
      for (const clock of c) if (clock > seen.maxClock) seen.maxClock = clock;
      return;
    }
    for (let j = 0; j < k.length; j++) {
      if (!inOverlay || inOverlay.has(k[j]!)) consider(k[j]!, packCode(p, j), c[j]!);
      else if (c[j]! > seen.maxClock) seen.maxClock = c[j]!;
    }
  });
  overlay.forEach((row, n) => consider(row.k, overlayCode(n), row.c));
  return { newest: seen.superseded ? latest : undefined, maxClock: seen.maxClock };
}

/** True when the copy at `code` is the current version of `k` under `resolution`. */
export function isNewest(resolution: Resolution, k: string, code: number): boolean {
  // Keys left out of `newest` (distinct mark, not in the overlay) are held by one pack only.
  const newest = resolution.newest?.get(k);
  return newest === undefined || newest === code;
}

/** A copy located in a pack: the pack, the entry's position and its clock. */
export interface Located<P> {
  meta: P;
  j: number;
  c: number;
}

/** The newest pack copy of every key in `wanted`, in one pass over the manifests. */
export function locateNewest<P extends PackClocks>(
  packs: Iterable<P>,
  wanted: ReadonlySet<string>,
): Map<string, Located<P>> {
  const out = new Map<string, Located<P>>();
  for (const meta of packs) {
    const { k, c } = meta.man;
    for (let j = 0; j < k.length; j++) {
      if (!wanted.has(k[j]!)) continue;
      const prev = out.get(k[j]!);
      if (!prev || supersedes(c[j]!, prev.c)) out.set(k[j]!, { meta, j, c: c[j]! });
    }
  }
  return out;
}

/**
 * True when the overlay row is the current version against the newest pack copy `inPack` (the
 * overlay is seen after the packs, so it must be strictly newer).
 */
export function overlayIsNewest<R extends OverlayClock>(
  row: R | undefined,
  inPack: { c: number } | undefined,
): row is R {
  return row !== undefined && (inPack === undefined || supersedes(row.c, inPack.c));
}

/**
 * The highest clock of every key held by a pack or an overlay row. Compaction keeps every copy at
 * that clock and drops the rest; which of equal copies is read is then `resolveNewest`'s choice.
 */
export function newestClocks(
  packs: Iterable<PackClocks>,
  overlay: readonly OverlayClock[],
): Map<string, number> {
  const latest = new Map<string, number>();
  for (const { man } of packs)
    for (let j = 0; j < man.k.length; j++)
      latest.set(man.k[j]!, Math.max(latest.get(man.k[j]!) ?? 0, man.c[j]!));
  for (const row of overlay) latest.set(row.k, Math.max(latest.get(row.k) ?? 0, row.c));
  return latest;
}
