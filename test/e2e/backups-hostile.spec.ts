// A backup folder with planted files, in the real app in Chromium, in both languages: the Backups
// page lists only the genuine backups and explains the set-aside files; the new-machine restore
// screen preselects the newest genuine backup, never a planted one.
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

let app: AppSession | undefined;
let folder: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

const words = {
  en: {
    locale: 'en-GB',
    backups: /^Backups$/,
    choose: 'Choose folder…',
    now: 'Back up now',
    done: /Backup written and verified/,
    restoreStart: /Restore from a backup/,
    chooseBackupFolder: 'Choose the backup folder…',
    pick: 'Backup to restore',
    renamed: /does not match what is inside/,
  },
  it: {
    locale: 'it-IT',
    backups: /^Backup$/,
    choose: 'Scegli cartella…',
    now: 'Esegui backup ora',
    done: /Backup scritto e verificato/,
    restoreStart: /Ripristina da un backup/,
    chooseBackupFolder: 'Scegli la cartella dei backup…',
    pick: 'Backup da ripristinare',
    renamed: /non corrisponde al contenuto/,
  },
} as const;

const backupFiles = async (dir: string) =>
  (await readdir(dir)).filter((f) => f.endsWith('.scrigno-backup')).sort();

describe.each(Object.entries(words))('a planted backup folder (%s)', (lang, w) => {
  it('is explained on the Backups page and never preselected for restore', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-hostile-'));
    const chosen = folder;
    app = await startApp({ pickFolder: async () => chosen, locale: w.locale });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: w.backups }).click();
    await page.getByRole('button', { name: w.choose }).click();
    const backUp = async (expected: number) => {
      await page.getByRole('button', { name: w.now }).click();
      await expect.poll(async () => (await backupFiles(chosen)).length, { timeout: 60_000 }).toBe(expected);
      await page.getByText(w.done).last().waitFor({ timeout: 60_000 });
    };
    await backUp(1);
    const [first] = await backupFiles(chosen);
    // Two renamed copies of it, named as if made in 2099.
    const planted = [0, 1].map((i) => first!.replace(/-\d{8}T\d{6}Z\./, `-20991231T23595${i}Z.`));
    for (const name of planted) await copyFile(path.join(chosen, first!), path.join(chosen, name));
    await backUp(4);
    const all = await backupFiles(chosen);
    expect(all).toHaveLength(4);
    const genuine = all.filter((n) => !planted.includes(n));
    const quarantine = page.getByTestId('quarantine');
    await expect.poll(() => quarantine.getByRole('listitem').count(), { timeout: 30_000 }).toBe(2);
    expect(await quarantine.textContent()).toMatch(w.renamed);
    await expect.poll(() => page.locator('.backups-list tbody tr').count()).toBe(2);
    await quarantine.scrollIntoViewIfNeeded();
    await screenshot(page, `backups-quarantine-${lang}`);
    await app.close();

    // A new computer: the newest genuine backup is preselected, the planted ones are set aside.
    app = await startApp({ pickFolder: async () => chosen, locale: w.locale });
    const fresh = app.page;
    await fresh.getByRole('button', { name: w.restoreStart }).click();
    await fresh.getByRole('button', { name: w.chooseBackupFolder }).click();
    const select = fresh.getByLabel(w.pick);
    await select.waitFor();
    const newest = genuine.sort((a, b) => (a.split('-')[2]! < b.split('-')[2]! ? 1 : -1))[0]!;
    expect(await select.inputValue()).toBe(newest);
    const options = await select
      .locator('option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options.sort()).toEqual([...genuine].sort());
    await fresh.getByTestId('quarantine').waitFor();
    expect(await fresh.getByTestId('quarantine').getByRole('listitem').count()).toBe(2);
    await screenshot(fresh, `backups-fresh-quarantine-${lang}`);
  });
});
