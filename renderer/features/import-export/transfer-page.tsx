import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { registerCommand } from '../../app/commands';
import { ExportPanel, useExports } from './export-panel';
import { ImportHistory } from './import-history';
import { ImportPanel } from './import-panel';

/** The import and export screen, at `/transfer`. */
export function TransferPage() {
  const { t } = useTranslation();
  const pick = useRef<HTMLInputElement | null>(null);
  const exports = useExports();
  // The commands are registered once; they call the latest export functions through this ref.
  const latest = useRef(exports);
  useEffect(() => {
    latest.current = exports;
  });

  useEffect(() => {
    const open = (accept: string) => () => {
      if (!pick.current) return;
      pick.current.accept = accept;
      pick.current.click();
    };
    const off = [
      registerCommand('import.csv', open('.csv,.tsv,.txt,text/csv')),
      registerCommand('import.vcard', open('.vcf,.vcard,text/vcard')),
      registerCommand('import.archive', open('.zip,application/zip')),
      registerCommand('export.csv', () => latest.current.csv('people', ',')),
      registerCommand('export.vcard', () => latest.current.vcard('4.0')),
      registerCommand('export.ical', () => latest.current.ical(false)),
      // The archive command exports without a passphrase only from the form, where the choice is visible.
      registerCommand('export.archive', () => document.getElementById('transfer-archive-p1')?.focus()),
    ];
    return () => off.forEach((f) => f());
  }, []);

  return (
    <section className="section" aria-labelledby="transfer-title">
      <header className="section-header">
        <h1 id="transfer-title">{t('transfer.title')}</h1>
      </header>
      <p className="muted">{t('transfer.intro')}</p>
      <div className="transfer-grid">
        <ImportPanel pickRef={pick} />
        <ExportPanel exports={exports} />
      </div>
      <ImportHistory />
    </section>
  );
}
