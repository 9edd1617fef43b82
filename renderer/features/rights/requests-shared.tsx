// What the request pages share: dates in the user's language, the reminder's title, the error
// report, the person finder and the state badge.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  displayName,
  DomainError,
  type DataRequest,
  type Person,
  type RequestState,
} from '../../../shared/domain';
import { localToday } from '../../commands';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { ValidationFailed } from '../../vault';
import type { ReminderTitle } from './requests-plan';

type T = ReturnType<typeof useTranslation>['t'];

/** Today's date where the user is, fixed for the life of the page (a render is pure). */
export function useToday(): string {
  const [today] = useState(() => localToday(Date.now()));
  return today;
}

/** A calendar date in the user's language (`3 giugno 2027`). */
export function useDateText(): (date: string) => string {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return (date) => format.format(new Date(`${date}T12:00:00Z`));
}

/** The reminder task's title, in the user's language: the right and the deadline, no name. */
export function useReminderTitle(): ReminderTitle {
  const { t } = useTranslation();
  const date = useDateText();
  return (r) =>
    t('requests.reminderTitle', { type: t(`requests.reminderTypes.${r.type}`), date: date(r.dueOn) });
}

/** Says why a request command refused, in the user's language; returns the first field's code. */
export function reportRequestError(t: T, error: unknown): string | undefined {
  if (error instanceof ValidationFailed) {
    const first = error.issues[0];
    toast.error(first ? t(`crm.validation.${first.code}`) : t('crm.formHasErrors'));
    return first?.code;
  }
  if (error instanceof DomainError) {
    toast.error(t(`requests.errors.${error.code}`, { defaultValue: t('requests.errors.unknown') }));
    return undefined;
  }
  toast.error(t('requests.errors.unknown'));
  return undefined;
}

/** "3 days", "due today", "2 days late". */
export function daysLeftText(t: T, left: number): string {
  if (left === 0) return t('requests.dueToday');
  return left > 0 ? t('requests.daysLeft', { count: left }) : t('requests.daysLate', { count: -left });
}

/** The badge of a request's state; overdue stands out. */
export function StateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  const urgent = state === 'overdue';
  return (
    <span
      className={urgent ? 'badge breach-urgent' : state === 'due-soon' ? 'badge request-due-soon' : 'badge'}
    >
      {t(`requests.states.${state}`)}
    </span>
  );
}

/** The name of a request's person, or that none is linked yet. */
export function personLabel(t: T, person: Person | undefined, request: DataRequest): string {
  if (request.personId === null) return t('requests.noPerson');
  return person ? displayName(person) : '—';
}

/** Finds a person by the search index (names, emails, phones) and hands the choice over. */
export function PersonFinder({ onPick }: { onPick: (person: Person) => void }) {
  const { t } = useTranslation();
  const { model, search } = useWorkspace();
  const [query, setQuery] = useState('');
  const hits =
    query.trim().length < 2
      ? []
      : (search
          .search(query, { perGroup: 6 })
          .groups.find((g) => g.type === 'person')
          ?.hits.flatMap((h) => model.get('people', h.id) ?? []) ?? []);
  return (
    <div className="wide request-finder">
      <label className="field">
        <span>{t('requests.form.personSearch')}</span>
        <input type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {query.trim().length >= 2 &&
        (hits.length === 0 ? (
          <small className="muted">{t('requests.form.noMatch')}</small>
        ) : (
          <ul className="request-hits">
            {hits.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    onPick(p);
                    setQuery('');
                  }}
                >
                  {displayName(p)}
                  {p.emails[0] ? ` · ${p.emails[0].address}` : ''}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
