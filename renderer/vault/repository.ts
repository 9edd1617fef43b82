import { z } from 'zod';
import {
  appendEntry,
  auditDrafts,
  compactClock,
  decodeHlc,
  dedupeKeys,
  diffRecords,
  encodeHlc,
  initialHlc,
  randomId,
  receive,
  recordRegistry,
  schemaOf,
  tick,
  toInstant,
  validate,
  type AuditEntry,
  type EntityTable,
  type HistoryEntry,
  type Hlc,
  type Organization,
  type Person,
  type RecordBase,
  type Stamp,
  type ValidationIssue,
  upgradeRecord,
} from '../../shared/domain';
import { createSHA256, type IHasher } from 'hash-wasm';
import { randomBytes } from './bytes';
import type { Model, TableName } from './model';
import type { PutItem, Reblind, Vault } from './vault';

export type { EntityTable, HistoryEntry } from '../../shared/domain';

/** A history entry to store for another record, under that record's subject key if any. */
export interface HistoryCopy {
  readonly entry: HistoryEntry;
  readonly subjectId?: string;
}

/** A change to one record: its state before (null when new) and after. */
export interface Change {
  readonly table: EntityTable;
  readonly before: RecordBase | null;
  readonly after: RecordBase;
}

/** A command's changes were refused by the domain rules; nothing was written. */
export class ValidationFailed extends Error {
  override readonly name = 'ValidationFailed';
  constructor(
    readonly table: EntityTable,
    readonly issues: readonly ValidationIssue[],
  ) {
    super('validation failed');
  }
}

/**
 * The data subject whose key encrypts a record, by the table's subject rule in the record
 * registry: a person's own record and history, and the activities and tasks about exactly one
 * person (so erasing them shreds those too). Records about several people or none stay under the
 * records key. `pending` holds people written by the same command.
 */
export function subjectOf(
  model: Model,
  table: TableName,
  data: unknown,
  pending?: ReadonlyMap<string, Person>,
): string | undefined {
  const rule = recordRegistry[table].subject;
  if (rule.kind === 'none') return undefined;
  if (rule.kind === 'self') return (data as Person).subjectId;
  const personId = (rule.personId as (record: unknown) => string | undefined)(data);
  return personId ? (pending?.get(personId) ?? model.get('people', personId))?.subjectId : undefined;
}

const DEVICE_ID = 'device';
// Ids draw on a pool of random bytes filled 4 KiB at a time: an import makes 100,000+ ids, and
// one platform call per id was a visible part of it. Every byte is used once.
let idPool = new Uint8Array(0);
let idPoolAt = 0;
const nodeRandom = (n: number) => {
  if (idPoolAt + n > idPool.length) {
    idPool = randomBytes(Math.max(4096, n));
    idPoolAt = 0;
  }
  idPoolAt += n;
  return idPool.slice(idPoolAt - n, idPoolAt);
};

/** The device's settings record: its HLC node id and the name the audit log shows. */
const deviceSettingsSchema = z.object({ node: z.string().min(1), name: z.string() });
type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/**
 * The write path of every command: validate with the shared schemas, stamp clocks, encrypt and
 * store all records of the command in one transaction (with history and audit entries), then
 * update the in-memory model. Nothing reaches the model before the store acknowledged it.
 */
export class Repository {
  #hlc: Hlc;
  readonly #hash: (bytes: Uint8Array) => Promise<Uint8Array>;
  #lastAudit: AuditEntry | null;
  readonly #undo: Array<{ command: string; changes: Change[]; token: number }> = [];
  #nextToken = 1;

  private constructor(
    readonly vault: Vault,
    readonly model: Model,
    readonly device: DeviceSettings,
    hasher: IHasher,
  ) {
    // The audit chain hashes one entry after another: a synchronous SHA-256 (hash-wasm) avoids a
    // WebCrypto round trip per entry, which dominated large imports.
    this.#hash = async (bytes) => hasher.init().update(bytes).digest('binary');
    this.#hlc = initialHlc(device.node);
    this.#lastAudit = [...model.list('audit')].sort((a, b) => b.seq - a.seq)[0] ?? null;
  }

