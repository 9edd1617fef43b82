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
  isSharedPart,
  isTombstone,
  newestClock,
  partId,
  partOf,
  partRules,
  randomId,
  receive,
  recordRegistry,
  schemaOf,
  tableNames,
  tick,
  toInstant,
  validate,
  type AuditEntry,
  type EntityTable,
  type HistoryEntry,
  type Hlc,
  type Organization,
  type Parties,
  type PartOwner,
  type PartTable,
  type Person,
  type RecordBase,
  type SharedPart,
  type Stamp,
  type ValidationIssue,
  upgradeRecord,
} from '../../shared/domain';
import { createSHA256, type IHasher } from 'hash-wasm';
import { randomBytes } from './bytes';
import type { Model, TableName } from './model';
import type { PutItem, Reblind, RecordMeta, Vault } from './vault';

export type { EntityTable, HistoryEntry } from '../../shared/domain';

/** A history entry to store for another record, under that record's subject keys if any. */
export interface HistoryCopy {
  readonly entry: HistoryEntry;
  readonly subjectId?: string;
  /** The receiving record's subjects when it has several (a sole trader and its owners). */
  readonly subjectIds?: readonly string[];
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

/** One party of a record that is a data subject, with the subjects its own records are sealed for. */
export interface SubjectParty {
  readonly owner: Exclude<PartOwner, null>;
  readonly subjectIds: readonly string[];
}

/**
 * Finds the data subjects whose keys encrypt a record, by the table's subject rule in the record
 * registry (see `SubjectRule`): a person is their `subjectId`; an organization that is a natural
 * person (a sole trader) is its own id and the subject ids of the sole-trader people linked to it
 * (erasing either shreds its records); any other organization is no one. Records written by the
 * same command (`pending`) count before the model's.
 */
export class SubjectFinder {
  #owners: Map<string, string[]> | undefined;

  constructor(
    readonly model: Model,
    readonly pendingPeople: ReadonlyMap<string, Person> = new Map(),
    readonly pendingOrganizations: ReadonlyMap<string, Organization> = new Map(),
  ) {}

  /** A person as this command leaves them. */
  person(id: string): Person | undefined {
    return this.pendingPeople.get(id) ?? this.model.get('people', id);
  }

  /** An organization as this command leaves it. */
  organization(id: string): Organization | undefined {
    return this.pendingOrganizations.get(id) ?? this.model.get('organizations', id);
  }

