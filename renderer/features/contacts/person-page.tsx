import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../ui/i18n';
import { displayName, formatPhone, restoreRecord, trashRecord } from '../../../shared/domain';
import { useHost } from '../../session/host-context';
import { useHostErrorToast } from '../../ui/host-error-toast';
import { CustomFieldValues } from '../../ui/custom-fields';
import { HistoryList } from '../../ui/history-list';
import { TagChips } from '../../ui/tag-chips';
import { QuickAddActivity, QuickAddTask, Timeline } from '../../ui/timeline';
import { toastWithUndo } from '../../ui/undo-toast';
import { useWorkspace } from '../../session/workspace';
import { useRecord } from '../../ui/model-hooks';
import { useCommandHandler } from '../../ui/commands';
import { PersonPrivacyPanel } from '../gdpr';
import { PersonFieldHistory, RestrictionActions, RestrictionBanner, usePersonViewed } from '../rights';
import { PersonDialog } from './person-dialog';
import { ToCheckSection } from '../../ui/to-check-section';
import { Link, Navigate, useNavigate, useParams } from 'react-router';

/** One person: details, change history, edit, trash with undo. */
export function PersonPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { mode: id } = useParams();
  const navigate = useNavigate();
  const { model, repo, run } = useWorkspace();
  const person = useRecord(model, 'people', id);
  const [editing, setEditing] = useState(false);
  // Opening the page is a read of the person's data: one pseudonymous audit entry per opening.
  usePersonViewed(person?.id);
  const accessPackage = `/privacy/access/${id ?? ''}`;
  useCommandHandler('privacy.access-package', () => void navigate(accessPackage));
  const host = useHost();
  const showHostError = useHostErrorToast();
  if (!person) return <Navigate to="/contacts" replace />;

  // `tel:` and `mailto:` go to the system's handler: in the desktop app through the host's
  // allow-list; in web mode the browser follows the link itself.
  const openContact = (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (host.transport !== 'electron') return;
    event.preventDefault();
    host.invoke('shell:open-external', { url: event.currentTarget.href }).catch(showHostError);
  };

  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  const orgs = person.organizations.map((o) => ({
    ...o,
    org: model.get('organizations', o.organizationId),
  }));
  const source = person.source;

  const toggleTrash = async (): Promise<void> => {
    const stamp = repo.stamp();
    const after = person.deletedAt === null ? trashRecord(person, stamp) : restoreRecord(person, stamp);
    const token = await run(person.deletedAt === null ? 'people.trash' : 'people.restore', {
      changes: [{ table: 'people', before: person, after }],
    });
    toastWithUndo(repo, token, person.deletedAt === null ? t('crm.trashed') : t('crm.restored'), t);
  };

  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header toolbar">
        <Link to="/contacts">← {t('crm.back')}</Link>
        <h1 id="section-title">{displayName(person)}</h1>
        {person.deletedAt !== null && <span className="badge">{t('crm.inTrash')}</span>}
        <span style={{ marginLeft: 'auto' }} />
        <Link className="button secondary" to={accessPackage}>
          {t('accessPackage.page.action')}
        </Link>
        <button type="button" className="button secondary" onClick={() => setEditing(true)}>
          {t('crm.edit')}
        </button>
        <button type="button" className="button secondary" onClick={() => void toggleTrash()}>
          {person.deletedAt === null ? t('crm.trash') : t('crm.restore')}
        </button>
        <RestrictionActions person={person} />
        <Link
          className="button danger"
          to={`/privacy/erase/${person.id}`}
          title={t('erasure.actionHint')}
          data-testid="erase-person"
        >
          {t('erasure.action')}
        </Link>
      </header>
      <RestrictionBanner person={person} />
      <div className="detail">
        <div className="card">
          <TagChips ids={person.tags} />
          <dl>
            <dt>{t('people.kind')}</dt>
            <dd>{t(`people.kinds.${person.kind}`)}</dd>
            {person.emails.map((e, i) => (
              <div key={`e${i}`} style={{ display: 'contents' }}>
                <dt>{t('people.email')}</dt>
                <dd>
                  <a
                    href={`mailto:${e.address}`}
                    onClick={openContact}
                    aria-label={t('contactCheck.links.write', { address: e.address })}
                  >
                    {e.address}
                  </a>
                </dd>
              </div>
            ))}
            {person.phones.map((p, i) => (
              <div key={`p${i}`} style={{ display: 'contents' }}>
                <dt>{t('people.phone')}</dt>
                <dd>
                  <a
                    href={`tel:${p.number}`}
                    onClick={openContact}
                    aria-label={t('contactCheck.links.call', { number: formatPhone(p.number) })}
                  >
                    {formatPhone(p.number)}
                  </a>
                </dd>
              </div>
            ))}
            {orgs.map((o) => (
              <div key={o.organizationId} style={{ display: 'contents' }}>
                <dt>{t('people.organization')}</dt>
                <dd>
                  {o.org?.name ?? '—'}
                  {o.role ? ` · ${o.role}` : ''}
                </dd>
              </div>
            ))}
            {person.jobTitle && (
              <>
                <dt>{t('people.jobTitle')}</dt>
                <dd>{person.jobTitle}</dd>
              </>
            )}
            {person.preferredChannel !== 'any' && (
              <>
                <dt>{t('people.preferredChannel')}</dt>
                <dd>{t(`people.channels.${person.preferredChannel}`)}</dd>
              </>
            )}
            {person.birthday && (
              <>
                <dt>{t('people.birthday')}</dt>
                <dd>{date(person.birthday)}</dd>
              </>
            )}
            {person.addresses[0]?.city && (
              <>
                <dt>{t('people.city')}</dt>
                <dd>{person.addresses[0].city}</dd>
              </>
            )}
            <dt>{t('people.source')}</dt>
            <dd>
              {t(`people.sources.${source.method}`, {
                date: date(source.date),
                file: source.method === 'import' ? source.fileName : '',
              })}
            </dd>
            {person.notes && (
              <>
                <dt>{t('people.notes')}</dt>
                <dd style={{ whiteSpace: 'pre-wrap' }}>{person.notes}</dd>
              </>
            )}
            <CustomFieldValues entity="person" values={person.customFields} />
          </dl>
        </div>
        <HistoryList
          entries={repo.history(person.id)}
          labelOf={(field) => t(`people.fields.${field}`, { defaultValue: field })}
          describeValue={(field, value) =>
            field === 'preferredChannel' || field === 'kind'
              ? t(`people.${field === 'kind' ? 'kinds' : 'channels'}.${String(value)}`)
              : field === 'toCheck' && Array.isArray(value)
                ? (value as { field: string; value: string }[])
                    .map((e) => `${t(`contactCheck.fields.${e.field}`)} ${e.value}`)
                    .join(', ') || '—'
                : undefined
          }
        />
      </div>
      <ToCheckSection table="people" record={person} />
      <PersonFieldHistory personId={person.id} />
      <PersonPrivacyPanel person={person} />
      <div className="detail timeline-layout">
        <Timeline subject={{ table: 'people', id: person.id }} />
        <div className="timeline-side">
          <QuickAddActivity subject={{ table: 'people', id: person.id }} />
          <QuickAddTask subject={{ table: 'people', id: person.id }} />
        </div>
      </div>
      {editing && (
        <PersonDialog
          person={person}
          open
          onOpenChange={setEditing}
          onSaved={() => void navigate(`/contacts/${person.id}`)}
        />
      )}
    </section>
  );
}
