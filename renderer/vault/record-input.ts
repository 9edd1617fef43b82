// What callers hand the vault about a record (table, id, subject, blind tokens, schema version)
// and the checks it passes before anything is encrypted or written.

/** Schema version of a record written without one. */
export const SCHEMA_VERSION_DEFAULT = 1;

/** Optional index fields of a record. Never personal data: random ids and blind tokens only. */
export interface RecordMeta {
  subjectId?: string;
  /**
   * The subjects of a record about several people (a meeting, a deal): it is sealed under a key
   * derived from every one of their keys, so erasing any one of them makes it unreadable (and
   * `destroySubjectKey` drops it). Not together with `subjectId`; one id is the same as `subjectId`.
   */
  subjectIds?: readonly string[];
  blind?: string[];
  schemaVersion?: number;
}

/** One record for `putMany`. */
export interface PutItem extends RecordMeta {
  table: string;
  id: string;
  data: unknown;
}

const TABLE_RE = /^[a-z][a-z0-9_-]{0,63}$/;
const SUBJECT_RE = /^[A-Za-z0-9_-]{1,128}$/;
const TOKEN_RE = /^[A-Za-z0-9_-]{1,128}$/;

// WARNING: these throw plain Errors: a bad table name or id is a programming error, not user data.
// Table names already checked: a bulk write names a handful of tables for many records.
const checkedTables = new Set<string>();

/** The stored key `table/id` of a record, after checking both parts. */
export function recordKey(table: string, id: string): string {
  if (!checkedTables.has(table)) {
    if (!TABLE_RE.test(table)) throw new Error('vault: invalid table name');
    checkedTables.add(table);
  }
  if (id.length === 0 || id.length > 256 || id[0] === '/' || id.includes('\u0000'))
    throw new Error('vault: invalid record id');
  return `${table}/${id}`;
}

/** Checks a record's index fields (subject id, blind tokens, schema version). */
export function checkMeta(meta: RecordMeta): void {
  if (meta.subjectId !== undefined && !SUBJECT_RE.test(meta.subjectId))
    throw new Error('vault: invalid subject id');
  if (meta.subjectIds !== undefined) {
    const ids = meta.subjectIds;
    if (meta.subjectId !== undefined || ids.length === 0 || new Set(ids).size !== ids.length)
      throw new Error('vault: invalid subject ids');
    if (ids.some((sid) => !SUBJECT_RE.test(sid))) throw new Error('vault: invalid subject id');
  }
  if (meta.blind?.some((t) => !TOKEN_RE.test(t))) throw new Error('vault: invalid blind token');
  if (
    meta.schemaVersion !== undefined &&
    !(Number.isSafeInteger(meta.schemaVersion) && meta.schemaVersion >= 0)
  ) {
    throw new Error('vault: invalid schema version');
  }
}

/** A stored key split back into table and id (table names never contain a slash). */
export const splitKey = (k: string): [string, string] => {
  const slash = k.indexOf('/');
  return [k.slice(0, slash), k.slice(slash + 1)];
};

/**
 * The item as the parts store it: a shared record's subjects become its subject group in
 * `subjectId` (their ids comma-joined, see `SubjectGroup` in pack.ts). Items with one subject or
 * none are returned as they are. Call after `checkMeta`.
 */
export function withSubjectGroup<T extends RecordMeta>(item: T): T {
  const ids = item.subjectIds;
  if (ids === undefined) return item;
  const { subjectIds: _ids, ...rest } = item;
  return { ...rest, subjectId: ids.join(',') } as T;
}
