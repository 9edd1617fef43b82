import { afterEach, describe, expect, it } from 'vitest';
import { createVaultThroughUi, screenshot, screenViolations, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('sole-trader organizations', () => {
  it('are marked as natural persons in the dialog, shown on their page and in their history (English)', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('button', { name: 'New organization' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Studio Rossi');
    const flag = dialog.getByLabel('Sole trader or self-employed professional (a natural person)');
    expect(await flag.isChecked()).toBe(false);
    await flag.check();
    await dialog.getByText('Its data is personal data').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'natural-person-dialog-en');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Studio Rossi' }).waitFor();
    await page.locator('.badge', { hasText: 'Natural person' }).waitFor();

    // Cleared again: the history says so in words, and the badge goes.
    await page.getByRole('button', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog');
    expect(
      await dialog.getByLabel('Sole trader or self-employed professional (a natural person)').isChecked(),
    ).toBe(true);
    await dialog.getByLabel('Sole trader or self-employed professional (a natural person)').uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Natural person (sole trader): yes → no').waitFor();
    expect(await page.locator('.badge', { hasText: 'Natural person' }).count()).toBe(0);
    expect(app.problems).toEqual([]);
  });

  it('speaks Italian', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Organizzazioni' }).click();
    await page.getByRole('button', { name: 'Nuova organizzazione' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ragione sociale', { exact: true }).fill('Studio Bianchi');
    await dialog.getByLabel('Ditta individuale o libero professionista (persona fisica)').check();
    await dialog.getByText('I suoi dati sono dati personali').waitFor();
    await screenshot(page, 'natural-person-dialog-it');
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('heading', { level: 1, name: 'Studio Bianchi' }).waitFor();
    await page.locator('.badge', { hasText: 'Persona fisica' }).waitFor();
    await screenshot(page, 'natural-person-page-it');
    expect(app.problems).toEqual([]);
  });
});
