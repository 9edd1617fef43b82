import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  createVaultThroughUi,
  screenshot,
  startApp,
  testPassphrase,
  type AppSession,
} from './harness';

let app: AppSession | undefined;
let folder: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function addPerson(app: AppSession, given: string, family: string) {
  const { page } = app;
  await page.keyboard.press('Control+Shift+N');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(given);
  await dialog.getByLabel('Last name').fill(family);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
}

async function backUpNow(app: AppSession) {
  const { page } = app;
  await page.getByRole('link', { name: 'Backups' }).click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.getByText(/Backup written and verified/).waitFor({ timeout: 60_000 });
}

describe('encrypted backups', () => {
  it('backs up when the app is about to quit, if something changed', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-backups-'));
    const chosen = folder;
    app = await startApp({ pickFolder: async () => chosen });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByText(/Backups go to the folder/).waitFor();
    expect(await page.getByLabel(/Also back up when the desktop app quits/).isChecked()).toBe(true);
    await addPerson(app, 'Bruno', 'Fontana');
    app.host.emit('app:before-quit', {});
    const backups = async () => (await readdir(chosen)).filter((f) => f.endsWith('.scrigno-backup')).length;
    await expect.poll(backups, { timeout: 60_000 }).toBe(1);
  });

  it('backs up to the chosen folder, restores after a change, and opens on a fresh machine', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-backups-'));
    const chosen = folder;
    app = await startApp({ pickFolder: async () => chosen });
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(app, 'Chiara', 'Esposito');
    await page.getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByText(/Backups go to the folder/).waitFor();
    await backUpNow(app);
    const files = await readdir(chosen);
    expect(files.filter((f) => f.endsWith('.scrigno-backup'))).toHaveLength(1);
    expect(files.some((f) => f.endsWith('.keyledger'))).toBe(true);
    // Names carry no personal data.
    expect(files.join(' ')).not.toMatch(/chiara|esposito/i);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Verified now ✓').waitFor();
    await screenshot(page, 'backups-page');
    expect(await axeViolations(page)).toEqual([]);

    // A change after the backup, then restore: the change is gone, the original is back.
    await addPerson(app, 'Temporaneo', 'Dopo');
    await page.getByRole('link', { name: 'Backups' }).click();
    await page
      .getByRole('row', { name: /Verified when written/ })
      .getByRole('button', { name: 'Restore…' })
      .last()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('1 person').waitFor();
    await screenshot(page, 'backups-restore-preview');
    await dialog.getByRole('button', { name: 'Make a safety backup, then restore' }).click();
    await page.getByText('Backup restored.').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('row', { name: /Chiara Esposito/ }).waitFor();
    expect(await page.getByRole('row', { name: /Temporaneo/ }).count()).toBe(0);
    // The safety backup of the state before the restore is there too.
    expect(
      (await readdir(chosen)).filter((f) => f.endsWith('.scrigno-backup')).length,
    ).toBeGreaterThanOrEqual(2);
    await app.close();

    // A fresh machine: new profile, same folder, only the passphrase.
    app = await startApp({ pickFolder: async () => chosen });
    const fresh = app.page;
    await fresh.getByRole('button', { name: /Restore from a backup/ }).click();
    await fresh.getByRole('button', { name: 'Choose the backup folder…' }).click();
    // The newest is the safety backup made before the restore; take the original, older one.
    await fresh.getByLabel('Backup to restore').selectOption({ index: 1 });
    await fresh.getByLabel('Passphrase of the backup').fill('wrong passphrase entirely');
    await fresh.getByRole('button', { name: 'Open the backup' }).click();
    await expect
      .poll(() => fresh.getByRole('alert').textContent(), { timeout: 60_000 })
      .toContain('Wrong passphrase');
    await fresh.getByLabel('Passphrase of the backup').fill(testPassphrase);
    await fresh.getByRole('button', { name: 'Open the backup' }).click();
    await fresh.getByTestId('restore-counts').waitFor({ timeout: 60_000 });
    expect(await fresh.getByTestId('restore-counts').textContent()).toContain('1 person');
    await screenshot(fresh, 'backups-fresh-restore');
    await fresh.getByRole('button', { name: 'Restore into a new vault' }).click();
    await fresh.getByTestId('recovery-key').waitFor({ timeout: 60_000 });
    await fresh.getByRole('checkbox').check();
    await fresh.getByRole('button', { name: 'Open Scrigno' }).click();
    await fresh.getByRole('link', { name: 'Contacts' }).click();
    await fresh.getByRole('row', { name: /Chiara Esposito/ }).waitFor();
  });

  it('tells the user when the folder is missing and keeps the earlier data intact', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-backups-'));
    const chosen = path.join(folder, 'usb');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(chosen);
    app = await startApp({ pickFolder: async () => chosen });
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(app, 'Elena', 'Greco');
    await page.getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByText(/Backups go to the folder/).waitFor();
    await rm(chosen, { recursive: true });
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    await screenshot(page, 'backups-folder-missing');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('row', { name: /Elena Greco/ }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'cannot be reached' }).count()).toBe(1);
  });
});
