import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createVaultThroughUi,
  lockNow,
  screenshot,
  startApp,
  testPassphrase,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function addPerson(
  app: AppSession,
  given: string,
  family: string,
  extra: { email?: string; notes?: string } = {},
) {
  const { page } = app;
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(given);
  await dialog.getByLabel('Last name').fill(family);
  if (extra.email) await dialog.getByLabel('Email').fill(extra.email);
  if (extra.notes) await dialog.getByLabel('Notes').fill(extra.notes);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

describe('the encrypted vault in the browser', () => {
  it('creates a vault with a recovery kit, keeps a record across reload, and tells a wrong passphrase', async () => {
    app = await startApp();
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to Scrigno' }).waitFor();
    await screenshot(page, 'vault-welcome');
    // Too weak and mismatched passphrases are refused with a message, nothing created.
    const inputs = page.locator('form input[type="password"]');
    await inputs.nth(0).fill('password1');
    await inputs.nth(1).fill('password1');
    await page.getByRole('button', { name: 'Create my encrypted vault' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('too easy to guess');
    await inputs.nth(0).fill(testPassphrase);
    await inputs.nth(1).fill(testPassphrase + 'x');
    await page.getByRole('button', { name: 'Create my encrypted vault' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('different');
    await inputs.nth(1).fill(testPassphrase);
    await page.getByRole('button', { name: 'Create my encrypted vault' }).click();
    const key = page.getByTestId('recovery-key');
    await key.waitFor({ timeout: 60_000 });
    expect((await key.textContent())!.trim()).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5})+$/);
    await screenshot(page, 'vault-recovery-kit');
    const open = page.getByRole('button', { name: 'Open Scrigno' });
    expect(await open.isDisabled()).toBe(true);
    await page.getByLabel('I have stored my recovery key in a safe place').check();
    await open.click();

    await addPerson(app, 'Niccolò', 'Ferraris', { email: 'niccolo.ferraris@example.it' });
    await page.reload();
    await page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    await page.locator('input[type="password"]').fill('not my passphrase at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Wrong passphrase');
    await screenshot(page, 'vault-wrong-passphrase');
    await unlockThroughUi(page);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('row', { name: /Niccolò Ferraris/ }).waitFor();
    expect(app.problems).toEqual([]);
  });

  it('locks itself after the idle timeout and unlocks with the recovery key, setting a new passphrase', async () => {
    app = await startApp({ fakeClock: true });
    const { page } = app;
    const recoveryKey = await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Lock automatically after').selectOption('1');
    await page.clock.fastForward('00:50');
    expect(await page.getByRole('navigation').count()).toBe(1);
    await page.clock.fastForward('00:15');
    await page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    expect(await page.getByText('without activity').textContent()).toContain('after 1 minute without');
    await screenshot(page, 'vault-idle-locked');

    await page.getByRole('button', { name: /use the recovery key/ }).click();
    await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
    const newPassphrase = 'Tre civette sul comò facevano amore 9';
    const fields = page.locator('form input[type="password"]');
    await fields.nth(0).fill(newPassphrase);
    await fields.nth(1).fill(newPassphrase);
    await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
    await page.getByRole('navigation').waitFor({ timeout: 60_000 });

    await lockNow(app);
    await page.locator('input[type="password"]').fill(testPassphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Wrong passphrase');
    await unlockThroughUi(page, newPassphrase);
  });

  it('locks when the host reports suspend or screen lock', async () => {
    app = await startApp();
    await createVaultThroughUi(app.page);
    app.host.emit('system:lock', { reason: 'screen-lock' });
    await app.page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    expect(await app.page.getByText('screen was locked').count()).toBe(1);
  });

  it('changes the passphrase in Settings: the old one stops working, the new one opens', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    const changed = 'Cinque lanterne rosse sul ponte vecchio 11';
    const form = page.locator('form.subform').first();
    await form.getByLabel('Current passphrase').fill(testPassphrase);
    await form.locator('input[type="password"]').nth(1).fill(changed);
    await form.locator('input[type="password"]').nth(2).fill(changed);
    await form.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText('Passphrase changed').waitFor({ timeout: 60_000 });
    await lockNow(app);
    await page.locator('input[type="password"]').fill(testPassphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Wrong passphrase');
    await unlockThroughUi(page, changed);
  });

  it('keeps the passphrase away from password managers unless the user allows them', async () => {
    app = await startApp();
    const { page } = app;
    const field = () => page.locator('input[type="password"]').first();
    expect(await field().getAttribute('autocomplete')).toBe('off');
    expect(await field().getAttribute('data-1p-ignore')).toBe('true');
    expect(await field().getAttribute('data-lpignore')).toBe('true');
    await createVaultThroughUi(page);
    await lockNow(app);
    expect(await field().getAttribute('autocomplete')).toBe('off');
    await unlockThroughUi(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Let password managers save and fill the passphrase').check();
    await lockNow(app);
    expect(await field().getAttribute('autocomplete')).toBe('current-password');
    expect(await field().getAttribute('data-1p-ignore')).toBeNull();
    await unlockThroughUi(page);
  });

  it('leaves no plaintext of personal data on disk: browser profile, server data, backups, archive export', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-canary-'));
    try {
      app = await startApp({ pickFolder: async () => folder });
      await createVaultThroughUi(app.page);
      const canary = 'Qzxvcanary' + Math.random().toString(36).slice(2, 10);
      await addPerson(app, canary, 'Walkowski', {
        email: `${canary.toLowerCase()}@example.org`,
        notes: `note ${canary}`,
      });
      // The canary was saved: after a restart and an unlock, it is there.
      app = await app.restart();
      await unlockThroughUi(app.page);
      await app.page.getByRole('link', { name: 'Contacts' }).click();
      await app.page.getByRole('row', { name: new RegExp(`${canary} Walkowski`) }).waitFor();
      const { page } = app;
      // A backup and an encrypted archive export of it, into the chosen folder.
      await page.getByRole('link', { name: 'Backups' }).click();
      await page.getByRole('button', { name: 'Choose folder…' }).click();
      await page.getByText(/Backups go to the folder/).waitFor();
      await page.getByRole('button', { name: 'Back up now' }).click();
      await page.getByText(/Backup written and verified/).waitFor({ timeout: 60_000 });
      await page.getByRole('link', { name: 'Contacts' }).click();
      await page.getByRole('link', { name: 'Import / export' }).click();
      await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase);
      await page.getByLabel('Repeat the passphrase').fill(testPassphrase);
      await page.getByRole('button', { name: 'Export archive' }).click();
      await page.getByText(/^Saved scrigno-archive-/).waitFor({ timeout: 60_000 });
      // Close the browser and the server so everything is flushed, then scan every file they left.
      const { profileDir, dataDir, host } = app;
      await app.context.close();
      await host.close();
      const needles = [
        Buffer.from(canary, 'utf8'),
        Buffer.from(canary, 'utf16le'),
        Buffer.from(canary.toLowerCase(), 'utf8'),
      ];
      // A zip is read entry by entry: deflate would hide plaintext from a byte scan.
      const readable = (bytes: Uint8Array): Uint8Array[] => {
        if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return [bytes];
        try {
          return [bytes, ...Object.values(unzipSync(bytes))];
        } catch {
          return [bytes];
        }
      };
      const scan = async (dir: string) => {
        const hits: string[] = [];
        let scanned = 0;
        for await (const file of filesUnder(dir)) {
          scanned++;
          const parts = readable(readFileSync(file)).map((b) => Buffer.from(b));
          if (parts.some((b) => needles.some((n) => b.includes(n)))) hits.push(path.relative(dir, file));
        }
        return { scanned, hits };
      };
      const profile = await scan(profileDir);
      expect(profile.scanned).toBeGreaterThan(10);
      expect(profile.hits).toEqual([]);
      expect(await scan(dataDir)).toMatchObject({ hits: [] });
      const files = await readdir(folder);
      expect(files.some((f) => f.endsWith('.scrigno-backup'))).toBe(true);
      expect(files.some((f) => f.endsWith('.keyledger'))).toBe(true);
      expect(files.some((f) => f.startsWith('scrigno-archive-'))).toBe(true);
      expect(await scan(folder)).toMatchObject({ hits: [] });
      // Closed already: make afterEach's close a no-op on the browser side.
      app = { ...app, close: async () => undefined };
      await rm(profileDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
