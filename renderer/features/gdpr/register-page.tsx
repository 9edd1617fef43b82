import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { buildProcessingRegister, processingRegisterCsv, registerPoints } from '../../../shared/formats';
import { catalogs } from '../../../shared/i18n';
import { useHost } from '../../session/host-context';
import { useWorkspace } from '../../session/workspace';
import { useLocale } from '../../ui/i18n';
import { useTable } from '../../ui/model-hooks';
import { exportFileName, saveThroughHost } from '../../host';

/**
 * The register of processing activities (Art. 30(1)), generated from the controller and the
 * purposes: on screen, printed on A4 (the browser's print in web mode, a PDF through the host in
 * the desktop app) and exported as CSV with commas or semicolons.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const host = useHost();
  const { model } = useWorkspace();
  const language = i18n.language === 'it' ? 'it' : 'en';
  const texts = catalogs[language].privacy;
  const controllers = useTable(model, 'privacy-controller');
  const purposes = useTable(model, 'purposes');
  const controller = controllers.find((c) => c.deletedAt === null) ?? null;
  const rows = useMemo(
    () => buildProcessingRegister(controller, purposes, texts),
    [controller, purposes, texts],
  );
  const today = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date());

  const print = () => {
    if (host.transport === 'web') return window.print();
    host
      .invoke('print:pdf', { document: 'art30-register', language })
      .catch(() => toast.error(t('privacy.errors.unknown')));
  };
  const exportCsv = async (delimiter: ',' | ';') => {
    const name = exportFileName(texts.register.fileName, 'csv');
    try {
      const saved = await saveThroughHost(
        host,
        name,
        new TextEncoder().encode(processingRegisterCsv(rows, texts, delimiter)),
      );
      if (saved) toast.success(t('privacy.register.exported', { file: saved }));
    } catch {
      toast.error(t('privacy.errors.unknown'));
    }
  };

  const a = rows[0]?.cells.a;
  return (
    <article className="register" aria-labelledby="register-title">
      <div className="toolbar no-print">
        <button type="button" className="button" onClick={print}>
          {t('privacy.register.print')}
        </button>
        <button type="button" className="button secondary" onClick={() => void exportCsv(',')}>
          {t('privacy.register.exportCsv')}
        </button>
        <button type="button" className="button secondary" onClick={() => void exportCsv(';')}>
          {t('privacy.register.exportOds')}
        </button>
      </div>
      <header className="register-head">
        <h2 id="register-title">{t('privacy.register.title')}</h2>
        <p className="muted">
          {t('privacy.register.subtitle')} · {t('privacy.register.generatedOn', { date: today })}
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="empty-state">{t('privacy.register.empty')}</p>
      ) : (
        <>
          <section className="register-controller" aria-labelledby="register-a">
            <h3 id="register-a">{t('privacy.register.a')}</h3>
            <p className={a?.status === 'missing' ? 'register-missing' : undefined}>{a?.text}</p>
          </section>
          {rows.map((row, n) => (
            <section key={row.purposeId} className="register-activity" aria-labelledby={`register-row-${n}`}>
              <h3 id={`register-row-${n}`}>
                {n + 1}. {row.activity}
              </h3>
              <dl>
                {registerPoints
                  .filter((p) => p !== 'a')
                  .map((p) => (
                    <div key={p} className={`register-point register-${row.cells[p].status}`}>
                      <dt>{t(`privacy.register.${p}`)}</dt>
                      <dd>{row.cells[p].text}</dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </>
      )}
    </article>
  );
}