  /** Opens the repository, creating this device's settings on first use. */
  static async open(vault: Vault, model: Model, defaultDeviceName: string): Promise<Repository> {
    let device: DeviceSettings | undefined = deviceSettingsSchema.safeParse(
      model.get('settings', DEVICE_ID),
    ).data;
    if (!device) {
      device = { node: randomId(nodeRandom).slice(0, 16), name: defaultDeviceName };
      await vault.put('settings', DEVICE_ID, device);
      model.upsert([{ table: 'settings', id: DEVICE_ID, data: device }]);
    }
    return new Repository(vault, model, device, await createSHA256());
  }

  /** A fresh clock stamp for one edit. */
  stamp(now = Date.now()): Stamp {
    this.#hlc = tick(this.#hlc, now);
    return { clock: encodeHlc(this.#hlc), at: now };
  }

  /**
   * Moves this device's clock past `clock`, seen on a peer's record (sync), so that an edit made
   * here afterwards orders after it even when the peer's calendar runs ahead. A clock more than a
   * day ahead of `now` is ignored: one device with a wrong calendar does not drag every clock.
   */
  witness(clock: string, now = Date.now()): void {
    try {
      this.#hlc = receive(this.#hlc, decodeHlc(clock), now, { maxDriftMs: 86_400_000 });
    } catch {
      // Malformed or too far ahead: this device's clock stays as it is.
    }
  }

  /** A new random record id. */
  newId(): string {
    return randomId(nodeRandom);
  }

  /** Blind-index tokens of a party's dedupe keys (email, phone, VAT, tax code). */
  blindTokens(party: Person | Organization): Promise<string[]> {
    return Promise.resolve(this.blindTokensNow(party));
  }

  /**
   * The blind tokens of a stored record under the key `token` computes with: what a master-key
   * rotation (`Vault.rotateMasterKey`) needs to re-key the index. Parties only, upgraded to their
   * table's current version first.
   */
  readonly reblind: Reblind = (record, token) =>
    record.table === 'people' || record.table === 'organizations'
      ? dedupeKeys(upgradeRecord(record.table, record.data) as Person | Organization).map((k) =>
          token(k.kind, k.value),
        )
      : [];

  /** `blindTokens`, at once. */
  blindTokensNow(party: Person | Organization): string[] {
    return dedupeKeys(party).map((k) => this.vault.blindTokenNow(k.kind, k.value));
  }

  /**
   * Writes one command's changes atomically and records them in history and the audit log.
   * Throws `ValidationFailed` (nothing written) when a record breaks the domain rules.
   */
  async commit(
    command: string,
    changes: readonly Change[],
    options: {
      undoable?: boolean;
      extraHistory?: readonly HistoryCopy[];
      /** The records were just checked with the same schemas (an import worker): skip re-checking. */
      validated?: boolean;
      /** A check still running elsewhere: nothing is written unless it resolves (see `Vault.putMany`). */
      ready?: Promise<void>;
    } = {},
  ): Promise<number> {
    if (!options.validated) {
      for (const change of changes) {
        const checked = validate(schemaOf(change.table), change.after);
        if (!checked.ok) throw new ValidationFailed(change.table, checked.issues);
      }
    }
    const items: PutItem[] = [];
    // The model keeps full records where the store keeps compact ones: by item position.
    const full: Array<RecordBase | undefined> = [];
    // History copied to another record (a merge): under the receiving subject's key.
    for (const copy of options.extraHistory ?? []) {
      items.push({ table: 'history', id: this.newId(), data: copy.entry, subjectId: copy.subjectId });
    }
    // People written by this same command decide the subject of their activities and tasks.
    const pending = new Map(
      changes.filter((c) => c.table === 'people').map((c) => [c.after.id, c.after as Person]),
    );
    // Blind-index tokens of every party, computed in-thread (no WebCrypto round trip per key).
    const blinds = changes.map((c) =>
      c.table === 'people' || c.table === 'organizations'
        ? this.blindTokensNow(c.after as Person | Organization)
        : undefined,
    );
    const at = toInstant(Date.now());
    const touched: { recordId: string; fields: string[] }[] = [];
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const after = change.after;
      const subjectId = subjectOf(this.model, change.table, after, pending);
      // Stored with a compact clock; the model keeps the full record.
      items.push({
        table: change.table,
        id: after.id,
        data: compactClock(after),
        subjectId,
        blind: blinds[i],
      });
      full[items.length - 1] = after;
      const diff = diffRecords(change.before, after);
      if (change.table === 'people' || change.table === 'organizations') {
        const entry: HistoryEntry = {
          recordTable: change.table,
          recordId: after.id,
          at,
          actor: this.device.name,
          command,
          // A creation is recorded as such; the record itself holds its first values.
          changes: change.before === null ? [] : diff,
        };
        // History holds values (personal data): a person's history is under their key.
        items.push({ table: 'history', id: this.newId(), data: entry, subjectId });
      }
      touched.push({ recordId: after.id, fields: diff.map((d) => d.field) });
    }
    let audit = this.#lastAudit;
    for (const draft of auditDrafts({ at, actor: this.device.name, command }, touched)) {
      audit = await appendEntry(audit, draft, this.#hash);
      items.push({ table: 'audit', id: String(audit.seq).padStart(12, '0'), data: audit });
    }
    await this.vault.putMany(items, options.ready ? { ready: options.ready } : {});
    this.#lastAudit = audit;
    this.model.upsert(
      items.map((item, n) => ({
        table: item.table as TableName,
        id: item.id,
        data: full[n] ?? item.data,
      })),
    );
    const token = this.#nextToken++;
    if (options.undoable !== false) this.#undo.push({ command, changes: [...changes], token });
    return token;
  }

  /** Appends an audit entry for a command that touched no single record (restore, erasure run). */
  async logCommand(command: string): Promise<void> {
    const audit = await appendEntry(
      this.#lastAudit,
      { at: toInstant(Date.now()), actor: this.device.name, command, recordId: null, fields: [] },
      this.#hash,
    );
    const item = { table: 'audit' as const, id: String(audit.seq).padStart(12, '0'), data: audit };
    await this.vault.put(item.table, item.id, item.data);
    this.#lastAudit = audit;
    this.model.upsert([item]);
  }

  /** The command the next `undo` would reverse, if any. */
  get undoable(): string | undefined {
    return this.#undo.at(-1)?.command;
  }

  /**
   * Reverses the last command (or, given its token, that command if it is still the last) by writing the earlier versions back with new clocks (records the
   * command created go to the trash). The reversal is itself logged.
   */
  async undo(token?: number): Promise<string | undefined> {
    // With a token (from `commit`), only that command is undone, and only if nothing came after.
    if (token !== undefined && this.#undo.at(-1)?.token !== token) return undefined;
    const last = this.#undo.pop();
    if (!last) return undefined;
    const stamp = this.stamp();
    const reversed: Change[] = last.changes.map((c) => {
      const current = this.model.get(c.table, c.after.id) ?? c.after;
      const target: RecordBase = c.before ?? { ...current, deletedAt: toInstant(stamp.at) };
      const clock: Record<string, string> = { ...current.clock };
      for (const d of diffRecords(current, target)) clock[d.field] = stamp.clock;
      return {
        table: c.table,
        before: current,
        after: { ...target, clock, updatedAt: toInstant(stamp.at) },
      };
    });
    await this.commit(`${last.command}.undo`, reversed, { undoable: false });
    return last.command;
  }

  /** The history of one record, newest first. */
  history(recordId: string): HistoryEntry[] {
    return this.model
      .list('history')
      .filter((h) => h.recordId === recordId)
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }
}
