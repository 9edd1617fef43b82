import { useSyncExternalStore } from 'react';
import type { HostClient } from '../../shared/host/contract';
import {
  bindingSecretFromHex,
  createVault,
  openVault,
  resetPassphraseWithRecoveryKey,
  vaultExists,
  type Vault,
  type VaultOptions,
} from '../vault';
import { openWorkspace, type Workspace } from './workspace';

/** Why the vault is locked, so the lock screen can say so. */
export type LockReason = 'start' | 'manual' | 'idle' | 'system';

/** Where the app stands with the vault. */
export type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'new' }
  | { readonly status: 'restore' }
  | { readonly status: 'recovery-kit'; readonly vault: Vault; readonly recoveryKey: string }
  | { readonly status: 'locked'; readonly reason: LockReason }
  | {
      readonly status: 'unlocked';
      readonly vault: Vault;
      readonly workspace: Workspace;
      readonly tampered: number;
    };

/** What unlocks a vault: the passphrase, or the printed recovery key. */
export type UnlockSecret = { passphrase: string } | { recoveryKey: string };

let state: SessionState = { status: 'checking' };
const subscribers = new Set<() => void>();
const lockListeners = new Set<() => void>();
const beforeLockListeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const notify of subscribers) notify();
}

/** The session state, outside React. */
export function getSession(): SessionState {
  return state;
}

/** The session state, re-rendering on change. */
export function useSession(): SessionState {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => state,
  );
}

/** Registers work to drop on lock (the in-memory model, the search index, caches). */
export function onLock(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/**
 * Registers work to start while the vault is still open, just before it locks (sync stops: its
 * last round runs while the keys are there). Returns the remover.
 */
export function onBeforeLock(listener: () => void): () => void {
  beforeLockListeners.add(listener);
  return () => beforeLockListeners.delete(listener);
}

/** The host's binding secret (web mode), asked for once at start; see renderer/vault/slot-binding.ts. */
let binding: Uint8Array<ArrayBuffer> | undefined;

const vaultOptions = (): VaultOptions => (binding ? { binding } : {});

/**
 * Finds out whether this profile already holds a vault, after asking the host for its binding
 * secret (web mode: the vault's passphrase slot is bound to it; Electron has none).
 */
export async function startSession(host?: HostClient): Promise<void> {
  const { secret } = host ? await host.invoke('app:key-binding', {}) : { secret: null };
  binding = secret ? bindingSecretFromHex(secret) : undefined;
  set((await vaultExists()) ? { status: 'locked', reason: 'start' } : { status: 'new' });
}

/**
 * First run: creates the vault (optionally filling it, e.g. from a backup, before anything is
 * shown) and moves to the recovery-kit step.
 */
export async function createNewVault(
  passphrase: string,
  fill?: (vault: Vault) => Promise<void>,
): Promise<void> {
  const { vault, recoveryKey } = await createVault(passphrase, vaultOptions());
  await fill?.(vault);
  set({ status: 'recovery-kit', vault, recoveryKey });
}

/** First run, other path: restore from a backup folder instead of starting empty. */
export function startRestore(): void {
  if (state.status === 'new') set({ status: 'restore' });
}

/** Back from the restore path to the welcome screen. */
export function cancelRestore(): void {
  if (state.status === 'restore') set({ status: 'new' });
}

/** Leaves the recovery-kit step once the user confirmed they stored the key. */
export async function finishRecoveryKit(): Promise<void> {
  if (state.status !== 'recovery-kit') return;
  await enter(state.vault);
}

/** Opens the vault; with a recovery key and a new passphrase, also resets the passphrase. */
export async function unlock(secret: UnlockSecret, newPassphrase?: string): Promise<void> {
  const vault =
    'recoveryKey' in secret && newPassphrase !== undefined
      ? await resetPassphraseWithRecoveryKey(secret.recoveryKey, newPassphrase, vaultOptions())
      : await openVault(secret, vaultOptions());
  await enter(vault);
}

/** The name this device signs its audit entries with, until the user renames it. */
function defaultDeviceName(): string {
  return `Scrigno · ${navigator.platform || 'desktop'}`;
}

async function enter(vault: Vault): Promise<void> {
  let tampered = 0;
  const records = await vault.loadAll(() => tampered++);
  const workspace = await openWorkspace(vault, records, defaultDeviceName());
  set({ status: 'unlocked', vault, workspace, tampered });
}

/**
 * Rebuilds the workspace from the store (after a restore replaced the records): the model and
 * the search index are made again from what is now stored.
 */
export async function reloadWorkspace(): Promise<void> {
  if (state.status !== 'unlocked') return;
  const { vault, workspace } = state;
  workspace.dispose();
  await enter(vault);
}

/**
 * Locks: drops the keys and everything decrypted, and shows the lock screen.
 * WARNING: unsaved form input is discarded with the UI; it is never kept in plaintext.
 */
export function lock(reason: Exclude<LockReason, 'start'>): void {
  if (state.status !== 'unlocked' && state.status !== 'recovery-kit') return;
  if (state.status === 'unlocked') {
    for (const listener of beforeLockListeners) listener();
    state.workspace.dispose();
  }
  state.vault.lock();
  for (const listener of lockListeners) listener();
  set({ status: 'locked', reason });
}
