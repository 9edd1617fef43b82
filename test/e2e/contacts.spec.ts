import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function openNewPerson(app: AppSession) {
  await app.page.getByRole('link', { name: 'Contacts' }).click();
  await app.page.getByRole('button', { name: 'New person' }).click();
  return app.page.getByRole('dialog');
}

describe('people', () => {
  it('shows invalid input inline, keeps what was typed, and saves nothing half', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    const dialog = await openNewPerson(app);
    await dialog.getByLabel('First name').fill('Anna');
    await dialog.getByLabel('Email').fill('anna@@example');
    await dialog.getByLabel('Phone').fill('12');
    await dialog.getByLabel('Birthday').fill('2023-02-28');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Not a valid email address.').waitFor();
    await dialog.getByText(/Not a valid phone number/).waitFor();
    expect(await dialog.getByLabel('Email').inputValue()).toBe('anna@@example');
    expect(await dialog.getByLabel('Phone').inputValue()).toBe('12');
    await screenshot(page, 'contacts-invalid');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByText('No contacts yet.').count()).toBe(1);

    const again = await openNewPerson(app);
    await again.getByLabel('First name').fill('Anna');
    await again.getByLabel('Last name').fill('Conti');
    await again.getByLabel('Email').fill('anna.conti@example.it');
    await again.getByLabel('Phone').fill('0039 347 123 4567');
    await again.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anna Conti' }).waitFor();
    // Stored as E.164, shown formatted for people, and a call link.
    const call = page.getByRole('link', { name: 'Call +39 347 123 4567' });
    await call.waitFor();
    expect(await call.textContent()).toBe('+39 347 123 4567');
    expect(await call.getAttribute('href')).toBe('tel:+393471234567');
  });

  it('edits with history, trashes and restores with undo', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    const dialog = await openNewPerson(app);
    await dialog.getByLabel('First name').fill('Marco');
    await dialog.getByLabel('Last name').fill('Galli');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Marco Galli' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('dialog').getByLabel('Last name').fill('Gallo');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Marco Gallo' }).waitFor();
    await page.getByText('Last name: Galli → Gallo').waitFor();
    await screenshot(page, 'contacts-detail-history');

    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('In the trash', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByText('In the trash', { exact: true }).count()).toBe(0);
  });

  it('records how a person prefers to be contacted, shown and kept in history in Italian', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('button', { name: 'Nuova persona' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nome', { exact: true }).fill('Lucia');
    await dialog.getByLabel('Cognome').fill('Neri');
    expect(await dialog.getByLabel('Canale preferito').inputValue()).toBe('any');
    await dialog.getByLabel('Canale preferito').selectOption({ label: 'Telefono' });
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lucia Neri' }).waitFor();
    const shown = page
      .locator('dt', { hasText: 'Canale preferito' })
      .locator('xpath=following-sibling::dd[1]');
    expect(await shown.textContent()).toBe('Telefono');

    await page.getByRole('button', { name: 'Modifica' }).click();
    dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Canale preferito').inputValue()).toBe('phone');
    await dialog.getByLabel('Canale preferito').selectOption({ label: 'Posta' });
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Canale preferito: Telefono → Posta').waitFor();
    expect(await shown.textContent()).toBe('Posta');
    await screenshot(page, 'contacts-preferred-channel-it');
  });

  it('finds a duplicate, merges it keeping both emails, and undoes the merge', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    let dialog = await openNewPerson(app);
    await dialog.getByLabel('First name').fill('Niccolò');
    await dialog.getByLabel('Last name').fill('Rossi');
    await dialog.getByLabel('Email').fill('niccolo@example.it');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Niccolò Rossi' }).waitFor();

    // Same email: warned on create, created anyway.
    dialog = await openNewPerson(app);
    await dialog.getByLabel('First name').fill('Nicco');
    await dialog.getByLabel('Last name').fill('Rossi');
    await dialog.getByLabel('Email').fill('NICCOLO@example.it');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/already exists: Niccolò Rossi/).waitFor();
    await dialog.getByRole('button', { name: 'Create anyway' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nicco Rossi' }).waitFor();

    // A third, with the same name as the first and another email.
    dialog = await openNewPerson(app);
    await dialog.getByLabel('First name').fill('niccolo');
    await dialog.getByLabel('Last name').fill('ROSSI');
    await dialog.getByLabel('Email').fill('n.rossi@studio.it');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'niccolo ROSSI' }).waitFor();

    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'Find duplicates' }).click();
    await page.getByRole('button', { name: /^Merge/ }).click();
    const merge = page.getByRole('dialog');
    await merge.getByLabel(/^Niccolò Rossi/).check();
    await screenshot(page, 'contacts-merge');
    expect(await axeViolations(page)).toEqual([]);
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Niccolò Rossi' }).waitFor();
    await page.getByText('niccolo@example.it').waitFor();
    await page.getByRole('link', { name: 'Contacts' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(1 + 2);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(1 + 3);
  });
});

describe('people list tools', () => {
  it('selects rows, tags them in bulk, chooses columns, saves a view, and trashes in bulk with undo', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    for (const [given, family] of [
      ['Luca', 'Moretti'],
      ['Sara', 'Ricci'],
      ['Paolo', 'Bruno'],
    ]) {
      const dialog = await openNewPerson(app);
      await dialog.getByLabel('First name').fill(given!);
      await dialog.getByLabel('Last name').fill(family!);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
    }
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByLabel('Select Luca Moretti').check();
    await page.getByLabel('Select Sara Ricci').check();
    await page.getByText('2 selected').waitFor();
    await page.getByLabel('Tag name').fill('Fiera Milano');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Tag “Fiera Milano” added to 2 records.').waitFor();

    await page.getByText('Columns').click();
    await page.getByRole('checkbox', { name: 'Tags' }).check();
    await page.getByRole('row', { name: /Luca Moretti.*Fiera Milano/ }).waitFor();
    await page.getByText('Columns').click();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('dialog').getByLabel('Name of this view').fill('With tags');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText('View “With tags” saved.').waitFor();
    await screenshot(page, 'contacts-list-tools');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Move to trash' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(1 + 1);
    await page.getByLabel('Show trash').check();
    await expect.poll(() => page.getByRole('row').count()).toBe(1 + 2);
    await page.getByLabel('Show trash').uncheck();
    // The undo of the bulk-trash toast reverses exactly that command.
    await page
      .locator('[data-sonner-toast]', { hasText: 'moved to the trash' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect.poll(() => page.getByRole('row').count()).toBe(1 + 3);
  });
});
