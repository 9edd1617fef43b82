// Data-subject keys: one random key per natural person, many sealed together in a `subjectPacks`
// row, and the keys derived from them (a pack's key from its members' keys, a person's key for
// single-record envelopes). Removing a person's key is what erases them (crypto-shredding).
import { concat, randomBytes, randomId, sha256, toBase64Url, utf8, wipe } from './bytes';
import type { VaultContext } from './context';
import { KEY_SUBJECT_PACK, open, seal, subjectDerivedKey } from './crypto';
import { write, type SubjectPackRow } from './db';
import { VaultError } from './errors';

/**
 * Raw data-subject keys opened for one operation: 32 bytes each in one buffer, `at` gives the
 * offset. WARNING: short-lived; the owner wipes `bytes` as soon as the keys are derived.
 */
export interface RawKeys {
  bytes: Uint8Array<ArrayBuffer>;
  at: Map<string, number>;
}

/** An empty set of raw keys (nothing to wipe). */
export const noRawKeys = (): RawKeys => ({ bytes: new Uint8Array(0), at: new Map() });

function mergeRaw(a: RawKeys, b: RawKeys): RawKeys {
  if (b.at.size === 0) return a;
  if (a.at.size === 0) return b;
  const bytes = concat(a.bytes, b.bytes);
  const at = new Map(a.at);
  for (const [sid, off] of b.at) at.set(sid, off + a.bytes.length);
  wipe(a.bytes, b.bytes);
  return { bytes, at };
}

/** Subject-key rows as stored (ciphertext only) and which row holds each subject's key. */
export interface SubjectState {
  rows: Map<string, SubjectPackRow>;
  where: Map<string, string>;
}

function subjectPackAd(vaultId: string, pid: string, sids: readonly string[]): Uint8Array<ArrayBuffer> {
  return utf8(`scrigno/subject-keys/1\u0000${vaultId}\u0000${pid}\u0000${sids.join(',')}`);
}

/** Input keying material for a pack of `members`; undefined when a member's key is missing. */
function ikmOf(raw: RawKeys, members: readonly string[]): Uint8Array<ArrayBuffer> | undefined {
  const ikm = new Uint8Array(32 * members.length);
  for (let n = 0; n < members.length; n++) {
    const at = raw.at.get(members[n]!);
    if (at === undefined) return (wipe(ikm), undefined);
    ikm.set(raw.bytes.subarray(at, at + 32), n * 32);
  }
  return ikm;
}

/** The data-subject keys of one unlocked vault: stored rows, derived keys, tampered subjects. */
export class SubjectKeys {
  #ctx: VaultContext;
  #state: Promise<SubjectState> | undefined;
  /** Per-subject keys of single-record envelopes, derived on first use. */
  #recordKeys = new Map<string, CryptoKey>();
  /** Subjects whose key pack failed to authenticate: their records report as tampered. */
  #tampered = new Set<string>();

  /** `fresh`: a new, empty vault, so there is nothing to read before the first write. */
  constructor(ctx: VaultContext, fresh: boolean) {
    this.#ctx = ctx;
    if (fresh) this.#state = Promise.resolve({ rows: new Map(), where: new Map() });
  }

  /** Takes the stored rows as read elsewhere (cold open reads them in its own transaction). */
  use(rows: readonly SubjectPackRow[]): SubjectState {
    const state: SubjectState = { rows: new Map(), where: new Map() };
    for (const row of rows) {
      state.rows.set(row.pid, row);
      for (const sid of row.sids) state.where.set(sid, row.pid);
    }
    this.#state = Promise.resolve(state);
    return state;
  }

  /**
   * The stored subject-key rows, read once per unlock (no decryption). WARNING: the state itself,
   * not a copy: `add` and `erasedCommitted` change it after a commit.
   */
  state(): Promise<SubjectState> {
    this.#state ??= this.#ctx.db.subjectPacks.toArray().then((rows) => this.use(rows));
    return this.#state;
  }

  /** Records rows committed by a write in the state (after its transaction completed). */
  async add(rows: readonly SubjectPackRow[]): Promise<void> {
    if (!rows.length) return;
    const state = await this.state();
    for (const row of rows) {
      state.rows.set(row.pid, row);
      for (const sid of row.sids) state.where.set(sid, row.pid);
    }
  }

