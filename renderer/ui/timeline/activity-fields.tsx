import { useTranslation } from 'react-i18next';
import { activityKinds, type ActivityKind } from '../../../shared/domain';
import { TextField } from '../text-field';
import type { ActivityForm } from './activity-form';

/** The inputs shared by the quick-add form and the edit dialog; errors are validation codes. */
export function ActivityFieldsEditor({
  form,
  update,
  errors,
  autoFocus,
  compact,
}: {
  form: ActivityForm;
  update: (patch: Partial<ActivityForm>) => void;
  errors: Record<string, string>;
  autoFocus?: boolean;
  /** Leaves out the optional subject line (quick-add). */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t('activities.kind')}</span>
        <select
          value={form.kind}
          autoFocus={autoFocus}
          data-activity-kind
          onChange={(e) => update({ kind: e.target.value as ActivityKind })}
        >
          {activityKinds.map((k) => (
            <option key={k} value={k}>
              {t(`activities.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label={t('activities.when')}
        type="datetime-local"
        value={form.when}
        onChange={(e) => update({ when: e.target.value })}
        error={errors.at || undefined}
      />
      <TextField
        label={t('activities.duration')}
        type="number"
        min={0}
        step={5}
        inputMode="numeric"
        value={form.duration}
        onChange={(e) => update({ duration: e.target.value })}
        error={errors.durationMinutes || undefined}
      />
      {!compact && (
        <TextField
          label={t('activities.subject')}
          value={form.subject}
          onChange={(e) => update({ subject: e.target.value })}
          error={errors.subject || undefined}
        />
      )}
      <label className="field wide">
        <span>{t('activities.text')}</span>
        <textarea
          autoComplete="off"
          value={form.text}
          aria-invalid={errors.text ? true : undefined}
          onChange={(e) => update({ text: e.target.value })}
        />
        {errors.text && <small className="field-error">{t(`crm.validation.${errors.text}`)}</small>}
      </label>
    </>
  );
}
