// Single-record envelopes, the `overlay` table: one row per `put` or deletion, each sealed on its
// own under the records key or its subject's key, newer than the packs until `compact` folds it in.
import { utf8, wipe } from './bytes';
import type { VaultContext } from './context';
import { KEY_RECORDS, KEY_SHARED, KEY_SUBJECT, envelopeKeyId, open, seal } from './crypto';
import { write, type OverlayRow } from './db';
import { VaultError } from './errors';
import { SCHEMA_VERSION_DEFAULT, type RecordMeta } from './record-input';
import type { RawKeys, SubjectKeys } from './subject-keys';

/** An overlay row holding a record (not a tombstone). */
export type LiveOverlayRow = OverlayRow & { e: Uint8Array };

const recordDecoder = new TextDecoder();

function recordAd(
  vaultId: string,
  k: string,
  v: number,
  c: number,
  s: string | undefined,
  b: readonly string[] | undefined,
): Uint8Array<ArrayBuffer> {
  // Vault, table/id, schema version, clock, subject and blind tokens: moving or editing any fails.
  return utf8(
    `scrigno/record/1\u0000${vaultId}\u0000${k}\u0000${v}\u0000${c}\u0000${s ?? ''}\u0000${(b ?? []).join(',')}`,
  );
}

/** The overlay of one unlocked vault: writes and opens single-record envelopes. */
export class Overlay {
  #ctx: VaultContext;
  #subjects: SubjectKeys;

  constructor(ctx: VaultContext, subjects: SubjectKeys) {
    this.#ctx = ctx;
    this.#subjects = subjects;
  }

  /**
   * Seals one record (`k` already checked) and writes it as an overlay row, with a new subject key
   * in the same transaction if its subject has none. Runs in the write queue.
   */
  async put(k: string, data: unknown, meta: RecordMeta): Promise<void> {
    const ctx = this.#ctx;
    const subjects = this.#subjects;
    const sid = meta.subjectId;
    // A shared record's subject group (ids comma-joined): its key needs every one of theirs.
    const shared = sid?.includes(',') === true;
    const { raw, rows } = await subjects.forWrite(sid === undefined ? [] : sid.split(','));
    try {
      const c = ++ctx.clock;
      const v = meta.schemaVersion ?? SCHEMA_VERSION_DEFAULT;
      const key =
        sid === undefined
          ? ctx.keys().records
          : shared
            ? await subjects.sharedRecordKey(k, sid, raw)
            : await subjects.recordKey(sid, raw);
      if (!key) throw new Error('vault: missing subject key');
      const b = meta.blind ? [...meta.blind] : [];
      const e = await seal(
        key,
        sid === undefined ? KEY_RECORDS : shared ? KEY_SHARED : KEY_SUBJECT,
        utf8(JSON.stringify(data)),
        recordAd(ctx.vaultId, k, v, c, sid, b),
      );
      const db = ctx.db;
      // Everything is encrypted above: no WebCrypto call happens inside the transaction.
      await write(db, [db.overlay, db.meta, db.subjectPacks], async () => {
        if (rows.length) await db.subjectPacks.bulkAdd(rows);
        await db.overlay.put({ k, c, v, ...(sid !== undefined ? { s: sid } : {}), b, e });
        await db.meta.put({ k: 'clock', c: ctx.clock });
      });
      await subjects.add(rows);
    } catch (error) {
      // A key derived for a subject whose creation did not commit must not be reused.
      if (rows.length) for (const row of rows) for (const one of row.sids) subjects.forgetRecordKey(one);
      throw error;
    } finally {
      wipe(raw.bytes);
    }
  }

  /** Writes tombstones for `keys` (already checked) in one transaction. Runs in the write queue. */
  async delete(keys: readonly string[]): Promise<void> {
    const ctx = this.#ctx;
    const first = ctx.clock + 1;
    ctx.clock += keys.length;
    const db = ctx.db;
    await write(db, [db.overlay, db.meta], async () => {
      await db.overlay.bulkPut(keys.map((k, n) => ({ k, c: first + n, v: 0, b: [], e: null })));
      await db.meta.put({ k: 'clock', c: ctx.clock });
    });
  }

  /** Decrypts a single-record envelope. undefined = its subject was erased. */
  async open(row: LiveOverlayRow, raw?: RawKeys): Promise<unknown> {
    const subjects = this.#subjects;
    const keyId = envelopeKeyId(row.e);
    let key: CryptoKey | undefined;
    if (row.s === undefined) {
      if (keyId !== KEY_RECORDS) throw new VaultError('record-tampered');
      key = this.#ctx.keys().records;
    } else {
      const shared = row.s.includes(',');
      if (keyId !== (shared ? KEY_SHARED : KEY_SUBJECT) || subjects.isTampered(row.s))
        throw new VaultError('record-tampered');
      key = shared ? await subjects.sharedRecordKey(row.k, row.s, raw) : await subjects.recordKey(row.s, raw);
      if (!key) {
        if (subjects.isTampered(row.s)) throw new VaultError('record-tampered');
        return undefined;
      }
    }
    const plain = await open(key, row.e, recordAd(this.#ctx.vaultId, row.k, row.v, row.c, row.s, row.b));
    try {
      return JSON.parse(recordDecoder.decode(plain)) as unknown;
    } catch {
      throw new VaultError('record-tampered');
    }
  }
}
