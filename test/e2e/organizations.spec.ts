import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  createVaultThroughUi,
  exportSelection,
  screenshot,
  screenViolations,
  startApp,
  type AppSession,
} from './harness';

let app: AppSession | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * Axe over the screen without the toasts: the shared error toast's colours are reported on their
 * own (they are not part of these screens), so close any toast first.
 */

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

async function addOrganization(page: Page, name: string, city: string) {
  await page.getByRole('link', { name: 'Organizations' }).click();
  await page.getByRole('button', { name: 'New organization' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('City').fill(city);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
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
    // Saved normalised: country prefix, no spaces; the phone (stored in E.164) shown for people.
    await page.getByText('IT06363391001').waitFor();
    await page
      .locator('dd')
      .filter({ hasText: /^\+39 02 1234 5678$/ })
      .waitFor();

    await addContactPerson(page, 'Niccolò', 'Ferraris', 'Officine Adriatiche');
    await addContactPerson(page, 'Giulia', 'Bassi', 'Officine Adriatiche');

    await page.getByRole('link', { name: 'Organizations' }).click();
    const row = page
      .getByRole('table', { name: 'Organizations' })
      .getByRole('row', { name: /Officine Adriatiche/ });
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
    // Wait for the list itself: the contacts rows also mention the organization.
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await page
      .getByRole('table', { name: 'Organizations' })
      .getByRole('row', { name: /Officine Adriatiche/ })
      .click();
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

  it('tags, exports and trashes a selection, and keeps a saved view with its columns and trash', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-lists-'));
    const folder = dir;
    app = await startApp({ pickFolder: async () => folder });
    const { page } = app;
    await createVaultThroughUi(page);
    await addOrganization(page, 'Alfa Meccanica', 'Bologna');
    await addOrganization(page, 'Beta Tessile', 'Prato');
    await addOrganization(page, 'Gamma Vetri', 'Murano');
    await addContactPerson(page, 'Niccolò', 'Ferraris', 'Alfa Meccanica');

    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('checkbox', { name: 'Select Alfa Meccanica' }).check();
    await page.getByRole('checkbox', { name: 'Select Beta Tessile' }).check();
    const bar = page.getByRole('region', { name: 'Selection' });
    await bar.getByText('2 selected').waitFor();

    // Bulk tag: one command, shown in the Tags column once it is chosen.
    await bar.getByRole('textbox', { name: 'Tag name' }).fill('Fornitori');
    await bar.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Tag “Fornitori” added to 2 records.').waitFor();
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Tags' }).check();
    await page.getByRole('columnheader', { name: 'Tags' }).waitFor();
    // Escape closes the column menu, which would cover the selection bar.
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByRole('row', { name: /Beta Tessile/ }).textContent())
      .toContain('Fornitori');
    expect(await page.getByRole('row', { name: /Gamma Vetri/ }).textContent()).not.toContain('Fornitori');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-bulk-bar');

    // Export of the selection: a CSV in the chosen folder, named without personal data.
    await exportSelection(page, folder, 'organizations', ['Alfa Meccanica', 'Beta Tessile'], 'Gamma Vetri');

    // Saved view: a filter and the chosen columns come back after changing them.
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('prato');
    await page.getByText('1 record', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save view' }).click();
    const naming = page.getByRole('dialog', { name: 'Save view' });
    await naming.getByLabel('Name of this view').fill('Toscana');
    await naming.getByRole('button', { name: 'Save' }).click();
    await page.getByText('View “Toscana” saved.').waitFor();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Tags' }).uncheck();
    await page.keyboard.press('Escape');
    await page.getByText('3 records').waitFor();
    await page.getByLabel('View').selectOption({ label: 'Toscana' });
    await page.getByText('1 record', { exact: true }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Filter' }).inputValue()).toBe('prato');
    await page.getByRole('columnheader', { name: 'Tags' }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');

    // Bulk trash: linked people stay, unlinked; the trash view lists the organizations.
    await page.getByRole('checkbox', { name: 'Select Alfa Meccanica' }).check();
    await page.getByRole('checkbox', { name: 'Select Gamma Vetri' }).check();
    await bar.getByRole('button', { name: 'Trash' }).click();
    await page.getByText('2 records moved to the trash.').waitFor();
    await page.getByText('1 record', { exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Show trash' }).check();
    await page.getByRole('row', { name: /Gamma Vetri/ }).waitFor();
    await page.getByRole('row', { name: /Alfa Meccanica/ }).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-trash-view');
    await page.getByRole('link', { name: 'Contacts' }).click();
    const niccolo = page.getByRole('row', { name: /Niccolò Ferraris/ });
    await niccolo.waitFor();
    expect(await niccolo.textContent()).not.toContain('Alfa Meccanica');
    expect(app.problems).toEqual([]);
  });

  it('merges two organizations: people move to the kept one, the other goes to the trash, one undo', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addOrganization(page, 'Rossi Impianti', 'Milano');
    await addOrganization(page, 'Idraulica Rossi', 'Monza');
    await addContactPerson(page, 'Giulia', 'Bassi', 'Idraulica Rossi');

    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('row', { name: /Rossi Impianti/ }).click();
    await page.getByRole('button', { name: 'Merge with…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge two organizations' });
    await dialog.getByLabel('Find the organization to merge with').fill('rossi');
    await dialog.getByRole('button', { name: /Idraulica Rossi/ }).click();
    await dialog.getByText('Where the two differ').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-merge');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('Merged into Rossi Impianti.').waitFor();
    const people = page.getByRole('region', { name: 'People' });
    await people.getByRole('link', { name: 'Giulia Bassi' }).waitFor();

    await page.getByRole('link', { name: '← Back' }).click();
    await page.getByText('1 record', { exact: true }).waitFor();
    await page.getByRole('checkbox', { name: 'Show trash' }).check();
    await page.getByRole('row', { name: /Idraulica Rossi/ }).waitFor();

    // One undo: both organizations live again, the person linked to the original one.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone.').waitFor();
    await page.getByRole('checkbox', { name: 'Show trash' }).uncheck();
    await page.getByText('2 records').waitFor();
    await page.getByRole('row', { name: /Idraulica Rossi/ }).click();
    await page.getByRole('region', { name: 'People' }).getByRole('link', { name: 'Giulia Bassi' }).waitFor();
    expect(app.problems).toEqual([]);
  });

  it('finds duplicate organizations by normalised name and merges a pair from the finder', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addOrganization(page, 'Officine Adriatiche S.r.l.', 'Forlì');
    await addOrganization(page, 'OFFICINE ADRIATICHE', 'Cesena');
    await addOrganization(page, 'Officine Tirreniche S.r.l.', 'Livorno');

    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('button', { name: 'Find duplicates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find duplicate organizations' }).waitFor();
    await page.getByText('1 group of likely duplicates').waitFor();
    const groups = page.getByRole('list', { name: 'Find duplicate organizations' });
    const group = groups.locator(':scope > li');
    expect(await group.count()).toBe(1);
    expect(await group.first().innerText()).toContain('Why: similar name');
    expect(await group.first().innerText()).not.toContain('Tirreniche');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'organizations-duplicates');

    // The merge dialog opens on the pair, no search needed.
    await group
      .getByRole('button', { name: /^Merge Officine Adriatiche S\.r\.l\. and OFFICINE ADRIATICHE/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Merge two organizations' });
    await dialog.getByText('Where the two differ').waitFor();
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('Merged into Officine Adriatiche S.r.l..').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Officine Adriatiche S.r.l.' }).waitFor();

    await page.goBack();
    await page.getByText(/No likely duplicates/).waitFor();
    expect(app.problems).toEqual([]);
  });
});