  /** Opens subject-key rows; the subjects of a row that does not authenticate become tampered. */
  async openRows(rows: readonly SubjectPackRow[]): Promise<RawKeys> {
    const key = this.#ctx.keys()['subject-keys'];
    const { vaultId } = this.#ctx;
    const opened = await Promise.all(
      rows.map((row) =>
        open(key, row.e, subjectPackAd(vaultId, row.pid, row.sids)).then(
          (raw) => (raw.length === row.sids.length * 32 ? raw : (wipe(raw), undefined)),
          () => undefined,
        ),
      ),
    );
    let total = 0;
    for (const raw of opened) total += raw?.length ?? 0;
    const out: RawKeys = { bytes: new Uint8Array(total), at: new Map() };
    let offset = 0;
    rows.forEach((row, n) => {
      const raw = opened[n];
      if (!raw) {
        for (const sid of row.sids) this.#tampered.add(sid);
        return;
      }
      out.bytes.set(raw, offset);
      for (let j = 0; j < row.sids.length; j++) out.at.set(row.sids[j]!, offset + j * 32);
      offset += raw.length;
      wipe(raw);
    });
    return out;
  }

  /** Raw keys of the given subjects that exist (missing ones are erased or never created). */
  async raw(sids: Iterable<string>): Promise<RawKeys> {
    const state = await this.state();
    const pids = new Set<string>();
    for (const sid of sids) {
      const pid = state.where.get(sid);
      if (pid !== undefined) pids.add(pid);
    }
    if (pids.size === 0) return noRawKeys();
    return this.openRows([...pids].map((pid) => state.rows.get(pid)!));
  }

