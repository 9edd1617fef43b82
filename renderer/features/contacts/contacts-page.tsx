import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { displayName, type Organization, type Person } from '../../../shared/domain';
import { SectionPage } from '../../app/section-page';
import { useWorkspace } from '../../app/workspace';
import { useTable } from '../../vault/model';
import { PersonDialog } from './person-dialog';

type Column = 'name' | 'organization' | 'email' | 'phone' | 'city';
const columns: readonly Column[] = ['name', 'organization', 'email', 'phone', 'city'];

interface Row {
  readonly id: string;
  readonly cells: Record<Column, string>;
}

/** People: a virtualized, filterable, sortable list; `/contacts/new` opens the create dialog. */
export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { mode } = useParams();
  const { model, search } = useWorkspace();
  const people = useTable<Person>(model, 'people');
  const organizations = useTable<Organization>(model, 'organizations');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: 'name',
    descending: false,
  });
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    const orgNames = new Map(organizations.map((o) => [o.id, o.name]));
    // Full recall from the search index: every matching person, not the first page of hits.
    const matches = deferredQuery.trim()
      ? new Set(search.allHits(deferredQuery, 'person').map((h) => h.id))
      : null;
    const out: Row[] = [];
    for (const p of people) {
      if (p.deletedAt !== null || (matches && !matches.has(p.id))) continue;
      out.push({
        id: p.id,
        cells: {
          name: displayName(p),
          organization: p.organizations.map((o) => orgNames.get(o.organizationId) ?? '').join(', '),
          email: p.emails[0]?.address ?? '',
          phone: p.phones[0]?.number ?? '',
          city: p.addresses[0]?.city ?? '',
        },
      });
    }
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true });
    const sign = sort.descending ? -1 : 1;
    out.sort((a, b) => sign * collator.compare(a.cells[sort.column], b.cells[sort.column]));
    return out;
  }, [people, organizations, deferredQuery, search, sort, i18n.language]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders itself on scroll
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 36,
    overscan: 12,
  });

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
        <button
          type="button"
          className="button secondary"
          onClick={() => void navigate('/contacts/duplicates')}
        >
          {t('merge.finderTitle')}
        </button>
        <span className="count" aria-live="polite">
          {t('crm.results', { count: rows.length })}
        </span>
      </div>
      {people.length === 0 ? (
        <p className="empty-state">{t('sections.contacts.empty')}</p>
      ) : (
        <div
          className="vtable"
          role="table"
          aria-rowcount={rows.length + 1}
          aria-label={t('sections.contacts.title')}
        >
          <div className="vtable-head" role="row">
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
                    className="vtable-row"
                    style={{ transform: `translateY(${item.start}px)` }}
                    tabIndex={0}
                    onClick={() => void navigate(`/contacts/${row.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && void navigate(`/contacts/${row.id}`)}
                  >
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
