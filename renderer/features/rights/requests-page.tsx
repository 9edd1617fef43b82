import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import {
  daysLeft,
  displayName,
  requestChannels,
  requestDue,
  requestState,
  requestTypes,
  type Person,
  type RequestChannel,
  type RequestState,
  type RequestType,
} from '../../../shared/domain';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { planNewRequest, useHolidayCalendar } from './requests-plan';
import {
  daysLeftText,
  personLabel,
  PersonFinder,
  reportRequestError,
  StateBadge,
  useDateText,
  useReminderTitle,
  useToday,
} from './requests-shared';

const stateFilters = ['open', 'due-soon', 'overdue', 'paused', 'closed'] as const;

/** The requests inbox: every request with its deadline and days left, overdue first in sight. */
export function RequestsPage() {
  const { t } = useTranslation();
  const { model } = useWorkspace();
  const date = useDateText();
  const requests = useTable(model, 'requests').filter((r) => r.deletedAt === null);
  useTable(model, 'people');
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<RequestState | ''>('');
  const [type, setType] = useState<RequestType | ''>('');
  const today = useToday();
  const rows = requests
    .map((r) => ({ r, state: requestState(r, today) }))
    .filter((x) => (status === '' || x.state === status) && (type === '' || x.r.type === type))
    // Open requests by deadline, then the closed ones, latest first.
    .sort((a, b) =>
      (a.state === 'closed') !== (b.state === 'closed')
        ? a.state === 'closed'
          ? 1
          : -1
        : a.state === 'closed'
          ? b.r.receivedOn.localeCompare(a.r.receivedOn)
          : a.r.dueOn.localeCompare(b.r.dueOn),
    );

  return (
    <div className="privacy-requests">
      <p className="muted">{t('requests.intro')}</p>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setAdding(true)} disabled={adding}>
          {t('requests.add')}
        </button>
        <SelectField
          label={t('requests.filterStatus')}
          value={status}
          onChange={(e) => setStatus(e.target.value as RequestState | '')}
        >
          <option value="">{t('requests.all')}</option>
          {stateFilters.map((s) => (
            <option key={s} value={s}>
              {t(`requests.states.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('requests.filterType')}
          value={type}
          onChange={(e) => setType(e.target.value as RequestType | '')}
        >
          <option value="">{t('requests.all')}</option>
          {requestTypes.map((k) => (
            <option key={k} value={k}>
              {t(`requests.types.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {adding && <NewRequestForm onDone={() => setAdding(false)} />}
      {requests.length === 0 ? (
        <p className="empty-state">{t('requests.empty')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('requests.emptyFilter')}</p>
      ) : (
        <table className="privacy-table requests-table" aria-label={t('requests.list')}>
          <thead>
            <tr>
              <th scope="col">{t('requests.columns.type')}</th>
              <th scope="col">{t('requests.columns.received')}</th>
              <th scope="col">{t('requests.columns.person')}</th>
              <th scope="col">{t('requests.columns.due')}</th>
              <th scope="col">{t('requests.columns.left')}</th>
              <th scope="col">{t('requests.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ r, state }) => (
              <tr
                key={r.id}
                className={state === 'overdue' ? 'request-overdue' : undefined}
                data-testid="request-row"
              >
                <td>
                  <Link to={`/privacy/requests/${r.id}`}>{t(`requests.types.${r.type}`)}</Link>
                </td>
                <td>{date(r.receivedOn)}</td>
                <td>{personLabel(t, r.personId ? model.get('people', r.personId) : undefined, r)}</td>
                <td data-testid="request-due">{state === 'paused' ? '—' : date(r.dueOn)}</td>
                <td>
                  {state === 'closed' || state === 'paused' ? '—' : daysLeftText(t, daysLeft(r, today))}
                </td>
                <td>
                  <StateBadge state={state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A request as it arrives: the right, when and how, what is asked, and the person if known. */
function NewRequestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { repo, run } = useWorkspace();
  const calendar = useHolidayCalendar();
  const date = useDateText();
  const title = useReminderTitle();
  const today = useToday();
  const [type, setType] = useState<RequestType>('access');
  const [receivedOn, setReceivedOn] = useState(today);
  const [channel, setChannel] = useState<RequestChannel>('email');
  const [summary, setSummary] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<string | undefined>();
  let due: string | null = null;
  try {
    due = calendar ? requestDue({ receivedOn, extension: null, pauses: [] }, calendar) : null;
  } catch {
    due = null;
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!calendar) return;
    if (due === null) {
      setError('invalid-date');
      return;
    }
    const plan = planNewRequest(
      repo,
      { type, receivedOn, channel, summary: summary.trim(), personId: person?.id ?? null },
      calendar,
      title,
      today,
    );
    try {
      await run('requests.record', { changes: plan.changes });
      onDone();
      toast.success(t('requests.saved.recorded'));
    } catch (e) {
      setError(reportRequestError(t, e));
    }
  };

  return (
    <form
      className="card privacy-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-labelledby="new-request"
    >
      <h2 id="new-request">{t('requests.add')}</h2>
      <div className="form-grid">
        <SelectField
          label={t('requests.form.type')}
          value={type}
          onChange={(e) => setType(e.target.value as RequestType)}
        >
          {requestTypes.map((k) => (
            <option key={k} value={k}>
              {t(`requests.types.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('requests.form.receivedOn')}
          type="date"
          max={today}
          value={receivedOn}
          error={error}
          onChange={(e) => setReceivedOn(e.target.value)}
        />
        <SelectField
          label={t('requests.form.channel')}
          value={channel}
          onChange={(e) => setChannel(e.target.value as RequestChannel)}
        >
          {requestChannels.map((c) => (
            <option key={c} value={c}>
              {t(`requests.channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <p className="muted" data-testid="new-request-due">
          {calendar
            ? due
              ? t('requests.form.dueHint', { date: date(due) })
              : ''
            : t('requests.loadingHolidays')}
        </p>
        <label className="field wide">
          <span>{t('requests.form.summary')}</span>
          <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        {person ? (
          <p className="wide">
            {t('requests.form.person')}: <strong>{displayName(person)}</strong>{' '}
            <button type="button" className="link-button" onClick={() => setPerson(null)}>
              {t('requests.form.cancel')}
            </button>
          </p>
        ) : (
          <PersonFinder onPick={setPerson} />
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={!calendar}>
          {t('requests.form.save')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('requests.form.cancel')}
        </button>
      </div>
    </form>
  );
}
