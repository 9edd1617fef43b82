import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Organization } from '../../../shared/domain';
import { organizationsTable } from '../../../shared/formats';
import { localeFor } from '../../ui/i18n';
import { SectionPage } from '../../ui/section-page';
import { ListBody, ListBulkBar, ListViewTools, SearchField, useListState } from '../../ui/list-screen';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { OrganizationDialog } from './organization-dialog';
import { planOrganizationsTrash } from './trash-plan';

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
  const organizations = useTable(model, 'organizations');
  const people = useTable(model, 'people');
  const tags = useTable(model, 'tags');
  useTable(model, 'views');
  const list = useListState<Column>({ all: allColumns, fixed: 'name', columns: defaultColumns });
  const { deferredQuery, sort, showTrash } = list;

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

  const selectedOrganizations = (): Organization[] => list.selectedRecords('organizations');

  const bulkTrash = async (): Promise<void> => {
    const targets = selectedOrganizations().filter((o) => o.deletedAt === null);
    // Linked people stay and lose the link, as the single trash does with its "unlink" choice.
    await list.commitSelection(
      'organizations.trash-many',
      planOrganizationsTrash(targets, model.list('people'), repo.stamp()),
      t('lists.trashedMany', { count: targets.length }),
    );
  };

  const bulkTag = (name: string) => list.tagSelection('organizations.tag-many', 'organizations', tags, name);

  const bulkExport = async (): Promise<void> => {
    const targets = selectedOrganizations();
    await list.exportSelection('organizations', targets, (kept) => organizationsTable(kept));
  };

  return (
    <SectionPage section="organizations">
      <div className="toolbar">
        <SearchField value={list.query} onChange={list.setQuery} />
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
        <ListViewTools
          list={list}
          name="organizations"
          columnLabel={(c) => t(`organizations.columns.${c}`)}
          count={rows.length}
        />
      </div>
      <ListBulkBar list={list} onTag={bulkTag} onTrash={bulkTrash} onExport={bulkExport} />
      <ListBody
        list={list}
        rows={rows}
        empty={liveCount === 0 && !showTrash ? t('sections.organizations.empty') : null}
        label={t('sections.organizations.title')}
        className="org-table"
        track={(c) => (c === 'name' ? '2.4fr' : c === 'people' ? '0.8fr' : '1.4fr')}
        columnLabel={(c) => t(`organizations.columns.${c}`)}
        onOpen={(id) => void navigate(`/organizations/${id}`)}
      />
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
