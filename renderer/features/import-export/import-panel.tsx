import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import {
  checkImportSize,
  FormatError,
  importFields,
  isEncryptedArchive,
  MAX_IMPORT_BYTES,
  writeCsv,
  type ColumnMapping,
  type CsvMapping,
  type ImportField,
  type ImportProblem,
} from '../../../shared/formats';
import { useHost } from '../../session/host-context';
import { defaultCountry, usePreferences } from '../../session/preferences';
import { DefaultCountryField } from '../../ui/default-country-field';
import { useLocale } from '../../ui/i18n';
import { useWorkspace } from '../../session/workspace';
import { ValidationFailed } from '../../vault';
import { leaveOutRule } from '../rights';
import {
  commitArchiveImport,
  explainedByCheck,
  openArchive,
  planArchiveImport,
  type ArchivePlan,
  type OpenedArchive,
} from './archive-service';
import { TransferProgress } from './transfer-progress';
import { exportFileName, saveThroughHost } from '../../host';
import { ImportCancelled, ImportJob, type CsvPreview } from './import-client';
import type { ContactFileKind } from './import-protocol';
import {
  commitImport,
  defaultChoice,
  planImport,
  undoImport,
  type DuplicateChoice,
  type ImportPlan,
} from './import-service';

/** Archives may be larger than contact files: the whole vault, compressed. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
const sizeMb = MAX_IMPORT_BYTES / 1024 / 1024;
const shownProblems = 100;
const shownDuplicates = 200;

type Step =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'mapping'; preview: CsvPreview; mapping: CsvMapping }
  | { step: 'checking'; done: number; total: number }
  | {
      step: 'review';
      plan: ImportPlan;
      rejected: readonly (readonly string[])[];
      choices: Map<number, DuplicateChoice>;
      fallback: DuplicateChoice;
    }
  | { step: 'archive'; bytes: Uint8Array; encrypted: boolean; contents?: OpenedArchive; plan?: ArchivePlan }
  | { step: 'saving' };

// The store's work starts with seconds of script at 100k records: let "Saving…" paint first.
const paintFirst = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function detectKind(name: string, bytes: Uint8Array): ContactFileKind | 'archive' {
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || isEncryptedArchive(bytes)) return 'archive';
  if (/\.(vcf|vcard)$/i.test(name)) return 'vcard';
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\ufeff/, '')
    .trimStart();
  return /^BEGIN:VCARD/i.test(head) ? 'vcard' : 'csv';
}

/** The file picker, the mapping preview, the review of problems and duplicates, and the commit. */
export function ImportPanel({ pickRef }: { pickRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const host = useHost();
  const ws = useWorkspace();
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const job = useRef<ImportJob | null>(null);
  // An archive's records are checked in the background: `opened` counts archives opened (progress
  // of an earlier one is ignored), `checkedArchive` is the one whose check is shown (reviewing or
  // saving), and `reviewing` the one on the summary, whose failed check this panel reports.
  const opened = useRef(0);
  const checkedArchive = useRef<OpenedArchive | null>(null);
  const reviewing = useRef<OpenedArchive | null>(null);
  const [checking, setChecking] = useState<{ done: number; total: number } | null>(null);
  const prefs = usePreferences();
  const options = { locale, defaultCountry: defaultCountry(prefs) };

  useEffect(
    () => () => {
      job.current?.dispose();
      reviewing.current?.dispose();
    },
    [],
  );

  const fail = (e: unknown) => {
    if (e instanceof ImportCancelled) {
      toast.info(t('transfer.progress.cancelled'));
      setState({ step: 'idle' });
      return;
    }
    const code =
      e instanceof FormatError ? e.code : e instanceof ValidationFailed ? 'validation' : 'internal';
    setError(t(`transfer.errors.${code}`, { size: sizeMb }));
    setState({ step: 'idle' });
  };

  /** Back to the start; `keepFile` leaves the picker showing the file just chosen. */
  const reset = (keepFile = false) => {
    job.current?.dispose();
    job.current = null;
    // An archive left on the summary is not imported: stop its check.
    reviewing.current?.dispose();
    reviewing.current = null;
    checkedArchive.current = null;
    opened.current++;
    setChecking(null);
    setState({ step: 'idle' });
    setError(null);
    setPassphrase('');
    if (pickRef.current && !keepFile) pickRef.current.value = '';
  };

  // Checking a large archive's records takes seconds: the summary shows how far it is, and the
  // import can start meanwhile (it writes only once the check has passed).
  const checkingProgress = () => {
    const mine = ++opened.current;
    return (done: number, total: number) => {
      if (opened.current === mine) setChecking({ done, total });
    };
  };

  const showArchive = async (asked: { bytes: Uint8Array; encrypted: boolean }, contents: OpenedArchive) => {
    const plan = await explainedByCheck(contents.checked, () =>
      planArchiveImport(ws, contents, leaveOutRule(ws)),
    );
    reviewing.current = contents;
    checkedArchive.current = contents;
    setChecking((c) => c ?? { done: 0, total: 0 });
    contents.checked.then(
      () => {
        if (checkedArchive.current === contents) setChecking(null);
      },
      (e: unknown) => {
        if (checkedArchive.current === contents) setChecking(null);
        if (reviewing.current !== contents) return;
        reviewing.current = null;
        fail(e);
      },
    );
    setState({ step: 'archive', ...asked, contents, plan });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    reset(true);
    setFileName(file.name);
    try {
      // The size is checked before a single byte is read.
      checkImportSize(file.size, /\.zip$/i.test(file.name) ? MAX_ARCHIVE_BYTES : MAX_IMPORT_BYTES);
      setState({ step: 'reading' });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const kind = detectKind(file.name, bytes);
      if (kind === 'archive') {
        const encrypted = isEncryptedArchive(bytes);
        if (encrypted) return setState({ step: 'archive', bytes, encrypted });
        return await showArchive(
          { bytes, encrypted },
          await openArchive(bytes, undefined, undefined, checkingProgress()),
        );
      }
      checkImportSize(bytes.length);
      job.current = new ImportJob();
      const analyzed = await job.current.analyze(kind, bytes);
      if (analyzed.kind === 'csv')
        setState({ step: 'mapping', preview: analyzed.preview, mapping: analyzed.preview.mapping });
      else await check([], 'vcard', file.name);
    } catch (e) {
      fail(e);
    }
  };

  const check = async (mapping: CsvMapping, format: 'csv' | 'vcard', name = fileName) => {
    if (!job.current) return;
    setState({ step: 'checking', done: 0, total: 0 });
    try {
      const mapped = await job.current.map(mapping, options, (done, total) =>
        setState({ step: 'checking', done, total }),
      );
      const plan = planImport(ws, name, format, mapped.results, leaveOutRule(ws));
      setState({ step: 'review', plan, rejected: mapped.rejected, choices: new Map(), fallback: 'skip' });
    } catch (e) {
      fail(e);
    }
  };

  const commit = async () => {
    if (state.step !== 'review') return;
    const { plan, choices, fallback } = state;
    setState({ step: 'saving' });
    try {
      await paintFirst();
      const log = await commitImport(ws, plan, choices, fallback);
      reset();
      const extra = t('contactCheck.review.doneExtra', {
        organizations: log.counts.organizations,
        toCheck: plan.problems.filter((p) => p.kept).length,
      });
      toast.success(`${t('transfer.done', log.counts)} ${extra}`, {
        ...(log.counts.flagged
          ? { description: t('erasure.importFlagged', { count: log.counts.flagged }) }
          : {}),
        action: {
          label: t('transfer.undoImport'),
          onClick: () =>
            void undoImport(ws, log.id).then((count) =>
              toast.success(t('transfer.history.undoneToast', { count })),
            ),
        },
      });
    } catch (e) {
      fail(e);
    }
  };

  const openEncrypted = async () => {
    if (state.step !== 'archive') return;
    const asked = state;
    try {
      await showArchive(asked, await openArchive(asked.bytes, passphrase, undefined, checkingProgress()));
      setError(null);
    } catch (e) {
      setState(asked);
      const code = e instanceof FormatError ? e.code : 'internal';
      setError(t(`transfer.errors.${code}`, { size: sizeMb }));
    }
  };

  const commitArchive = async () => {
    if (state.step !== 'archive' || !state.plan) return;
    const plan = state.plan;
    // From here a failed check is reported by the import itself; its progress stays on screen.
    reviewing.current = null;
    setState({ step: 'saving' });
    try {
      await paintFirst();
      const log = await commitArchiveImport(ws, plan, fileName);
      reset();
      toast.success(t('transfer.done', log.counts), {
        ...(log.counts.flagged
          ? { description: t('erasure.importFlagged', { count: log.counts.flagged }) }
          : {}),
        action: {
          label: t('transfer.undoImport'),
          onClick: () =>
            void undoImport(ws, log.id).then((count) =>
              toast.success(t('transfer.history.undoneToast', { count })),
            ),
        },
      });
    } catch (e) {
      fail(e);
    }
  };

  const saveRejected = async (rows: readonly (readonly string[])[]) => {
    try {
      const name = await saveThroughHost(
        host,
        exportFileName('rejected-rows', 'csv'),
        new TextEncoder().encode(writeCsv(rows)),
      );
      if (name) toast.success(t('transfer.export.saved', { name }));
    } catch {
      toast.error(t('transfer.errors.write'));
    }
  };

  // How far the background check of an archive's records is, while it runs.
  const archiveCheck = (label: string) =>
    checking && (
      <TransferProgress
        id="transfer-archive-checking"
        label={label}
        done={checking.done}
        total={checking.total}
        indeterminate
      />
    );

  const problemText = (p: ImportProblem) =>
    p.code in { 'empty-row': 1, 'no-name': 1, 'invalid-vcard': 1 }
      ? t(`transfer.problems.${p.code}`)
      : p.code === 'no-identity' || p.code === 'unknown-country'
        ? t(`contactCheck.problems.${p.code}`)
        : t(`crm.validation.${p.code}`);

  return (
    <div className="card transfer-card">
      <h2>{t('transfer.import.heading')}</h2>
      <div className="field">
        <label htmlFor="transfer-file">{t('transfer.import.fileLabel')}</label>
        <input
          id="transfer-file"
          ref={pickRef}
          type="file"
          accept=".csv,.tsv,.txt,.vcf,.vcard,.zip,text/csv,text/vcard,application/zip"
          aria-describedby="transfer-file-hint"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <p id="transfer-file-hint" className="muted">
          {t('transfer.import.hint', { size: sizeMb })}
        </p>
      </div>
      {(state.step === 'idle' || state.step === 'mapping') && <DefaultCountryField id="transfer-country" />}
      {error && (
        <p className="banner warning" role="alert">
          {error}
        </p>
      )}
      {state.step === 'reading' && (
        <TransferProgress id="transfer-reading-label" label={t('transfer.import.reading')} live />
      )}
      {state.step === 'saving' && (
        <>
          <p aria-live="polite">{t('transfer.progress.saving')}</p>
          {archiveCheck(t('transfer.archive.checkingWhileSaving'))}
        </>
      )}

      {state.step === 'mapping' && (
        <MappingPreview
          preview={state.preview}
          mapping={state.mapping}
          onChange={(mapping) => setState({ ...state, mapping })}
          onCheck={() => void check(state.mapping, 'csv')}
        />
      )}

      {state.step === 'checking' && (
        <TransferProgress
          id="transfer-progress-label"
          label={t('transfer.progress.checking')}
          done={state.done}
          total={state.total}
          indeterminate
        >
          <button type="button" className="button secondary" onClick={() => job.current?.cancel()}>
            {t('transfer.progress.cancel')}
          </button>
        </TransferProgress>
      )}

      {state.step === 'review' && (
        <Review
          state={state}
          problemText={problemText}
          onChoice={(row, choice) => {
            const choices = new Map(state.choices);
            choices.set(row, choice);
            setState({ ...state, choices });
          }}
          onFallback={(fallback) => setState({ ...state, fallback })}
          onSaveRejected={() => void saveRejected(state.rejected)}
          onCommit={() => void commit()}
          onCancel={() => reset()}
          nameOf={(id) => {
            const p = ws.model.get('people', id);
            return p ? `${p.givenName} ${p.familyName}`.trim() : '';
          }}
        />
      )}

      {state.step === 'archive' && (
        <div className="transfer-archive">
          <h3>{t('transfer.archive.heading')}</h3>
          {state.encrypted && !state.contents && (
            <form
              autoComplete="off"
              onSubmit={(e) => {
                e.preventDefault();
                void openEncrypted();
              }}
            >
              <div className="field">
                <label htmlFor="transfer-archive-pass">{t('transfer.archive.passphrase')}</label>
                <input
                  id="transfer-archive-pass"
                  type="password"
                  autoComplete="off"
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                />
              </div>
              <button type="submit" className="button">
                {t('transfer.archive.open')}
              </button>
            </form>
          )}
          {state.contents && state.plan && (
            <>
              <p>
                {t('transfer.archive.summary', {
                  date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(
                    new Date(state.contents.manifest.createdAt),
                  ),
                  people: state.contents.records.people.length,
                  organizations: state.contents.records.organizations.length,
                  others: Object.entries(state.contents.records)
                    .filter(([k]) => k !== 'people' && k !== 'organizations')
                    .reduce((n, [, v]) => n + v.length, 0),
                })}
              </p>
              <p>
                {t('transfer.archive.plan', {
                  changes: state.plan.changes.length,
                  skipped: state.plan.skipped,
                  unchanged: state.plan.unchanged,
                })}
              </p>
              {state.plan.leftOut.erased + state.plan.leftOut.suppressed > 0 && (
                <p data-testid="archive-left-out">
                  {t('erasure.archiveLeftOut', {
                    count: state.plan.leftOut.erased + state.plan.leftOut.suppressed,
                  })}
                </p>
              )}
              {archiveCheck(t('transfer.archive.checking'))}
              <div className="form-actions">
                <button type="button" className="button secondary" onClick={() => reset()}>
                  {t('transfer.progress.cancel')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={state.plan.changes.length === 0}
                  onClick={() => void commitArchive()}
                >
                  {t('transfer.archive.commit')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function MappingPreview(props: {
  preview: CsvPreview;
  mapping: CsvMapping;
  onChange: (m: CsvMapping) => void;
  onCheck: () => void;
}) {
  const { t } = useTranslation();
  const { preview, mapping } = props;
  const delimiter = preview.delimiter === '\t' ? t('transfer.mapping.tab') : preview.delimiter;
  const setField = (i: number, field: ImportField) => {
    const old = mapping[i];
    const next: ColumnMapping = {
      field,
      ...(old?.group !== undefined ? { group: old.group } : {}),
      ...(old?.field === field && old.kind !== undefined ? { kind: old.kind } : {}),
    };
    props.onChange(mapping.map((m, j) => (j === i ? next : m)));
  };
  return (
    <div className="transfer-mapping">
      <h3>{t('transfer.mapping.heading')}</h3>
      <p className="muted">{t('transfer.mapping.intro')}</p>
      <p>
        {t('transfer.mapping.summary', { encoding: preview.encoding.toUpperCase(), delimiter })}{' '}
        {t('transfer.mapping.rows', { count: preview.rowCount })}
      </p>
      <div
        className="transfer-table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('transfer.mapping.heading')}
      >
        <table className="transfer-table">
          <thead>
            <tr>
              {preview.headers.map((h, i) => (
                <th key={i} scope="col">
                  <span className="transfer-header">{h}</span>
                  <select
                    aria-label={t('transfer.mapping.fieldFor', { column: h || String(i + 1) })}
                    value={mapping[i]?.field ?? 'ignore'}
                    onChange={(e) => setField(i, e.target.value as ImportField)}
                  >
                    {importFields.map((f) => (
                      <option key={f} value={f}>
                        {t(`transfer.mapping.fields.${f}`)}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row, r) => (
              <tr key={r}>
                {preview.headers.map((_, i) => (
                  <td key={i} className={mapping[i]?.field === 'ignore' ? 'muted' : undefined}>
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCheck}>
          {t('transfer.mapping.check')}
        </button>
      </div>
    </div>
  );
}

function Review(props: {
  state: Extract<Step, { step: 'review' }>;
  problemText: (p: ImportProblem) => string;
  onChoice: (row: number, c: DuplicateChoice) => void;
  onFallback: (c: DuplicateChoice) => void;
  onSaveRejected: () => void;
  onCommit: () => void;
  onCancel: () => void;
  nameOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  const { plan, choices, fallback } = props.state;
  const duplicates = plan.rows.filter((r) => r.duplicate);
  const choiceOf = (row: (typeof plan.rows)[number]) => choices.get(row.row) ?? defaultChoice(row, fallback);
  const toImport = plan.rows.filter((r) => !r.flagged && choiceOf(r) !== 'skip').length;
  const organizations = plan.rows.filter((r) => r.draft.kind === 'organization' && !r.duplicate).length;
  const kept = plan.problems.filter((p) => p.kept).length;
  const choiceLabels = (['skip', 'update', 'create'] as const).map((c) => (
    <option key={c} value={c}>
      {t(`transfer.review.choices.${c}`)}
    </option>
  ));
  return (
    <div className="transfer-review">
      <h3>{t('transfer.review.heading')}</h3>
      <ul className="transfer-counts">
        <li>
          {t('transfer.review.ready', {
            count: plan.rows.length - duplicates.length - organizations - plan.flagged,
          })}
        </li>
        {organizations > 0 && <li>{t('contactCheck.review.organizations', { count: organizations })}</li>}
        <li>{t('transfer.review.duplicates', { count: duplicates.length })}</li>
        <li>{t('transfer.review.rejected', { count: plan.rejectedRows.length })}</li>
        {plan.flagged > 0 && (
          <li data-testid="import-flagged">{t('erasure.importFlagged', { count: plan.flagged })}</li>
        )}
        {kept > 0 && <li>{t('contactCheck.review.keptCount', { count: kept })}</li>}
      </ul>
      {plan.problems.length > 0 && (
        <section aria-labelledby="transfer-problems">
          <h4 id="transfer-problems">{t('transfer.review.problems')}</h4>
          <table className="transfer-table">
            <thead>
              <tr>
                <th scope="col">{t('transfer.review.row')}</th>
                <th scope="col">{t('transfer.review.column')}</th>
                <th scope="col">{t('contactCheck.review.value')}</th>
                <th scope="col">{t('transfer.review.reason')}</th>
                <th scope="col">{t('contactCheck.review.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.problems.slice(0, shownProblems).map((p, i) => (
                <tr key={i}>
                  <td>{p.row}</td>
                  <td>{p.column || t('transfer.review.wholeRow')}</td>
                  <td>{p.value ?? ''}</td>
                  <td>{props.problemText(p)}</td>
                  <td>{p.kept ? t('contactCheck.review.kept') : t('contactCheck.review.refused')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.problems.length > shownProblems && (
            <p className="muted">
              {t('transfer.review.moreProblems', { count: plan.problems.length - shownProblems })}
            </p>
          )}
          <button type="button" className="button secondary" onClick={props.onSaveRejected}>
            {t('transfer.review.downloadRejected')}
          </button>
        </section>
      )}
      {duplicates.length > 0 && (
        <section aria-labelledby="transfer-duplicates">
          <h4 id="transfer-duplicates">
            {t('transfer.review.duplicates_other', { count: duplicates.length })}
          </h4>
          <div className="field">
            <label htmlFor="transfer-fallback">{t('transfer.review.defaultChoice')}</label>
            <select
              id="transfer-fallback"
              value={fallback}
              onChange={(e) => props.onFallback(e.target.value as DuplicateChoice)}
            >
              {choiceLabels}
            </select>
          </div>
          <table className="transfer-table">
            <thead>
              <tr>
                <th scope="col">{t('transfer.review.row')}</th>
                <th scope="col">{t('transfer.review.existing')}</th>
                <th scope="col">{t('transfer.review.reason')}</th>
                <th scope="col">{t('transfer.review.defaultChoice')}</th>
              </tr>
            </thead>
            <tbody>
              {duplicates.slice(0, shownDuplicates).map((r) => (
                <tr key={r.row}>
                  <td>
                    {r.row} —{' '}
                    {r.draft.kind === 'organization'
                      ? r.draft.organizationName
                      : `${r.draft.givenName} ${r.draft.familyName}`.trim()}
                  </td>
                  <td>
                    {r.duplicate!.id
                      ? props.nameOf(r.duplicate!.id)
                      : r.duplicate!.reason === 'organization'
                        ? r.draft.organizationName
                        : t('transfer.review.inFileRow', { row: r.duplicate!.row })}
                  </td>
                  <td>{t(`transfer.review.reasons.${r.duplicate!.reason}`)}</td>
                  <td>
                    <select
                      aria-label={t('transfer.review.choiceFor', { row: r.row })}
                      value={choiceOf(r)}
                      onChange={(e) => props.onChoice(r.row, e.target.value as DuplicateChoice)}
                    >
                      {choiceLabels.filter(
                        (o) =>
                          (r.duplicate!.id !== null || o.key !== 'update') &&
                          (r.duplicate!.reason !== 'organization' || o.key === 'skip'),
                      )}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {toImport === 0 && <p className="muted">{t('transfer.review.nothing')}</p>}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('transfer.progress.cancel')}
        </button>
        <button type="button" className="button" disabled={toImport === 0} onClick={props.onCommit}>
          {t('transfer.review.commit')} ({toImport})
        </button>
      </div>
    </div>
  );
}
