import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { toast } from 'sonner';
import { sections } from '../../shared/commands/catalog';
import { BackupScheduler } from '../features/backups';
import { TaskReminders } from '../features/tasks';
import { TrashPurge } from '../features/trash';
import { SyncRunner } from '../features/sync';
import { CommandPalette, type PaletteMode } from './command-palette';
import { dropArrivalsAwayFrom, listCommands, runCommand, runOnArrival } from '../ui/commands';
import { ErrorBoundary } from './error-boundary';
import { useHost } from '../session/host-context';
import { syncMenuEnabled } from './menu-state';
import { setPreferences } from '../session/preferences';
import { lock, useSession } from '../session/session';
import { registerShellCommands } from './shell-commands';
import { followDeepLinks, printPage } from './desktop';
import { useWorkspace } from '../session/workspace';
import { formatShortcut, matchesShortcut } from '../ui/shortcuts';
import { effectiveLanguage } from '../ui/i18n';
import { useHostErrorToast } from '../ui/host-error-toast';

const gdprTextUrl = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';

/** The app frame: sidebar, the current section, the palette, and the app-wide commands. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const host = useHost();
  const [palette, setPalette] = useState<PaletteMode | null>(null);
  const showHostError = useHostErrorToast();
  const session = useSession();
  const { repo, model } = useWorkspace();
  const tampered = session.status === 'unlocked' ? session.tampered : 0;

  useEffect(
    () =>
      registerShellCommands({
        navigate: (to) => void navigate(to),
        togglePalette: () => setPalette((open) => (open ? null : 'search')),
        chooseActivitySubject: () => setPalette('activity-subject'),
        toggleTheme: () => {
          const dark = document.documentElement.dataset.theme === 'dark';
          setPreferences({ theme: dark ? 'light' : 'dark' });
        },
        setLanguage: (language) => {
          setPreferences({ language });
          void i18n.changeLanguage(language).then(() => toast.success(i18n.t('toasts.languageChanged')));
        },
        openGdprText: () => {
          // The web mode opens no links itself: the page does, in a new tab.
          if (host.transport === 'web') window.open(gdprTextUrl, '_blank', 'noopener,noreferrer');
          else host.invoke('shell:open-external', { url: gdprTextUrl }).catch(showHostError);
        },
        print: () =>
          printPage(
            host,
            window.location.hash,
            (saved) => saved && toast.success(i18n.t('toasts.pdfSaved')),
            showHostError,
          ),
        lock: () => lock('manual'),
        undo: () => void repo.undo().then((command) => command && toast.success(i18n.t('crm.undone'))),
        canUndo: () => repo.undoable !== undefined,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- registered once per shell
    [],
  );

  // A command that brought the user to a page for it is forgotten once they go elsewhere.
  useEffect(() => dropArrivalsAwayFrom(location.pathname), [location.pathname]);

  useEffect(() => {
    void host.invoke('menu:set-language', { language: effectiveLanguage() }).catch(() => undefined);
  }, [host, i18n.language]);

  // The menu greys what cannot act now; commits change what undo can do.
  useEffect(
    () =>
      syncMenuEnabled(
        (enabled) => void host.invoke('menu:set-enabled', { enabled }).catch(() => undefined),
        [(listener) => model.subscribe(() => listener())],
      ),
    [host, model],
  );

  useEffect(() => host.on('menu:command', ({ commandId }) => runCommand(commandId)), [host]);

  // A record link from another app opens here: the shell exists only once the vault is unlocked.
  useEffect(() => followDeepLinks(host, (to) => void navigate(to)), [host, navigate]);

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
        <NavLink to="/transfer" className="sidebar-transfer">
          {t('transfer.title')}
        </NavLink>
        <NavLink to="/trash" className="sidebar-trash">
          {t('trash.title')}
        </NavLink>
        <button type="button" className="button secondary lock-button" onClick={() => lock('manual')}>
          {t('access.lock')}
        </button>
        <button type="button" className="palette-button" onClick={() => setPalette('search')}>
          {t('search.button')} <kbd>{formatShortcut('Mod+K')}</kbd>
        </button>
      </nav>
      <main id="main" tabIndex={-1}>
        <BackupScheduler />
        <TaskReminders />
        <TrashPurge />
        <SyncRunner />
        {tampered > 0 && (
          <p role="alert" className="banner warning">
            {t('access.tamperedRecords', { count: tampered })}
          </p>
        )}
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <CommandPalette
        mode={palette}
        onModeChange={setPalette}
        onSubjectChosen={(path) => {
          runOnArrival('activities.log', path);
          void navigate(path);
        }}
      />
    </div>
  );
}
