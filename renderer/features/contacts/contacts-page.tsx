import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { restrictedPeople, trashRecord, type Person } from '../../../shared/domain';
import { RestrictedBadge } from '../rights';
import { peopleTable } from '../../../shared/formats';
import { SectionPage } from '../../ui/section-page';
import { ListBody, ListBulkBar, ListViewTools, SearchField, useListState } from '../../ui/list-screen';
import { useSearchComplete, useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
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
  const people = useTable(model, 'people');
  const organizations = useTable(model, 'organizations');
  const tags = useTable(model, 'tags');
  const restricted = restrictedPeople(useTable(model, 'restrictions'));
  useTable(model, 'views');
  const list = useListState<Column>({ all: allColumns, fixed: 'name', columns: defaultColumns });
  const { deferredQuery, sort, showTrash } = list;
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

  const selectedPeople = (): Person[] => list.selectedRecords('people');

  const bulkTrash = async (): Promise<void> => {
    const stamp = repo.stamp();
    const targets = selectedPeople().filter((p) => p.deletedAt === null);
    await list.commitSelection(
      'people.trash-many',
      targets.map((p) => ({ table: 'people' as const, before: p, after: trashRecord(p, stamp) })),
      t('lists.trashedMany', { count: targets.length }),
    );
  };

  const bulkTag = (name: string) => list.tagSelection('people.tag-many', 'people', tags, name);

  const bulkExport = async (): Promise<void> => {
    // What is selected is exported, in the trash view too.
    const targets = selectedPeople();
    const orgName = (id: string) => model.get('organizations', id)?.name ?? '';
    await list.exportSelection('people', targets, (kept) => peopleTable(kept, orgName));
  };

  return (
    <SectionPage section="contacts">
      <div className="toolbar">
        <SearchField value={list.query} onChange={list.setQuery} />
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
        <ListViewTools
          list={list}
          name="people"
          columnLabel={(c) => t(`people.columns.${c}`)}
          count={rows.length}
        />
      </div>
      <ListBulkBar list={list} onTag={bulkTag} onTrash={bulkTrash} onExport={bulkExport} />
      <ListBody
        list={list}
        rows={rows}
        empty={people.length === 0 ? t('sections.contacts.empty') : null}
        label={t('sections.contacts.title')}
        track={(c) => (c === 'name' ? '2fr' : '1.5fr')}
        columnLabel={(c) => t(`people.columns.${c}`)}
        onOpen={(id) => void navigate(`/contacts/${id}`)}
        badge={(row) => (restricted.has(row.id) ? <RestrictedBadge /> : null)}
      />
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
