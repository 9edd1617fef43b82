import { afterEach, describe, expect, it } from 'vitest';

import { VaultDb } from './db';
import { isVaultError } from './errors';
import { BINDING_ROW, bindingSecretFromHex } from './slot-binding';
import { FAST_TEST_KDF_POLICY } from './test-support';
import { createVault, openKeySlots, openVault, resetPassphraseWithRecoveryKey, type Vault } from './vault';

const PASS = 'Lanterna-verde sul molo 42 stanotte';
const PASS2 = 'Quattro gatti neri ballano il tango 7';
const SECRET_A = bindingSecretFromHex('a1'.repeat(32));
const SECRET_B = bindingSecretFromHex('b2'.repeat(32));
let counter = 0;
const opened: Vault[] = [];

afterEach(() => {
  for (const v of opened.splice(0)) v.lock();
});

function options(binding?: Uint8Array<ArrayBuffer>) {
  return { dbName: `binding-test-${++counter}-${Date.now()}`, kdfPolicy: FAST_TEST_KDF_POLICY, binding };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    const v = await promise;
    if (v && typeof (v as Vault).lock === 'function') opened.push(v as Vault);
    return 'ok';
  } catch (err) {
    if (isVaultError(err)) return err.code;
    throw err;
  }
}

describe('a passphrase slot bound to the host secret', () => {
  it('opens with the passphrase only where the same secret is', async () => {
    const opts = options(SECRET_A);
    const { vault } = await createVault(PASS, opts);
    await vault.put('notes', 'n1', { text: 'hello' });
    vault.lock();
    const again = await openVault({ passphrase: PASS }, opts);
    opened.push(again);
    expect(await again.get('notes', 'n1')).toEqual({ text: 'hello' });
    again.lock();
    // Another secret, or none: refused before Argon2id runs, with its own code.
    expect(await codeOf(openVault({ passphrase: PASS }, { ...opts, binding: SECRET_B }))).toBe(
      'bound-elsewhere',
    );
    expect(await codeOf(openVault({ passphrase: PASS }, { ...opts, binding: undefined }))).toBe(
      'bound-elsewhere',
    );
  });

  it('cannot be opened with the passphrase even by code that skips the binding check', async () => {
    const opts = options(SECRET_A);
    const { vault } = await createVault(PASS, opts);
    vault.lock();
    // A squatting page that removes the binding row and tries the captured passphrase directly.
    const db = new VaultDb(opts.dbName);
    await db.meta.delete(BINDING_ROW);
    db.close();
    expect(await codeOf(openVault({ passphrase: PASS }, { ...opts, binding: undefined }))).toBe(
      'wrong-passphrase',
    );
    expect(await codeOf(openVault({ passphrase: PASS }, { ...opts, binding: SECRET_B }))).toBe(
      'wrong-passphrase',
    );
  });

  it('gives backups a portable, unbound copy of the slots that opens with the passphrase on any machine', async () => {
    const opts = options(SECRET_A);
    const { vault, recoveryKey } = await createVault(PASS, opts);
    opened.push(vault);
    const slots = await vault.exportKeySlots();
    // A fresh machine: no secret at all.
    const withPass = await openKeySlots(slots, { passphrase: PASS }, { kdfPolicy: FAST_TEST_KDF_POLICY });
    expect(withPass.vaultId).toBe(vault.vaultId);
    const withRecovery = await openKeySlots(slots, { recoveryKey }, { kdfPolicy: FAST_TEST_KDF_POLICY });
    expect(withRecovery.vaultId).toBe(vault.vaultId);
    // The live header is not what backups get: its passphrase slot needs the secret.
    const db = new VaultDb(opts.dbName);
    const live = (await db.meta.get('header'))!.bytes!;
    db.close();
    expect(await codeOf(openKeySlots(live, { passphrase: PASS }, { kdfPolicy: FAST_TEST_KDF_POLICY }))).toBe(
      'wrong-passphrase',
    );
  });

  it('moves the portable copy to a new passphrase, so new backups do not open with the old one', async () => {
    const opts = options(SECRET_A);
    const { vault } = await createVault(PASS, opts);
    opened.push(vault);
    await vault.changePassphrase(PASS, PASS2);
    const slots = await vault.exportKeySlots();
    const p = { kdfPolicy: FAST_TEST_KDF_POLICY };
    expect(await codeOf(openKeySlots(slots, { passphrase: PASS }, p))).toBe('wrong-passphrase');
    expect((await openKeySlots(slots, { passphrase: PASS2 }, p)).vaultId).toBe(vault.vaultId);
    vault.lock();
    expect(await codeOf(openVault({ passphrase: PASS2 }, opts))).toBe('ok');
  });

  it('gives the portable copy the new recovery slot, so new backups refuse the old recovery key', async () => {
    const opts = options(SECRET_A);
    const { vault, recoveryKey } = await createVault(PASS, opts);
    opened.push(vault);
    const fresh = await vault.replaceRecoveryKey(PASS);
    const slots = await vault.exportKeySlots();
    const p = { kdfPolicy: FAST_TEST_KDF_POLICY };
    expect(await codeOf(openKeySlots(slots, { recoveryKey }, p))).toBe('wrong-recovery-key');
    expect((await openKeySlots(slots, { recoveryKey: fresh }, p)).vaultId).toBe(vault.vaultId);
    expect((await openKeySlots(slots, { passphrase: PASS }, p)).vaultId).toBe(vault.vaultId);
  });

  it('gives the portable copy the rotated master key, so new backups open with the passphrase', async () => {
    const opts = options(SECRET_A);
    const { vault, recoveryKey } = await createVault(PASS, opts);
    opened.push(vault);
    const oldId = vault.vaultId;
    const fresh = await vault.rotateMasterKey(PASS, { reblind: () => [] });
    const slots = await vault.exportKeySlots();
    const p = { kdfPolicy: FAST_TEST_KDF_POLICY };
    const byPassphrase = await openKeySlots(slots, { passphrase: PASS }, p);
    expect(byPassphrase.vaultId).toBe(vault.vaultId);
    expect(byPassphrase.vaultId).not.toBe(oldId);
    expect((await openKeySlots(slots, { recoveryKey: fresh }, p)).vaultId).toBe(vault.vaultId);
    expect(await codeOf(openKeySlots(slots, { recoveryKey }, p))).toBe('wrong-recovery-key');
    vault.lock();
    expect(await codeOf(openVault({ passphrase: PASS }, opts))).toBe('ok');
  });

  it('opens with the recovery key under another secret, and a new passphrase binds it there', async () => {
    const opts = options(SECRET_A);
    const { vault, recoveryKey } = await createVault(PASS, opts);
    vault.lock();
    const moved = { ...opts, binding: SECRET_B };
    const reset = await resetPassphraseWithRecoveryKey(recoveryKey, PASS2, moved);
    reset.lock();
    expect(await codeOf(openVault({ passphrase: PASS2 }, moved))).toBe('ok');
    expect(await codeOf(openVault({ passphrase: PASS2 }, opts))).toBe('bound-elsewhere');
  });

  it('leaves a vault made without a secret unbound, and binds it at its next passphrase change', async () => {
    const plain = options();
    const { vault } = await createVault(PASS, plain);
    vault.lock();
    const withSecret = { ...plain, binding: SECRET_A };
    const opened1 = await openVault({ passphrase: PASS }, withSecret);
    await opened1.changePassphrase(PASS, PASS2);
    opened1.lock();
    expect(await codeOf(openVault({ passphrase: PASS2 }, withSecret))).toBe('ok');
    expect(await codeOf(openVault({ passphrase: PASS2 }, plain))).toBe('bound-elsewhere');
  });

  it('reads only a well-formed secret', () => {
    expect(() => bindingSecretFromHex('xyz')).toThrow();
    expect(bindingSecretFromHex('00'.repeat(31) + 'ff')[31]).toBe(255);
  });
});
