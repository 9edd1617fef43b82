import type { Activity, ActivityKind, DealId, OrganizationId, PersonId } from '../../../shared/domain';
import type { ActivityFields } from './actions';
import { localDateTime, parseLocalDateTime } from './local-time';

/** What an activity form holds: the user's text as typed, converted only on save. */
export interface ActivityForm {
  kind: ActivityKind;
  /** datetime-local value; empty in a quick-add form means "now, when saved". */
  when: string;
  duration: string;
  subject: string;
  text: string;
  organizationId: string;
  dealId: string;
  participantIds: readonly string[];
}

/** The form for an existing activity, or an empty one. */
export function activityForm(activity?: Activity): ActivityForm {
  return {
    kind: activity?.kind ?? 'call',
    when: activity ? localDateTime(Date.parse(activity.at)) : '',
    duration: activity?.durationMinutes === undefined ? '' : String(activity.durationMinutes),
    subject: activity?.subject ?? '',
    text: activity?.text ?? '',
    organizationId: activity?.organizationId ?? '',
    dealId: activity?.dealId ?? '',
    participantIds: activity?.participantIds ?? [],
  };
}

const optional = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

/**
 * The record fields a form describes, or the form errors (field → validation code) that the
 * schema cannot see because the text never became a value (a malformed time or number).
 */
export function activityFieldsFromForm(
  form: ActivityForm,
  now: number,
): { fields: ActivityFields } | { errors: Record<string, string> } {
  const at = form.when === '' ? now : parseLocalDateTime(form.when);
  const duration = form.duration.trim() === '' ? undefined : Number(form.duration);
  const errors: Record<string, string> = {};
  if (Number.isNaN(at)) errors.at = 'invalid-datetime';
  if (duration !== undefined && !Number.isFinite(duration)) errors.durationMinutes = 'invalid-type';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    fields: {
      kind: form.kind,
      at: new Date(at).toISOString(),
      durationMinutes: duration,
      subject: optional(form.subject),
      text: form.text.trim(),
      participantIds: form.participantIds as PersonId[],
      organizationId: optional(form.organizationId) as OrganizationId | undefined,
      dealId: optional(form.dealId) as DealId | undefined,
    },
  };
}
