// The sync envelope: one AEAD (AES-256-GCM) per record, under the person's sync subject key or
// the space's records key, bound to space, locator (table and id), schema version and key, and
// padded to a size bucket. Also the other sealed values of the doc: wrapped subject keys, erasure
// entries and the meta state. Layout and reasons: README, "Envelope".
import { concat, fromUtf8, randomBytes, toBase64Url, utf8 } from '../vault';
import type { SpaceKey } from './keys';

/** Envelope format written by this code. */
export const SYNC_ENVELOPE_VERSION = 1;
/** Kind byte: the space's records key. */
export const KIND_RECORDS = 1;
/** Kind byte: a person's sync subject key (tag and key id follow the nonce). */
export const KIND_SUBJECT = 2;
/**
 * Kind byte: a shared record (about several people): a key derived from EVERY party's sync
 * subject key (a count, then each party's tag and key id, follow the nonce). Erasing any one
 * party's key shreds it.
 */
export const KIND_GROUP = 3;
/** Most parties one shared envelope names. */
export const MAX_GROUP = 255;

const NONCE = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const GCM_TAG = 16;
const BASE_HEAD = 4 + NONCE;
/** Smallest padded plaintext: short records all look alike. */
export const MIN_BUCKET = 256;

/** Why an envelope (or another sealed value) was refused. Never carries record content. */
export type RefusalReason = 'malformed' | 'unknown-key' | 'tampered';

/** A remote value that does not open: reported and skipped, never applied. */
export class EnvelopeRefused extends Error {
  override readonly name = 'EnvelopeRefused';
  constructor(readonly reason: RefusalReason) {
    super(`sync envelope refused: ${reason}`);
  }
}

/** One space: its id (bound into everything) and its keys. */
export interface Space {
  readonly id: string;
  readonly key: SpaceKey;
}

/** A person's sync subject key as the bridge holds it. */
export interface SubjectKey {
  /** HMAC tag of the subject id (16 bytes). */
  readonly tag: Uint8Array;
  /** Random id of this key (8 bytes): two devices may each have made one while apart. */
  readonly keyId: Uint8Array;
  readonly key: CryptoKey;
}

/** What an envelope carries. */
export interface SyncRecord {
  readonly table: string;
  readonly id: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** What can be read from an envelope without a key. */
export interface EnvelopeHead {
  readonly kind: typeof KIND_RECORDS | typeof KIND_SUBJECT | typeof KIND_GROUP;
  readonly schemaVersion: number;
  /** Subject tag and key id (kind 2). */
  readonly tag?: Uint8Array;
  readonly keyId?: Uint8Array;
  /** Every party's tag and key id (kind 3), sorted by tag. */
  readonly members?: ReadonlyArray<{ readonly tag: Uint8Array; readonly keyId: Uint8Array }>;
  readonly headLength: number;
}

/**
 * Per sync subject key, its HKDF twin (the same 32 bytes imported for derivation, never
 * extractable): what a shared record's key is derived from.
 */
const bases = new WeakMap<CryptoKey, CryptoKey>();

async function importSubjectKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const [key, base] = await Promise.all([
    crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveBits']),
  ]);
  bases.set(key, base);
  return key;
}

/**
 * The key of a shared record: HKDF over one derived secret per party (each from that party's sync
 * subject key, in tag order), bound to the space, the locator and the member list. Without any
 * one party's key it cannot be made.
 */
async function groupKey(space: Space, locator: string, members: readonly CryptoKey[], list: Uint8Array) {
  const salt = utf8(`scrigno/sync/group/${space.id}`);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (const member of members) {
    const base = bases.get(member);
    if (!base) throw new EnvelopeRefused('unknown-key');
    const info = utf8('scrigno/sync/1/group-member');
    parts.push(
      new Uint8Array(
        await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, base, 256),
      ),
    );
  }
  const ikm = concat(...parts);
  try {
    const base = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
    const info = concat(utf8(`scrigno/sync/1/group\u0000${locator}\u0000`), list);
    return await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt, info },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } finally {
    ikm.fill(0);
    for (const part of parts) part.fill(0);
  }
}

/** Sorts parties by tag (one envelope, one order) and drops duplicates. */
function sortMembers(members: readonly SubjectKey[]): SubjectKey[] {
  const byTag = new Map<string, SubjectKey>();
  for (const m of members) byTag.set(toBase64Url(m.tag), m);
  return [...byTag.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
}

const hmac = async (key: CryptoKey, text: string, bytes: number) =>
  new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(text))).slice(0, bytes);

