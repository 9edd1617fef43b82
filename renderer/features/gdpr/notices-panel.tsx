import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createRecord, noticeLanguages, type Notice } from '../../../shared/domain';
import { noticeTextHash } from '../../commands/privacy-guards';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { AreaField, saveRecord } from './privacy-layout';

/**
 * The notice texts shown to people (informativa, consent wording): each version is kept whole and
 * never edited, with the SHA-256 of its text, so a consent entry names exactly what was read.
 */
export function NoticesPanel() {
  const { t, i18n } = useTranslation();
  const { model, repo, run } = useWorkspace();
  const notices = useTable(model, 'notices');
  const initialLanguage: Notice['language'] = i18n.language === 'it' ? 'it' : 'en';
  const [form, setForm] = useState({ title: '', version: '', language: initialLanguage, text: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bind = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const text = form.text.trim();
    const after = createRecord(
      'notices',
      repo.newId() as Notice['id'],
      {
        title: form.title.trim(),
        version: form.version.trim(),
        language: form.language === 'it' ? 'it' : 'en',
        text,
        sha256: await noticeTextHash(text),
      },
      repo.stamp(),
    );
    const saved = await saveRecord(
      t,
      run,
      'notices.save-text',
      { table: 'notices', before: null, after },
      setErrors,
      t('privacy.notices.saved'),
    );
    if (saved) setForm({ ...form, version: '', text: '' });
  };

  return (
    <section className="card privacy-form" aria-labelledby="notices-title">
      <h2 id="notices-title">{t('privacy.notices.title')}</h2>
      <p className="muted">{t('privacy.notices.intro')}</p>
      {notices.length > 0 && (
        <ul className="privacy-list" data-testid="notice-list">
          {[...notices]
            .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
            .map((n) => (
              <li key={n.id}>
                {n.title} · {n.version} · {n.language.toUpperCase()} ·{' '}
                <span className="mono">{n.sha256.slice(0, 16)}…</span>
              </li>
            ))}
        </ul>
      )}
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="form-grid">
          <TextField label={t('privacy.notices.name')} error={errors.title} {...bind('title')} />
          <TextField label={t('privacy.notices.version')} error={errors.version} {...bind('version')} />
          <SelectField label={t('privacy.notices.language')} {...bind('language')}>
            {noticeLanguages.map((l) => (
              <option key={l} value={l}>
                {t(`privacy.notices.languages.${l}`)}
              </option>
            ))}
          </SelectField>
          <span />
          <AreaField label={t('privacy.notices.text')} error={errors.text} {...bind('text')} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button secondary">
            {t('privacy.notices.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
