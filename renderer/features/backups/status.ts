import { useSyncExternalStore } from 'react';
import { HostError } from '../../../shared/host/errors';
import { isBackupError } from '../../backup';
import type { BackupStep } from './engine';

/** What the backup machinery is doing now, for the page and the app-wide banner. */
export interface BackupStatus {
  /** The step of a backup in progress, or null. */
  readonly running: BackupStep | null;
  /** The chosen folder is unreachable (USB drive unplugged, network share down). */
  readonly folderMissing: boolean;
  /** The code of the last failure since the last success (an i18n key suffix), or null. */
  readonly failure: string | null;
}

let status: BackupStatus = { running: null, folderMissing: false, failure: null };
const subscribers = new Set<() => void>();

/** Updates the status and notifies. */
export function setBackupStatus(patch: Partial<BackupStatus>): void {
  status = { ...status, ...patch };
  for (const notify of subscribers) notify();
}

/** The status, outside React. */
export function getBackupStatus(): BackupStatus {
  return status;
}

/** The status, re-rendering on change. */
export function useBackupStatus(): BackupStatus {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => status,
  );
}

/** A failure as the code the UI translates (`backups.errors.<code>`). */
export function failureCode(error: unknown): string {
  if (isBackupError(error)) return error.code;
  if (error instanceof HostError) return error.code;
  return 'unknown';
}
