// Master-key rotation: the same records under a new vault master key, a new vault id, new
// data-subject keys, re-keyed blind tokens and new key slots, written in one transaction.
import { randomBytes, randomId, wipe } from './bytes';
import { compact } from './compact';
import { DISTINCT, write } from './db';
import { VaultError } from './errors';
import { encodeHeader, type HeaderBody, type PassphraseSlot } from './header';
import { KeySession } from './key-session';
import { loadAll } from './load';
import { Overlay } from './overlay';
import { planPacks, type PackRecord } from './pack';
import { PackStore, type SealedPack } from './pack-store';
import type { VaultParts } from './parts';
import { recordKey } from './record-input';
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

/** Packs sealed between two progress reports. */
const PROGRESS_PLANS = 64;

/**
 * Rotates the master key of an unlocked vault whose current passphrase slot opened to `vmkCheck`
 * (the caller confirmed the passphrase). Runs in the write queue. The old store is untouched until
 * the single transaction that replaces every row commits; any failure before or during it leaves
 * the store byte for byte as it was. Returns the parts of the rotated vault, its header and the
 * new recovery key (shown once, never stored).
 */
export async function rotateParts(
  parts: VaultParts,
  header: HeaderBody,
  passphrase: string,
  reblind: Reblind,
  onProgress: (progress: RotationProgress) => void = () => undefined,
): Promise<{ parts: VaultParts; header: HeaderBody; recoveryKey: string }> {
  const old = parts.ctx;
  onProgress({ phase: 'reading', done: 0, total: 0 });
  // Superseded versions and tombstones go first, so only live records are carried over.
  await compact(parts);
  let tampered = 0;
  const records = await loadAll(parts, () => tampered++);
  // A record that cannot be opened cannot be re-sealed: rotating would lose it.
  if (tampered) throw new VaultError('record-tampered');
  const total = records.length;

  const vaultId = randomId();
  const vmk = randomBytes(32);
  const recovery = randomBytes(RECOVERY_KEY_BYTES);
  let session: KeySession | undefined;
  try {
    session = await KeySession.create(vmk.slice(), vaultId);
    const ctx = old.successor(vaultId, session);
    const subjects = new SubjectKeys(ctx, true);
    const packs = new PackStore(ctx, subjects, true);
    const overlay = new Overlay(ctx, subjects);

    const sids = new Set<string>();
    for (const r of records) if (r.subjectId !== undefined) sids.add(r.subjectId);
    const { raw, rows } = await subjects.forWrite([...sids]);
    const sealed: SealedPack[] = [];
    try {
      const blind = session.blind;
      const token = (kind: string, value: string) => blind.token(kind, value);
      const first = ctx.clock + 1;
      ctx.clock += records.length;
      const live = records.map((rec, n): PackRecord => {
        const r: PackRecord = {
          k: recordKey(rec.table, rec.id),
          c: first + n,
          v: rec.schemaVersion,
          data: rec.data,
        };
        if (rec.subjectId !== undefined) r.s = rec.subjectId;
        const b = reblind(rec, token);
        if (b.length) r.b = b;
        return r;
      });
      const plans = planPacks(live, ctx.settings.packSize);
      let done = 0;
      onProgress({ phase: 'sealing', done, total });
      for (let at = 0; at < plans.length; at += PROGRESS_PLANS) {
        const chunk = plans.slice(at, at + PROGRESS_PLANS);
        sealed.push(...(await packs.seal(chunk, raw)));
        for (const plan of chunk) done += plan.records.length;
        onProgress({ phase: 'sealing', done, total });
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

    onProgress({ phase: 'writing', done: total, total });
    const db = ctx.db;
    // Everything is sealed already: the transaction only swaps rows, so it commits or leaves the
    // old store as it was.
    await write(db, [db.meta, db.packs, db.overlay, db.subjectPacks], async () => {
      await Promise.all([db.packs.clear(), db.overlay.clear(), db.subjectPacks.clear()]);
      if (rows.length) await db.subjectPacks.bulkAdd(rows);
      if (sealed.length) await db.packs.bulkAdd(sealed.map((p) => p.row));
      await db.meta.put({ k: 'header', bytes });
      await db.meta.put({ k: 'clock', c: ctx.clock });
      await db.meta.put({ k: DISTINCT });
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
    wipe(vmk, recovery);
  }
}
