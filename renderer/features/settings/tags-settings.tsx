import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  newTagId,
  tagColors,
  trashRecord,
  type Tag,
} from '../../../shared/domain';
import { TextField } from '../../ui/text-field';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { randomBytes, ValidationFailed } from '../../vault';
import { useTable } from '../../ui/model-hooks';
import { useFocusRequest } from './focus-request';

type TagColor = Tag['color'];

/**
 * The tags: create, rename, colour, trash (`tags.create`, `tags.rename`, `tags.update`,
 * `tags.trash`, each one undoable command). Trashing a tag leaves the records' references in place, so
 * undo (or restoring it) brings the tag back everywhere; trashed tags are simply not shown.
 */
export function TagsSettings() {
  const { t, i18n } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const tags = useTable(model, 'tags');
  const people = useTable(model, 'people');
  const organizations = useTable(model, 'organizations');
  const deals = useTable(model, 'deals');
  const [names, setNames] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [newName, setNewName] = useState('');
  const [newColor, setNewColor] = useState<TagColor>('blue');
  const [newError, setNewError] = useState<string | undefined>();
  const [params] = useSearchParams();
  const location = useLocation();
  // The "New tag" command lands here with `focus=new`; each run remounts the form to focus it.
  const focusNew = params.get('focus') === 'new';
  // "Rename a tag" and "Delete a tag" land on the first tag's name or Delete button.
  const root = useRef<HTMLDivElement>(null);
  useFocusRequest(root);

  const live = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base' });
    return tags.filter((tag) => tag.deletedAt === null).sort((a, b) => collator.compare(a.name, b.name));
  }, [tags, i18n.language]);
  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const list of [people, organizations, deals])
      for (const r of list)
        if (r.deletedAt === null) for (const id of r.tags) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }, [people, organizations, deals]);

  const update = async (tag: Tag, patch: { name?: string; color?: TagColor }): Promise<void> => {
    const after = applyChanges<Tag>(tag, patch, repo.stamp());
    if (after === tag) return;
    try {
      const command = patch.name !== undefined && patch.name !== tag.name ? 'tags.rename' : 'tags.update';
      const token = await run(command, { changes: [{ table: 'tags', before: tag, after }] });
      setNames(({ [tag.id]: _, ...rest }) => rest);
      setErrors(({ [tag.id]: _, ...rest }) => rest);
      toastWithUndo(repo, token, t('settingsCrm.tags.saved'), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setErrors((e) => ({ ...e, [tag.id]: err.issues[0]?.code ?? 'invalid' }));
      toast.error(t('crm.formHasErrors'));
    }
  };

  const create = async (): Promise<void> => {
    const name = newName.trim();
    if (live.some((tag) => tag.name.toLowerCase() === name.toLowerCase())) {
      setNewError(t('settingsCrm.tags.exists'));
      return;
    }
    const tag = createRecord('tags', newTagId(randomBytes), { name, color: newColor }, repo.stamp());
    try {
      const token = await run('tags.create', { changes: [{ table: 'tags', before: null, after: tag }] });
      setNewName('');
      setNewError(undefined);
      toastWithUndo(repo, token, t('settingsCrm.tags.created', { name }), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setNewError(t(`crm.validation.${err.issues[0]?.code ?? 'invalid'}`));
    }
  };

  const trash = async (tag: Tag): Promise<void> => {
    const token = await run('tags.trash', {
      changes: [{ table: 'tags', before: tag, after: trashRecord(tag, repo.stamp()) }],
    });
    toastWithUndo(repo, token, t('crm.trashed'), t);
  };

  return (
    <div className="settings settings-crm" ref={root}>
      <fieldset>
        <legend>{t('settingsCrm.tags.title')}</legend>
        <p className="muted">{t('settingsCrm.tags.intro')}</p>
        <form
          key={focusNew ? location.key : 'new-tag'}
          className="settings-crm-inline settings-crm-new-tag"
          autoComplete="off"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div className="field">
            <label htmlFor="new-tag-name">{t('settingsCrm.tags.newName')}</label>
            <input
              id="new-tag-name"
              value={newName}
              onChange={(e) => {
                setNewName(e.target.value);
                setNewError(undefined);
              }}
              aria-invalid={newError ? true : undefined}
              aria-describedby={newError ? 'new-tag-error' : undefined}
              autoFocus={focusNew}
              autoComplete="off"
              data-focus="new"
            />
            {newError && (
              <small id="new-tag-error" className="field-error">
                {newError}
              </small>
            )}
          </div>
          <label className="field">
            <span>{t('settingsCrm.tags.newColor')}</span>
            <select value={newColor} onChange={(e) => setNewColor(e.target.value as TagColor)}>
              {tagColors.map((c) => (
                <option key={c} value={c}>
                  {t(`settingsCrm.tags.colors.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={!newName.trim()}>
            {t('settingsCrm.tags.add')}
          </button>
        </form>
        {live.length === 0 ? (
          <p className="muted">{t('settingsCrm.tags.empty')}</p>
        ) : (
          <ul className="settings-crm-list" data-testid="tag-list">
            {live.map((tag) => {
              const name = names[tag.id] ?? tag.name;
              return (
                <li key={tag.id} className="settings-crm-row settings-crm-tag">
                  <span
                    className={`settings-crm-swatch settings-crm-color-${tag.color}`}
                    aria-hidden="true"
                  />
                  <form
                    className="settings-crm-inline"
                    autoComplete="off"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void update(tag, { name: name.trim() });
                    }}
                  >
                    <TextField
                      label={t('settingsCrm.tags.nameOf', { name: tag.name })}
                      value={name}
                      onChange={(e) => setNames((n) => ({ ...n, [tag.id]: e.target.value }))}
                      error={errors[tag.id]}
                      data-focus="rename"
                    />
                    <button type="submit" className="button secondary" disabled={name === tag.name}>
                      {t('settingsCrm.rename')}
                    </button>
                  </form>
                  <label className="field">
                    <span>{t('settingsCrm.tags.colorOf', { name: tag.name })}</span>
                    <select
                      value={tag.color}
                      onChange={(e) => void update(tag, { color: e.target.value as TagColor })}
                    >
                      {tagColors.map((c) => (
                        <option key={c} value={c}>
                          {t(`settingsCrm.tags.colors.${c}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <span className="muted">
                    {t('settingsCrm.tags.used', { count: usage.get(tag.id) ?? 0 })}
                  </span>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('settingsCrm.trash', { name: tag.name })}
                    data-focus="trash"
                    onClick={() => void trash(tag)}
                  >
                    {t('crm.trash')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
    </div>
  );
}