/** The record's key in the doc's `records` map: HMAC of table and id, 22 characters. */
export async function locatorOf(space: Space, table: string, id: string): Promise<string> {
  return toBase64Url(await hmac(space.key.locator, `record\u0000${table}\u0000${id}`, 16));
}

/** A person's tag: HMAC of the subject id, 16 bytes (nothing to a device that does not know them). */
export function subjectTagOf(space: Space, subjectId: string): Promise<Uint8Array<ArrayBuffer>> {
  return hmac(space.key.locator, `subject\u0000${subjectId}`, TAG_BYTES);
}

/** The key of a wrapped subject key in the doc's `keys` map: tag and key id. */
export const keyEntryName = (tag: Uint8Array, keyId: Uint8Array): string =>
  `${toBase64Url(tag)}.${toBase64Url(keyId)}`;

/**
 * Padmé: rounds a length up so that only O(log log n) bits of it remain (overhead ≤ ~12%),
 * never below `MIN_BUCKET`.
 */
export function paddedLength(length: number): number {
  if (length <= MIN_BUCKET) return MIN_BUCKET;
  const e = Math.floor(Math.log2(length));
  const s = Math.floor(Math.log2(e)) + 1;
  const mask = 2 ** (e - s) - 1;
  return Math.ceil(length / (mask + 1)) * (mask + 1);
}

function pad(text: string): Uint8Array<ArrayBuffer> {
  const body = utf8(text);
  const out = new Uint8Array(paddedLength(4 + body.length));
  new DataView(out.buffer).setUint32(0, body.length);
  out.set(body, 4);
  return out;
}

function unpad(bytes: Uint8Array): string {
  if (bytes.length < 4) throw new EnvelopeRefused('malformed');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (length > bytes.length - 4 || bytes.length !== paddedLength(4 + length)) {
    throw new EnvelopeRefused('malformed');
  }
  for (let i = 4 + length; i < bytes.length; i++) if (bytes[i] !== 0) throw new EnvelopeRefused('malformed');
  return fromUtf8(bytes.subarray(4, 4 + length));
}

const recordAd = (space: Space, locator: string, head: Uint8Array) =>
  concat(utf8(`scrigno/sync/1/record\u0000${space.id}\u0000${locator}\u0000`), head);

/** Reads the clear head of an envelope; `malformed` when it is not one. */
export function readHead(envelope: unknown): EnvelopeHead {
  if (!(envelope instanceof Uint8Array) || envelope.length < BASE_HEAD + GCM_TAG) {
    throw new EnvelopeRefused('malformed');
  }
  if (envelope[0] !== SYNC_ENVELOPE_VERSION) throw new EnvelopeRefused('malformed');
  const kind = envelope[1];
  const schemaVersion = (envelope[2]! << 8) | envelope[3]!;
  if (kind === KIND_RECORDS) return { kind, schemaVersion, headLength: BASE_HEAD };
  if (kind === KIND_GROUP && envelope.length > BASE_HEAD + 1) {
    const count = envelope[BASE_HEAD]!;
    const length = BASE_HEAD + 1 + count * (TAG_BYTES + KEY_ID_BYTES);
    if (count < 2 || envelope.length < length + GCM_TAG) throw new EnvelopeRefused('malformed');
    const members: Array<{ tag: Uint8Array; keyId: Uint8Array }> = [];
    for (let n = 0, at = BASE_HEAD + 1; n < count; n++, at += TAG_BYTES + KEY_ID_BYTES) {
      members.push({
        tag: envelope.slice(at, at + TAG_BYTES),
        keyId: envelope.slice(at + TAG_BYTES, at + TAG_BYTES + KEY_ID_BYTES),
      });
    }
    // One order only: a relabelled list would be another key anyway, but it is refused early.
    for (let n = 1; n < count; n++) {
      if (toBase64Url(members[n - 1]!.tag) >= toBase64Url(members[n]!.tag))
        throw new EnvelopeRefused('malformed');
    }
    return { kind, schemaVersion, members, headLength: length };
  }
  if (kind === KIND_SUBJECT && envelope.length >= BASE_HEAD + TAG_BYTES + KEY_ID_BYTES + GCM_TAG) {
    const at = BASE_HEAD;
    return {
      kind,
      schemaVersion,
      tag: envelope.slice(at, at + TAG_BYTES),
      keyId: envelope.slice(at + TAG_BYTES, at + TAG_BYTES + KEY_ID_BYTES),
      headLength: BASE_HEAD + TAG_BYTES + KEY_ID_BYTES,
    };
  }
  throw new EnvelopeRefused('malformed');
}

