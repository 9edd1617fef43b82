import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommandHandler } from '../../ui/commands';
import { ExportPanel, useExports } from './export-panel';
import { ImportHistory } from './import-history';
import { ImportPanel } from './import-panel';

/** The import and export screen, at `/transfer`. */
export function TransferPage() {
  const { t } = useTranslation();
  const pick = useRef<HTMLInputElement | null>(null);
  const exports = useExports();

  // The file dialog opens only after a gesture in the page (the palette, a shortcut). A menu
  // item is chosen outside the page, so the file field then just takes the cursor, ready.
  const open = (accept: string): void => {
    const input = pick.current;
    if (!input) return;
    input.accept = accept;
    input.focus();
    if (navigator.userActivation?.isActive !== false) input.click();
  };
  useCommandHandler('import.csv', () => open('.csv,.tsv,.txt,text/csv'));
  useCommandHandler('import.vcard', () => open('.vcf,.vcard,text/vcard'));
  useCommandHandler('import.archive', () => open('.zip,application/zip'));
  useCommandHandler('export.csv', () => exports.csv('people', ','));
  useCommandHandler('export.vcard', () => exports.vcard('4.0'));
  useCommandHandler('export.ical', () => exports.ical(false));
  // The archive command exports without a passphrase only from the form, where the choice is visible.
  useCommandHandler('export.archive', () => document.getElementById('transfer-archive-p1')?.focus());

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
