import { useDeferredValue, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { RecordOf, Tag } from '../../shared/domain';
import type { CsvTable } from '../../shared/formats';
import type { TableName, Change } from '../vault';
import { leftOutCount, type ChangesCommandId, type LeftOut } from '../commands';
import { toastLeftOut, withPolicyToast } from './policy-feedback';
import { useHost } from '../session/host-context';
import { useHostErrorToast } from './host-error-toast';
import { useWorkspace } from '../session/workspace';
import { csvDelimiterFor, planBulkTag, saveSelectionCsv, type TaggableTable } from './bulk-actions';
import type { ListSort } from './list-rows';
import { BulkBar, ColumnMenu, SavedViewsControl, type ViewState } from './list-tools';
import type { SavedView } from './saved-views';
import { SelectableTable, type TableRow } from './selectable-table';
import { toastWithUndo } from './undo-toast';

/** The lists whose selection can be exported. */
export type SelectionTable = 'people' | 'organizations' | 'deals' | 'tasks';

/** The state every record list keeps: filter text, sort, columns, trash view, selection. */
export interface ListState<C extends string> {
  readonly query: string;
  readonly setQuery: (query: string) => void;
  /** The query as the rows follow it: typing stays responsive on long lists. */
  readonly deferredQuery: string;
  readonly sort: ListSort<C>;
  readonly setSort: (sort: ListSort<C>) => void;
  readonly columns: readonly C[];
  readonly setColumns: (columns: readonly C[]) => void;
  readonly all: readonly C[];
  readonly fixed: C;
  readonly showTrash: boolean;
  /** Switches between live records and the trash; the selection is cleared. */
  readonly setShowTrash: (show: boolean) => void;
  readonly selected: ReadonlySet<string>;
  readonly setSelected: (selected: ReadonlySet<string>) => void;
  readonly clearSelection: () => void;
  /** Takes a saved view's text, sort, columns and trash choice; unknown columns are dropped. */
  readonly applyView: (view: SavedView) => void;
  /** The selected records of `table` that still exist. */
  readonly selectedRecords: <K extends TableName>(table: K) => RecordOf<K>[];
  /**
   * Commits `changes` as `command` with `message` in an Undo toast; clears the selection unless
   * told. `onLeftOut` hears what a bulk command's checks left out (before the message is made).
   */
  readonly commitSelection: (
    command: ChangesCommandId,
    changes: Change[],
    message: string | (() => string),
    clear?: boolean,
    onLeftOut?: (leftOut: LeftOut) => void,
  ) => Promise<void>;
  /** Adds the tag `name` to the selected records of `table` (created when no live tag has that name). */
  readonly tagSelection: (
    command: ChangesCommandId,
    table: TaggableTable,
    tags: readonly Tag[],
    name: string,
  ) => Promise<void>;
  /**
   * Saves the selected `records` of `table` as CSV through the host, after the privacy checks of
   * the `export.selection` read command (what they leave out is said); the outcome is a toast,
   * host failures too.
   */
  readonly exportSelection: <K extends SelectionTable>(
    table: K,
    records: readonly RecordOf<K>[],
    build: (records: readonly RecordOf<K>[]) => CsvTable,
  ) => Promise<void>;
}

/**
 * The list state of a screen whose columns are `all` (`fixed` always shown, and the sort when
 * `sort` is not given).
 */
export function useListState<C extends string>(options: {
  all: readonly C[];
  fixed: C;
  columns: readonly C[];
  sort?: ListSort<C>;
}): ListState<C> {
  const { all, fixed } = options;
  const { t, i18n } = useTranslation();
  const { model, repo, run, read } = useWorkspace();
  const host = useHost();
  const showHostError = useHostErrorToast();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<ListSort<C>>(options.sort ?? { column: options.fixed, descending: false });
  const [columns, setColumns] = useState<readonly C[]>(options.columns);
  const [showTrash, setTrash] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const clearSelection = (): void => setSelected(new Set());
  const selectedRecords = <K extends TableName>(table: K): RecordOf<K>[] =>
    [...selected].map((id) => model.get(table, id)).filter((r): r is RecordOf<K> => r !== undefined);
  const commitSelection = async (
    command: ChangesCommandId,
    changes: Change[],
    message: string | (() => string),
    clear = true,
    onLeftOut?: (leftOut: LeftOut) => void,
  ) => {
    // A refusal by a privacy check is said in the user's language; nothing was written.
    await withPolicyToast(async () => {
      const token = await run(command, { changes: changes }, onLeftOut ? { onLeftOut } : undefined);
      if (clear) clearSelection();
      toastWithUndo(repo, token, typeof message === 'string' ? message : message(), t);
    }, t);
  };
  return {
    query,
    setQuery,
    deferredQuery,
    sort,
    setSort,
    columns,
    setColumns,
    all,
    fixed,
    showTrash,
    setShowTrash: (show) => {
      setTrash(show);
      clearSelection();
    },
    selected,
    setSelected,
    clearSelection,
    applyView: (view) => {
      setQuery(view.query);
      if ((all as readonly string[]).includes(view.sort.column))
        setSort({ column: view.sort.column as C, descending: view.sort.descending });
      setColumns(all.filter((c) => c === fixed || view.columns.includes(c)));
      setTrash(view.showTrash);
      clearSelection();
    },
    selectedRecords,
    commitSelection,
    tagSelection: async (command, table, tags, name) => {
      if (!name) return;
      const targets = selectedRecords(table);
      // The checks may leave records out (a restricted person): the toast counts those tagged.
      let left: LeftOut = {};
      await commitSelection(
        command,
        planBulkTag(table, targets, tags, name, repo.stamp()),
        () => t('lists.taggedMany', { count: targets.length - leftOutCount(left), tag: name }),
        false,
        (leftOut) => (left = leftOut),
      );
      toastLeftOut(left, t);
    },
    exportSelection: async (table, records, build) => {
      const { records: kept, leftOut } = read('export.selection', table, records);
      try {
        const file = await saveSelectionCsv(host, table, build(kept), csvDelimiterFor(i18n.language));
        if (file) {
          toast.success(t('lists.exportedSelection', { count: kept.length, file }));
          toastLeftOut(leftOut, t);
        }
      } catch (error) {
        showHostError(error);
      }
    },
  };
}

/** The filter text box of a list toolbar. */
export function SearchField(props: {
  value: string;
  onChange: (value: string) => void;
  autoComplete?: string;
}) {
  const { t } = useTranslation();
  return (
    <input
      type="search"
      aria-label={t('crm.search')}
      placeholder={t('crm.searchPlaceholder')}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      autoComplete={props.autoComplete}
    />
  );
}

/** The "Show trash" checkbox of a list toolbar. */
export function TrashToggle(props: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="checkbox">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {t('crm.showTrash')}
    </label>
  );
}

