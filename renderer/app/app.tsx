import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { toast, Toaster } from 'sonner';
import type { HostClient } from '../../shared/host/contract';
import { backupsRoutes, RestoreStartScreen } from '../features/backups';
import { contactsRoutes } from '../features/contacts';
import { dashboardRoutes } from '../features/dashboard';
import { dealsRoutes } from '../features/deals';
import { privacyRoutes, useRetentionJob } from '../features/gdpr';
import { installRestrictionPolicies, loadHolidayCalendar } from '../features/rights';
import { setHolidayCalendar } from '../commands';
import { importExportRoutes } from '../features/import-export';
import { organizationsRoutes } from '../features/organizations';
import { installErasurePolicy } from '../features/rights';
import { hostOfficeRelayControl, setOfficeRelayControl } from '../features/sync';
import { SettingsPage } from '../features/settings';
import { tasksRoutes } from '../features/tasks';
import { trashRoutes } from '../features/trash';
import { RecoveryKitScreen, UnlockScreen, WelcomeScreen } from '../features/access';
import { useAutoLock } from './auto-lock';
import { useQuitHandshake } from '../session/before-quit';
import { useIdleCompaction } from './idle-compaction';
import { HostProvider } from '../session/host-context';
import { onLock, startSession, useSession } from '../session/session';
import { WorkspaceProvider, type Workspace } from '../session/workspace';
import { usePreferences } from '../session/preferences';
import { Shell } from './shell';
import { policyRefusalText } from '../ui/policy-feedback';
import { setSyncEngineFactory } from '../session/sync-service';
import { bridgeEngineFactory } from '../session/sync-engine';

// Request deadlines skip the Italian public holidays; the request commands re-check them with the
// same calendar (loaded on first use).
setHolidayCalendar(() => loadHolidayCalendar());

const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      ...dashboardRoutes,
      ...contactsRoutes,
      ...organizationsRoutes,
      ...dealsRoutes,
      ...tasksRoutes,
      ...privacyRoutes,
      ...backupsRoutes,
      ...importExportRoutes,
      ...trashRoutes,
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <Navigate to="/dashboard" replace /> },
    ],
  },
]);

// Sync's engine: the bridge over the gated relay (it runs only when sync is set up and on).
setSyncEngineFactory(bridgeEngineFactory);

// The privacy checks the rights features implement, installed once at start-up.
installErasurePolicy();

/** Applies the theme preference (or the system's) to the document. */
function useTheme(): 'light' | 'dark' {
  const { theme } = usePreferences();
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const resolved = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    if (theme !== 'system') return;
    const follow = (): void =>
      void (document.documentElement.dataset.theme = media.matches ? 'dark' : 'light');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [theme, resolved, media]);
  return resolved;
}

/** The unlocked app: the router, and the auto-lock watching for inactivity. */
function UnlockedApp({ host, workspace }: { host: HostClient; workspace: Workspace }) {
  const { autoLockMinutes } = usePreferences();
  useAutoLock(host, autoLockMinutes);
  useIdleCompaction(workspace);
  useRetentionJob(workspace.model);
  return (
    <WorkspaceProvider value={workspace}>
      <RouterProvider router={router} />
    </WorkspaceProvider>
  );
}

/** Shows the screen the vault's state calls for: first run, recovery kit, lock, or the app. */
function VaultGate({ host }: { host: HostClient }) {
  const session = useSession();
  useQuitHandshake(host);
  useEffect(() => {
    void startSession(host);
  }, [host]);
  switch (session.status) {
    case 'checking':
      return null;
    case 'new':
      return <WelcomeScreen />;
    case 'restore':
      return <RestoreStartScreen />;
    case 'recovery-kit':
      return <RecoveryKitScreen recoveryKey={session.recoveryKey} vaultId={session.vault.vaultId} />;
    case 'locked':
      return <UnlockScreen reason={session.reason} />;
    case 'unlocked':
      return <UnlockedApp host={host} workspace={session.workspace} />;
  }
}

/** The root: host, theme, toasts, and the vault gate in front of everything else. */
export function App({ host }: { host: HostClient }) {
  const theme = useTheme();
  // Toasts may name people (a reminder's title): none outlives the unlocked vault.
  useEffect(() => onLock(() => toast.dismiss()), []);
  // Restriction and marketing suppression (Art. 18, 21) hold for every command from the start.
  useEffect(() => installRestrictionPolicies(), []);
  // The office relay (Settings → Sync) exists in the desktop app only.
  useEffect(() => {
    if (host.transport !== 'electron') return;
    setOfficeRelayControl(hostOfficeRelayControl(host));
    return () => setOfficeRelayControl(null);
  }, [host]);
  usePolicyRefusalToast();
  return (
    <HostProvider value={host}>
      <VaultGate host={host} />
      <Toaster theme={theme} position="bottom-right" closeButton />
    </HostProvider>
  );
}

/**
 * A command a privacy check refused, on a screen that does not say so itself, still ends in a
 * clear message in the user's language (nothing was written) rather than silence.
 */
function usePolicyRefusalToast(): void {
  const { t } = useTranslation();
  useEffect(() => {
    const onRejection = (event: PromiseRejectionEvent): void => {
      const text = policyRefusalText(event.reason, t);
      if (text === null) return;
      event.preventDefault();
      toast.error(text);
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [t]);
}

/** Shown when the page cannot reach its host (web mode opened without its token). */
export function NoHost() {
  const { t } = useTranslation();
  return (
    <main className="no-host" role="alert">
      <h1>{t('app.name')}</h1>
      <p>{t('errors.host.bad-token')}</p>
    </main>
  );
}
