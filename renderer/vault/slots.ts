// Key slots: the master key wrapped under a key derived from the passphrase (Argon2id) or from the
// recovery key (HKDF), and opened again with the matching secret.
import { fromBase64Url, randomBytes, randomId, toBase64Url, utf8, wipe } from './bytes';
import { hkdfKey, importAesKey, importHkdfKey } from './crypto';
import { VaultError } from './errors';
import { slotAd, type HeaderBody, type PassphraseSlot, type RecoverySlot } from './header';
import type { KdfRunner } from './kdf-client';
import type { KdfParams } from './policy';
import { parseRecoveryKey } from './recovery-key';

/** A secret that opens a key slot. */
export type VaultSecret = { passphrase: string } | { recoveryKey: string };

const normalisePassphrase = (passphrase: string): Uint8Array<ArrayBuffer> =>
  utf8(passphrase.normalize('NFC'));

async function recoveryKek(recovery: Uint8Array<ArrayBuffer>, slot: RecoverySlot): Promise<CryptoKey> {
  // The recovery key is already 160 random bits: HKDF is enough, no password hashing needed.
  const base = await importHkdfKey(recovery);
  return hkdfKey(base, fromBase64Url(slot.salt), 'scrigno/v1/recovery-slot', 'aes');
}

async function passphraseKek(kdf: KdfRunner, passphrase: string, slot: PassphraseSlot): Promise<CryptoKey> {
  const pass = normalisePassphrase(passphrase);
  try {
    const raw = await kdf(pass, fromBase64Url(slot.salt), { m: slot.kdf.m, t: slot.kdf.t, p: slot.kdf.p });
    return await importAesKey(raw);
  } finally {
    wipe(pass);
  }
}

async function wrapSlot<S extends PassphraseSlot | RecoverySlot>(
  vaultId: string,
  slot: Omit<S, 'nonce' | 'wrapped'>,
  kek: CryptoKey,
  vmk: Uint8Array<ArrayBuffer>,
): Promise<S> {
  const nonce = randomBytes(12);
  const full = { ...slot, nonce: toBase64Url(nonce), wrapped: '' } as S;
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: slotAd(vaultId, full) },
    kek,
    vmk,
  );
  full.wrapped = toBase64Url(new Uint8Array(ct));
  return full;
}

/** Unwraps a slot; undefined when the key does not fit (wrong secret or edited slot fields). */
async function unwrapSlot(
  vaultId: string,
  slot: PassphraseSlot | RecoverySlot,
  kek: CryptoKey,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(slot.nonce), additionalData: slotAd(vaultId, slot) },
      kek,
      fromBase64Url(slot.wrapped),
    );
    return pt.byteLength === 32 ? new Uint8Array(pt) : undefined;
  } catch {
    return undefined;
  }
}

/** A new passphrase slot wrapping `vmk` (which stays the caller's to wipe). */
export async function newPassphraseSlot(
  kdf: KdfRunner,
  vaultId: string,
  passphrase: string,
  params: KdfParams,
  vmk: Uint8Array<ArrayBuffer>,
): Promise<PassphraseSlot> {
  const base = {
    id: randomId(),
    kind: 'passphrase' as const,
    kdf: { alg: 'argon2id' as const, v: 19 as const, ...params },
    salt: toBase64Url(randomBytes(16)),
  };
  const kek = await passphraseKek(kdf, passphrase, { ...base, nonce: '', wrapped: '' });
  return wrapSlot<PassphraseSlot>(vaultId, base, kek, vmk);
}

/** A new recovery slot wrapping `vmk` under the raw recovery key (wiped here; `vmk` is not). */
export async function newRecoverySlot(
  vaultId: string,
  recovery: Uint8Array<ArrayBuffer>,
  vmk: Uint8Array<ArrayBuffer>,
): Promise<RecoverySlot> {
  const base = {
    id: randomId(),
    kind: 'recovery' as const,
    kdf: { alg: 'hkdf-sha256' as const },
    salt: toBase64Url(randomBytes(16)),
  };
  const kek = await recoveryKek(recovery, { ...base, nonce: '', wrapped: '' });
  return wrapSlot<RecoverySlot>(vaultId, base, kek, vmk);
}

/**
 * The master key from the slot `secret` opens. `wrong-passphrase` / `wrong-recovery-key` when it
 * does not fit. WARNING: the caller owns the returned bytes and must wipe them.
 */
export async function openSlot(
  body: HeaderBody,
  secret: VaultSecret,
  kdf: KdfRunner,
): Promise<Uint8Array<ArrayBuffer>> {
  const { vaultId } = body;
  let vmk: Uint8Array<ArrayBuffer> | undefined;
  if ('passphrase' in secret) {
    const slot = body.slots.find((s): s is PassphraseSlot => s.kind === 'passphrase');
    // No slot is ever made for an empty passphrase (too weak), and hash-wasm refuses an empty
    // password: it is simply wrong, without running the KDF.
    if (slot && secret.passphrase !== '')
      vmk = await unwrapSlot(vaultId, slot, await passphraseKek(kdf, secret.passphrase, slot));
    if (!vmk) throw new VaultError('wrong-passphrase');
  } else {
    const slot = body.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
    const recovery = await parseRecoveryKey(secret.recoveryKey);
    if (slot) vmk = await unwrapSlot(vaultId, slot, await recoveryKek(recovery, slot));
    else wipe(recovery);
    if (!vmk) throw new VaultError('wrong-recovery-key');
  }
  return vmk;
}
