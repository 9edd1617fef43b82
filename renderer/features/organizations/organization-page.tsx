import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { displayName, restoreRecord, formatPhone } from '../../../shared/domain';
import { formatMoneyValue } from '../../ui/deal-money';
import { Dialog } from '../../ui/dialog';
import { CustomFieldValues } from '../../ui/custom-fields';
import { HistoryList } from '../../ui/history-list';
import { ToCheckSection } from '../../ui/to-check-section';
import { TagChips } from '../../ui/tag-chips';
import { QuickAddActivity, QuickAddTask, Timeline } from '../../ui/timeline';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { useRecord, useTable } from '../../ui/model-hooks';
import { OrganizationDialog } from './organization-dialog';
import { OrganizationMergeDialog } from './organization-merge-dialog';
import { linkedPeople, planOrganizationTrash, type LinkedPeopleChoice } from './trash-plan';

const detailFields = ['legalForm', 'vatNumber', 'taxCode', 'sdiCode', 'pec', 'website', 'industry'] as const;

/** One organization: details, linked people, deals, change history, edit, trash with undo. */
export function OrganizationPage() {
  const { t, i18n } = useTranslation();
  const { mode: id } = useParams();
  const navigate = useNavigate();
  const { model, repo, run } = useWorkspace();
  const organization = useRecord(model, 'organizations', id);
  const people = useTable(model, 'people');
  const deals = useTable(model, 'deals');
  const [editing, setEditing] = useState(false);
  const [askTrash, setAskTrash] = useState(false);
  const [merging, setMerging] = useState(false);
  const linked = useMemo(() => (id ? linkedPeople(people, id) : []), [people, id]);
  const orgDeals = useMemo(
    () => deals.filter((d) => d.deletedAt === null && d.organizationId === id),
    [deals, id],
  );
  if (!organization) return <Navigate to="/organizations" replace />;

  const trash = async (choice: LinkedPeopleChoice): Promise<void> => {
    setAskTrash(false);
    const token = await run('organizations.trash', {
      changes: planOrganizationTrash(organization, people, choice, repo.stamp()),
    });
    const count = linked.length;
    const message =
      count === 0
        ? t('crm.trashed')
        : choice === 'trash'
          ? t('organizations.trashedWithPeople', { count })
          : t('organizations.trashedUnlinked', { count });
    toastWithUndo(repo, token, message, t);
  };

  const restore = async (): Promise<void> => {
    const token = await run('organizations.restore', {
      changes: [
        { table: 'organizations', before: organization, after: restoreRecord(organization, repo.stamp()) },
      ],
    });
    toastWithUndo(repo, token, t('crm.restored'), t);
  };

  const onTrashClick = () => {
    if (organization.deletedAt !== null) void restore();
    else if (linked.length > 0) setAskTrash(true);
    else void trash('unlink');
  };

  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header toolbar">
        <Link to="/organizations">← {t('crm.back')}</Link>
        <h1 id="section-title">{organization.name}</h1>
        {organization.deletedAt !== null && <span className="badge">{t('crm.inTrash')}</span>}
        {organization.naturalPerson && <span className="badge">{t('naturalPerson.badge')}</span>}
        <span style={{ marginLeft: 'auto' }} />
        <button type="button" className="button secondary" onClick={() => setEditing(true)}>
          {t('crm.edit')}
        </button>
        {organization.deletedAt === null && (
          <button type="button" className="button secondary" onClick={() => setMerging(true)}>
            {t('organizations.mergeWith')}
          </button>
        )}
        <button type="button" className="button secondary" onClick={onTrashClick}>
          {organization.deletedAt === null ? t('crm.trash') : t('crm.restore')}
        </button>
      </header>
      <div className="detail">
        <div className="org-main">
          <div className="card">
            <TagChips ids={organization.tags} />
            <dl>
              {detailFields.map((f) =>
                organization[f] ? (
                  <div key={f} style={{ display: 'contents' }}>
                    <dt>{t(`organizations.${f}`)}</dt>
                    <dd>{organization[f]}</dd>
                  </div>
                ) : null,
              )}
              {organization.emails.map((e, i) => (
                <div key={`e${i}`} style={{ display: 'contents' }}>
                  <dt>{t('organizations.email')}</dt>
                  <dd>{e.address}</dd>
                </div>
              ))}
              {organization.phones.map((p, i) => (
                <div key={`p${i}`} style={{ display: 'contents' }}>
                  <dt>{t('organizations.phone')}</dt>
                  <dd>{formatPhone(p.number)}</dd>
                </div>
              ))}
              {organization.addresses[0]?.city && (
                <>
                  <dt>{t('organizations.city')}</dt>
                  <dd>{organization.addresses[0].city}</dd>
                </>
              )}
              {organization.notes && (
                <>
                  <dt>{t('organizations.notes')}</dt>
                  <dd style={{ whiteSpace: 'pre-wrap' }}>{organization.notes}</dd>
                </>
              )}
              <CustomFieldValues entity="organization" values={organization.customFields} />
            </dl>
          </div>
          <section className="card" aria-labelledby="org-people-title">
            <h2 id="org-people-title">{t('organizations.people')}</h2>
            {linked.length === 0 ? (
              <p className="muted">{t('organizations.peopleEmpty')}</p>
            ) : (
              <ul className="org-links">
                {linked.map((p) => {
                  const role = p.organizations.find((o) => o.organizationId === organization.id)?.role;
                  return (
                    <li key={p.id}>
                      <Link to={`/contacts/${p.id}`}>{displayName(p)}</Link>
                      {role ? <span className="muted"> · {role}</span> : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="org-deals-title">
            <h2 id="org-deals-title">{t('organizations.deals')}</h2>
            {orgDeals.length === 0 ? (
              <p className="muted">{t('organizations.dealsEmpty')}</p>
            ) : (
              <ul className="org-links">
                {orgDeals.map((d) => (
                  <li key={d.id}>
                    <Link to={`/deals/${d.id}`}>{d.title}</Link>{' '}
                    <span className="muted">{formatMoneyValue(d.value, i18n.language)}</span>{' '}
                    <span className="badge">{t(`organizations.dealStatus.${d.status}`)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <HistoryList
          entries={repo.history(organization.id)}
          labelOf={(field) =>
            field === 'naturalPerson'
              ? t('naturalPerson.field')
              : t(`organizations.fields.${field}`, { defaultValue: field })
          }
          describeValue={(field, value) =>
            field === 'naturalPerson'
              ? t(value === true ? 'naturalPerson.yes' : 'naturalPerson.no')
              : undefined
          }
        />
      </div>
      <ToCheckSection table="organizations" record={organization} />
      <div className="detail timeline-layout">
        <Timeline subject={{ table: 'organizations', id: organization.id }} />
        <div className="timeline-side">
          <QuickAddActivity subject={{ table: 'organizations', id: organization.id }} />
          <QuickAddTask subject={{ table: 'organizations', id: organization.id }} />
        </div>
      </div>
      {editing && (
        <OrganizationDialog
          organization={organization}
          open
          onOpenChange={setEditing}
          onSaved={() => void navigate(`/organizations/${organization.id}`)}
        />
      )}
      {merging && (
        <OrganizationMergeDialog
          organization={organization}
          onClose={() => setMerging(false)}
          onMerged={(winner) => {
            setMerging(false);
            void navigate(`/organizations/${winner.id}`);
          }}
        />
      )}
      {askTrash && (
        <Dialog
          open
          onOpenChange={setAskTrash}
          title={t('organizations.trashTitle', { name: organization.name })}
        >
          <p>{t('organizations.trashLinked', { count: linked.length })}</p>
          <p className="muted">{t('organizations.trashUnlinkHint')}</p>
          <div className="form-actions org-trash-actions">
            <button type="button" className="button secondary" onClick={() => setAskTrash(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button secondary" onClick={() => void trash('trash')}>
              {t('organizations.trashWithPeople')}
            </button>
            <button type="button" className="button" onClick={() => void trash('unlink')} autoFocus>
              {t('organizations.trashUnlink')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
