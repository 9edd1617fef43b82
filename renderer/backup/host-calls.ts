// The backup calls the renderer makes to its host. The host sees only ciphertext and file names.
import type { HostClient, HostOutput } from '../../shared/host/contract';
import { keyLedgerFileName } from '../../shared/backup/names';
import type { EncodedBackup } from './backup-file';
import { encodeKeyLedger, pickKeyLedger, type KeyLedger, type PickedKeyLedger } from './key-ledger';

type Invoker = Pick<HostClient, 'invoke'>;

/** Hands an encoded backup to the host, which writes, re-reads and verifies it before naming it. */
export function writeBackup(
  host: Invoker,
  folderId: string,
  backup: EncodedBackup,
): Promise<HostOutput<'backup:write'>> {
  return host.invoke('backup:write', {
    folderId,
    name: backup.fileName,
    data: backup.bytes,
    expectedSha256: backup.sha256,
  });
}

/**
 * Encrypts and writes the key ledger (both copies). Call it after every erasure, with a
 * generation above the last one written, before anything else tells the user the erasure is done.
 */
export async function writeKeyLedger(
  host: Invoker,
  folderId: string,
  ledger: KeyLedger,
  key: CryptoKey,
): Promise<HostOutput<'backup:ledger-write'>> {
  const encoded = await encodeKeyLedger(ledger, key);
  return host.invoke('backup:ledger-write', {
    folderId,
    name: encoded.fileName,
    data: encoded.bytes,
    expectedSha256: encoded.sha256,
  });
}

/** Reads both ledger copies and returns the valid one with the highest generation (null if none exists). */
export async function readKeyLedger(
  host: Invoker,
  folderId: string,
  vaultId: string,
  key: CryptoKey,
): Promise<PickedKeyLedger | null> {
  const { copies } = await host.invoke('backup:ledger-read', { folderId, name: keyLedgerFileName(vaultId) });
  return pickKeyLedger(copies, key, { vaultId });
}