  /** The subjects of an organization: itself and its owners when it is a natural person. */
  organizationSubjects(id: string): string[] {
    if (this.organization(id)?.naturalPerson !== true) return [];
    return [id, ...(this.#ownerIndex().get(id) ?? [])];
  }

  // Sole traders by the organizations they link to, built once (a scan of the people).
  #ownerIndex(): Map<string, string[]> {
    if (this.#owners) return this.#owners;
    const owners = new Map<string, string[]>();
    const add = (p: Person) => {
      if (p.kind !== 'sole-trader') return;
      for (const link of p.organizations) {
        const list = owners.get(link.organizationId);
        if (!list) owners.set(link.organizationId, [p.subjectId]);
        else if (!list.includes(p.subjectId)) list.push(p.subjectId);
      }
    };
    for (const p of this.model.list('people')) if (!this.pendingPeople.has(p.id)) add(p);
    for (const p of this.pendingPeople.values()) add(p);
    return (this.#owners = owners);
  }

  /** The parties of a record that are data subjects, each with its subjects. */
  parties(table: TableName, data: unknown): SubjectParty[] {
    const rule = recordRegistry[table].subject;
    if (rule.kind !== 'parties') return [];
    const { people, organizations } = (rule.parties as (record: unknown) => Parties)(data);
    const out: SubjectParty[] = [];
    for (const id of people) {
      const sid = this.person(id)?.subjectId;
      if (sid !== undefined) out.push({ owner: { person: id }, subjectIds: [sid] });
    }
    for (const id of organizations) {
      const sids = this.organizationSubjects(id);
      if (sids.length) out.push({ owner: { organization: id }, subjectIds: sids });
    }
    return out;
  }

  /** Every subject whose key a record is sealed under (none: the records key). */
  subjects(table: TableName, data: unknown): string[] {
    const rule = recordRegistry[table].subject;
    switch (rule.kind) {
      case 'none':
        return [];
      case 'self':
        return [(data as Person).subjectId];
      case 'listed':
        return [...(data as { subjectIds: readonly string[] }).subjectIds];
      case 'person': {
        const personId = (rule.personId as (record: unknown) => string | undefined)(data);
        const sid = personId ? this.person(personId)?.subjectId : undefined;
        return sid === undefined ? [] : [sid];
      }
      case 'parties': {
        const out: string[] = [];
        for (const party of this.parties(table, data))
          for (const sid of party.subjectIds) if (!out.includes(sid)) out.push(sid);
        return out;
      }
    }
  }
}

/** The vault's index fields sealing a record for `subjects` (one, several, or none). */
export function sealedFor(subjects: readonly string[]): Pick<RecordMeta, 'subjectId' | 'subjectIds'> {
  if (subjects.length === 0) return {};
  if (subjects.length === 1) return { subjectId: subjects[0]! };
  return { subjectIds: subjects };
}

/** Every subject whose key encrypts a record (see `SubjectFinder`); `pending`: people of the same command. */
export function subjectsOf(
  model: Model,
  table: TableName,
  data: unknown,
  pending?: ReadonlyMap<string, Person>,
): string[] {
  return new SubjectFinder(model, pending).subjects(table, data);
}

/**
 * The one data subject whose key encrypts a record, when it has exactly one (a person's own
 * records). undefined for records under the records key AND for shared records (several
 * subjects): use `subjectsOf` to seal or select records.
 */
export function subjectOf(
  model: Model,
  table: TableName,
  data: unknown,
  pending?: ReadonlyMap<string, Person>,
): string | undefined {
  const subjects = subjectsOf(model, table, data, pending);
  return subjects.length === 1 ? subjects[0] : undefined;
}

/** True when a record of `table` sealed for `subjects` keeps parts (see `shared-parts.ts`). */
function hasParts(table: TableName, subjects: readonly string[]): table is PartTable {
  const rule = recordRegistry[table].subject;
  if (rule.kind !== 'parties' || rule.part === undefined) return false;
  return subjects.length >= 2 || (partRules[rule.part].base && subjects.length >= 1);
}

/**
 * The stored items of one record: the record sealed for all its subjects and, for a shared
 * record, each party's part under that party's keys (and the base part under the records key).
 */
export function sealedItems(
  finder: SubjectFinder,
  table: TableName,
  record: RecordBase,
  blind?: string[],
): PutItem[] {
  const subjects = finder.subjects(table, record);
  const items: PutItem[] = [
    { table, id: record.id, data: compactClock(record), ...sealedFor(subjects), blind },
  ];
  if (!hasParts(table, subjects)) return items;
  const shared = record as unknown as Parameters<typeof partOf>[1];
  const org = shared.organizationId;
  const organizationIsParty = org !== undefined && finder.organizationSubjects(org).length > 0;
  for (const party of finder.parties(table, record)) {
    items.push({
      table: 'shared-parts',
      id: partId(table, record.id, party.owner),
      data: partOf(table, shared, party.owner, party.subjectIds, organizationIsParty),
      ...sealedFor(party.subjectIds),
    });
  }
  if (partRules[table].base) {
    items.push({
      table: 'shared-parts',
      id: partId(table, record.id, null),
      data: partOf(table, shared, null, [], organizationIsParty),
    });
  }
  return items;
}

/**
 * Organizations whose subjects a command changes: a natural-person flag set or cleared, a sole
 * trader linked to or unlinked from them (or becoming or ceasing to be a sole trader).
 */
function ownershipChanges(changes: readonly Change[], finder: SubjectFinder): Set<string> {
  const out = new Set<string>();
  for (const c of changes) {
    if (c.table === 'organizations') {
      const before = c.before as Organization | null;
      if (before !== null && before.naturalPerson !== (c.after as Organization).naturalPerson)
        out.add(c.after.id);
    } else if (c.table === 'people') {
      const before = c.before as Person | null;
      const after = c.after as Person;
      const was = before?.kind === 'sole-trader' ? before.organizations.map((o) => o.organizationId) : [];
      const is = after.kind === 'sole-trader' ? after.organizations.map((o) => o.organizationId) : [];
      const natural = (id: string) => finder.organization(id)?.naturalPerson === true;
      for (const id of was) if (!is.includes(id) && natural(id)) out.add(id);
      for (const id of is) if (!was.includes(id) && natural(id)) out.add(id);
    }
  }
  return out;
}

/**
 * The stored parts of the records in `items` that `items` does not write again: the parts of a
 * party that left the record, or of a record that has none any more.
 */
function staleParts(model: Model, items: readonly PutItem[]): Array<{ table: 'shared-parts'; id: string }> {
  const writing = new Set<string>();
  for (const item of items) if (item.table === 'shared-parts') writing.add(item.id);
  const out: Array<{ table: 'shared-parts'; id: string }> = [];
  for (const item of items) {
    if (item.table !== 'activities' && item.table !== 'deals') continue;
    const before = model.get(item.table, item.id);
    if (!before) continue;
    const { people, organizations } = (
      recordRegistry[item.table].subject as { parties: (r: unknown) => Parties }
    ).parties(before);
    const ids = [
      partId(item.table, item.id, null),
      ...people.map((person) => partId(item.table as PartTable, item.id, { person })),
      ...organizations.map((organization) => partId(item.table as PartTable, item.id, { organization })),
    ];
    for (const id of ids)
      if (!writing.has(id) && model.get('shared-parts', id) !== undefined)
        out.push({ table: 'shared-parts', id });
  }
  return out;
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

/** The options of `Repository.commit`. */
export interface CommitOptions {
  readonly undoable?: boolean;
  readonly extraHistory?: readonly HistoryCopy[];
  /** The records were just checked with the same schemas (an import worker): skip re-checking. */
  readonly validated?: boolean;
  /** A check still running elsewhere: nothing is written unless it resolves (see `Vault.putMany`). */
  readonly ready?: Promise<void>;
}

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
  // Audit entries chain one after another: whatever appends to the log (a command, a batch of
  // reads) waits for the previous append to be stored, or two would claim the same place.
  #auditTail: Promise<unknown> = Promise.resolve();
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
    const repo = new Repository(vault, model, device, await createSHA256());
    await repo.resealShared();
    return repo;
  }

  /**
   * Seals again the shared records stored without their parts: those of a vault written before
   * shared records were sealed for all their subjects (they were under the records key then), or
   * restored without parts. Each is written under the keys of every subject with its parties'
   * parts, then the store is compacted so the old copies leave it. Runs at every open; finds
   * nothing to do once done. Returns the number of records sealed again.
   */
  async resealShared(): Promise<number> {
    const finder = new SubjectFinder(this.model);
    const items: PutItem[] = [];
    const full: Array<RecordBase | undefined> = [];
    let count = 0;
    const consider = (table: 'activities' | 'deals', record: RecordBase, parties: number) => {
      // One participant and no organization: under that person's key as before, no parts.
      if (parties === 0) return;
      // The common case at every open: the record's first part is there, of its current version.
      const first =
        table === 'deals'
          ? null
          : { person: (record as unknown as { participantIds: string[] }).participantIds[0] ?? '' };
      const probe = this.model.get('shared-parts', partId(table, record.id, first));
      if (isSharedPart(probe) && probe.version === newestClock(record.clock)) return;
      const sealed = sealedItems(finder, table, record);
      const part = sealed[1];
      if (!part) return;
      const stored = this.model.get('shared-parts', part.id);
      if (isSharedPart(stored) && stored.version === (part.data as SharedPart).version) return;
      full[items.length] = record;
      items.push(...sealed);
      count++;
    };
    for (const a of this.model.list('activities'))
      if (!isTombstone(a))
        consider('activities', a, (a.participantIds.length > 1 ? 1 : 0) + (a.organizationId ? 1 : 0));
    for (const d of this.model.list('deals'))
      if (!isTombstone(d)) consider('deals', d, d.personIds.length + (d.organizationId ? 1 : 0));
    if (count === 0) return 0;
    await this.vault.putMany(items);
    this.model.upsert(
      items.map((item, n) => ({ table: item.table as TableName, id: item.id, data: full[n] ?? item.data })),
    );
    await this.vault.compact();
    return count;
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
  commit(command: string, changes: readonly Change[], options: CommitOptions = {}): Promise<number> {
    return this.#inAuditOrder(() => this.#commit(command, changes, options));
  }

  /** Runs `work` after every earlier append to the audit log has settled. */
  #inAuditOrder<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#auditTail.then(work, work);
    this.#auditTail = run.catch(() => undefined);
    return run;
  }

  async #commit(command: string, changes: readonly Change[], options: CommitOptions): Promise<number> {
    if (!options.validated) {
      for (const change of changes) {
        const checked = validate(schemaOf(change.table), change.after);
        if (!checked.ok) throw new ValidationFailed(change.table, checked.issues);
      }
    }
    const items: PutItem[] = [];
    // The model keeps full records where the store keeps compact ones: by item position.
    const full: Array<RecordBase | undefined> = [];
    // Parties written by this same command decide the subjects of their records.
    const finder = new SubjectFinder(
      this.model,
      new Map(changes.filter((c) => c.table === 'people').map((c) => [c.after.id, c.after as Person])),
      new Map(
        changes.filter((c) => c.table === 'organizations').map((c) => [c.after.id, c.after as Organization]),
      ),
    );
    // History copied to another record (a merge): under the receiving record's keys (given, or
    // found from the record the entry names).
    for (const copy of options.extraHistory ?? []) {
      const meta = copy.subjectIds
        ? sealedFor(copy.subjectIds)
        : copy.subjectId !== undefined
          ? { subjectId: copy.subjectId }
          : sealedFor(finder.subjects('history', copy.entry));
      items.push({ table: 'history', id: this.newId(), data: copy.entry, ...meta });
    }
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
      // Stored with a compact clock (and, when shared, with its parties' parts); the model keeps
      // the full record.
      const sealed = sealedItems(finder, change.table, after, blinds[i]);
      full[items.length] = after;
      items.push(...sealed);
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
        // History holds values (personal data): under the keys of the record it is about.
        items.push({
          table: 'history',
          id: this.newId(),
          data: entry,
          ...sealedFor(finder.subjects('history', entry)),
        });
      }
      touched.push({ recordId: after.id, fields: diff.map((d) => d.field) });
    }
    // A sole trader's keys changed (flag set or cleared, an owner linked or unlinked): what is
    // stored about it moves under the new ones in the same transaction.
    const written = new Set(changes.map((c) => `${c.table}/${c.after.id}`));
    for (const orgId of ownershipChanges(changes, finder)) {
      const org = finder.organization(orgId);
      if (org && !written.has(`organizations/${orgId}`)) {
        const sealed = sealedItems(finder, 'organizations', org, this.blindTokensNow(org));
        full[items.length] = org;
        items.push(...sealed);
      }
      for (const [id, entry] of this.model.entries('history')) {
        if (entry.recordTable !== 'organizations' || entry.recordId !== orgId) continue;
        items.push({ table: 'history', id, data: entry, ...sealedFor(finder.subjects('history', entry)) });
      }
      for (const table of ['activities', 'deals', 'tasks'] as const) {
        for (const record of this.model.list(table)) {
          const linked =
            table === 'tasks'
              ? (record as { link?: { table: string; id: string } }).link?.id === orgId
              : (record as { organizationId?: string }).organizationId === orgId;
          if (!linked || written.has(`${table}/${record.id}`)) continue;
          full[items.length] = record;
          items.push(...sealedItems(finder, table, record));
        }
      }
    }
    let audit = this.#lastAudit;
    for (const draft of auditDrafts({ at, actor: this.device.name, command }, touched)) {
      audit = await appendEntry(audit, draft, this.#hash);
      items.push({ table: 'audit', id: String(audit.seq).padStart(12, '0'), data: audit });
    }
    // Parts a record no longer has (a party left it, it was purged): deleted once it is written.
    const stale = staleParts(this.model, items);
    await this.vault.putMany(items, options.ready ? { ready: options.ready } : {});
    this.#lastAudit = audit;
    this.model.upsert(
      items.map((item, n) => ({
        table: item.table as TableName,
        id: item.id,
        data: full[n] ?? item.data,
      })),
    );
    if (stale.length) {
      await this.vault.deleteMany(stale);
      this.model.remove(stale);
    }
    const token = this.#nextToken++;
    if (options.undoable !== false) this.#undo.push({ command, changes: [...changes], token });
    return token;
  }

