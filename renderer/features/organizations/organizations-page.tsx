import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../../app/i18n';
import { useNavigate, useParams } from 'react-router';
import type { Organization, Person } from '../../../shared/domain';
import { SectionPage } from '../../app/section-page';
import { useWorkspace } from '../../app/workspace';
import { useTable } from '../../vault/model';
import { OrganizationDialog } from './organization-dialog';
import { useOrganizationCommands } from './use-organization-commands';

type Column = 'name' | 'vatNumber' | 'city' | 'industry' | 'people';
const columns: readonly Column[] = ['name', 'vatNumber', 'city', 'industry', 'people'];

interface Row {
  readonly id: string;
  readonly cells: Record<Column, string>;
}

/** Organizations: a virtualized, filterable, sortable list; `/organizations/new` opens the create dialog. */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { mode } = useParams();
  const { model, search } = useWorkspace();
  useOrganizationCommands();
  const organizations = useTable<Organization>(model, 'organizations');
  const people = useTable<Person>(model, 'people');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({
    column: 'name',
    descending: false,
  });
  const scroller = useRef<HTMLDivElement>(null);

  const live = useMemo(() => organizations.filter((o) => o.deletedAt === null), [organizations]);

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
    // Full recall from the search index: every matching organization, not the first page of hits.
    const matches = deferredQuery.trim()
      ? new Set(search.allHits(deferredQuery, 'organization').map((h) => h.id))
      : null;
    const out: Row[] = [];
    for (const o of live) {
      if (matches && !matches.has(o.id)) continue;
      out.push({
        id: o.id,
        cells: {
          name: o.name,
          vatNumber: o.vatNumber ?? '',
          city: o.addresses[0]?.city ?? '',
          industry: o.industry ?? '',
          people: String(peopleCount.get(o.id) ?? 0),
        },
      });
    }
    const collator = new Intl.Collator(localeFor(i18n.language), { sensitivity: 'base', numeric: true });
    const sign = sort.descending ? -1 : 1;
    out.sort((a, b) => sign * collator.compare(a.cells[sort.column], b.cells[sort.column]));
    return out;
  }, [live, peopleCount, deferredQuery, search, sort, i18n.language]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders itself on scroll
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 36,
    overscan: 12,
  });

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
        <span className="count" aria-live="polite">
          {t('crm.results', { count: rows.length })}
        </span>
      </div>
      {live.length === 0 ? (
        <p className="empty-state">{t('sections.organizations.empty')}</p>
      ) : (
        <div
          className="vtable org-table"
          role="table"
          aria-rowcount={rows.length + 1}
          aria-label={t('sections.organizations.title')}
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
                  {t(`organizations.columns.${c}`)} {sort.column === c ? (sort.descending ? '▾' : '▴') : ''}
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
                    onClick={() => void navigate(`/organizations/${row.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && void navigate(`/organizations/${row.id}`)}
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
        <OrganizationDialog
          open
          onOpenChange={(open) => !open && void navigate('/organizations')}
          onSaved={(o) => void navigate(`/organizations/${o.id}`)}
        />
      )}
    </SectionPage>
  );
}
