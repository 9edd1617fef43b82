import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useLocale } from '../../ui/i18n';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { importLogs, undoImport } from './import-service';

/** The list of past imports, each with "Undo this import". */
export function ImportHistory() {
  const { t } = useTranslation();
  const locale = useLocale();
  const ws = useWorkspace();
  const logs = importLogs(useTable(ws.model, 'imports'));
  const when = (at: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <div className="card transfer-card">
      <h2>{t('transfer.history.heading')}</h2>
      {logs.length === 0 ? (
        <p className="muted">{t('transfer.history.empty')}</p>
      ) : (
        <table className="transfer-table">
          <thead>
            <tr>
              <th scope="col">{t('transfer.history.date')}</th>
              <th scope="col">{t('transfer.history.file')}</th>
              <th scope="col">{t('transfer.history.result')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {logs.map((log) => (
              <tr key={log.id}>
                <td>{when(log.at)}</td>
                <td>{log.fileName}</td>
                <td>{t('transfer.history.summary', log.counts)}</td>
                <td>
                  {log.undoneAt !== null ? (
                    <span className="badge">{t('transfer.history.undone')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button secondary"
                      onClick={() =>
                        void undoImport(ws, log.id).then((count) =>
                          toast.success(t('transfer.history.undoneToast', { count })),
                        )
                      }
                    >
                      {t('transfer.history.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
