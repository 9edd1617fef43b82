import { useId, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled input that shows its validation message (by code) and keeps what was typed. */
export function TextField({
  label,
  error,
  ...input
}: { label: string; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        autoComplete="off"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <small id={`${id}-error`} className="field-error">
          {t(`crm.validation.${error}`)}
        </small>
      )}
    </div>
  );
}

/** A full-width labelled text area for a record's free notes. */
export function NotesField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field wide">
      <span>{props.label}</span>
      <textarea autoComplete="off" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </label>
  );
}
