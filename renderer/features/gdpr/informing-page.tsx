import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import {
  applyChanges,
  createRecord,
  displayName,
  informDeadline,
  informedMethods,
  newIndirectNoticeId,
  toCalendarDate,
  type Person,
  type InformedMethod,
  type InformingDue,
} from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { TextField } from '../../ui/text-field';
import { randomBytes } from '../../vault';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { useHolidayCalendar } from '../rights';
import { privacyOverview } from './privacy-plan';
import { reportPrivacyError, saveRecord } from './privacy-layout';

/**
 * The queue of Art. 14 notices owed (people whose data were not obtained from them), due and
 * overdue, each marked informed in one step with the day and the means.
 */
export function InformingList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model } = useWorkspace();
  // Re-render when people or their Art. 14 records change.
  useTable(model, 'people');
  useTable(model, 'indirect-notices');
  const queue = privacyOverview(model, undefined, useHolidayCalendar() ?? undefined).informing;
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));
  return (
    <section className="card" aria-labelledby="informing-title">
      <h2 id="informing-title">{t('privacy.informing.title')}</h2>
      <p className="muted">{t('privacy.informing.intro')}</p>
      {queue.length === 0 ? (
        <p className="empty-state">{t('privacy.overview.none')}</p>
      ) : (
        <ul className="privacy-list informing-list" data-testid="informing-list">
          {queue.map((due) => {
            const person = model.get('people', due.notice.personId);
            return (
              <li key={due.notice.id} className={due.overdue ? 'informing-overdue' : undefined}>
                <Link to={`/contacts/${due.notice.personId}`}>{person ? displayName(person) : '—'}</Link> ·{' '}
                {due.notice.source} · {t('privacy.informing.obtained', { date: date(due.notice.obtainedOn) })}{' '}
                ·{' '}
                <strong>
                  {t(due.overdue ? 'privacy.informing.overdue' : 'privacy.informing.due', {
                    date: date(due.deadline),
                  })}
                </strong>
                <MarkInformed due={due} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function MarkInformed({ due }: { due: InformingDue }) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const [how, setHow] = useState<InformedMethod>('email');
  const [today] = useState(() => toCalendarDate(Date.now()));
  const [on, setOn] = useState(today);
  const mark = async () => {
    if (on > toCalendarDate(Date.now())) return void toast.error(t('privacy.informing.future'));
    const after = applyChanges(due.notice, { informedOn: on, informedHow: how }, repo.stamp());
    try {
      await run('indirect-notices.mark-informed', {
        changes: [{ table: 'indirect-notices', before: due.notice, after }],
      });
      toast.success(t('privacy.informing.marked'));
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };
  return (
    <span className="informing-mark no-print">
      <select
        aria-label={t('privacy.informing.how')}
        value={how}
        onChange={(e) => setHow(e.target.value as InformedMethod)}
      >
        {informedMethods.map((m) => (
          <option key={m} value={m}>
            {t(`privacy.informing.methods.${m}`)}
          </option>
        ))}
      </select>
      <input
        type="date"
        aria-label={t('privacy.informing.on')}
        value={on}
        max={today}
        onChange={(e) => setOn(e.target.value)}
      />
      <button type="button" className="button secondary" onClick={() => void mark()}>
        {t('privacy.informing.mark')}
      </button>
    </span>
  );
}

/**
 * On the person's page: their Art. 14 record (where the data came from, the deadline, when and
 * how they were told), or a form to record the source of data not obtained from them.
 */
export function PersonInforming({ personId }: { personId: Person['id'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { model, repo, run } = useWorkspace();
  const holidays = useHolidayCalendar() ?? undefined;
  const record = useTable(model, 'indirect-notices').find(
    (n) => n.personId === personId && n.deletedAt === null,
  );
  const [today] = useState(() => toCalendarDate(Date.now()));
  const [source, setSource] = useState('');
  const [obtainedOn, setObtainedOn] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${d}T12:00:00Z`));

  const save = async () => {
    if (obtainedOn > today) return void toast.error(t('privacy.informing.obtainedFuture'));
    const after = createRecord(
      'indirect-notices',
      newIndirectNoticeId(randomBytes),
      { personId, source: source.trim(), obtainedOn, informedOn: null, informedHow: null },
      repo.stamp(),
    );
    await saveRecord(
      t,
      run,
      'indirect-notices.record',
      { table: 'indirect-notices', before: null, after },
      setErrors,
      t('privacy.informing.recorded'),
    );
  };

  return (
    <div className="person-informing" data-testid="person-informing">
      <h3>{t('privacy.informing.personTitle')}</h3>
      {record ? (
        <p>
          {record.source} · {t('privacy.informing.obtained', { date: date(record.obtainedOn) })} ·{' '}
          {record.informedOn && record.informedHow
            ? t('privacy.informing.informed', {
                date: date(record.informedOn),
                how: t(`privacy.informing.methods.${record.informedHow}`),
              })
            : t('privacy.informing.due', { date: date(informDeadline(record.obtainedOn, holidays)) })}
          {record.informedOn === null && (
            <MarkInformed
              due={{ notice: record, deadline: informDeadline(record.obtainedOn, holidays), overdue: false }}
            />
          )}
        </p>
      ) : (
        <>
          <p className="muted">{t('privacy.informing.personNone')}</p>
          <div className="form-grid">
            <TextField
              label={t('privacy.informing.source')}
              value={source}
              error={errors.source}
              onChange={(e) => setSource(e.target.value)}
            />
            <TextField
              label={t('privacy.informing.obtainedOn')}
              type="date"
              max={today}
              value={obtainedOn}
              error={errors.obtainedOn}
              onChange={(e) => setObtainedOn(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={() => void save()}>
              {t('privacy.informing.record')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
