import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { toast } from 'sonner';
import {
  askClarification,
  closeRequest,
  daysLeft,
  extendRequest,
  linkRequestPerson,
  pausedDays,
  recordIdentityCheck,
  rectificationChanges,
  requestOutcomes,
  requestState,
  resumeRequest,
  type DataRequest,
  type RequestOutcome,
} from '../../../shared/domain';
import type { WriteCommandId } from '../../commands';
import { useWorkspace } from '../../session/workspace';
import { useRecord, useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { planStep, useHolidayCalendar } from './requests-plan';
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
import { fieldLabel, valueText } from './requests-field-history';

/** Where the work a request asks for is done (pages of the rights feature, or the person's page). */
export function actingPath(request: Pick<DataRequest, 'type' | 'personId'>): string | null {
  if (request.personId === null) return null;
  switch (request.type) {
    case 'access':
    case 'portability':
      return `/privacy/access/${request.personId}`;
    case 'erasure':
      return `/privacy/erase/${request.personId}`;
    default:
      return `/contacts/${request.personId}`;
  }
}

const actLabel: Record<DataRequest['type'], string> = {
  access: 'requests.detail.actAccess',
  portability: 'requests.detail.actPortability',
  erasure: 'requests.detail.actErasure',
  rectification: 'requests.detail.actPerson',
  restriction: 'requests.detail.actPerson',
  objection: 'requests.detail.actPerson',
};

/** One request: its deadline, the person, and every step up to its closure. */
export function RequestDetailPage() {
  const { t } = useTranslation();
  const { requestId } = useParams();
  const { model, repo, run } = useWorkspace();
  const request = useRecord(model, 'requests', requestId);
  useTable(model, 'history');
  const calendar = useHolidayCalendar();
  const date = useDateText();
  const title = useReminderTitle();
  const person = useRecord(model, 'people', request?.personId ?? undefined);
  const today = useToday();
  if (!request) return <Navigate to="/privacy/requests" replace />;
  const state = requestState(request, today);
  const open = request.closure === null;
  const paused = state === 'paused';
  const acting = actingPath(request);

  /** Runs one step; resolves true once written. */
  const step = async (id: WriteCommandId, after: DataRequest, saved: string): Promise<boolean> => {
    try {
      await run(id as 'requests.extend', { changes: planStep(model, repo, request, after, title, today) });
      toast.success(saved);
      return true;
    } catch (error) {
      reportRequestError(t, error);
      return false;
    }
  };

  return (
    <div className="request-detail">
      <p>
        <Link to="/privacy/requests">← {t('requests.detail.back')}</Link>
      </p>
      <section className="card" aria-labelledby="request-title">
        <h2 id="request-title">
          {t('requests.detail.title', {
            type: t(`requests.types.${request.type}`),
            date: date(request.receivedOn),
          })}{' '}
          <StateBadge state={state} />
        </h2>
        <p>
          {t('requests.detail.received', {
            date: date(request.receivedOn),
            channel: t(`requests.channels.${request.channel}`),
          })}
        </p>
        {paused ? (
          <p className="notice" data-testid="request-deadline">
            {t('requests.detail.paused', { date: date(request.pauses.at(-1)!.askedOn) })}
          </p>
        ) : (
          <p data-testid="request-deadline">
            <strong>
              {request.extension
                ? t('requests.detail.dueExtended', {
                    date: date(request.dueOn),
                    first: date(request.extension.firstDueOn),
                  })
                : t('requests.detail.due', { date: date(request.dueOn) })}
            </strong>
            {open && <> · {daysLeftText(t, daysLeft(request, today))}</>}
          </p>
        )}
        {pausedDays(request) > 0 && (
          <p className="muted">{t('requests.detail.pausedDays', { count: pausedDays(request) })}</p>
        )}
        {request.summary && (
          <>
            <h3>{t('requests.detail.summary')}</h3>
            <p style={{ whiteSpace: 'pre-wrap' }}>{request.summary}</p>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="request-person">
        <h3 id="request-person">{t('requests.detail.person')}</h3>
        <p>
          {request.personId ? (
            <Link to={`/contacts/${request.personId}`}>{personLabel(t, person, request)}</Link>
          ) : (
            t('requests.noPerson')
          )}
        </p>
        {open && request.personId === null && (
          <PersonFinder
            onPick={(p) =>
              void step(
                'requests.link-person',
                linkRequestPerson(request, p.id, today, repo.stamp()),
                t('requests.saved.linked'),
              )
            }
          />
        )}
        <h3>{t('requests.detail.act')}</h3>
        <p>
          {acting ? (
            <Link className="button secondary" to={acting} data-testid="request-act">
              {t(actLabel[request.type])}
            </Link>
          ) : (
            <span className="muted">{t('requests.detail.actNeedsPerson')}</span>
          )}
        </p>
      </section>

      <section className="card" aria-labelledby="request-identity">
        <h3 id="request-identity">{t('requests.detail.identity')}</h3>
        {request.identityCheck ? (
          <p data-testid="request-identity">
            {t('requests.detail.identityDone', {
              date: date(request.identityCheck.checkedOn),
              note: request.identityCheck.note,
            })}
          </p>
        ) : (
          <>
            <p className="muted">{t('requests.detail.identityNone')}</p>
            {open && (
              <TextStep
                label={t('requests.detail.identityNote')}
                button={t('requests.detail.identitySave')}
                onSubmit={(note) =>
                  step(
                    'requests.check-identity',
                    recordIdentityCheck(request, note, today, repo.stamp()),
                    t('requests.saved.identity'),
                  )
                }
              />
            )}
          </>
        )}
      </section>

      {open && calendar && (
        <section className="card" aria-labelledby="request-clock">
          <h3 id="request-clock">{paused ? t('requests.detail.resume') : t('requests.detail.clarify')}</h3>
          {paused ? (
            <DateStep
              label={t('requests.detail.resumeOn')}
              min={request.pauses.at(-1)!.askedOn}
              max={today}
              button={t('requests.detail.resume')}
              onSubmit={(on) =>
                step(
                  'requests.resume',
                  resumeRequest(request, on, calendar, repo.stamp()),
                  t('requests.saved.resumed'),
                )
              }
            />
          ) : (
            <TextStep
              label={t('requests.detail.clarifyQuestion')}
              button={t('requests.detail.clarifySave')}
              onSubmit={(q) =>
                step(
                  'requests.ask-clarification',
                  askClarification(request, q, today, repo.stamp()),
                  t('requests.saved.paused'),
                )
              }
            />
          )}
          <h3>{t('requests.detail.extend')}</h3>
          {request.extension ? (
            <p data-testid="request-extension">
              {t('requests.detail.extended', {
                date: date(request.extension.decidedOn),
                reason: request.extension.reason,
              })}
            </p>
          ) : today <= request.dueOn && !paused ? (
            <TextStep
              label={t('requests.detail.extendReason')}
              button={t('requests.detail.extendSave')}
              onSubmit={(reason) =>
                step(
                  'requests.extend',
                  extendRequest(request, reason, today, calendar, repo.stamp()),
                  t('requests.saved.extended'),
                )
              }
            />
          ) : (
            <p className="muted">{t('requests.detail.extendClosed', { date: date(request.dueOn) })}</p>
          )}
        </section>
      )}

      <CloseSection
        request={request}
        onClose={(outcome, note, changes) =>
          step(
            'requests.close',
            closeRequest(request, { outcome, note, changes }, today, repo.stamp()),
            t('requests.saved.closed'),
          )
        }
      />

      <section className="card" aria-labelledby="request-log">
        <h3 id="request-log">{t('requests.detail.log')}</h3>
        <ol className="history" data-testid="request-log">
          {request.actions.map((a, i) => (
            <li key={i}>
              <small>{date(a.on)}</small> <span>{t(`requests.actions.${a.kind}`)}</span>
              {a.note && <div className="muted">{a.note}</div>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The closure: outcome and note; for a rectification, the person's changes since the request. */
function CloseSection({
  request,
  onClose,
}: {
  request: DataRequest;
  onClose: (
    outcome: RequestOutcome,
    note: string,
    changes: ReturnType<typeof rectificationChanges>,
  ) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { repo } = useWorkspace();
  const date = useDateText();
  const [outcome, setOutcome] = useState<RequestOutcome>('fulfilled');
  const [note, setNote] = useState('');
  const changes =
    request.closure?.changes ??
    (request.type === 'rectification' && request.personId
      ? rectificationChanges(request, repo.history(request.personId))
      : []);
  const changeList: ReactNode =
    request.type === 'rectification' ? (
      <>
        <h4>{t('requests.detail.changesTitle')}</h4>
        {changes.length === 0 ? (
          <p className="muted">{t('requests.detail.changesNone')}</p>
        ) : (
          <ul className="privacy-list" data-testid="request-changes">
            {changes.map((c, i) => (
              <li key={i}>
                {fieldLabel(t, c.field)}:{' '}
                {t('requests.history.change', {
                  from: valueText(t, c.oldValue),
                  to: valueText(t, c.newValue),
                })}
              </li>
            ))}
          </ul>
        )}
      </>
    ) : null;
  if (request.closure) {
    return (
      <section className="card" aria-labelledby="request-close">
        <h3 id="request-close">{t('requests.detail.close')}</h3>
        <p data-testid="request-closure">
          {t('requests.detail.closed', {
            date: date(request.closure.closedOn),
            outcome: t(`requests.outcomes.${request.closure.outcome}`),
          })}
        </p>
        {request.closure.note && <p style={{ whiteSpace: 'pre-wrap' }}>{request.closure.note}</p>}
        {changeList}
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="request-close">
      <h3 id="request-close">{t('requests.detail.close')}</h3>
      <form
        className="form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onClose(outcome, note.trim(), changes);
        }}
      >
        <SelectField
          label={t('requests.detail.closeOutcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as RequestOutcome)}
        >
          {requestOutcomes.map((o) => (
            <option key={o} value={o}>
              {t(`requests.outcomes.${o}`)}
            </option>
          ))}
        </SelectField>
        <span />
        <label className="field wide">
          <span>{t('requests.detail.closeNote')}</span>
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="wide">{changeList}</div>
        <div className="form-actions wide">
          <button type="submit" className="button">
            {t('requests.detail.closeSave')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A text and a button: the step runs with the trimmed text, refused while it is empty. */
function TextStep({
  label,
  button,
  onSubmit,
}: {
  label: string;
  button: string;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState(false);
  return (
    <form
      className="request-step"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim() === '') {
          setError(true);
          return;
        }
        setError(false);
        void onSubmit(text.trim()).then((ok) => ok && setText(''));
      }}
    >
      <label className="field wide">
        <span>{label}</span>
        <textarea
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error || undefined}
        />
        {error && <small className="field-error">{t('requests.errors.required')}</small>}
      </label>
      <button type="submit" className="button secondary">
        {button}
      </button>
    </form>
  );
}

/** A date (today by default) and a button. */
function DateStep({
  label,
  min,
  max,
  button,
  onSubmit,
}: {
  label: string;
  min: string;
  max: string;
  button: string;
  onSubmit: (date: string) => Promise<boolean>;
}) {
  const [on, setOn] = useState(max);
  return (
    <form
      className="request-step"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(on);
      }}
    >
      <TextField
        label={label}
        type="date"
        min={min}
        max={max}
        value={on}
        onChange={(e) => setOn(e.target.value)}
      />
      <button type="submit" className="button secondary">
        {button}
      </button>
    </form>
  );
}
