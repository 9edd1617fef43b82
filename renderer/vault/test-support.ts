// Helpers for tests and benchmarks only. WARNING: never import this from app code: it holds a KDF
// profile far below the production floor.
import { wipe } from './bytes';
import { VaultContext } from './context';
import type { VaultOptions } from './options';
import { Overlay } from './overlay';
import { parseManifest } from './pack';
import { PackStore } from './pack-store';
import { testOnlyPolicyMark, type KdfPolicy } from './policy';
import { SubjectKeys } from './subject-keys';
import { openStore } from './unlock';

/** Argon2id m=256 KiB, t=1: milliseconds instead of a second. Test-only. */
export const FAST_TEST_KDF_POLICY: KdfPolicy = Object.freeze({
  floor: Object.freeze({ m: 256, t: 1, p: 1 }),
  params: Object.freeze({ m: 256, t: 1, p: 1 }),
  [testOnlyPolicyMark]: true as const,
});

/**
 * Every record any stored row still yields with the keys the store holds: each pack and overlay
 * row opened on its own, older copies included, whichever version is current. What a thief with
 * the passphrase and a copy of the store could read; for the erasure tests.
 */
export async function decryptEveryRow(
  secret: { passphrase: string },
  options: VaultOptions & { dbName: string },
): Promise<unknown[]> {
  const store = await openStore(secret, options);
  const ctx = new VaultContext(store.db, store.body.vaultId, store.session, store.clock, store.settings);
  const subjects = new SubjectKeys(ctx, false);
  const packs = new PackStore(ctx, subjects, false);
  const overlay = new Overlay(ctx, subjects);
  const out: unknown[] = [];
  try {
    const raw = await subjects.openRows(await store.db.subjectPacks.toArray());
    try {
      for (const row of await store.db.packs.toArray()) {
        const man = parseManifest(row.m);
        const data = man ? await packs.open(row, man, raw).catch(() => undefined) : undefined;
        if (data) out.push(...data);
      }
      for (const row of await store.db.overlay.toArray()) {
        if (row.e === null) continue;
        const data = await overlay.open({ ...row, e: row.e }, raw).catch(() => undefined);
        if (data !== undefined) out.push(data);
      }
    } finally {
      wipe(raw.bytes);
    }
  } finally {
    ctx.dropSession();
    store.db.close();
  }
  return out;
}
