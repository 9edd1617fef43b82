// The in-memory key material of an unlocked vault: purpose keys, the blind indexer, and the master
// key sealed under a throw-away key for the one operation that needs it again (a slot rewrap).
import { wipe } from './bytes';
import {
  deriveBlindKeyBytes,
  derivePurposeKeys,
  importHkdfKey,
  open,
  seal,
  type PurposeKeys,
} from './crypto';
import { BlindIndexer } from './blind-index';

/** Purpose keys handed out to later features. */
export type ExportedPurpose = 'backups' | 'sync' | 'audit';

/** In-memory key material of an unlocked vault. */
export class KeySession {
  private constructor(
    readonly keys: PurposeKeys,
    readonly blind: BlindIndexer,
    /** The master key sealed under a random in-memory key, kept only to rewrap slots. */
    private readonly sealedVmk: Uint8Array<ArrayBuffer>,
    private readonly sessionKey: CryptoKey,
  ) {}

  /** Takes ownership of `vmk` and wipes it. */
  static async create(vmk: Uint8Array<ArrayBuffer>, vaultId: string): Promise<KeySession> {
    try {
      const sessionKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      const sealed = await seal(sessionKey, 0, vmk, new Uint8Array(0));
      const base = await importHkdfKey(vmk.slice());
      const [keys, blind] = await Promise.all([
        derivePurposeKeys(base, vaultId),
        deriveBlindKeyBytes(base, vaultId).then((bytes) => BlindIndexer.create(bytes)),
      ]);
      return new KeySession(keys, blind, sealed, sessionKey);
    } finally {
      wipe(vmk);
    }
  }

  /** The raw master key for rewrapping a slot. WARNING: the caller must wipe it. */
  rawVmk(): Promise<Uint8Array<ArrayBuffer>> {
    return open(this.sessionKey, this.sealedVmk, new Uint8Array(0));
  }
}
