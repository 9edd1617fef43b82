import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { toast } from 'sonner';
import { commandCatalog, sections } from '../../shared/commands/catalog';
import { BackupScheduler } from '../features/backups/backup-scheduler';
import { TaskReminders } from '../features/tasks/task-reminders';
import { TrashPurge } from '../features/trash/trash-purge';
import { CommandPalette } from './command-palette';
import { listCommands, registerCommand, runCommand } from './commands';
import { ErrorBoundary } from './error-boundary';
import { useHost } from './host-context';
import { setPreferences } from './preferences';
import { lock, useSession } from './session';
import { useWorkspace } from './workspace';
import { formatShortcut, matchesShortcut } from './shortcuts';
import { effectiveLanguage } from './i18n';
import { HostError } from '../../shared/host/errors';

/** Shows a host failure as a toast in the user's language. */
export function useHostErrorToast(): (error: unknown) => void {
  const { t } = useTranslation();
  return (error) => toast.error(t(`errors.host.${error instanceof HostError ? error.code : 'internal'}`));
}

/** The app frame: sidebar, the current section, the palette, and the app-wide commands. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const host = useHost();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const showHostError = useHostErrorToast();
  const session = useSession();
  const { repo } = useWorkspace();
  const tampered = session.status === 'unlocked' ? session.tampered : 0;

  useEffect(() => {
    const setLanguage = (language: 'it' | 'en') => () => {
      setPreferences({ language });
      void i18n.changeLanguage(language).then(() => toast.success(i18n.t('toasts.languageChanged')));
    };
    const off = [
      registerCommand('app.palette', () => setPaletteOpen((open) => !open)),
      registerCommand('app.toggle-theme', () => {
        const dark = document.documentElement.dataset.theme === 'dark';
        setPreferences({ theme: dark ? 'light' : 'dark' });
      }),
      registerCommand('app.language-it', setLanguage('it')),
      registerCommand('app.language-en', setLanguage('en')),
      registerCommand('help.gdpr-text', () => {
        host
          .invoke('shell:open-external', { url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' })
          .catch(showHostError);
      }),
      registerCommand('vault.lock', () => lock('manual')),
      registerCommand('contacts.create', () => void navigate('/contacts/new')),
      registerCommand(
        'edit.undo',
        () => void repo.undo().then((command) => command && toast.success(i18n.t('crm.undone'))),
        () => repo.undoable !== undefined,
      ),
      ...sections.map((section) => registerCommand(`nav.${section}`, () => void navigate(`/${section}`))),
      ...commandCatalog.flatMap(({ id, route }) =>
        route ? [registerCommand(id, () => void navigate(route))] : [],
      ),
    ];
    return () => off.forEach((o) => o());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- registered once per shell
  }, []);

  useEffect(() => {
    void host.invoke('menu:set-language', { language: effectiveLanguage() }).catch(() => undefined);
  }, [host, i18n.language]);

  useEffect(() => host.on('menu:command', ({ commandId }) => runCommand(commandId)), [host]);

  useEffect(() => {
    // In Electron the application menu owns the accelerators; here the page handles them.
    if (host.transport === 'electron') return;
    const onKey = (event: KeyboardEvent): void => {
      const command = listCommands().find((c) => c.shortcut && matchesShortcut(event, c.shortcut));
      if (command && runCommand(command.id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [host]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('app.mainNavigation')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>{t('app.name')}</span>
        </div>
        <ul>
          {sections.map((section) => (
            <li key={section}>
              <NavLink to={`/${section}`}>{t(`nav.${section}`)}</NavLink>
            </li>
          ))}
        </ul>
        <NavLink to="/trash" className="sidebar-trash">
          {t('trash.title')}
        </NavLink>
        <button type="button" className="button secondary lock-button" onClick={() => lock('manual')}>
          {t('access.lock')}
        </button>
        <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)}>
          {t('search.button')} <kbd>{formatShortcut('Mod+K')}</kbd>
        </button>
      </nav>
      <main id="main" tabIndex={-1}>
        <BackupScheduler />
        <TaskReminders />
        <TrashPurge />
        {tampered > 0 && (
          <p role="alert" className="banner warning">
            {t('access.tamperedRecords', { count: tampered })}
          </p>
        )}
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
    </div>
  );
}
