import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { toast } from 'sonner';
import { DomainError } from '../../../shared/domain';
import { ValidationFailed } from '../../vault';

const tabs = [
  { to: '/privacy', key: 'overview', end: true },
  { to: '/privacy/controller', key: 'controller', end: false },
  { to: '/privacy/purposes', key: 'purposes', end: false },
  { to: '/privacy/register', key: 'register', end: false },
  { to: '/privacy/breaches', key: 'breaches', end: false },
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
