import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useWorkspace } from '../session/workspace';
import { Dialog } from './dialog';
import { saveView, viewsOf, type SavedView } from './saved-views';
import { TextField } from './text-field';

/** The "Columns" menu of a list: `name` stays visible, the others keep the order of `all`. */
export function ColumnMenu<C extends string>(props: {
  all: readonly C[];
  shown: readonly C[];
  onChange: (columns: readonly C[]) => void;
  label: (column: C) => string;
  fixed?: C;
}) {
  const { t } = useTranslation();
  const { all, shown, onChange, label, fixed } = props;
  const menu = useRef<HTMLDetailsElement>(null);
  // A <details> menu stays open until its summary is clicked again: close it on a click elsewhere
  // or Escape, so its panel does not cover the bar below.
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="menu" ref={menu}>
      <summary className="button secondary">{t('lists.columns')}</summary>
      <div className="menu-panel">
        {all.map((c) => (
          <label key={c} className="checkbox">
            <input
              type="checkbox"
              checked={shown.includes(c)}
              disabled={c === fixed}
              onChange={() =>
                onChange(
                  shown.includes(c)
                    ? shown.filter((x) => x !== c)
                    : all.filter((x) => x === c || shown.includes(x)),
                )
              }
            />
            {label(c)}
          </label>
        ))}
      </div>
    </details>
  );
}

/** What a saved view captures of a list's state. */
export type ViewState = Pick<SavedView, 'query' | 'sort' | 'columns' | 'showTrash' | 'filters'>;

/** The saved-views picker and the "Save view" button with its naming dialog. */
export function SavedViewsControl(props: {
  list: SavedView['list'];
  current: ViewState;
  onApply: (view: SavedView) => void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const views = viewsOf(workspace, props.list);

  const store = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setNaming(false);
    await saveView(workspace, {
      id: workspace.repo.newId(),
      list: props.list,
      name: trimmed,
      query: props.current.query,
      sort: props.current.sort,
      columns: [...props.current.columns],
      showTrash: props.current.showTrash,
      ...(props.current.filters ? { filters: { ...props.current.filters } } : {}),
    });
    setName('');
    toast.success(t('lists.viewSaved', { name: trimmed }));
  };

  return (
    <>
      <label className="inline-field">
        <span>{t('lists.view')}</span>
        <select
          value=""
          onChange={(e) => {
            const view = views.find((v) => v.id === e.target.value);
            if (view) props.onApply(view);
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
      <button type="button" className="button secondary" onClick={() => setNaming(true)}>
        {t('lists.saveView')}
      </button>
      {naming && (
        <Dialog open onOpenChange={setNaming} title={t('lists.saveView')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void store();
            }}
            autoComplete="off"
          >
            <TextField
              label={t('lists.viewName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoFocus
            />
            <div className="form-actions">
              <button type="submit" className="button" disabled={!name.trim()}>
                {t('common.save')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}

/**
 * The bar shown while rows are selected: add a tag (when the records carry tags), export the
 * selection, move to the trash (hidden in the trash view), clear. `children` adds list-specific
 * actions.
 */
export function BulkBar(props: {
  count: number;
  showTrash: boolean;
  onTag?: (name: string) => Promise<void>;
  onTrash: () => Promise<void>;
  onExport: () => Promise<void>;
  onClear: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [tagName, setTagName] = useState('');
  const { onTag } = props;
  if (props.count === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label={t('lists.selection')}>
      <span>{t('lists.selected', { count: props.count })}</span>
      {onTag && !props.showTrash && (
        <>
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
            onClick={() => void onTag(tagName.trim()).then(() => setTagName(''))}
            disabled={!tagName.trim()}
          >
            {t('lists.addTag')}
          </button>
        </>
      )}
      <button type="button" className="button secondary" onClick={() => void props.onExport()}>
        {t('lists.exportSelection')}
      </button>
      {!props.showTrash && (
        <button type="button" className="button secondary" onClick={() => void props.onTrash()}>
          {t('crm.trash')}
        </button>
      )}
      {props.children}
      <button type="button" className="button secondary" onClick={props.onClear}>
        {t('lists.clearSelection')}
      </button>
    </div>
  );
}
