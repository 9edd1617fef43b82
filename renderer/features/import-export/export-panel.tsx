import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { CsvDelimiter, VcardVersion } from '../../../shared/formats';
import { useHost } from '../../session/host-context';
import { useWorkspace } from '../../session/workspace';
import { PassphraseField, StrengthMeter, useStrength } from '../access';
import { ArchiveExportRefused, exportArchive, type ArchiveProtection } from './archive-service';
import { TransferProgress } from './transfer-progress';
import {
  csvEntities,
  exportCsv,
  exportICalendar,
  exportMarketingCsv,
  exportVcards,
  type CsvEntity,
  type ExportResult,
} from './export-service';
import { exportFileName, saveThroughHost } from '../../host';
import { csvDelimiterFor } from '../../ui/bulk-actions';
import { toastLeftOut } from '../../ui/policy-feedback';

const delimiters: ReadonlyArray<[CsvDelimiter, 'comma' | 'semicolon' | 'tab']> = [
  [',', 'comma'],
  [';', 'semicolon'],
  ['\t', 'tab'],
];

/** Hooks that run each export (used by the panel's buttons and by the commands). */
export function useExports() {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const workspace = useWorkspace();
  const { model } = workspace;
  const [busy, setBusy] = useState(false);
  // Files of the archive written so far, out of all of them (the archive is the long export).
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  // `build` gives the bytes, or the bytes with what the privacy checks left out (said after saving).
  const run = async (
    kind: string,
    extension: string,
    build: () => Promise<Uint8Array> | Uint8Array | ExportResult,
    saved: (name: string) => string = (name) => t('transfer.export.saved', { name }),
  ) => {
    setBusy(true);
    try {
      const built = await build();
      const result = built instanceof Uint8Array ? { data: built, leftOut: {} } : built;
      const name = await saveThroughHost(host, exportFileName(kind, extension), result.data);
      if (name) {
        toast.success(saved(name));
        toastLeftOut(result.leftOut, t);
      }
    } catch (error) {
      toast.error(
        error instanceof ArchiveExportRefused
          ? t(`transfer.errors.${error.code}`)
          : t('transfer.errors.write'),
      );
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  return {
    busy,
    progress,
    csv: (entity: CsvEntity, delimiter: CsvDelimiter) =>
      run(entity, 'csv', () => exportCsv(workspace, entity, delimiter)),
    vcard: (version: VcardVersion) =>
      run(`contacts-vcard${version === '3.0' ? '3' : '4'}`, 'vcf', () => exportVcards(workspace, version)),
    ical: (tasksAsEvents: boolean) =>
      run('calendar', 'ics', () =>
        exportICalendar(workspace, {
          tasksAsEvents,
          kindLabel: (k) => i18n.t(`transfer.activityKinds.${k}`),
        }),
      ),
    marketing: async (delimiter: CsvDelimiter) => {
      const list = exportMarketingCsv(workspace, delimiter);
      if (!list) {
        toast.error(t('restriction.marketing.noPurpose'));
        return;
      }
      await run(
        'newsletter',
        'csv',
        () => list,
        (name) => {
          const extra = [
            list.withoutConsent > 0
              ? t('restriction.marketing.withoutConsent', { count: list.withoutConsent })
              : '',
            list.withoutEmail > 0 ? t('restriction.marketing.noEmail', { count: list.withoutEmail }) : '',
          ];
          return [t('restriction.marketing.saved', { name, count: list.count }), ...extra]
            .filter(Boolean)
            .join(' ');
        },
      );
    },
    archive: (protection: ArchiveProtection, includeTrash: boolean) =>
      run('archive', 'zip', async () => {
        const info = await host.invoke('app:info', {});
        return exportArchive(
          { model },
          {
            appVersion: info.version,
            protection,
            includeTrash,
            onProgress: (done, total) => setProgress({ done, total }),
          },
        );
      }),
  };
}

/** Export buttons: CSV of a list, vCard, iCalendar, and the portable archive. */
export function ExportPanel({ exports }: { exports: ReturnType<typeof useExports> }) {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState<CsvEntity>('people');
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(',');
  const [version, setVersion] = useState<VcardVersion>('4.0');
  const [tasksAsEvents, setTasksAsEvents] = useState(false);
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [plaintext, setPlaintext] = useState(false);
  const [plaintextUnderstood, setPlaintextUnderstood] = useState(false);
  const [includeTrash, setIncludeTrash] = useState(false);
  const strength = useStrength(plaintext ? '' : pass);
  const mismatch = pass !== '' && pass2 !== '' && pass !== pass2;
  const archiveReady = plaintext
    ? plaintextUnderstood
    : strength?.acceptable === true && pass2 === pass && !mismatch;
  return (
    <div className="card transfer-card">
      <h2>{t('transfer.export.heading')}</h2>
      {exports.busy && (
        <TransferProgress
          id="transfer-export-progress"
          label={t('transfer.export.working')}
          live
          {...(exports.progress ?? {})}
        />
      )}
      <div className="transfer-exports">
        <fieldset className="transfer-export">
          <legend>{t('transfer.export.csv')}</legend>
          <div className="field">
            <label htmlFor="transfer-entity">{t('transfer.export.entity')}</label>
            <select
              id="transfer-entity"
              value={entity}
              onChange={(e) => setEntity(e.target.value as CsvEntity)}
            >
              {csvEntities.map((c) => (
                <option key={c} value={c}>
                  {t(`transfer.export.entities.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="transfer-delimiter">{t('transfer.export.delimiter')}</label>
            <select
              id="transfer-delimiter"
              value={delimiter}
              onChange={(e) => setDelimiter(e.target.value as CsvDelimiter)}
            >
              {delimiters.map(([d, key]) => (
                <option key={key} value={d}>
                  {t(`transfer.export.delimiters.${key}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={exports.busy}
            onClick={() => void exports.csv(entity, delimiter)}
          >
            {t('transfer.export.csvButton')}
          </button>
        </fieldset>
        <fieldset className="transfer-export">
          <legend>{t('transfer.export.vcard')}</legend>
          <div className="field">
            <label htmlFor="transfer-vcard-version">{t('transfer.export.version')}</label>
            <select
              id="transfer-vcard-version"
              value={version}
              onChange={(e) => setVersion(e.target.value as VcardVersion)}
            >
              <option value="4.0">4.0</option>
              <option value="3.0">3.0</option>
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={exports.busy}
            onClick={() => void exports.vcard(version)}
          >
            {t('transfer.export.vcardButton')}
          </button>
        </fieldset>
        <fieldset className="transfer-export">
          <legend>{t('transfer.export.ical')}</legend>
          <label className="transfer-check">
            <input
              type="checkbox"
              checked={tasksAsEvents}
              onChange={(e) => setTasksAsEvents(e.target.checked)}
            />{' '}
            {t('transfer.export.tasksAsEvents')}
          </label>
          <button
            type="button"
            className="button"
            disabled={exports.busy}
            onClick={() => void exports.ical(tasksAsEvents)}
          >
            {t('transfer.export.icalButton')}
          </button>
        </fieldset>
        <fieldset className="transfer-export">
          <legend>{t('restriction.marketing.legend')}</legend>
          <p className="muted">{t('restriction.marketing.hint')}</p>
          <button
            type="button"
            className="button"
            disabled={exports.busy}
            onClick={() => void exports.marketing(csvDelimiterFor(i18n.language))}
          >
            {t('restriction.marketing.button')}
          </button>
        </fieldset>
        <fieldset className="transfer-export transfer-export-archive">
          <legend>{t('transfer.export.archive')}</legend>
          <p className="muted">{t('transfer.export.archiveHint')}</p>
          <form
            autoComplete="off"
            onSubmit={(e) => {
              e.preventDefault();
              if (!archiveReady) return;
              void exports
                .archive(plaintext ? { plaintext: true } : { passphrase: pass }, includeTrash)
                .then(() => (setPass(''), setPass2(''), setPlaintextUnderstood(false)));
            }}
          >
            <fieldset className="transfer-protection">
              <legend>{t('transfer.export.archiveProtection')}</legend>
              <label className="transfer-check">
                <input
                  type="radio"
                  name="archive-protection"
                  checked={!plaintext}
                  onChange={() => setPlaintext(false)}
                />{' '}
                {t('transfer.export.archiveEncrypted')}
              </label>
              <label className="transfer-check">
                <input
                  type="radio"
                  name="archive-protection"
                  checked={plaintext}
                  onChange={() => setPlaintext(true)}
                />{' '}
                {t('transfer.export.archivePlaintext')}
              </label>
            </fieldset>
            {plaintext ? (
              <>
                <p className="banner warning" role="note">
                  {t('transfer.export.plaintextWarning')}
                </p>
                <label className="transfer-check">
                  <input
                    type="checkbox"
                    checked={plaintextUnderstood}
                    onChange={(e) => setPlaintextUnderstood(e.target.checked)}
                  />{' '}
                  {t('transfer.export.plaintextConfirm')}
                </label>
              </>
            ) : (
              <>
                <PassphraseField
                  id="transfer-archive-p1"
                  label={t('transfer.export.archivePassphrase')}
                  autoComplete="new-password"
                  value={pass}
                  onChange={setPass}
                  describedBy="transfer-archive-rule transfer-archive-strength"
                />
                <small id="transfer-archive-rule">{t('transfer.export.archivePassphraseRule')}</small>
                <StrengthMeter strength={strength} id="transfer-archive-strength" />
                <PassphraseField
                  id="transfer-archive-p2"
                  label={t('transfer.export.archivePassphraseConfirm')}
                  autoComplete="new-password"
                  value={pass2}
                  onChange={setPass2}
                  invalid={mismatch}
                />
                {mismatch && (
                  <p className="banner warning" role="alert">
                    {t('transfer.export.mismatch')}
                  </p>
                )}
              </>
            )}
            <label className="transfer-check">
              <input
                type="checkbox"
                checked={includeTrash}
                onChange={(e) => setIncludeTrash(e.target.checked)}
              />{' '}
              {t('transfer.export.includeTrash')}
            </label>
            <button type="submit" className="button" disabled={exports.busy || !archiveReady}>
              {t('transfer.export.archiveButton')}
            </button>
          </form>
        </fieldset>
      </div>
    </div>
  );
}