/** The live count of listed rows, announced to screen readers. */
export function ResultCount({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span className="count" aria-live="polite">
      {t('crm.results', { count })}
    </span>
  );
}

/** The end of a list toolbar: columns, saved views, trash toggle and result count. */
export function ListViewTools<C extends string>(props: {
  list: ListState<C>;
  name: SavedView['list'];
  columnLabel: (column: C) => string;
  count: number;
  filters?: ViewState['filters'];
  onApply?: (view: SavedView) => void;
}) {
  const { list } = props;
  return (
    <>
      <ColumnMenu
        all={list.all}
        shown={list.columns}
        onChange={list.setColumns}
        label={props.columnLabel}
        fixed={list.fixed}
      />
      <SavedViewsControl
        list={props.name}
        current={{
          query: list.query,
          sort: list.sort,
          columns: [...list.columns],
          showTrash: list.showTrash,
          filters: props.filters,
        }}
        onApply={props.onApply ?? list.applyView}
      />
      <TrashToggle checked={list.showTrash} onChange={list.setShowTrash} />
      <ResultCount count={props.count} />
    </>
  );
}

/** `BulkBar` bound to a list's selection and trash view. */
export function ListBulkBar(props: {
  list: Pick<ListState<string>, 'selected' | 'showTrash' | 'clearSelection'>;
  onTag?: (name: string) => Promise<void>;
  onTrash: () => Promise<void>;
  onExport: () => Promise<void>;
  children?: ReactNode;
}) {
  const { list } = props;
  return (
    <BulkBar
      count={list.selected.size}
      showTrash={list.showTrash}
      onTag={props.onTag}
      onTrash={props.onTrash}
      onExport={props.onExport}
      onClear={list.clearSelection}
    >
      {props.children}
    </BulkBar>
  );
}

/**
 * The body of a list: `empty` (when given) instead of the table, "the trash is empty" when
 * `trashEmpty` is set and the trash view has no rows and no filter text, else the table.
 */
export function ListBody<C extends string>(props: {
  list: ListState<C>;
  rows: readonly TableRow<C>[];
  empty: string | null;
  trashEmpty?: boolean;
  label: string;
  className?: string;
  track: (column: C) => string;
  columnLabel: (column: C) => string;
  /** Defaults to the text of the fixed column. */
  rowName?: (row: TableRow<C>) => string;
  onOpen: (id: string) => void;
  /** A badge after a row's first cell (a restricted person). */
  badge?: (row: TableRow<C>) => ReactNode;
}) {
  const { t } = useTranslation();
  const { list, rows } = props;
  if (props.empty !== null) return <p className="empty-state">{props.empty}</p>;
  if (props.trashEmpty && list.showTrash && rows.length === 0 && !list.query.trim())
    return <p className="empty-state">{t('lists.trashEmpty')}</p>;
  return (
    <SelectableTable
      label={props.label}
      className={props.className}
      rows={rows}
      columns={list.columns}
      track={props.track}
      columnLabel={props.columnLabel}
      rowName={props.rowName ?? ((row) => row.cells[list.fixed])}
      sort={list.sort}
      onSort={list.setSort}
      selected={list.selected}
      onSelect={list.setSelected}
      onOpen={props.onOpen}
      badge={props.badge}
    />
  );
}
