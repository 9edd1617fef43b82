import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './host/atomic-write';

/** The desktop shell's own settings (not the vault's), kept in the profile folder. */
export interface ShellSettings {
  /** Windows and Linux: closing the window hides it to the tray, so backups and reminders go on. */
  readonly closeToTray: boolean;
}

/** What a first launch, or an unreadable file, gives. */
export const defaultShellSettings: ShellSettings = { closeToTray: false };

/** Reads the settings; anything missing or malformed takes its default. */
export async function loadShellSettings(file: string): Promise<ShellSettings> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    return { closeToTray: raw.closeToTray === true };
  } catch {
    return defaultShellSettings;
  }
}

/** Stores the settings atomically. */
export async function saveShellSettings(file: string, settings: ShellSettings): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(settings)), 'replace');
}
