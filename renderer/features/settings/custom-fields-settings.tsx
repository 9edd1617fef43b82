import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  customFieldEntities,
  customFieldTypes,
  newCustomFieldId,
  trashRecord,
  type CustomField,
  type CustomFieldType,
} from '../../../shared/domain';
import { useCustomFields, type CustomEntity } from '../../ui/custom-fields';
import { issuesByField } from '../../ui/form-issues';
import { TextField } from '../../ui/text-field';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { randomBytes, ValidationFailed } from '../../vault';
import { useFocusRequest } from './focus-request';

/** Option keys from labels: lowercase ASCII words joined by dashes, unique within the field. */
export function choiceKeys(labels: readonly string[]): string[] {
  const used = new Set<string>();
  return labels.map((label, i) => {
    const base =
      label
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 34) || `option-${i + 1}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

const isChoice = (type: CustomFieldType) => type === 'choice' || type === 'multi-choice';

/**
 * Custom field definitions per record type: add, rename, reorder, trash (`custom-fields.create`,
 * `.rename`, `.reorder`, `.trash`: each one command, undoable).
 */
export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [entity, setEntity] = useState<CustomEntity>('person');
  const fields = useCustomFields(entity);
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [choices, setChoices] = useState('');
  const [personal, setPersonal] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [renaming, setRenaming] = useState<{ id: string; label: string } | null>(null);
  const [renameError, setRenameError] = useState<string | undefined>();
  const ids = useId();
  const [params] = useSearchParams();
  const location = useLocation();
  // The "New custom field" command lands here with `focus=new`; each run remounts the form to focus it.
  const focusNew = params.get('focus') === 'new';
  // The rename, reorder and delete commands land on the first field's button for that change.
  const root = useRef<HTMLDivElement>(null);
  useFocusRequest(root);

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const labels = isChoice(type)
      ? choices
          .split('\n')
          .map((c) => c.trim())
          .filter((c) => c !== '')
      : [];
    const keys = choiceKeys(labels);
    const field = createRecord(
      'custom-fields',
      newCustomFieldId(randomBytes),
      {
        entity,
        label: label.trim(),
        type,
        choices: labels.map((l, i) => ({ key: keys[i]!, label: l })),
        personalData: personal,
        position: fields.reduce((max, f) => Math.max(max, f.position + 1), 0),
      },
      repo.stamp(),
    );
    try {
      const token = await run('custom-fields.create', {
        changes: [{ table: 'custom-fields', before: null, after: field }],
      });
      setErrors({});
      setLabel('');
      setChoices('');
      toastWithUndo(repo, token, t('settingsCrm.customFields.created'), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      const byField = issuesByField(err.issues);
      setErrors({ label: byField.label ?? '', choices: byField.choices ?? byField['choices.0'] ?? '' });
      toast.error(t('crm.formHasErrors'));
    }
  };

  const rename = async (field: CustomField, next: string): Promise<void> => {
    const after = applyChanges<CustomField>(field, { label: next.trim() }, repo.stamp());
    if (after === field) return setRenaming(null);
    try {
      const token = await run('custom-fields.rename', {
        changes: [{ table: 'custom-fields', before: field, after }],
      });
      setRenaming(null);
      setRenameError(undefined);
      toastWithUndo(repo, token, t('settingsCrm.customFields.renamed'), t);
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err;
      setRenameError(issuesByField(err.issues).label ?? 'invalid');
    }
  };

  const move = async (index: number, step: -1 | 1): Promise<void> => {
    const a = fields[index];
    const b = fields[index + step];
    if (!a || !b) return;
    const stamp = repo.stamp();
    // Positions may tie (fields made on two devices): renumber both from the list order.
    const token = await run('custom-fields.reorder', {
      changes: [
        {
          table: 'custom-fields',
          before: a,
          after: applyChanges<CustomField>(a, { position: index + step }, stamp),
        },
        {
          table: 'custom-fields',
          before: b,
          after: applyChanges<CustomField>(b, { position: index }, stamp),
        },
      ],
    });
    toastWithUndo(repo, token, t('settingsCrm.customFields.moved'), t);
  };

  const trash = async (field: CustomField): Promise<void> => {
    const token = await run('custom-fields.trash', {
      changes: [{ table: 'custom-fields', before: field, after: trashRecord(field, repo.stamp()) }],
    });
    toastWithUndo(repo, token, t('crm.trashed'), t);
  };

  const entityName = t(`settingsCrm.customFields.entities.${entity}`);
  return (
    <div className="settings settings-crm" ref={root}>
      <fieldset>
        <legend>{t('settingsCrm.customFields.title')}</legend>
        <p className="muted">{t('settingsCrm.customFields.intro')}</p>
        <div className="field">
          <label htmlFor={`${ids}-entity`}>{t('settingsCrm.customFields.entity')}</label>
          <select
            id={`${ids}-entity`}
            value={entity}
            onChange={(e) => setEntity(e.target.value as CustomEntity)}
          >
            {customFieldEntities.map((e) => (
              <option key={e} value={e}>
                {t(`settingsCrm.customFields.entities.${e}`)}
              </option>
            ))}
          </select>
        </div>
        <h2 id={`${ids}-list`}>{t('settingsCrm.customFields.list', { entity: entityName })}</h2>
        {fields.length === 0 ? (
          <p className="muted">{t('settingsCrm.customFields.empty')}</p>
        ) : (
          <ol className="settings-crm-list" aria-labelledby={`${ids}-list`} data-testid="custom-field-list">
            {fields.map((f, i) => (
              <li key={f.id} className="settings-crm-row">
                {renaming?.id === f.id ? (
                  <form
                    className="settings-crm-inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void rename(f, renaming.label);
                    }}
                    autoComplete="off"
                  >
                    <TextField
                      label={t('settingsCrm.customFields.renameLabel', { name: f.label })}
                      value={renaming.label}
                      onChange={(e) => setRenaming({ id: f.id, label: e.target.value })}
                      error={renameError}
                      autoFocus
                    />
                    <button type="submit" className="button">
                      {t('settingsCrm.save')}
                    </button>
                    <button type="button" className="button secondary" onClick={() => setRenaming(null)}>
                      {t('settingsCrm.cancel')}
                    </button>
                  </form>
                ) : (
                  <>
                    <span className="settings-crm-name">{f.label}</span>
                    <span className="badge">{t(`settingsCrm.customFields.types.${f.type}`)}</span>
                    {f.personalData && (
                      <span className="badge">{t('settingsCrm.customFields.personalBadge')}</span>
                    )}
                    {isChoice(f.type) && (
                      <span className="muted">{f.choices.map((c) => c.label).join(', ')}</span>
                    )}
                    <span className="settings-crm-actions">
                      <button
                        type="button"
                        className="button secondary"
                        data-focus="rename"
                        onClick={() => {
                          setRenameError(undefined);
                          setRenaming({ id: f.id, label: f.label });
                        }}
                      >
                        {t('settingsCrm.rename')}
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('settingsCrm.moveUp', { name: f.label })}
                        data-focus="reorder"
                        disabled={i === 0}
                        onClick={() => void move(i, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('settingsCrm.moveDown', { name: f.label })}
                        data-focus="reorder"
                        disabled={i === fields.length - 1}
                        onClick={() => void move(i, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('settingsCrm.trash', { name: f.label })}
                        data-focus="trash"
                        onClick={() => void trash(f)}
                      >
                        {t('crm.trash')}
                      </button>
                    </span>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </fieldset>
      <form key={focusNew ? location.key : 'add'} onSubmit={(e) => void add(e)} noValidate autoComplete="off">
        <fieldset>
          <legend>{t('settingsCrm.customFields.add')}</legend>
          <div className="form-grid">
            <TextField
              label={t('settingsCrm.customFields.label')}
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              error={errors.label || undefined}
              autoFocus={focusNew}
              data-focus="new"
            />
            <div className="field">
              <label htmlFor={`${ids}-type`}>{t('settingsCrm.customFields.type')}</label>
              <select
                id={`${ids}-type`}
                value={type}
                onChange={(e) => setType(e.target.value as CustomFieldType)}
              >
                {customFieldTypes.map((ft) => (
                  <option key={ft} value={ft}>
                    {t(`settingsCrm.customFields.types.${ft}`)}
                  </option>
                ))}
              </select>
            </div>
            {isChoice(type) && (
              <div className="field wide">
                <label htmlFor={`${ids}-choices`}>{t('settingsCrm.customFields.choices')}</label>
                <textarea
                  id={`${ids}-choices`}
                  autoComplete="off"
                  value={choices}
                  onChange={(e) => setChoices(e.target.value)}
                  aria-invalid={errors.choices ? true : undefined}
                  aria-describedby={`${ids}-choices-hint`}
                />
                <small id={`${ids}-choices-hint`} className={errors.choices ? 'field-error' : undefined}>
                  {errors.choices
                    ? t(`crm.validation.${errors.choices}`)
                    : t('settingsCrm.customFields.choicesHint')}
                </small>
              </div>
            )}
            <label className="settings-crm-check wide">
              <input type="checkbox" checked={personal} onChange={(e) => setPersonal(e.target.checked)} />
              {t('settingsCrm.customFields.personalData')}
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              {t('settingsCrm.customFields.add')}
            </button>
          </div>
        </fieldset>
      </form>
    </div>
  );
}
