import type { ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** One row of a list: its id and the text of each column. */
export interface TableRow<C extends string> {
  readonly id: string;
  readonly cells: Readonly<Record<C, string>>;
}

/**
 * A virtualized, sortable list with row selection (smooth at 100k rows): Enter opens a row,
 * Space selects it; the header checkbox selects every row shown. Used by the people and
 * organization lists.
 */
export function SelectableTable<C extends string>(props: {
  label: string;
  className?: string;
  rows: readonly TableRow<C>[];
  columns: readonly C[];
  /** CSS grid track of each column (after the checkbox column). */
  track: (column: C) => string;
  columnLabel: (column: C) => string;
  /** Text naming a row for its checkbox (usually the name cell). */
  rowName: (row: TableRow<C>) => string;
  sort: { column: C; descending: boolean };
  onSort: (sort: { column: C; descending: boolean }) => void;
  selected: ReadonlySet<string>;
  onSelect: (selected: ReadonlySet<string>) => void;
  onOpen: (id: string) => void;
  /** A badge shown after the first column's text of a row (e.g. "Restricted"), or nothing. */
  badge?: (row: TableRow<C>) => ReactNode;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const { rows, columns, sort, selected } = props;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders itself on scroll
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 36,
    overscan: 12,
  });
  const template = `36px ${columns.map(props.track).join(' ')}`;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string): void => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onSelect(next);
  };

  return (
    <div
      className={`vtable ${props.className ?? ''}`}
      role="table"
      aria-rowcount={rows.length + 1}
      aria-label={props.label}
    >
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader">
          <input
            type="checkbox"
            aria-label={t('lists.selectAll')}
            checked={allSelected}
            onChange={() => props.onSelect(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
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
                props.onSort({ column: c, descending: sort.column === c ? !sort.descending : false })
              }
            >
              {props.columnLabel(c)} {sort.column === c ? (sort.descending ? '▾' : '▴') : ''}
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
                onClick={() => props.onOpen(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') props.onOpen(row.id);
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
                    aria-label={t('lists.selectRow', { name: props.rowName(row) })}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </span>
                {columns.map((c, n) => (
                  <span key={c} role="cell">
                    {row.cells[c]}
                    {n === 0 && props.badge?.(row)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