/**
 * Seals a record: under `subject` when it is about one person, under a key needing every one of
 * `subject`'s keys when it is an array of two or more (a shared record), else under the records key.
 * Returns its locator and the envelope bytes.
 */
export async function sealRecord(
  space: Space,
  record: SyncRecord,
  subject?: SubjectKey | readonly SubjectKey[],
): Promise<{ locator: string; envelope: Uint8Array<ArrayBuffer> }> {
  if (!Number.isInteger(record.schemaVersion) || record.schemaVersion < 0 || record.schemaVersion > 0xffff) {
    throw new Error('sync: invalid schema version');
  }
  const members = Array.isArray(subject) ? sortMembers(subject as readonly SubjectKey[]) : undefined;
  const single = members
    ? members.length === 1
      ? members[0]
      : undefined
    : (subject as SubjectKey | undefined);
  const group = members && members.length >= 2 ? members : undefined;
  if (group && group.length > MAX_GROUP) throw new Error('sync: too many parties for one envelope');
  const locator = await locatorOf(space, record.table, record.id);
  const nonce = randomBytes(NONCE);
  const kind = group ? KIND_GROUP : single ? KIND_SUBJECT : KIND_RECORDS;
  const fixed = new Uint8Array([
    SYNC_ENVELOPE_VERSION,
    kind,
    record.schemaVersion >> 8,
    record.schemaVersion & 0xff,
  ]);
  let head: Uint8Array<ArrayBuffer>;
  let key: CryptoKey;
  if (group) {
    const list = concat(new Uint8Array([group.length]), ...group.flatMap((m) => [m.tag, m.keyId]));
    head = concat(fixed, nonce, list);
    key = await groupKey(
      space,
      locator,
      group.map((m) => m.key),
      list,
    );
  } else if (single) {
    head = concat(fixed, nonce, single.tag, single.keyId);
    key = single.key;
  } else {
    head = concat(fixed, nonce);
    key = space.key.records;
  }
  const plaintext = pad(JSON.stringify({ t: record.table, i: record.id, r: record.data }));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: recordAd(space, locator, head) },
    key,
    plaintext,
  );
  return { locator, envelope: concat(head, new Uint8Array(ct)) };
}

/**
 * Opens an envelope found at `locator`. `keyOf` gives the subject key named by the head
 * (undefined: `unknown-key`). Any failure to authenticate, or a record whose table and id do not
 * give back `locator`, is `tampered`.
 */
export async function openRecord(
  space: Space,
  locator: string,
  envelope: unknown,
  keyOf: (tag: Uint8Array, keyId: Uint8Array) => CryptoKey | undefined,
): Promise<SyncRecord> {
  const head = readHead(envelope);
  const bytes = envelope as Uint8Array<ArrayBuffer>;
  let key: CryptoKey | undefined;
  if (head.kind === KIND_GROUP) {
    const members = head.members!.map((m) => keyOf(m.tag, m.keyId));
    if (members.some((m) => m === undefined)) throw new EnvelopeRefused('unknown-key');
    const list = bytes.subarray(BASE_HEAD, head.headLength);
    key = await groupKey(space, locator, members as CryptoKey[], list);
  } else key = head.kind === KIND_RECORDS ? space.key.records : keyOf(head.tag!, head.keyId!);
  if (!key) throw new EnvelopeRefused('unknown-key');
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes.subarray(4, 4 + NONCE),
          additionalData: recordAd(space, locator, bytes.subarray(0, head.headLength)),
        },
        key,
        bytes.subarray(head.headLength),
      ),
    );
  } catch {
    throw new EnvelopeRefused('tampered');
  }
  let parsed: { t?: unknown; i?: unknown; r?: unknown };
  try {
    parsed = JSON.parse(unpad(plain)) as typeof parsed;
  } catch {
    throw new EnvelopeRefused('tampered');
  }
  if (typeof parsed.t !== 'string' || typeof parsed.i !== 'string') throw new EnvelopeRefused('tampered');
  if ((await locatorOf(space, parsed.t, parsed.i)) !== locator) throw new EnvelopeRefused('tampered');
  return { table: parsed.t, id: parsed.i, schemaVersion: head.schemaVersion, data: parsed.r };
}

