import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  newTagId,
  trashRecord,
  type Organization,
  type Person,
  type Tag,
} from '../../../shared/domain';
import { SectionPage } from '../../app/section-page';
import { Dialog } from '../../app/ui/dialog';
import { saveView, viewsOf, type SavedView } from '../../app/ui/saved-views';
import { TextField } from '../../app/ui/text-field';
import { toastWithUndo } from '../../app/ui/undo-toast';
import { useSearchComplete, useWorkspace } from '../../app/workspace';
import { randomBytes } from '../../vault/bytes';
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
  const workspace = useWorkspace();
  const { model, search, repo } = workspace;
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
  const [tagName, setTagName] = useState('');
  const [namingView, setNamingView] = useState(false);
  const [viewName, setViewName] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  // Keeps cell texts and sort orders between keystrokes; rebuilt when a table or the language changes.
  const [rowBuilder] = useState(() => new ContactRows());
  const views = viewsOf(workspace, 'people');
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

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders itself on scroll
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 36,
    overscan: 12,
  });

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

  const bulkTag = async (): Promise<void> => {
    const name = tagName.trim();
    if (!name) return;
    const stamp = repo.stamp();
    let tag = tags.find((x) => x.deletedAt === null && x.name.toLowerCase() === name.toLowerCase());
    const changes = [];
    if (!tag) {
      tag = createRecord<Tag>(newTagId(randomBytes), 1, { name, color: 'blue' } as never, stamp);
      changes.push({ table: 'tags' as const, before: null, after: tag });
    }
    const tagId = tag.id;
    for (const p of selectedPeople()) {
      if (!p.tags.includes(tagId)) {
        changes.push({
          table: 'people' as const,
          before: p,
          after: applyChanges<Person>(p, { tags: [...p.tags, tagId] }, stamp),
        });
      }
    }
    const token = await repo.commit('contacts.tag-many', changes);
    setTagName('');
    toastWithUndo(repo, token, t('lists.taggedMany', { count: selected.size, tag: name }), t);
  };

  const applyView = (view: SavedView): void => {
    setQuery(view.query);
    setSort({ column: view.sort.column as Column, descending: view.sort.descending });
    setColumns(view.columns.filter((c): c is Column => (allColumns as readonly string[]).includes(c)));
    setShowTrash(view.showTrash);
  };

  const storeView = async (name: string): Promise<void> => {
    if (!name.trim()) return;
    setNamingView(false);
    await saveView(workspace, {
      id: repo.newId(),
      list: 'people',
      name: name.trim(),
      query,
      sort,
      columns: [...columns],
      showTrash,
    });
    toast.success(t('lists.viewSaved', { name: name.trim() }));
  };

  const toggle = (id: string): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const template = `36px ${columns.map((c) => (c === 'name' ? '2fr' : '1.5fr')).join(' ')}`;

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
        <details className="menu">
          <summary className="button secondary">{t('lists.columns')}</summary>
          <div className="menu-panel">
            {allColumns.map((c) => (
              <label key={c} className="checkbox">
                <input
                  type="checkbox"
                  checked={columns.includes(c)}
                  disabled={c === 'name'}
                  onChange={() =>
                    setColumns((cols) =>
                      cols.includes(c)
                        ? cols.filter((x) => x !== c)
                        : allColumns.filter((x) => x === c || cols.includes(x)),
                    )
                  }
                />
                {t(`people.columns.${c}`)}
              </label>
            ))}
          </div>
        </details>
        <label className="inline-field">
          <span>{t('lists.view')}</span>
          <select
            value=""
            onChange={(e) => {
              const view = views.find((v) => v.id === e.target.value);
              if (view) applyView(view);
            }}
          >
            <option value="">{t('lists.chooseView')}</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button secondary" onClick={() => setNamingView(true)}>
          {t('lists.saveView')}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={showTrash} onChange={(e) => setShowTrash(e.target.checked)} />
          {t('crm.showTrash')}
        </label>
        <span className="count" aria-live="polite">
          {t('crm.results', { count: rows.length })}
        </span>
      </div>
      {selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('lists.selection')}>
          <span>{t('lists.selected', { count: selected.size })}</span>
          <input
            aria-label={t('lists.tagName')}
            placeholder={t('lists.tagName')}
            value={tagName}
            onChange={(e) => setTagName(e.target.value)}
            autoComplete="off"
          />
          <button
            type="button"
            className="button secondary"
            onClick={() => void bulkTag()}
            disabled={!tagName.trim()}
          >
            {t('lists.addTag')}
          </button>
          {!showTrash && (
            <button type="button" className="button secondary" onClick={() => void bulkTrash()}>
              {t('crm.trash')}
            </button>
          )}
          <button type="button" className="button secondary" onClick={() => setSelected(new Set())}>
            {t('lists.clearSelection')}
          </button>
        </div>
      )}
      {people.length === 0 ? (
        <p className="empty-state">{t('sections.contacts.empty')}</p>
      ) : (
        <div
          className="vtable"
          role="table"
          aria-rowcount={rows.length + 1}
          aria-label={t('sections.contacts.title')}
        >
          <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
            <span role="columnheader">
              <input
                type="checkbox"
                aria-label={t('lists.selectAll')}
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
              />
            </span>
            {columns.map((c) => (
              <span
                key={c}
                role="columnheader"
                aria-sort={sort.column === c ? (sort.descending ? 'descending' : 'ascending') : undefined}
              >
                <button
                  type="button"
                  onClick={() =>
                    setSort((s) => ({ column: c, descending: s.column === c ? !s.descending : false }))
                  }
                >
                  {t(`people.columns.${c}`)} {sort.column === c ? (sort.descending ? '▾' : '▴') : ''}
                </button>
              </span>
            ))}
          </div>
          <div className="vtable-body" ref={scroller} role="rowgroup">
            <div style={{ height: virtual.getTotalSize() }}>
              {virtual.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <div
                    key={row.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={selected.has(row.id)}
                    className="vtable-row"
                    style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
                    tabIndex={0}
                    onClick={() => void navigate(`/contacts/${row.id}`)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') void navigate(`/contacts/${row.id}`);
                      if (e.key === ' ') {
                        e.preventDefault();
                        toggle(row.id);
                      }
                    }}
                  >
                    <span role="cell" onClick={(e) => e.stopPropagation()}>
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        aria-label={t('lists.selectRow', { name: row.cells.name })}
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row.id)}
                      />
                    </span>
                    {columns.map((c) => (
                      <span key={c} role="cell">
                        {row.cells[c]}
                      </span>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      {namingView && (
        <Dialog open onOpenChange={setNamingView} title={t('lists.saveView')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void storeView(viewName);
            }}
            autoComplete="off"
          >
            <TextField
              label={t('lists.viewName')}
              value={viewName}
              onChange={(e) => setViewName(e.target.value)}
              autoFocus
            />
            <div className="form-actions">
              <button type="submit" className="button" disabled={!viewName.trim()}>
                {t('common.save')}
              </button>
            </div>
          </form>
        </Dialog>
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
