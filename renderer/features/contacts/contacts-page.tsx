import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { trashRecord, type Organization, type Person, type Tag } from '../../../shared/domain';
import { peopleTable } from '../../../shared/formats';
import { useHost } from '../../app/host-context';
import { SectionPage } from '../../app/section-page';
import { SelectableTable } from '../../app/ui/selectable-table';
import { useHostErrorToast } from '../../app/shell';
import { csvDelimiterFor, planBulkTag, saveSelectionCsv } from '../../app/ui/bulk-actions';
import { BulkBar, ColumnMenu, SavedViewsControl } from '../../app/ui/list-tools';
import type { SavedView } from '../../app/ui/saved-views';
import { toastWithUndo } from '../../app/ui/undo-toast';
import { useSearchComplete, useWorkspace } from '../../app/workspace';
import { useTable } from '../../vault/model';
import { ContactRows, type Column } from './contact-rows';
import { PersonDialog } from './person-dialog';

const allColumns: readonly Column[] = ['name', 'organization', 'email', 'phone', 'city', 'tags', 'jobTitle'];
const defaultColumns: readonly Column[] = ['name', 'organization', 'email', 'phone', 'city'];

/**
 * People: a virtualized list (smooth at 100k rows) with full-recall filtering, sorting, column
 * choice, saved views, the trash, and multi-select with bulk actions (tag, trash).
 */
export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { mode } = useParams();
  const { model, search, repo } = useWorkspace();
  const host = useHost();
  const showHostError = useHostErrorToast();
  const people = useTable<Person>(model, 'people');
  const organizations = useTable<Organization>(model, 'organizations');
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
  // Keeps cell texts and sort orders between keystrokes; rebuilt when a table or the language changes.
  const [rowBuilder] = useState(() => new ContactRows());
  // Filtering runs again once emails, phones and notes are indexed (names are at unlock).
  const searchComplete = useSearchComplete();

  const rows = useMemo(
    () =>
      rowBuilder.rows({ people, organizations, tags }, search, {
        query: deferredQuery,
        showTrash,
        sort,
        language: i18n.language,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- searchComplete re-runs the filter
    [
      rowBuilder,
      people,
      organizations,
      tags,
      deferredQuery,
      search,
      sort,
      showTrash,
      i18n.language,
      searchComplete,
    ],
  );

  const selectedPeople = (): Person[] =>
    [...selected].map((id) => model.get<Person>('people', id)).filter((p): p is Person => !!p);

  const bulkTrash = async (): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedPeople().filter((p) => p.deletedAt === null);
    const token = await repo.commit(
      'contacts.trash-many',
      targets.map((p) => ({ table: 'people' as const, before: p, after: trashRecord(p, stamp) })),
    );
    setSelected(new Set());
    toastWithUndo(repo, token, t('lists.trashedMany', { count: targets.length }), t);
  };

  const bulkTag = async (name: string): Promise<void> => {
    if (!name) return;
    const targets = selectedPeople();
    const token = await repo.commit(
      'contacts.tag-many',
      planBulkTag('people', targets, tags, name, repo.stamp()),
    );
    toastWithUndo(repo, token, t('lists.taggedMany', { count: targets.length, tag: name }), t);
  };

  const bulkExport = async (): Promise<void> => {
    // What is selected is exported, in the trash view too.
    const targets = selectedPeople();
    const orgName = (id: string) => model.get<Organization>('organizations', id)?.name ?? '';
    try {
      const file = await saveSelectionCsv(
        host,
        'people',
        peopleTable(targets, orgName),
        csvDelimiterFor(i18n.language),
      );
      if (file) toast.success(t('lists.exportedSelection', { count: targets.length, file }));
    } catch (error) {
      showHostError(error);
    }
  };

  const applyView = (view: SavedView): void => {
    setQuery(view.query);
    setSort({ column: view.sort.column as Column, descending: view.sort.descending });
    setColumns(view.columns.filter((c): c is Column => (allColumns as readonly string[]).includes(c)));
    setShowTrash(view.showTrash);
  };

  return (
    <SectionPage section="contacts">
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('crm.search')}
          placeholder={t('crm.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" onClick={() => void navigate('/contacts/new')}>
          {t('people.newPerson')}
        </button>
        <Link className="button secondary" to="/transfer">
          {t('transfer.link')}
        </Link>
        <button
          type="button"
          className="button secondary"
          onClick={() => void navigate('/contacts/duplicates')}
        >
          {t('merge.finderTitle')}
        </button>
        <ColumnMenu
          all={allColumns}
          shown={columns}
          onChange={setColumns}
          label={(c) => t(`people.columns.${c}`)}
          fixed="name"
        />
        <SavedViewsControl
          list="people"
          current={{ query, sort, columns: [...columns], showTrash }}
          onApply={applyView}
        />
        <label className="checkbox">
          <input type="checkbox" checked={showTrash} onChange={(e) => setShowTrash(e.target.checked)} />
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
      {people.length === 0 ? (
        <p className="empty-state">{t('sections.contacts.empty')}</p>
      ) : (
        <SelectableTable
          label={t('sections.contacts.title')}
          rows={rows}
          columns={columns}
          track={(c) => (c === 'name' ? '2fr' : '1.5fr')}
          columnLabel={(c) => t(`people.columns.${c}`)}
          rowName={(row) => row.cells.name}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={(id) => void navigate(`/contacts/${id}`)}
        />
      )}
      {mode === 'new' && (
        <PersonDialog
          open
          onOpenChange={(open) => !open && void navigate('/contacts')}
          onSaved={(p) => void navigate(`/contacts/${p.id}`)}
        />
      )}
    </SectionPage>
  );
}
