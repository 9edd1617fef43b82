import { z } from 'zod';
import { defaultRetentionPolicy } from '../../../shared/backup/retention';
import type { Workspace } from '../../session/workspace';

/** When automatic backups run. */
export const backupSchedules = ['idle', 'hourly', 'daily', 'manual'] as const;

/** Backup settings and the last outcomes, kept in the vault (encrypted) as a settings record. */
export const backupSettingsSchema = z.object({
  folderId: z
    .string()
    .regex(/^[a-f0-9]{32}$/)
    .nullable(),
  folderLabel: z.string().max(200).nullable(),
  schedule: z.enum(backupSchedules),
  /** For `idle`: minutes without activity after a change. */
  idleMinutes: z.number().int().min(1).max(240),
  /** Also back up when the desktop app quits (the shell waits for it). */
  onQuit: z.boolean().default(false),
  retention: z.object({
    last: z.number().int().min(1).max(100),
    daily: z.number().int().min(0).max(366),
    weekly: z.number().int().min(0).max(260),
    monthly: z.number().int().min(0).max(240),
  }),
  lastSuccess: z
    .object({
      at: z.string(),
      name: z.string(),
      sha256: z.string(),
      generation: z.number().int().nonnegative(),
    })
    .nullable(),
  lastFailure: z.object({ at: z.string(), code: z.string() }).nullable(),
  /** The last time the folder's key ledger had to be rewritten from the vault, and why. */
  ledgerRepair: z
    .object({ at: z.string(), reason: z.enum(['missing', 'damaged', 'rolled-back']) })
    .nullable()
    .default(null),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

const SETTINGS_ID = 'backups';

/** Defaults: after changes once idle 5 minutes, the standard retention. */
export const defaultBackupSettings: BackupSettings = {
  folderId: null,
  folderLabel: null,
  schedule: 'idle',
  idleMinutes: 5,
  onQuit: true,
  retention: { ...defaultRetentionPolicy },
  lastSuccess: null,
  lastFailure: null,
  ledgerRepair: null,
};

/** The stored settings; unreadable settings give the defaults (no folder: nothing is written). */
export function readBackupSettings(workspace: Workspace): BackupSettings {
  const parsed = backupSettingsSchema.safeParse(workspace.model.get('settings', SETTINGS_ID));
  return parsed.success ? parsed.data : defaultBackupSettings;
}

/** Stores a change to the settings. */
export async function writeBackupSettings(
  workspace: Workspace,
  patch: Partial<BackupSettings>,
): Promise<BackupSettings> {
  const next = backupSettingsSchema.parse({ ...readBackupSettings(workspace), ...patch });
  await workspace.vault.put('settings', SETTINGS_ID, next);
  workspace.model.upsert([{ table: 'settings', id: SETTINGS_ID, data: next }]);
  return next;
}

/** How long the schedule promises at most between two backups, ms (null: no promise). */
export function promisedInterval(settings: BackupSettings): number | null {
  switch (settings.schedule) {
    case 'hourly':
      return 3_600_000;
    case 'daily':
      return 86_400_000;
    case 'idle':
      return 86_400_000;
    case 'manual':
      return null;
  }
}
