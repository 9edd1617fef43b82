// Turning checked drafts into records: duplicate detection against the vault, the one-batch
// commit of an import, the log of past imports and "undo this import".
import {
  applyChanges,
  createRecord,
  dedupeKeys,
  foldText,
  importSource,
  newIndirectNoticeId,
  newOrganizationId,
  newPersonId,
  newSubjectId,
  newTagId,
  personNameKey,
  toCalendarDate,
  toInstant,
  trashRecord,
  type OrganizationId,
  type Person,
  type TagId,
} from '../../../shared/domain';
import {
  draftToOrganization,
  draftToPerson,
  type ContactDraft,
  type DraftResult,
  type ImportProblem,
} from '../../../shared/formats';
import { leftOutCount } from '../../commands';
import type { Workspace } from '../../session/workspace';
import { randomBytes, type Change } from '../../vault';
import type { LeaveOut, LeftOutReason } from '../rights';

/** What to do with a row that matches an existing person. */
export type DuplicateChoice = 'skip' | 'update' | 'create';

/** Why a row was taken for a duplicate. */
export type DuplicateReason = 'email' | 'phone' | 'vat' | 'tax-code' | 'name' | 'in-file' | 'organization';

/** One accepted row, with the person it probably duplicates. */
export interface PlannedRow {
  readonly row: number;
  readonly draft: ContactDraft;
  readonly duplicate?: {
    /** The person it duplicates; `null` for an earlier row of the file or an existing organization. */
    readonly id: string | null;
    readonly reason: DuplicateReason;
    readonly row?: number;
  };
  /** On the suppression list (erased and suppressed, or objected): flagged, never created. */
  readonly flagged?: LeftOutReason;
}

/** An import checked and ready to commit. */
export interface ImportPlan {
  readonly fileName: string;
  readonly format: 'csv' | 'vcard';
  readonly rows: readonly PlannedRow[];
  /** Problems of refused rows, and values kept to check on imported ones (`kept`). */
  readonly problems: readonly ImportProblem[];
  /** Rows refused (each has one or more problems). */
  readonly rejectedRows: readonly number[];
  /** Rows of people on the suppression list: flagged, not created (`PlannedRow.flagged`). */
  readonly flagged: number;
}

/** The log entry of one import, stored in the `imports` table. */
export interface ImportLog {
  readonly id: string;
  readonly fileName: string;
  readonly format: 'csv' | 'vcard' | 'archive';
  readonly at: string;
  readonly counts: {
    readonly created: number;
    readonly updated: number;
    readonly skipped: number;
    readonly rejected: number;
    readonly organizations: number;
    /** People left out because they were erased or are on the suppression list. */
    readonly flagged?: number;
  };
  /** Records this import created, by table: what "undo this import" moves to the trash. */
  readonly created: { readonly [table: string]: readonly string[] };
  readonly updated: readonly string[];
  readonly undoneAt: string | null;
}

const keyId = (k: { kind: string; value: string }) => `${k.kind}:${k.value}`;

// A stand-in record for computing dedupe keys and name keys of a draft.
function previewPerson(draft: ContactDraft): Person {
  const zero = '0'.repeat(32);
  return draftToPerson(draft, {
    id: zero as Person['id'],
    subjectId: zero as Person['subjectId'],
    source: { method: 'import', fileName: 'x', date: '2000-01-01' },
    stamp: { clock: '', at: 0 },
  });
}

/**
 * Finds duplicates among live people: exact dedupe keys (email, phone, VAT, codice fiscale) first,
 * then the similar-name key. Runs on the in-memory model, which already holds every decrypted
 * record: one blind-index lookup per key would cost an IndexedDB query per row.
 */
