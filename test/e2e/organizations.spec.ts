import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * Axe over the screen without the toasts: the shared error toast's colours are reported on their
 * own (they are not part of these screens), so close any toast first.
 */
async function screenViolations(page: Page) {
  const close = page.locator('[data-sonner-toast] button[data-close-button]');
  for (const button of await close.all()) await button.dispatchEvent('click');
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached' });
  return axeViolations(page);
}

async function addContactPerson(page: Page, given: string, family: string, organization: string) {
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').selectOption({ label: 'Contact person' });
  await dialog.getByLabel('First name').fill(given);
  await dialog.getByLabel('Last name').fill(family);
  await dialog.getByLabel('Organization').selectOption({ label: organization });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
}

describe('organizations', () => {
  it('validates the Partita IVA, links people, and trashes with "unlink" in one undoable command', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    expect(await screenViolations(page)).toEqual([]);

    // A wrong check digit: the error shows beside the field, the typed text stays, nothing is saved.
    await page.getByRole('button', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Officine Adriatiche');
    await dialog.getByLabel('Legal form').fill('S.r.l.');
    const vat = dialog.getByLabel('VAT number (Partita IVA)');
    await vat.fill('063 633 910 02');
    await dialog.getByLabel('Phone').fill('+39 02 1234 5678');
    await dialog.getByLabel('City').fill('Forlì');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Not a valid VAT number').waitFor();
    expect(await vat.inputValue()).toBe('063 633 910 02');
    expect(await vat.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('No organizations yet').count()).toBe(1);
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-invalid-vat');

    await vat.fill('063 633 910 01');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Officine Adriatiche' }).waitFor();
    // Saved normalised: country prefix, no spaces; phone in E.164.
    await page.getByText('IT06363391001').waitFor();
    await page.getByText('+390212345678').waitFor();

    await addContactPerson(page, 'Niccolò', 'Ferraris', 'Officine Adriatiche');
    await addContactPerson(page, 'Giulia', 'Bassi', 'Officine Adriatiche');

    await page.getByRole('link', { name: 'Organizations' }).click();
    const row = page.getByRole('row', { name: /Officine Adriatiche/ });
    await row.waitFor();
    expect(await row.getByRole('cell').last().textContent()).toBe('2');
    await page.getByRole('searchbox', { name: 'Filter' }).fill('forli');
    await row.waitFor();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('nothing like it');
    await page.getByText('0 records').waitFor();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await screenshot(page, 'organizations-list');
    await row.click();

    const people = page.getByRole('region', { name: 'People' });
    await people.getByRole('link', { name: 'Niccolò Ferraris' }).waitFor();
    await people.getByRole('link', { name: 'Giulia Bassi' }).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-detail');

    // Trash: the linked people make it ask; "unlink" keeps them and removes the links.
    await page.getByRole('button', { name: 'Move to trash' }).click();
    const ask = page.getByRole('dialog', { name: /Move “Officine Adriatiche” to the trash/ });
    await ask.getByText('2 people are linked').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-trash-choice');
    await ask.getByRole('button', { name: 'Unlink them (the people stay)' }).click();
    await page.getByText('In the trash', { exact: true }).waitFor();
    await page.getByText('Nobody is linked to this organization yet.').waitFor();

    await page.getByRole('link', { name: 'Contacts' }).click();
    const niccolo = page.getByRole('row', { name: /Niccolò Ferraris/ });
    await niccolo.waitFor();
    expect(await niccolo.textContent()).not.toContain('Officine Adriatiche');

    // One undo brings back the organization and both links.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone.').waitFor();
    await expect.poll(() => niccolo.textContent()).toContain('Officine Adriatiche');
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('row', { name: /Officine Adriatiche/ }).click();
    await page.getByRole('region', { name: 'People' }).getByRole('link', { name: 'Giulia Bassi' }).waitFor();
    expect(await page.getByText('In the trash', { exact: true }).count()).toBe(0);
    expect(app.problems).toEqual([]);
  });

  it('warns before creating a second organization with the same VAT number', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    for (const name of ['Primo Srl', 'Secondo Srl']) {
      await page.getByRole('link', { name: 'Organizzazioni' }).click();
      await page.getByRole('button', { name: 'Nuova organizzazione' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Ragione sociale').fill(name);
      await dialog.getByLabel('Partita IVA').fill('06363391001');
      await dialog.getByRole('button', { name: 'Salva' }).click();
      if (name === 'Primo Srl') await page.getByRole('heading', { level: 1, name }).waitFor();
    }
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('alert').getByText('Primo Srl').waitFor();
    await screenshot(page, 'organizations-duplicate-it');
    await dialog.getByRole('button', { name: 'Crea comunque' }).click();
    await page.getByRole('heading', { level: 1, name: 'Secondo Srl' }).waitFor();
  });
});
