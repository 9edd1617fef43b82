import { lstat, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  externalLinkOrigins,
  isContactLink,
  type FileEntry,
  type HostHandlers,
  type HostInput,
  type HostOutput,
} from '../../../shared/host/contract';
import { HostError, hostCodeFromErrno } from '../../../shared/host/errors';
import { translate } from '../../../shared/i18n';
import { createBackupHandlers } from '../backup/handlers';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-write';
import type { FolderGrants } from './folders';
import { resolveInside } from './paths';
import { readRegularFile } from './safe-open';

/** What the handlers need from their shell (Electron or the web-mode server). */
export interface HostEnvironment {
  readonly grants: FolderGrants;
  readonly appInfo: { name: string; version: string; platform: string; locale: string };
  readonly transport: 'electron' | 'web';
  /** The web server's binding secret (`app:key-binding`); absent in Electron. */
  readonly keyBinding?: string;
  /** Shows the shell's folder picker; resolves to the chosen path, or null if cancelled. */
  pickFolder(purpose: 'backups' | 'export' | 'restore'): Promise<string | null>;
  /** Opens an allow-listed URL in the system browser. */
  openExternal(url: string): Promise<void>;
  /** Rebuilds the application menu in a language (Electron only). */
  setMenuLanguage?(language: 'it' | 'en'): void;
  /** Enables and disables the menu's command items (Electron); the web mode only keeps it. */
  setMenuEnabled?(enabled: HostInput<'menu:set-enabled'>['enabled']): void;
  /** The renderer is done with its before-quit work (Electron only). */
  quitReady?(): void;
  /** Shows a system notification; absent where the shell has none (web mode). */
  notify?(title: string, body: string): void;
  /** Whether the OS screen is locked now (Electron): notifications then carry no title. */
  screenLocked?(): boolean;
  /** Prints the page shown to an A4 PDF and saves it (Electron); resolves to whether it saved. */
  printToPdf?(document: HostInput<'print:pdf'>['document'], language: 'it' | 'en'): Promise<boolean>;
  /** The office relay this computer can host (Electron); absent in the web mode. */
  readonly relay?: {
    start(input: HostInput<'relay:start'>): Promise<HostOutput<'relay:status'>>;
    stop(): Promise<HostOutput<'relay:status'>>;
    status(): HostOutput<'relay:status'>;
  };
  /** Takes the deep link waiting to be opened (Electron). */
  takeDeepLink?(): HostOutput<'deep-link:take'>['link'];
}

/** The answer of a host that cannot run the office relay (the web mode). */
const relayUnsupported: HostOutput<'relay:status'> = {
  state: 'unsupported',
  port: null,
  addresses: [],
  localUrl: null,
  error: null,
};

/** Runs a filesystem step and turns its failure into a host error without the path. */
async function fsStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof HostError) throw err;
    throw new HostError(hostCodeFromErrno((err as NodeJS.ErrnoException).code));
  }
}

/** True if `url` is https and its origin is on the allow-list, or a contact link (`isContactLink`). */
export function isAllowedExternalLink(url: string): boolean {
  if (isContactLink(url)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && (externalLinkOrigins as readonly string[]).includes(parsed.origin);
  } catch {
    return false;
  }
}

/** The host handlers shared by both shells. Inputs arrive already validated by the transport. */
export function createHostHandlers(env: HostEnvironment): HostHandlers {
  const folderPath = async (folderId: string): Promise<string> => {
    const folder = await env.grants.pathOf(folderId);
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) throw new HostError('folder-missing');
    return folder;
  };

  return {
    ...createBackupHandlers(env),
    'app:info': async () => ({ ...env.appInfo, transport: env.transport }),

    // Reached only past the transport's checks (the web server's token and Origin).
    'app:key-binding': async () => ({ secret: env.keyBinding ?? null }),

    'dialog:choose-folder': async ({ purpose }) => {
      const chosen = await env.pickFolder(purpose);
      return chosen === null ? null : env.grants.grant(chosen);
    },

    'folder:status': async ({ folderId }) => env.grants.status(folderId),

    'file:write': async ({ folderId, name, data, mode }) => {
      const target = await resolveInside(await folderPath(folderId), name);
      await fsStep(async () => {
        try {
          await writeFileAtomic(target, data, mode);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new HostError('path-rejected');
          throw err;
        }
      });
      return { size: data.byteLength };
    },

    'file:read': async ({ folderId, name }) => {
      const target = await resolveInside(await folderPath(folderId), name);
      return { data: await fsStep(() => readRegularFile(target)) };
    },

    'file:list': async ({ folderId }) => {
      const folder = await folderPath(folderId);
      const entries = await fsStep(() => readdir(folder, { withFileTypes: true }));
      const files: FileEntry[] = [];
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith(TEMP_PREFIX)) continue;
        // lstat, not stat: a name swapped for a symbolic link since readdir is left out, never followed.
        const info = await lstat(path.join(folder, entry.name)).catch(() => undefined);
        if (info?.isFile()) files.push({ name: entry.name, size: info.size, modifiedAt: info.mtimeMs });
      }
      files.sort((a, b) => a.name.localeCompare(b.name));
      return { files };
    },

    'file:delete': async ({ folderId, name }) => {
      const target = await resolveInside(await folderPath(folderId), name);
      try {
        await unlink(target);
        return { deleted: true };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { deleted: false };
        throw new HostError(hostCodeFromErrno((err as NodeJS.ErrnoException).code));
      }
    },

    'shell:open-external': async ({ url }) => {
      if (!isAllowedExternalLink(url)) throw new HostError('link-not-allowed');
      await env.openExternal(url);
      return { opened: true };
    },

    'menu:set-language': async ({ language }) => {
      env.setMenuLanguage?.(language);
      return {};
    },

    'menu:set-enabled': async ({ enabled }) => {
      env.setMenuEnabled?.(enabled);
      return {};
    },

    'app:quit-ready': async () => {
      env.quitReady?.();
      return {};
    },

    'notification:reminders': async ({ count, language, taskTitle }) => {
      if (!env.notify) return { shown: false };
      const counted = translate(
        language,
        count === 1 ? 'notifications.remindersOne' : 'notifications.remindersOther',
      ).replace('{{count}}', String(count));
      // A title only for a single task, and never on a locked screen.
      const titled =
        taskTitle !== undefined && count === 1 && env.screenLocked?.() !== true
          ? translate(language, 'notifications.taskDue').replace('{{title}}', taskTitle)
          : null;
      env.notify('Scrigno', titled ?? counted);
      return { shown: true };
    },

    'notification:backup': async ({ problem, language }) => {
      if (!env.notify) return { shown: false };
      const key = {
        'folder-missing': 'notifications.backupFolderMissing',
        overdue: 'notifications.backupOverdue',
        'verification-failed': 'notifications.backupVerificationFailed',
      }[problem];
      env.notify('Scrigno', translate(language, key));
      return { shown: true };
    },

    'print:pdf': async ({ document, language }) => ({
      saved: env.printToPdf ? await env.printToPdf(document, language) : false,
    }),

    'deep-link:take': async () => ({ link: env.takeDeepLink?.() ?? null }),

    'relay:start': async (input) => (env.relay ? env.relay.start(input) : relayUnsupported),
    'relay:stop': async () => (env.relay ? env.relay.stop() : relayUnsupported),
    'relay:status': async () => (env.relay ? env.relay.status() : relayUnsupported),
  };
}