  /**
   * Brings the model in line with the store after `Vault.destroySubjectKey(subjectId)`: every
   * record sealed for that subject (their own, and the shared records and sole-trader records
   * they were a party to) leaves the model, and the shared records come back from the parts the
   * other parties keep. Call it right after the key is destroyed, while the erased person is still
   * in the model (their records are found through them). Scans every record once. Returns the
   * number of records removed.
   */
  forgetSubject(subjectId: string): number {
    const finder = new SubjectFinder(this.model);
    const gone: Array<{ table: TableName; id: string }> = [];
    for (const table of tableNames) {
      if (recordRegistry[table].subject.kind === 'none') continue;
      for (const [id, data] of this.model.entries(table))
        if (finder.subjects(table, data).includes(subjectId)) gone.push({ table, id });
    }
    this.model.remove(gone);
    this.model.rebuildFromParts();
    return gone.length;
  }

  /** Appends an audit entry for a command that touched no single record (restore, erasure run). */
  logCommand(command: string): Promise<void> {
    return this.appendAudit([{ at: toInstant(Date.now()), command, recordId: null }]);
  }

  /**
   * Appends entries that record no change (reads of a record: `people.viewed`), in one write, in
   * the chain's order after any command still being stored. Field lists are empty: nothing was
   * changed, and no value ever enters the log.
   */
  appendAudit(
    drafts: readonly { readonly at: string; readonly command: string; readonly recordId: string | null }[],
  ): Promise<void> {
    return this.#inAuditOrder(async () => {
      if (drafts.length === 0) return;
      let audit = this.#lastAudit;
      const items: PutItem[] = [];
      for (const d of drafts) {
        const draft = {
          at: d.at,
          actor: this.device.name,
          command: d.command,
          recordId: d.recordId,
          fields: [],
        };
        audit = await appendEntry(audit, draft, this.#hash);
        items.push({ table: 'audit', id: String(audit.seq).padStart(12, '0'), data: audit });
      }
      await this.vault.putMany(items);
      this.#lastAudit = audit;
      this.model.upsert(items.map((item) => ({ table: 'audit' as const, id: item.id, data: item.data })));
    });
  }

  /**
   * Forgets every command Undo could reverse. An erasure calls it: reversing an earlier edit of
   * the erased person would write their record back.
   */
  clearUndo(): void {
    this.#undo.length = 0;
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