  /**
   * Raw keys for writing records of `sids`, creating keys (and their sealed rows, to be stored in
   * the same transaction) for subjects that have none. `record-tampered` for a tampered subject.
   */
  async forWrite(sids: readonly string[]): Promise<{ raw: RawKeys; rows: SubjectPackRow[] }> {
    if (sids.length === 0) return { raw: noRawKeys(), rows: [] };
    const state = await this.state();
    const missing = sids.filter((s) => !state.where.has(s));
    const existing = await this.raw(sids);
    if (sids.some((s) => this.#tampered.has(s))) {
      wipe(existing.bytes);
      throw new VaultError('record-tampered');
    }
    const fresh = missing.length ? await this.#newRows(missing) : { raw: noRawKeys(), rows: [] };
    return { raw: mergeRaw(existing, fresh.raw), rows: fresh.rows };
  }

  /** Fresh random keys for `sids`, sealed `packSize` to a row. */
  async #newRows(sids: string[]): Promise<{ raw: RawKeys; rows: SubjectPackRow[] }> {
    const size = this.#ctx.settings.packSize;
    const raw: RawKeys = {
      bytes: randomBytes(32 * sids.length),
      at: new Map(sids.map((sid, n) => [sid, n * 32])),
    };
    const key = this.#ctx.keys()['subject-keys'];
    const rows = await Promise.all(
      Array.from({ length: Math.ceil(sids.length / size) }, async (_, n) => {
        const chunk = sids.slice(n * size, n * size + size);
        const pid = randomId();
        const plain = raw.bytes.slice(n * size * 32, (n * size + chunk.length) * 32);
        try {
          return {
            pid,
            sids: chunk,
            e: await seal(key, KEY_SUBJECT_PACK, plain, subjectPackAd(this.#ctx.vaultId, pid, chunk)),
          };
        } finally {
          wipe(plain);
        }
      }),
    );
    return { raw, rows };
  }

  /** Creates the key of `subjectId` if it has none. Runs in the write queue. */
  async create(subjectId: string): Promise<void> {
    const { raw, rows } = await this.forWrite([subjectId]);
    wipe(raw.bytes);
    if (!rows.length) return;
    const db = this.#ctx.db;
    await write(db, [db.subjectPacks], () => db.subjectPacks.bulkAdd(rows));
    await this.add(rows);
  }

  /** The key of a pack of `members` (derived from all their keys); undefined when one is missing. */
  packKey(pid: string, members: readonly string[], raw: RawKeys): Promise<CryptoKey> | undefined {
    const ikm = ikmOf(raw, members);
    if (!ikm) return undefined;
    // The member list is bound through its hash, so a pack cannot be re-labelled with other
    // members; hashing keeps HKDF's `info` short (Node's WebCrypto refuses more than 1024 bytes).
    return sha256(utf8(members.join(','))).then((digest) =>
      subjectDerivedKey(ikm, this.#ctx.salt, `scrigno/v2/pack\u0000${pid}\u0000${toBase64Url(digest)}`),
    );
  }

  /** The key of a subject's single-record envelopes; undefined when the subject has no key. */
  async recordKey(sid: string, raw?: RawKeys): Promise<CryptoKey | undefined> {
    const cached = this.#recordKeys.get(sid);
    if (cached) return cached;
    const own = raw?.at.has(sid) ? undefined : await this.raw([sid]);
    try {
      const ikm = ikmOf(own ?? raw!, [sid]);
      if (!ikm) return undefined;
      const key = await subjectDerivedKey(ikm, this.#ctx.salt, `scrigno/v2/record\u0000${sid}`);
      this.#recordKeys.set(sid, key);
      return key;
    } finally {
      if (own) wipe(own.bytes);
    }
  }

  /**
   * The key of a shared record's single-record envelope, derived from every key of its subject
   * group `group` (see `SubjectGroup`) and bound to the record's `table/id`; undefined when one is
   * missing. Not cached: shared records rarely sit in the overlay, and erasure needs no bookkeeping.
   */
  async sharedRecordKey(k: string, group: string, raw?: RawKeys): Promise<CryptoKey | undefined> {
    const members = group.split(',');
    const own = raw && members.every((sid) => raw.at.has(sid)) ? undefined : await this.raw(members);
    try {
      const ikm = ikmOf(own ?? raw!, members);
      if (!ikm) return undefined;
      const digest = await sha256(utf8(`${k}\u0000${group}`));
      return await subjectDerivedKey(
        ikm,
        this.#ctx.salt,
        `scrigno/v2/shared-record\u0000${toBase64Url(digest)}`,
      );
    } finally {
      if (own) wipe(own.bytes);
    }
  }

  /** Drops the cached record key of `sid` (its creation did not commit, or it was erased). */
  forgetRecordKey(sid: string): void {
    this.#recordKeys.delete(sid);
  }

  /** True when the key row of `sid` (or of any subject of the group `sid`) failed to authenticate. */
  isTampered(sid: string): boolean {
    if (!sid.includes(',')) return this.#tampered.has(sid);
    return sid.split(',').some((one) => this.#tampered.has(one));
  }

  /**
   * True when a record that could not be read belongs to an erased subject (skip it silently):
   * for a shared record (a subject group), when one of its subjects is erased and none tampered.
   */
  erased(sid: string | undefined, raw: RawKeys): boolean {
    if (sid === undefined) return false;
    if (!sid.includes(',')) return !raw.at.has(sid) && !this.#tampered.has(sid);
    const members = sid.split(',');
    return members.some((one) => !raw.at.has(one)) && !members.some((one) => this.#tampered.has(one));
  }

  /**
   * The rows holding `subjectId`'s key, re-sealed without it (`updates`) or, when it was their only
   * key, to be deleted (`deletions`). `key` is the subject-keys key, taken before queueing. Throws
   * when a row does not authenticate: erasure never destroys data on a key mismatch.
   */
  async without(
    subjectId: string,
    holders: readonly SubjectPackRow[],
    key: CryptoKey,
  ): Promise<{ updates: SubjectPackRow[]; deletions: string[] }> {
    const { vaultId } = this.#ctx;
    const updates: SubjectPackRow[] = [];
    const deletions: string[] = [];
    for (const row of holders) {
      const plain = await open(key, row.e, subjectPackAd(vaultId, row.pid, row.sids));
      const keep = row.sids.flatMap((sid, i) => (sid === subjectId ? [] : [i]));
      if (keep.length === 0) deletions.push(row.pid);
      else {
        const rest = concat(...keep.map((i) => plain.subarray(i * 32, i * 32 + 32)));
        const sids = keep.map((i) => row.sids[i]!);
        updates.push({
          pid: row.pid,
          sids,
          e: await seal(key, KEY_SUBJECT_PACK, rest, subjectPackAd(vaultId, row.pid, sids)),
        });
        wipe(rest);
      }
      wipe(plain);
    }
    return { updates, deletions };
  }

  /** Forgets an erased subject once the erasure committed (`without`'s result written). */
  erasedCommitted(
    state: SubjectState,
    subjectId: string,
    change: { updates: readonly SubjectPackRow[]; deletions: readonly string[] },
  ): void {
    for (const row of change.updates) state.rows.set(row.pid, row);
    for (const pid of change.deletions) state.rows.delete(pid);
    state.where.delete(subjectId);
    this.#recordKeys.delete(subjectId);
  }

  /** Forgets every key and cached row (on lock). */
  clear(): void {
    this.#state = undefined;
    this.#recordKeys.clear();
    this.#tampered.clear();
  }
}
