import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import type { Organization, Person, Tag } from '../../../shared/domain';
import { organizationsTable } from '../../../shared/formats';
import { useHost } from '../../app/host-context';
import { localeFor } from '../../app/i18n';
import { SectionPage } from '../../app/section-page';
import { SelectableTable } from '../../app/ui/selectable-table';
import { useHostErrorToast } from '../../app/shell';
import { csvDelimiterFor, planBulkTag, saveSelectionCsv } from '../../app/ui/bulk-actions';
import { BulkBar, ColumnMenu, SavedViewsControl } from '../../app/ui/list-tools';
import type { SavedView } from '../../app/ui/saved-views';
import { toastWithUndo } from '../../app/ui/undo-toast';
import { useWorkspace } from '../../app/workspace';
import { useTable } from '../../vault/model';
import { OrganizationDialog } from './organization-dialog';
import { planOrganizationsTrash } from './trash-plan';
import { useOrganizationCommands } from './use-organization-commands';

type Column = 'name' | 'vatNumber' | 'city' | 'industry' | 'tags' | 'people';
const allColumns: readonly Column[] = ['name', 'vatNumber', 'city', 'industry', 'tags', 'people'];
const defaultColumns: readonly Column[] = ['name', 'vatNumber', 'city', 'industry', 'people'];

interface Row {
  readonly id: string;
  readonly cells: Record<Column, string>;
}

