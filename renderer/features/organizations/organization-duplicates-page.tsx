import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { findDuplicateOrganizations, type Organization } from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { OrganizationMergeDialog } from './organization-merge-dialog';

// Enough to work through; thousands of cards would only slow the page down.
const shownGroups = 200;

/** The duplicates finder for organizations: groups that look alike, with why, each mergeable. */
export function OrganizationDuplicatesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { model } = useWorkspace();
  const organizations = useTable(model, 'organizations');
  const groups = useMemo(() => findDuplicateOrganizations(organizations), [organizations]);
  const [pair, setPair] = useState<[Organization, Organization] | null>(null);
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });

  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header toolbar">
        <Link to="/organizations">← {t('crm.back')}</Link>
        <h1 id="section-title">{t('organizations.duplicates.title')}</h1>
      </header>
      {groups.length === 0 ? (
        <p className="empty-state">{t('organizations.duplicates.none')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('organizations.duplicates.count', { count: groups.length })}
            {groups.length > shownGroups && ` ${t('organizations.duplicates.more', { shown: shownGroups })}`}
          </p>
          <ul className="dup-groups" aria-label={t('organizations.duplicates.title')}>
            {groups.slice(0, shownGroups).map(({ records, reasons }) => {
              const [a, b] = records as [Organization, Organization];
              return (
                <li key={a.id} className="card">
                  <ul>
                    {records.map((o) => (
                      <li key={o.id}>
                        <Link to={`/organizations/${o.id}`}>{o.name}</Link>{' '}
                        <span className="muted">
                          {[
                            o.vatNumber,
                            o.pec ?? o.emails[0]?.address,
                            o.phones[0]?.number,
                            o.addresses[0]?.city,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </li>
                    ))}
                  </ul>
                  <p className="muted">
                    {t('organizations.duplicates.because', {
                      reasons: list.format(reasons.map((r) => t(`organizations.duplicates.reasons.${r}`))),
                    })}
                  </p>
                  <button type="button" className="button" onClick={() => setPair([a, b])}>
                    {t('organizations.duplicates.merge', { a: a.name, b: b.name })}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {pair && (
        <OrganizationMergeDialog
          organization={pair[0]}
          other={pair[1]}
          onClose={() => setPair(null)}
          onMerged={(winner) => {
            setPair(null);
            void navigate(`/organizations/${winner.id}`);
          }}
        />
      )}
    </section>
  );
}
