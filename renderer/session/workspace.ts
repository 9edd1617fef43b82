import { createContext, useContext, useEffect, useState } from 'react';
import {
  displayName,
  isEntityTable,
  isTombstone,
  phoneSearchForms,
  purgeTables,
  type Activity,
  type Deal,
  type Organization,
  type Person,
  type RecordBase,
  type RecordOf,
  type EntityTable,
  type Task,
} from '../../shared/domain';
import { attachReadAudit, createReader, createRunner, type Read, type Run } from '../commands';
import { SearchIndex, type SearchDoc } from '../search';
import { Model, type TableName, Repository, type LoadedRecord, type Vault } from '../vault';

/** Everything decrypted and usable while the vault is open; dropped as a whole at lock. */
export interface Workspace {
  readonly vault: Vault;
  readonly model: Model;
  readonly repo: Repository;
  /** Runs a write command: the only way to change records. */
  readonly run: Run;
  /** Runs a read command: what an export or the reminders may take out, after the privacy checks. */
  readonly read: Read;
  readonly search: SearchIndex;
  /** Purged records (tombstones) the store holds but the model does not, as loaded at unlock (sync). */
  readonly tombstones?: readonly LoadedRecord[];
  /** Drops the model and the index (at lock). */
  dispose(): void;
}

const searchTables: { readonly [K in EntityTable]?: (r: RecordOf<K>, m: Model) => SearchDoc } = {
  people: (p: Person, m: Model) => ({
    id: p.id,
    type: 'person',
    title: displayName(p),
    fields: [
      ...p.emails.map((e) => e.address),
      ...p.phones.flatMap((x) => phoneSearchForms(x.number)),
      ...p.organizations.map((o) => m.get('organizations', o.organizationId)?.name ?? ''),
      ...p.addresses.map((a) => a.city ?? ''),
      p.jobTitle ?? '',
    ].filter(Boolean),
    text: p.notes,
  }),
  organizations: (o: Organization) => ({
    id: o.id,
    type: 'organization',
    title: o.name,
    fields: [
      o.vatNumber ?? '',
      o.pec ?? '',
      o.industry ?? '',
      ...o.emails.map((e) => e.address),
      ...o.phones.flatMap((x) => phoneSearchForms(x.number)),
      ...o.addresses.map((a) => a.city ?? ''),
    ].filter(Boolean),
    text: o.notes,
  }),
  deals: (d: Deal, m: Model) => ({
    id: d.id,
    type: 'deal',
    title: d.title,
    fields: [d.organizationId ? (m.get('organizations', d.organizationId)?.name ?? '') : ''].filter(Boolean),
    text: d.notes,
  }),
  activities: (a: Activity) => ({ id: a.id, type: 'activity', title: a.subject ?? '', text: a.text }),
  tasks: (t: Task) => ({ id: t.id, type: 'task', title: t.title, text: t.notes }),
};

/** The search document of a live record, or null for tables that are not searched or trashed records. */
function toDoc<K extends TableName>(table: K, record: RecordOf<K>, model: Model): SearchDoc | null {
  if (!isEntityTable(table)) return null;
  const map = searchTables[table] as ((r: RecordOf<K>, m: Model) => SearchDoc) | undefined;
  if (!map || (record as RecordBase).deletedAt !== null) return null;
  return map(record, model);
}

/** The search documents of every live searchable record of the model (what the index is built from). */
export function searchDocsOf(model: Model): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const table of Object.keys(searchTables) as EntityTable[]) {
    for (const record of model.list(table)) {
      const doc = toDoc(table, record, model);
      if (doc) docs.push(doc);
    }
  }
  return docs;
}

/**
 * Builds the workspace at unlock: the in-memory model from the decrypted records, the
 * repository, and the search index, which then follows every change to the model.
 */
export async function openWorkspace(
  vault: Vault,
  records: LoadedRecord[],
  deviceName: string,
): Promise<Workspace> {
  // Purged records (tombstones) stay in the store for sync but never enter the model: the app
  // reads them as gone, like any missing link target.
  const model = Model.fromRecords(records.filter((r) => !isTombstone(r.data)));
  const tombstones = records.filter((r) => isTombstone(r.data));
  const dropTombstones = model.subscribe((table, ids, written) => {
    if (!(purgeTables as readonly string[]).includes(table)) return;
    const gone = ids.filter((id, n) => isTombstone(written ? written[n] : model.get(table, id)));
    if (gone.length > 0) model.remove(gone.map((id) => ({ table, id })));
  });
  const repo = await Repository.open(vault, model, deviceName);
  // Names and short fields are searchable at once; note text follows in background slices.
  const search = SearchIndex.buildProgressive(searchDocsOf(model));
  const unsubscribe = model.subscribe((table, ids, written) => {
    if (!isEntityTable(table) || !searchTables[table]) return;
    for (const [n, id] of ids.entries()) {
      const record = (written?.[n] as RecordOf<typeof table> | undefined) ?? model.get(table, id);
      const doc = record ? toDoc(table, record, model) : null;
      if (doc) search.update(doc);
      else search.remove(id);
    }
  });
  // Reads of people's data (`recordRead`) go to this repository's audit log while it is open.
  const detachReads = attachReadAudit(repo);
  return {
    vault,
    model,
    repo,
    run: createRunner(repo),
    read: createReader(model),
    search,
    tombstones,
    dispose: () => {
      void detachReads();
      unsubscribe();
      dropTombstones();
      search.close();
      model.clear();
    },
  };
}

const WorkspaceContext = createContext<Workspace | null>(null);

/** Provides the open workspace to the unlocked app. */
export const WorkspaceProvider = WorkspaceContext.Provider;

/** The open workspace (only inside the unlocked app). */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside the unlocked app');
  return workspace;
}

/**
 * Whether the search index is complete (names are searchable at once after unlock; emails,
 * phones and notes follow in the background). Re-renders when it completes, so open queries
 * can be run again.
 */
export function useSearchComplete(): boolean {
  const { search } = useWorkspace();
  const [complete, setComplete] = useState(search.isComplete);
  useEffect(() => {
    let live = true;
    void search.ready.then(() => live && setComplete(true));
    return () => {
      live = false;
    };
  }, [search]);
  return complete || search.isComplete;
}