const wrapAd = (space: Space, name: string) =>
  utf8(`scrigno/sync/1/subject-key\u0000${space.id}\u0000${name}`);

/** A new sync subject key for the person with `tag`: the key and its wrapped form for the doc. */
export async function newSubjectKey(
  space: Space,
  tag: Uint8Array,
): Promise<{ subject: SubjectKey; name: string; wrapped: Uint8Array<ArrayBuffer> }> {
  const keyId = randomBytes(KEY_ID_BYTES);
  const raw = randomBytes(32);
  const name = keyEntryName(tag, keyId);
  const nonce = randomBytes(NONCE);
  try {
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: wrapAd(space, name) },
      space.key.wrap,
      raw,
    );
    const key = await importSubjectKey(raw);
    return { subject: { tag: tag.slice(), keyId, key }, name, wrapped: concat(nonce, new Uint8Array(ct)) };
  } finally {
    raw.fill(0);
  }
}

/** Unwraps a `keys` entry (`tampered` when it does not authenticate under its name). */
export async function unwrapSubjectKey(space: Space, name: string, wrapped: unknown): Promise<CryptoKey> {
  if (!(wrapped instanceof Uint8Array) || wrapped.length !== NONCE + 32 + GCM_TAG) {
    throw new EnvelopeRefused('malformed');
  }
  const view = wrapped as Uint8Array<ArrayBuffer>;
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: view.subarray(0, NONCE), additionalData: wrapAd(space, name) },
        space.key.wrap,
        view.subarray(NONCE),
      ),
    );
  } catch {
    throw new EnvelopeRefused('tampered');
  }
  try {
    return await importSubjectKey(raw);
  } finally {
    raw.fill(0);
  }
}

/** Re-wraps a `keys` entry from one space key to another (a rotation); `tampered` when it does not open. */
export async function rewrapSubjectKey(
  from: Space,
  to: Space,
  name: string,
  wrapped: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  if (wrapped.length !== NONCE + 32 + GCM_TAG) throw new EnvelopeRefused('malformed');
  const view = wrapped as Uint8Array<ArrayBuffer>;
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: view.subarray(0, NONCE), additionalData: wrapAd(from, name) },
        from.key.wrap,
        view.subarray(NONCE),
      ),
    );
  } catch {
    throw new EnvelopeRefused('tampered');
  }
  try {
    const nonce = randomBytes(NONCE);
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: wrapAd(to, name) },
      to.key.wrap,
      raw,
    );
    return concat(nonce, new Uint8Array(ct));
  } finally {
    raw.fill(0);
  }
}

const valueAd = (space: Space, map: string, name: string) =>
  utf8(`scrigno/sync/1/${map}\u0000${space.id}\u0000${name}`);

/** Seals a small JSON value of the `meta` or `erasures` map, bound to its map and key. */
export async function sealValue(
  space: Space,
  map: 'meta' | 'erasures',
  name: string,
  value: unknown,
): Promise<Uint8Array<ArrayBuffer>> {
  const nonce = randomBytes(NONCE);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: valueAd(space, map, name) },
    space.key.meta,
    // Erasure entries are padded (all look alike); the meta state is not: it changes with every
    // batch, says nothing personal, and its bytes go out with every edit.
    map === 'erasures' ? pad(JSON.stringify(value)) : utf8(JSON.stringify(value)),
  );
  return concat(nonce, new Uint8Array(ct));
}

/** Opens what `sealValue` sealed; `tampered` or `malformed` otherwise. */
export async function openValue(
  space: Space,
  map: 'meta' | 'erasures',
  name: string,
  sealed: unknown,
): Promise<unknown> {
  if (!(sealed instanceof Uint8Array) || sealed.length < NONCE + GCM_TAG)
    throw new EnvelopeRefused('malformed');
  const view = sealed as Uint8Array<ArrayBuffer>;
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: view.subarray(0, NONCE), additionalData: valueAd(space, map, name) },
        space.key.meta,
        view.subarray(NONCE),
      ),
    );
  } catch {
    throw new EnvelopeRefused('tampered');
  }
  try {
    return JSON.parse(map === 'erasures' ? unpad(plain) : fromUtf8(plain)) as unknown;
  } catch {
    throw new EnvelopeRefused('tampered');
  }
}
