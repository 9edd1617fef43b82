import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { createRecord, noticeLanguages, type Notice } from '../../../shared/domain';
import { buildPrivacyNotice, privacyNoticeText } from '../../../shared/formats';
import { catalogs } from '../../../shared/i18n';
import { noticeTextHash } from '../../commands/privacy-guards';
import { useHost } from '../../session/host-context';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { SelectField, TextField } from '../../ui/text-field';
import { reportPrivacyError } from './privacy-layout';

type Kind = 'direct' | 'indirect';

/**
 * The privacy notice (Art. 13, or Art. 14 for data obtained elsewhere) generated from the
 * controller and the purposes, in the language the user picks for it (not necessarily the UI's):
 * on screen, printed on A4 like the register, and saved as a notice version (whole text and its
 * SHA-256) that consent entries can quote.
 */
export function NoticePage() {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const { model, repo, run } = useWorkspace();
  const [language, setLanguage] = useState<Notice['language']>(i18n.language === 'it' ? 'it' : 'en');
  const [kind, setKind] = useState<Kind>('direct');
  const [source, setSource] = useState('');
  const [version, setVersion] = useState('');
  const [versionError, setVersionError] = useState<string>();
  const controllers = useTable(model, 'privacy-controller');
  const purposes = useTable(model, 'purposes');
  const controller = controllers.find((c) => c.deletedAt === null) ?? null;
  const notice = useMemo(
    () =>
      buildPrivacyNotice(controller, purposes, catalogs[language].privacy, {
        indirect: kind === 'indirect',
        source,
      }),
    [controller, purposes, language, kind, source],
  );

  const print = () => {
    if (host.transport === 'web') return window.print();
    host
      .invoke('print:pdf', { document: 'privacy-notice', language })
      .catch(() => toast.error(t('privacy.errors.unknown')));
  };

  const save = async () => {
    const label = version.trim();
    if (!label) return setVersionError('required');
    setVersionError(undefined);
    const text = privacyNoticeText(notice).trim();
    const after = createRecord(
      'notices',
      repo.newId() as Notice['id'],
      { title: notice.title, version: label, language, text, sha256: await noticeTextHash(text) },
      repo.stamp(),
    );
    try {
      await run('notices.save-text', { changes: [{ table: 'notices', before: null, after }] });
      toast.success(t('privacy.noticePage.saved', { version: label }));
      setVersion('');
    } catch (error) {
      reportPrivacyError(t, error);
    }
  };

  return (
    <article className="register privacy-notice" aria-labelledby="notice-title">
      <div className="card no-print">
        <p className="muted">{t('privacy.noticePage.intro')}</p>
        <div className="form-grid">
          <SelectField
            label={t('privacy.noticePage.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'it' ? 'it' : 'en')}
          >
            {noticeLanguages.map((l) => (
              <option key={l} value={l}>
                {t(`privacy.notices.languages.${l}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('privacy.noticePage.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value === 'indirect' ? 'indirect' : 'direct')}
          >
            <option value="direct">{t('privacy.noticePage.kinds.direct')}</option>
            <option value="indirect">{t('privacy.noticePage.kinds.indirect')}</option>
          </SelectField>
          {kind === 'indirect' && (
            <TextField
              label={t('privacy.noticePage.source')}
              value={source}
              onChange={(e) => setSource(e.target.value)}
            />
          )}
          <TextField
            label={t('privacy.noticePage.version')}
            value={version}
            error={versionError}
            onChange={(e) => setVersion(e.target.value)}
          />
        </div>
        <div className="toolbar">
          <button type="button" className="button" onClick={print}>
            {t('privacy.noticePage.print')}
          </button>
          <button type="button" className="button secondary" onClick={() => void save()}>
            {t('privacy.noticePage.save')}
          </button>
        </div>
      </div>
      <header className="register-head" lang={language}>
        <h2 id="notice-title">{notice.title}</h2>
        <p className="muted">{notice.lead}</p>
      </header>
      <div lang={language}>
        {notice.blocks.map((b, n) => (
          <section key={b.section} className="register-activity" aria-labelledby={`notice-${b.section}`}>
            <h3 id={`notice-${b.section}`}>
              {n + 1}. {b.heading}
            </h3>
            {b.paragraphs.length > 1 ? (
              <ul>
                {b.paragraphs.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            ) : (
              <p>{b.paragraphs[0]}</p>
            )}
          </section>
        ))}
      </div>
    </article>
  );
}
