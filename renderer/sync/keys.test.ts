import { describe, expect, it } from 'vitest';
import { createVault } from '../vault';
import { FAST_TEST_KDF_POLICY } from '../vault/test-support';
import { openRecord, sealRecord } from './envelope';
import { createSpaceKey, openSpaceKey, sealSpaceKey } from './keys';

const vault = async (name: string) =>
  (
    await createVault('Lanterna-verde sul molo 42 stanotte', {
      dbName: `sync-keys-${name}-${Date.now()}`,
      kdfPolicy: FAST_TEST_KDF_POLICY,
    })
  ).vault;

describe('the space key at rest', () => {
  it('is stored sealed under the vault, opens there only, for that space only', async () => {
    const here = await vault('here');
    const elsewhere = await vault('elsewhere');
    const { key, raw } = await createSpaceKey('space-1');
    const sealed = await sealSpaceKey(here, raw.slice(), 'space-1');
    expect(Buffer.from(sealed).includes(Buffer.from(raw))).toBe(false);
    const reopened = await openSpaceKey(here, sealed, 'space-1');
    // The same key: what one seals the other opens.
    const record = { table: 'tags', id: 't1', schemaVersion: 1, data: { name: 'VIP' } };
    const { locator, envelope } = await sealRecord({ id: 'space-1', key }, record);
    expect(await openRecord({ id: 'space-1', key: reopened }, locator, envelope, () => undefined)).toEqual(
      record,
    );
    await expect(openSpaceKey(elsewhere, sealed, 'space-1')).rejects.toThrow('does not open');
    await expect(openSpaceKey(here, sealed, 'space-2')).rejects.toThrow('does not open');
    here.lock();
    elsewhere.lock();
  });
});