/**
 * Organizations: a virtualized, filterable, sortable list with column choice, saved views, the
 * trash, and multi-select with bulk actions (tag, export, trash); `/organizations/new` opens the
 * create dialog.
 */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { mode } = useParams();
  const { model, search, repo } = useWorkspace();
  const host = useHost();
  const showHostError = useHostErrorToast();
  useOrganizationCommands();
  const organizations = useTable<Organization>(model, 'organizations');
  const people = useTable<Person>(model, 'people');
  const tags = useTable<Tag>(model, 'tags');
  useTable(model, 'views');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: 'name',
    descending: false,
  });
  const [columns, setColumns] = useState<readonly Column[]>(defaultColumns);
  const [showTrash, setShowTrash] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const shown = useMemo(
    () => organizations.filter((o) => (o.deletedAt !== null) === showTrash),
    [organizations, showTrash],
  );
  const liveCount = useMemo(() => organizations.filter((o) => o.deletedAt === null).length, [organizations]);

  const peopleCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of people) {
      if (p.deletedAt !== null) continue;
      for (const link of p.organizations)
        counts.set(link.organizationId, (counts.get(link.organizationId) ?? 0) + 1);
    }
    return counts;
  }, [people]);

  const rows = useMemo(() => {
    const text = deferredQuery.trim();
    // Full recall from the search index: every matching organization, not the first page of hits.
    // The trash is not indexed for search: filter it by its visible name.
    const matches =
      text && !showTrash ? new Set(search.allHits(text, 'organization').map((h) => h.id)) : null;
    const lowered = text.toLowerCase();
    const tagNames = new Map(tags.map((tag) => [tag.id as string, tag.name]));
    const out: Row[] = [];
    for (const o of shown) {
      if (matches && !matches.has(o.id)) continue;
      if (showTrash && text && !o.name.toLowerCase().includes(lowered)) continue;
      out.push({
        id: o.id,
        cells: {
          name: o.name,
          vatNumber: o.vatNumber ?? '',
          city: o.addresses[0]?.city ?? '',
          industry: o.industry ?? '',
          tags: o.tags.map((id) => tagNames.get(id) ?? '').join(', '),
          people: String(peopleCount.get(o.id) ?? 0),
        },
      });
    }
    const collator = new Intl.Collator(localeFor(i18n.language), { sensitivity: 'base', numeric: true });
    const sign = sort.descending ? -1 : 1;
    out.sort((a, b) => sign * collator.compare(a.cells[sort.column], b.cells[sort.column]));
    return out;
  }, [shown, tags, peopleCount, deferredQuery, search, sort, showTrash, i18n.language]);

  const selectedOrganizations = (): Organization[] =>
    [...selected]
      .map((id) => model.get<Organization>('organizations', id))
      .filter((o): o is Organization => !!o);

  const bulkTrash = async (): Promise<void> => {
    const targets = selectedOrganizations().filter((o) => o.deletedAt === null);
    // Linked people stay and lose the link, as the single trash does with its "unlink" choice.
    const token = await repo.commit(
      'organizations.trash-many',
      planOrganizationsTrash(targets, model.list<Person>('people'), repo.stamp()),
    );
    setSelected(new Set());
    toastWithUndo(repo, token, t('lists.trashedMany', { count: targets.length }), t);
  };

  const bulkTag = async (name: string): Promise<void> => {
    if (!name) return;
    const targets = selectedOrganizations();
    const token = await repo.commit(
      'organizations.tag-many',
      planBulkTag('organizations', targets, tags, name, repo.stamp()),
    );
    toastWithUndo(repo, token, t('lists.taggedMany', { count: targets.length, tag: name }), t);
  };

  const bulkExport = async (): Promise<void> => {
    const targets = selectedOrganizations();
    try {
      const file = await saveSelectionCsv(
        host,
        'organizations',
        organizationsTable(targets),
        csvDelimiterFor(i18n.language),
      );
      if (file) toast.success(t('lists.exportedSelection', { count: targets.length, file }));
    } catch (error) {
      showHostError(error);
    }
  };

  const applyView = (view: SavedView): void => {
    setQuery(view.query);
    if ((allColumns as readonly string[]).includes(view.sort.column))
      setSort({ column: view.sort.column as Column, descending: view.sort.descending });
    setColumns(allColumns.filter((c) => c === 'name' || view.columns.includes(c)));
    setShowTrash(view.showTrash);
    setSelected(new Set());
  };

  return (
    <SectionPage section="organizations">
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('crm.search')}
          placeholder={t('crm.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" onClick={() => void navigate('/organizations/new')}>
          {t('organizations.newOrganization')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => void navigate('/organizations/duplicates')}
        >
          {t('organizations.duplicates.open')}
        </button>
        <ColumnMenu
          all={allColumns}
          shown={columns}
          onChange={setColumns}
          label={(c) => t(`organizations.columns.${c}`)}
          fixed="name"
        />
        <SavedViewsControl
          list="organizations"
          current={{ query, sort, columns: [...columns], showTrash }}
          onApply={applyView}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showTrash}
            onChange={(e) => {
              setShowTrash(e.target.checked);
              setSelected(new Set());
            }}
          />
          {t('crm.showTrash')}
        </label>
        <span className="count" aria-live="polite">
          {t('crm.results', { count: rows.length })}
        </span>
      </div>
      <BulkBar
        count={selected.size}
        showTrash={showTrash}
        onTag={bulkTag}
        onTrash={bulkTrash}
        onExport={bulkExport}
        onClear={() => setSelected(new Set())}
      />
      {liveCount === 0 && !showTrash ? (
        <p className="empty-state">{t('sections.organizations.empty')}</p>
      ) : (
        <SelectableTable
          label={t('sections.organizations.title')}
          className="org-table"
          rows={rows}
          columns={columns}
          track={(c) => (c === 'name' ? '2.4fr' : c === 'people' ? '0.8fr' : '1.4fr')}
          columnLabel={(c) => t(`organizations.columns.${c}`)}
          rowName={(row) => row.cells.name}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={(id) => void navigate(`/organizations/${id}`)}
        />
      )}
      {mode === 'new' && (
        <OrganizationDialog
          open
          onOpenChange={(open) => !open && void navigate('/organizations')}
          onSaved={(o) => void navigate(`/organizations/${o.id}`)}
        />
      )}
    </SectionPage>
  );
}
