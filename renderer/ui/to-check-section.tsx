import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { applyChanges, type Organization, type Person } from '../../shared/domain';
import { defaultCountry } from '../session/preferences';
import { useWorkspace } from '../session/workspace';
import { useLocale } from './i18n';
import { canFix, fixEntry } from './to-check';

/**
 * The values an import kept "to check" on a person or an organization: each as written, with
 * what it was meant for; the user corrects it into its field or dismisses it (each one
 * `people.update` / `organizations.update` command).
 */
export function ToCheckSection(
  props: { table: 'people'; record: Person } | { table: 'organizations'; record: Organization },
) {
  const person = props.record;
  const { t } = useTranslation();
  const locale = useLocale();
  const { repo, run } = useWorkspace();
  const [editing, setEditing] = useState<{ index: number; text: string; error: string } | null>(null);
  if (person.toCheck.length === 0) return null;

  const save = async (patch: Partial<Person>, message: string) => {
    if (props.table === 'people') {
      const after = applyChanges(props.record, patch, repo.stamp());
      await run('people.update', { changes: [{ table: 'people', before: props.record, after }] });
    } else {
      const after = applyChanges(props.record, patch as Partial<Organization>, repo.stamp());
      await run('organizations.update', {
        changes: [{ table: 'organizations', before: props.record, after }],
      });
    }
    setEditing(null);
    toast.success(message);
  };

  const fix = async () => {
    if (!editing) return;
    const result = fixEntry(person, editing.index, editing.text, { country: defaultCountry(), locale });
    if (!result.ok) return setEditing({ ...editing, error: t(`crm.validation.${result.code}`) });
    await save(result.patch, t('contactCheck.section.fixed'));
  };

  return (
    <section className="card to-check" aria-labelledby="to-check-heading">
      <h2 id="to-check-heading">{t('contactCheck.section.heading')}</h2>
      <p className="muted">{t('contactCheck.section.intro')}</p>
      <ul className="to-check-list">
        {person.toCheck.map((entry, index) => {
          const field = t(`contactCheck.fields.${entry.field}`);
          const place =
            entry.address &&
            [entry.address.street, entry.address.postalCode, entry.address.city, entry.address.province]
              .filter(Boolean)
              .join(', ');
          const open = editing?.index === index;
          return (
            <li key={`${entry.field}:${entry.value}`}>
              <span className="to-check-field">{field}</span>{' '}
              <span className="to-check-value">{entry.value}</span>
              {place ? <span className="muted"> — {place}</span> : null}
              {open ? (
                <form
                  className="to-check-fix"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void fix();
                  }}
                >
                  <label htmlFor={`to-check-${index}`}>
                    {entry.field === 'address'
                      ? t('contactCheck.section.countryFor')
                      : t('contactCheck.section.valueFor', { field })}
                  </label>
                  <input
                    id={`to-check-${index}`}
                    value={editing.text}
                    autoFocus
                    aria-invalid={editing.error !== ''}
                    aria-describedby={editing.error ? `to-check-${index}-error` : undefined}
                    onChange={(e) => setEditing({ index, text: e.target.value, error: '' })}
                  />
                  {editing.error && (
                    <p id={`to-check-${index}-error`} className="form-error" role="alert">
                      {editing.error}
                    </p>
                  )}
                  <button type="submit" className="button">
                    {t('contactCheck.section.save')}
                  </button>
                  <button type="button" className="button secondary" onClick={() => setEditing(null)}>
                    {t('contactCheck.section.cancel')}
                  </button>
                </form>
              ) : (
                <span className="to-check-actions">
                  {canFix(entry, props.table) && (
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={`${t('contactCheck.section.fix')}: ${field} ${entry.value}`}
                      onClick={() => setEditing({ index, text: entry.value, error: '' })}
                    >
                      {t('contactCheck.section.fix')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={`${t('contactCheck.section.dismiss')}: ${field} ${entry.value}`}
                    onClick={() =>
                      void save(
                        { toCheck: person.toCheck.filter((_, i) => i !== index) },
                        t('contactCheck.section.dismissed'),
                      )
                    }
                  >
                    {t('contactCheck.section.dismiss')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
