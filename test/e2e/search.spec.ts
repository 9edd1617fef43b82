import { afterEach, describe, expect, it } from 'vitest';
import {
  addPerson as addPersonWith,
  axeViolations,
  createVaultThroughUi,
  screenshot,
  startApp,
  type AppSession,
} from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function addPerson(app: AppSession, given: string, family: string, email: string) {
  const { page } = app;
  await page.keyboard.press('Control+Shift+N');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(given);
  await dialog.getByLabel('Last name').fill(family);
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
}

describe('global search (Ctrl+K)', () => {
  it('finds people with or without accents, by prefix and with a typo, and opens on Enter', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(app, 'Niccolò', 'Ferraris', 'nf@example.it');
    await addPerson(app, 'Giulia', 'Bianchi', 'giulia.b@example.it');
    await page.getByRole('link', { name: 'Overview' }).click();

    const palette = page.getByRole('dialog');
    const input = palette.locator('input');
    const options = () => palette.getByRole('option').allTextContents();
    await page.keyboard.press('Control+k');
    for (const query of ['niccolo', 'NICCOLÒ', 'ferr', 'ferarris']) {
      await input.fill(query);
      await expect
        .poll(options, { message: query })
        .toContainEqual(expect.stringContaining('Niccolò Ferraris'));
      expect(await options()).not.toContainEqual(expect.stringContaining('Giulia Bianchi'));
    }
    await input.fill('giulia.b@');
    await expect.poll(options).toContainEqual(expect.stringContaining('Giulia Bianchi'));
    expect(await palette.textContent()).toContain('People (1)');
    await screenshot(page, 'search-palette');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Giulia Bianchi' }).waitFor();

    await page.keyboard.press('Control+k');
    await input.fill('zzzzzz');
    await expect.poll(() => palette.textContent()).toContain('Nothing found.');
  });

  it('finds a person by their phone number typed with spaces, with or without the country code', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addPersonWith(page, 'Mario', 'Bianchi', { phone: '+39 347 123 4567' });
    await addPersonWith(page, 'Anna', 'Neri', { phone: '+39 347 765 4321' });
    await page.getByRole('link', { name: 'Overview' }).click();

    const palette = page.getByRole('dialog');
    const input = palette.locator('input');
    const options = () => palette.getByRole('option').allTextContents();
    await page.keyboard.press('Control+k');
    for (const query of ['347 123 4567', '+39 347 123 4567']) {
      await input.fill(query);
      await expect.poll(options, { message: query }).toContainEqual(expect.stringContaining('Mario Bianchi'));
      expect(await options(), query).not.toContainEqual(expect.stringContaining('Anna Neri'));
      expect(await palette.textContent(), query).toContain('People (1)');
    }
    await screenshot(page, 'search-palette-phone');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mario Bianchi' }).waitFor();
  });
});