export function planImport(
  ws: Pick<Workspace, 'model'>,
  fileName: string,
  format: 'csv' | 'vcard',
  results: readonly DraftResult[],
  leaveOut?: LeaveOut,
): ImportPlan {
  // A shared phone (a switchboard) alone does not make two people one: the family names must agree.
  const byKey = new Map<string, { id: string | null; row?: number; family: string }>();
  // A similar name alone is a duplicate only when one side has no email, phone or tax id to
  // tell them apart: two "Mario Rossi" with different emails are two people.
  const byName = new Map<string, { id: string | null; row?: number; keyed: boolean }>();
  for (const p of ws.model.list('people')) {
    if (p.deletedAt !== null) continue;
    const keys = dedupeKeys(p);
    for (const k of keys) byKey.set(keyId(k), { id: p.id, family: foldText(p.familyName) });
    const name = personNameKey(p);
    if (!byName.get(name) || keys.length === 0) byName.set(name, { id: p.id, keyed: keys.length > 0 });
  }
  const rows: PlannedRow[] = [];
  const problems: ImportProblem[] = [];
  const rejectedRows: number[] = [];
  // An organization-only row is the same organization as a live one, or an earlier row, of its name.
  const orgNames = new Set<string>();
  for (const o of ws.model.list('organizations')) if (o.deletedAt === null) orgNames.add(foldText(o.name));
  for (const r of results) {
    problems.push(...r.problems);
    if (!r.draft) {
      rejectedRows.push(r.row);
      continue;
    }
    if (r.draft.kind === 'organization') {
      const key = foldText(r.draft.organizationName ?? '');
      rows.push({
        row: r.row,
        draft: r.draft,
        ...(orgNames.has(key) ? { duplicate: { id: null, reason: 'organization' as const } } : {}),
      });
      orgNames.add(key);
      continue;
    }
    const preview = previewPerson(r.draft);
    // A suppressed person is flagged, whatever else matches: the import must not re-create them.
    const flagged = leaveOut && !leaveOut.empty ? leaveOut.reason(preview) : undefined;
    if (flagged) {
      rows.push({ row: r.row, draft: r.draft, flagged });
      continue;
    }
    const keys = dedupeKeys(preview);
    let duplicate: PlannedRow['duplicate'];
    for (const k of keys) {
      const hit = byKey.get(keyId(k));
      if (hit && (k.kind !== 'phone' || hit.family === foldText(preview.familyName))) {
        duplicate =
          hit.id === null ? { id: null, reason: 'in-file', row: hit.row! } : { id: hit.id, reason: k.kind };
        break;
      }
    }
    const nameKey = personNameKey(preview);
    if (!duplicate) {
      const hit = byName.get(nameKey);
      if (hit && (!hit.keyed || keys.length === 0))
        duplicate =
          hit.id === null ? { id: null, reason: 'in-file', row: hit.row! } : { id: hit.id, reason: 'name' };
    }
    rows.push({ row: r.row, draft: r.draft, ...(duplicate ? { duplicate } : {}) });
    if (!duplicate) {
      for (const k of keys)
        byKey.set(keyId(k), { id: null, row: r.row, family: foldText(preview.familyName) });
      if (!byName.get(nameKey) || keys.length === 0)
        byName.set(nameKey, { id: null, row: r.row, keyed: keys.length > 0 });
    }
  }
  const flagged = rows.filter((r) => r.flagged).length;
  return { fileName, format, rows, problems, rejectedRows, flagged };
}

/** The default choice for a duplicate: rows repeated inside the file are skipped. */
export function defaultChoice(row: PlannedRow, fallback: DuplicateChoice): DuplicateChoice {
  if (!row.duplicate) return 'create';
  return row.duplicate.id === null ? 'skip' : fallback;
}

// The patch an import applies to an existing person: new contact points are added, empty fields
// filled, nothing the user already has is overwritten.
function updatePatch(
  existing: Person,
  draft: ContactDraft,
  orgId: OrganizationId | undefined,
  tagIds: readonly TagId[],
): Partial<Person> {
  const patch: Record<string, unknown> = {};
  const emails = [...existing.emails];
  for (const e of draft.emails)
    if (!emails.some((x) => x.address.toLowerCase() === e.address.toLowerCase())) emails.push(e);
  if (emails.length !== existing.emails.length) patch.emails = emails;
  const phones = [...existing.phones];
  for (const p of draft.phones) if (!phones.some((x) => x.number === p.number)) phones.push(p);
  if (phones.length !== existing.phones.length) patch.phones = phones;
  if (existing.addresses.length === 0 && draft.addresses.length > 0) patch.addresses = draft.addresses;
  for (const f of ['birthday', 'jobTitle', 'vatNumber', 'taxCode', 'notes'] as const) {
    if (existing[f] === undefined && draft[f] !== undefined) patch[f] = draft[f];
  }
  const toCheck = [...existing.toCheck];
  for (const e of draft.toCheck)
    if (!toCheck.some((x) => x.field === e.field && x.value === e.value)) toCheck.push(e);
  if (toCheck.length !== existing.toCheck.length) patch.toCheck = toCheck;
  if (tagIds.some((id) => !existing.tags.includes(id)))
    patch.tags = [...existing.tags, ...tagIds.filter((id) => !existing.tags.includes(id))];
  if (orgId && !existing.organizations.some((o) => o.organizationId === orgId))
    patch.organizations = [...existing.organizations, { organizationId: orgId }];
  return patch;
}

