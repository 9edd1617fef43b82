import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { toast } from 'sonner';
import { DomainError, schemaOf, validate, type EntityTable, type RecordBase } from '../../../shared/domain';
import type { ChangesCommandId, CommandInput, Run } from '../../commands';
import { issuesByField } from '../../ui/form-issues';
import { ValidationFailed } from '../../vault';

const tabs = [
  { to: '/privacy', key: 'overview', end: true },
  { to: '/privacy/controller', key: 'controller', end: false },
  { to: '/privacy/purposes', key: 'purposes', end: false },
  { to: '/privacy/notice', key: 'notice', end: false },
  { to: '/privacy/informing', key: 'informing', end: false },
  { to: '/privacy/register', key: 'register', end: false },
  { to: '/privacy/breaches', key: 'breaches', end: false },
  { to: '/privacy/retention', key: 'retention', end: false },
  { to: '/privacy/requests', key: 'requests', end: false },
] as const;

/** The Privacy section: its own navigation between overview, controller, purposes and register. */
export function PrivacyLayout() {
  const { t } = useTranslation();
  return (
    <section className="section privacy" aria-labelledby="section-title">
      <header className="section-header">
        <h1 id="section-title">{t('sections.privacy.title')}</h1>
      </header>
      <nav className="privacy-tabs no-print" aria-label={t('privacy.nav.label')}>
        {tabs.map((tab) => (
          <NavLink key={tab.key} to={tab.to} end={tab.end}>
            {t(`privacy.nav.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

/**
 * Shows why a privacy command refused, in the user's language, and returns the field codes of a
 * record that failed its schema (for the form). Anything else is reported as not saved.
 */
export function reportPrivacyError(t: T, error: unknown): Record<string, string> {
  if (error instanceof ValidationFailed) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) fields[String(issue.path[0] ?? '')] ??= issue.code;
    const first = error.issues[0];
    toast.error(first ? t(`crm.validation.${first.code}`) : t('crm.formHasErrors'));
    return fields;
  }
  if (error instanceof DomainError) {
    toast.error(t(`privacy.errors.${error.code}`, { defaultValue: t('privacy.errors.unknown') }));
    return {};
  }
  toast.error(t('privacy.errors.unknown'));
  return {};
}

/**
 * Checks one record with its table's schema and writes it with a privacy command: field codes go
 * to `setErrors` (nothing written), a refusal is said in a toast, success says `saved`. Resolves
 * true once written.
 */
export async function saveRecord<K extends ChangesCommandId, R extends RecordBase>(
  t: T,
  run: Run,
  id: K,
  change: { table: EntityTable; before: R | null; after: R },
  setErrors: (errors: Record<string, string>) => void,
  saved: string,
): Promise<boolean> {
  const checked = validate(schemaOf(change.table), change.after);
  if (!checked.ok) {
    setErrors(issuesByField(checked.issues));
    toast.error(t('crm.formHasErrors'));
    return false;
  }
  setErrors({});
  try {
    await run(id, { changes: [change] } as CommandInput<K>);
    toast.success(saved);
    return true;
  } catch (error) {
    setErrors(reportPrivacyError(t, error));
    return false;
  }
}

/** A full-width labelled text area with its hint and its validation message (by code). */
export function AreaField(props: {
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <label className="field wide">
      <span>{props.label}</span>
      <textarea
        rows={2}
        value={props.value}
        onChange={props.onChange}
        aria-invalid={props.error ? true : undefined}
      />
      {props.hint && <small>{props.hint}</small>}
      {props.error && <small className="field-error">{t(`crm.validation.${props.error}`)}</small>}
    </label>
  );
}
