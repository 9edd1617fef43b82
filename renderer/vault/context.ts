// What the parts of one unlocked vault share: the store, the vault's identity and settings, the
// key session (gone after `lock()`), the vault clock and the write queue. Each part keeps its own
// caches; only what several of them need lives here.
import { utf8 } from './bytes';
import type { PurposeKeys } from './crypto';
import type { VaultDb } from './db';
import { VaultError } from './errors';
import type { KeySession } from './key-session';
import type { VaultSettings } from './options';

/** The shared state of one unlocked vault (see the file comment). */
export class VaultContext {
  /** HKDF salt of every key derived from data-subject keys. */
  readonly salt: Uint8Array<ArrayBuffer>;
  /**
   * The vault-wide clock: every write takes its next values and persists the last one in
   * `meta['clock']` in its own transaction. Read and advanced only inside `serial`.
   */
  clock: number;
  #session: KeySession | undefined;
  /** The tail of the write queue; shared with the context that succeeds this one (rotation). */
  #queue: { tail: Promise<unknown> };

  constructor(
    readonly db: VaultDb,
    readonly vaultId: string,
    session: KeySession,
    clock: number,
    readonly settings: VaultSettings,
    queue: { tail: Promise<unknown> } = { tail: Promise.resolve() },
  ) {
    this.#session = session;
    this.clock = clock;
    this.salt = utf8(`scrigno/vault/${vaultId}`);
    this.#queue = queue;
  }

  /**
   * The context of the same store under a new identity (a master-key rotation): same database,
   * settings, clock and write queue, so writes queued before the switch run after it, in order.
   */
  successor(vaultId: string, session: KeySession): VaultContext {
    return new VaultContext(this.db, vaultId, session, this.clock, this.settings, this.#queue);
  }

  /** The key session; undefined after `lock()`. */
  get session(): KeySession | undefined {
    return this.#session;
  }

  /** The purpose keys. Throws `locked` after `lock()`. */
  keys(): PurposeKeys {
    if (!this.#session) throw new VaultError('locked');
    return this.#session.keys;
  }

  /** Forgets the key session: every later `keys()` throws `locked`. */
  dropSession(): void {
    this.#session = undefined;
  }

  /** Runs writes and maintenance one at a time, so clocks, subjects and packs stay consistent. */
  serial<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#queue.tail.then(body, body);
    this.#queue.tail = run.catch(() => undefined);
    return run;
  }
}
