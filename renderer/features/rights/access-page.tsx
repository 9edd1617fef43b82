import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { toast } from 'sonner';
import { displayName } from '../../../shared/domain';
import type { AccessLanguage, AccessReportBlock } from '../../../shared/formats';
import { useHost } from '../../session/host-context';
import { useWorkspace } from '../../session/workspace';
import { useCommandHandler } from '../../ui/commands';
import { useRecord, useTable } from '../../ui/model-hooks';
import { SelectField } from '../../ui/text-field';
import { exportFileName, saveThroughHost } from '../../host';
import { auditAccessRead } from './access-audit';
import { accessPackageBytes, accessReportOf } from './access-package';

function ReportBlock({ block, n }: { block: AccessReportBlock; n: number }) {
  return (
    <section className="register-activity" aria-labelledby={`access-${block.section}`}>
      <h3 id={`access-${block.section}`}>
        {n + 1}. {block.heading}
      </h3>
      {block.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {block.items.length > 0 && (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
      {block.closing.map((p, i) => (
        <p key={`c${i}`}>{p}</p>
      ))}
    </section>
  );
}

/**
 * One person's access and portability package (Art. 15, 20): the report on screen in the
 * language picked for it (the UI's by default), printable on A4, and one action that saves the
 * zip with every record of theirs where the user chooses.
 */
export function AccessPackagePage() {
  const { t, i18n } = useTranslation();
  const { personId } = useParams();
  const host = useHost();
  const { model } = useWorkspace();
  const person = useRecord(model, 'people', personId);
  const [language, setLanguage] = useState<AccessLanguage>(i18n.language === 'it' ? 'it' : 'en');
  const [busy, setBusy] = useState(false);
  // The report's date: when the page was opened (the package gets its own at generation).
  const [openedAt] = useState(() => Date.now());
  // Subscribed to every table the report is written from, so it follows their changes. Built
  // on each render: one pass over each table, a few milliseconds even in a large vault.
  useTable(model, 'activities');
  useTable(model, 'tasks');
  useTable(model, 'deals');
  useTable(model, 'person-purposes');
  useTable(model, 'purposes');
  useTable(model, 'consents');
  useTable(model, 'indirect-notices');
  useTable(model, 'history');
  useTable(model, 'privacy-controller');
  const built = person ? accessReportOf(model, person, language, openedAt) : null;

  const print = (): void => {
    if (!person) return;
    auditAccessRead('printed', person.id);
    if (host.transport === 'web') return window.print();
    host
      .invoke('print:pdf', { document: 'access-report', language })
      .catch(() => toast.error(t('privacy.errors.unknown')));
  };
  // Mod+P here prints the report the same way as its button (and audits it).
  useCommandHandler('app.print', print);

  if (!person || !built) return <p className="empty-state">{t('accessPackage.page.missing')}</p>;
  const { data, report } = built;

  const generate = async () => {
    setBusy(true);
    try {
      const now = Date.now();
      const fresh = accessReportOf(model, person, language, now);
      const saved = await saveThroughHost(
        host,
        exportFileName('access', 'zip', new Date(now)),
        accessPackageBytes(fresh.data, fresh.report, now),
      );
      if (!saved) {
        toast.info(t('accessPackage.page.cancelled'));
        return;
      }
      toast.success(t('accessPackage.page.saved', { file: saved }));
      auditAccessRead('exported', person.id);
    } catch {
      toast.error(t('accessPackage.page.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="register access-report" aria-labelledby="access-title">
      <div className="card no-print">
        <p className="toolbar">
          <Link to={`/contacts/${person.id}`}>← {t('accessPackage.page.back')}</Link>
        </p>
        <h2>{t('accessPackage.page.title')}</h2>
        <p className="muted">{t('accessPackage.page.intro', { name: displayName(person) })}</p>
        <div className="form-grid">
          <SelectField
            label={t('accessPackage.page.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'it' ? 'it' : 'en')}
          >
            <option value="it">{t('privacy.notices.languages.it')}</option>
            <option value="en">{t('privacy.notices.languages.en')}</option>
          </SelectField>
        </div>
        <p data-testid="access-counts">
          <strong>{t('accessPackage.page.contents')}:</strong>{' '}
          {t('accessPackage.page.counts', {
            activities: data.activities.length,
            tasks: data.tasks.length,
            deals: data.deals.length,
            consents: data.consents.length,
            history: data.history.length,
          })}
          {data.leftOut.people > 0 && (
            <> · {t('accessPackage.page.leftOut', { count: data.leftOut.people })}</>
          )}
        </p>
        <div className="toolbar">
          <button type="button" className="button" disabled={busy} onClick={() => void generate()}>
            {busy ? t('accessPackage.page.generating') : t('accessPackage.page.generate')}
          </button>
          <button type="button" className="button secondary" onClick={print}>
            {t('accessPackage.page.print')}
          </button>
        </div>
      </div>
      <header className="register-head" lang={language}>
        <h2 id="access-title">{report.title}</h2>
        <p className="muted">{report.lead}</p>
        <p>
          <strong>{report.subject}</strong> · {report.generatedOn}
        </p>
      </header>
      <div lang={language} data-testid="access-report">
        {report.blocks.map((b, n) => (
          <ReportBlock key={b.section} block={b} n={n} />
        ))}
      </div>
    </article>
  );
}
