import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkCustomValue, type CustomField, type CustomValue, type CustomValues } from '../../shared/domain';
import { useLocale } from './i18n';
import { useWorkspace } from '../session/workspace';
import { useTable } from './model-hooks';

/** Entities that have custom fields. */
export type CustomEntity = CustomField['entity'];

/** What a form holds per field: typed text (text, number, date, choice, yes/no) or chosen keys. */
export type CustomDrafts = Readonly<Record<string, string | readonly string[]>>;

/** The live custom field definitions of one entity, in display order. */
export function useCustomFields(entity: CustomEntity): readonly CustomField[] {
  const { model } = useWorkspace();
  const all = useTable(model, 'custom-fields');
  return useMemo(
    () =>
      all
        .filter((f) => f.entity === entity && f.deletedAt === null)
        .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1)),
    [all, entity],
  );
}

/** The form drafts of stored values. */
export function customDrafts(fields: readonly CustomField[], values: CustomValues | undefined): CustomDrafts {
  const out: Record<string, string | readonly string[]> = {};
  for (const f of fields) {
    const v = values?.[f.id] ?? null;
    if (f.type === 'multi-choice') out[f.id] = Array.isArray(v) ? v : [];
    else if (f.type === 'yes-no') out[f.id] = v === true ? 'yes' : v === false ? 'no' : '';
    else out[f.id] = v === null || Array.isArray(v) ? '' : String(v);
  }
  return out;
}

const numberPattern = /^-?\d+([.,]\d+)?$/;

/** The stored value of a draft; `undefined` when the text is not a value of the field's type. */
function draftValue(
  field: CustomField,
  draft: string | readonly string[] | undefined,
): CustomValue | undefined {
  if (Array.isArray(draft)) return draft.length === 0 ? null : [...(draft as readonly string[])];
  const text = typeof draft === 'string' ? draft.trim() : '';
  if (text === '') return null;
  switch (field.type) {
    case 'number':
      return numberPattern.test(text) ? Number(text.replace(',', '.')) : undefined;
    case 'yes-no':
      return text === 'yes';
    default:
      return text;
  }
}

/**
 * Turns drafts into stored values, checked against their definitions. Values of fields that are
 * not shown (trashed definitions) are kept as they were: trashing a field must not erase data.
 * Empty values are left out. `errors` maps field ids to validation codes.
 */
export function customValuesFromDrafts(
  fields: readonly CustomField[],
  drafts: CustomDrafts,
  base: CustomValues | undefined,
): { values: Record<string, CustomValue>; errors: Record<string, string> } {
  const values: Record<string, CustomValue> = { ...base };
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const value = draftValue(f, drafts[f.id]);
    if (value === undefined) {
      errors[f.id] = 'invalid-type';
      continue;
    }
    const problem = checkCustomValue(f, value);
    if (problem) errors[f.id] = problem;
    else if (value === null) delete values[f.id];
    else values[f.id] = value;
  }
  return { values, errors };
}

function FieldError({ id, code }: { id: string; code: string | undefined }) {
  const { t } = useTranslation();
  return code ? (
    <small id={id} className="field-error">
      {t(`crm.validation.${code}`)}
    </small>
  ) : null;
}

/** One input per custom field, with the control its type needs. */
export function CustomFieldInputs(props: {
  fields: readonly CustomField[];
  drafts: CustomDrafts;
  onChange: (drafts: CustomDrafts) => void;
  errors: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const base = useId();
  if (props.fields.length === 0) return null;
  const set = (id: string, value: string | readonly string[]) =>
    props.onChange({ ...props.drafts, [id]: value });
  return (
    <fieldset className="settings-crm-custom-inputs wide" data-testid="custom-field-inputs">
      <legend>{t('settingsCrm.customFields.section')}</legend>
      <div className="form-grid">
        {props.fields.map((f) => {
          const id = `${base}-${f.id}`;
          const error = props.errors[f.id];
          const draft = props.drafts[f.id];
          const text = typeof draft === 'string' ? draft : '';
          const described = error ? `${id}-error` : undefined;
          if (f.type === 'multi-choice') {
            const chosen = Array.isArray(draft) ? (draft as readonly string[]) : [];
            return (
              <fieldset key={f.id} className="field settings-crm-choices" aria-describedby={described}>
                <legend>{f.label}</legend>
                {f.choices.map((c) => (
                  <label key={c.key} className="settings-crm-check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(c.key)}
                      onChange={(e) =>
                        set(f.id, e.target.checked ? [...chosen, c.key] : chosen.filter((k) => k !== c.key))
                      }
                    />
                    {c.label}
                  </label>
                ))}
                <FieldError id={`${id}-error`} code={error} />
              </fieldset>
            );
          }
          const common = {
            id,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': described,
          } as const;
          let control;
          if (f.type === 'choice' || f.type === 'yes-no') {
            const options =
              f.type === 'choice'
                ? f.choices.map((c) => ({ key: c.key, label: c.label }))
                : [
                    { key: 'yes', label: t('settingsCrm.customFields.yes') },
                    { key: 'no', label: t('settingsCrm.customFields.no') },
                  ];
            control = (
              <select {...common} value={text} onChange={(e) => set(f.id, e.target.value)}>
                <option value="">{t('settingsCrm.customFields.notSet')}</option>
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
              </select>
            );
          } else {
            control = (
              <input
                {...common}
                autoComplete="off"
                type={f.type === 'date' ? 'date' : 'text'}
                inputMode={f.type === 'number' ? 'decimal' : undefined}
                value={text}
                onChange={(e) => set(f.id, e.target.value)}
              />
            );
          }
          return (
            <div key={f.id} className="field">
              <label htmlFor={id}>{f.label}</label>
              {control}
              <FieldError id={`${id}-error`} code={error} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A stored value as text in the UI language. */
export function formatCustomValue(
  field: CustomField,
  value: CustomValue,
  locale: string,
  t: (key: string) => string,
): string {
  if (value === null) return '';
  const label = (key: string) => field.choices.find((c) => c.key === key)?.label ?? key;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value);
    case 'date':
      return typeof value === 'string'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${value}T12:00:00Z`))
        : '';
    case 'yes-no':
      return t(value === true ? 'settingsCrm.customFields.yes' : 'settingsCrm.customFields.no');
    case 'choice':
      return typeof value === 'string' ? label(value) : '';
    case 'multi-choice':
      return Array.isArray(value) ? value.map(label).join(', ') : '';
    default:
      return String(value);
  }
}

/** The set custom field values of a record as `<dt>`/`<dd>` pairs, for a detail page's list. */
export function CustomFieldValues(props: { entity: CustomEntity; values: CustomValues }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = useCustomFields(props.entity);
  return (
    <>
      {fields.map((f) => {
        const value = props.values[f.id] ?? null;
        if (value === null || (Array.isArray(value) && value.length === 0)) return null;
        return (
          <div key={f.id} style={{ display: 'contents' }} data-testid="custom-field-value">
            <dt>{f.label}</dt>
            <dd>{formatCustomValue(f, value, locale, t)}</dd>
          </div>
        );
      })}
    </>
  );
}