/** Stores the import log entry (the `imports` table is not a domain entity: written directly). */
async function saveLog(ws: Pick<Workspace, 'vault' | 'model'>, log: ImportLog): Promise<void> {
  await ws.vault.put('imports', log.id, log);
  ws.model.upsert([{ table: 'imports', id: log.id, data: log }]);
}

/**
 * Commits an import as ONE repository command (all records or none), then logs it. Every new
 * person records where it came from (`source.method = 'import'` with the file name and date), and
 * gets an Art. 14 record (`indirect-notices`: source `import: <format>`, obtained today).
 */
export async function commitImport(
  ws: Pick<Workspace, 'vault' | 'model' | 'repo' | 'run'>,
  plan: ImportPlan,
  choices: ReadonlyMap<number, DuplicateChoice>,
  fallback: DuplicateChoice,
  now = Date.now(),
): Promise<ImportLog> {
  const { model, repo, run } = ws;
  const stamp = repo.stamp(now);
  const source = {
    method: 'import' as const,
    fileName: plan.fileName.slice(0, 255) || 'import',
    date: toCalendarDate(now),
  };
  const orgByName = new Map<string, OrganizationId>();
  for (const o of model.list('organizations'))
    if (o.deletedAt === null) orgByName.set(foldText(o.name), o.id);
  const changes: Change[] = [];
  const createdPeople: string[] = [];
  const createdOrgs: string[] = [];
  const createdNotices: string[] = [];
  const createdTags: string[] = [];
  // Labels become tags: an existing tag of the same name (accents and case aside), else a new one.
  const tagByName = new Map<string, TagId>();
  for (const t of model.list('tags')) if (t.deletedAt === null) tagByName.set(foldText(t.name), t.id);
  const tagsFor = (names: readonly string[]): TagId[] =>
    names.map((name) => {
      const key = foldText(name);
      let id = tagByName.get(key);
      if (!id) {
        id = newTagId(randomBytes);
        changes.push({
          table: 'tags',
          before: null,
          after: createRecord('tags', id, { name, color: 'gray' }, stamp),
        });
        createdTags.push(id);
        tagByName.set(key, id);
      }
      return id;
    });
  const updated: string[] = [];
  const planned = new Map<string, string>();
  let skipped = 0;
  const orgFor = (name: string | undefined): OrganizationId | undefined => {
    if (name === undefined) return undefined;
    const key = foldText(name);
    let id = orgByName.get(key);
    if (!id) {
      id = newOrganizationId(randomBytes);
      const org = createRecord(
        'organizations',
        id,
        { name, addresses: [], phones: [], emails: [], tags: [], customFields: {} },
        stamp,
      );
      changes.push({ table: 'organizations', before: null, after: org });
      createdOrgs.push(id);
      orgByName.set(key, id);
    }
    return id;
  };
  // Organization-only rows first, so a person row naming the same organization links to it.
  const ordered = [
    ...plan.rows.filter((r) => r.draft.kind === 'organization'),
    ...plan.rows.filter((r) => r.draft.kind !== 'organization'),
  ];
  for (const row of ordered) {
    if (row.flagged) continue;
    const choice = choices.get(row.row) ?? defaultChoice(row, fallback);
    if (row.duplicate && choice === 'skip') {
      skipped++;
      continue;
    }
    if (row.draft.kind === 'organization') {
      // Only an organization: created with the row's contact points (an existing one is a duplicate).
      if (row.duplicate || orgByName.has(foldText(row.draft.organizationName ?? ''))) {
        skipped++;
        continue;
      }
      const id = newOrganizationId(randomBytes);
      const org = draftToOrganization(row.draft, { id, stamp, tagIds: tagsFor(row.draft.tags) });
      changes.push({ table: 'organizations', before: null, after: org });
      createdOrgs.push(id);
      orgByName.set(foldText(org.name), id);
      continue;
    }
    const existing =
      row.duplicate?.id && choice === 'update' ? model.get('people', row.duplicate.id) : undefined;
    if (existing) {
      const after = applyChanges(
        existing,
        updatePatch(existing, row.draft, orgFor(row.draft.organizationName), tagsFor(row.draft.tags)),
        stamp,
      );
      if (after !== existing) {
        changes.push({ table: 'people', before: existing, after });
        updated.push(existing.id);
        planned.set(existing.id, after.updatedAt);
      } else skipped++;
      continue;
    }
    const person = draftToPerson(row.draft, {
      id: newPersonId(randomBytes),
      subjectId: newSubjectId(randomBytes),
      organizationId: orgFor(row.draft.organizationName),
      source,
      stamp,
      tagIds: tagsFor(row.draft.tags),
    });
    changes.push({ table: 'people', before: null, after: person });
    createdPeople.push(person.id);
    // Art. 14: the person did not give these data; they are owed a notice within a month. The
    // source names the format only: the file's name may itself hold personal data.
    const informing = createRecord(
      'indirect-notices',
      newIndirectNoticeId(randomBytes),
      {
        personId: person.id,
        source: importSource(plan.format),
        obtainedOn: source.date,
        informedOn: null,
        informedHow: null,
      },
      stamp,
    );
    changes.push({ table: 'indirect-notices', before: null, after: informing });
    createdNotices.push(informing.id);
  }
  // A restricted person (Art. 18) is left out of the import's updates by its privacy check:
  // counted as skipped, and not logged as updated.
  let leftOut = 0;
  if (changes.length > 0)
    await run(
      `import.${plan.format}`,
      { changes: changes },
      { onLeftOut: (l) => (leftOut = leftOutCount(l)) },
    );
  if (leftOut > 0) {
    const kept = updated.filter((id) => model.get('people', id)?.updatedAt === planned.get(id));
    skipped += updated.length - kept.length;
    updated.splice(0, updated.length, ...kept);
  }
  const log: ImportLog = {
    id: repo.newId(),
    fileName: plan.fileName,
    format: plan.format,
    at: toInstant(now),
    counts: {
      created: createdPeople.length,
      updated: updated.length,
      skipped,
      rejected: plan.rejectedRows.length,
      organizations: createdOrgs.length,
      flagged: plan.flagged,
    },
    created: {
      people: createdPeople,
      organizations: createdOrgs,
      'indirect-notices': createdNotices,
      tags: createdTags,
    },
    updated,
    undoneAt: null,
  };
  await saveLog(ws, log);
  return log;
}

/**
 * Undoes an import as one command: every record it created that is still live goes to the trash
 * (restorable for 30 days). Edits made to existing people are kept: they may have been edited since.
 */
export async function undoImport(
  ws: Pick<Workspace, 'vault' | 'model' | 'repo' | 'run'>,
  importId: string,
): Promise<number> {
  const log = ws.model.get('imports', importId);
  if (!log || log.undoneAt !== null) return 0;
  const stamp = ws.repo.stamp();
  const changes: Change[] = [];
  for (const [table, ids] of Object.entries(log.created)) {
    for (const id of ids) {
      const record = ws.model.get(table as Change['table'], id);
      if (record && record.deletedAt === null)
        changes.push({ table: table as Change['table'], before: record, after: trashRecord(record, stamp) });
    }
  }
  if (changes.length > 0) await ws.run('import.undo', { changes: changes });
  await saveLog(ws, { ...log, undoneAt: toInstant(stamp.at) });
  return changes.length;
}

/** Past imports, newest first. */
export function importLogs(logs: readonly ImportLog[]): ImportLog[] {
  return [...logs].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
