import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultThroughUi, screenViolations, startApp, type AppSession } from './harness';
import { openPrivacy, shot } from './privacy-steps';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const csv = (rows: string[][]) =>
  Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

// Imports three people from a small CSV through the Import / export page.
async function importPeople(
  page: Page,
  labels: { contacts: string; transfer: string; check: string; commit: RegExp },
) {
  await page.locator('nav.sidebar').getByRole('link', { name: labels.contacts }).click();
  await page.getByRole('link', { name: labels.transfer }).click();
  await page.locator('#transfer-file').setInputFiles({
    name: 'clienti-rossi.csv',
    mimeType: 'text/csv',
    buffer: csv([
      ['Nome', 'Cognome', 'Email'],
      ['Niccolò', 'Ferraris', 'niccolo.ferraris@example.it'],
      ['Giulia', 'Bianchi', 'giulia@example.it'],
      ['Carla', 'Bassi', 'carla@example.it'],
    ]),
  });
  await page.getByRole('button', { name: labels.check }).click();
  await page.getByRole('button', { name: labels.commit }).click();
}

describe('privacy notices', () => {
  it('generates, prints and saves the notice; imported people wait in the Art. 14 queue until informed', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);

    await openPrivacy(page, 'Controller');
    await page.getByLabel('Name or business name').fill('Bottega Rossi di Maria Rossi');
    await page.getByLabel('Address').fill('Via Garibaldi 12, 40121 Bologna BO');
    await page.getByLabel('Email', { exact: true }).fill('info@bottegarossi.example');
    await page.getByRole('button', { name: 'Save the controller’s details' }).click();
    await page.getByText('Controller’s details saved.').waitFor();
    await openPrivacy(page, 'Purposes');
    await page.getByRole('button', { name: 'Accept the presets' }).click();
    await page.getByText('5 presets added.').waitFor();

    // The notice: every point of Art. 13, from the controller and the purposes.
    await openPrivacy(page, 'Notice');
    await page.getByRole('heading', { name: 'Information on the processing of personal data' }).waitFor();
    await page.getByText('Bottega Rossi di Maria Rossi – Via Garibaldi 12').waitFor();
    await page.getByText(/Garante per la protezione dei dati personali/).waitFor();
    await expect.poll(() => page.locator('.privacy-notice .register-activity').count()).toBe(12);
    expect(await screenViolations(page)).toEqual([]);
    // Art. 14 adds the categories of data and the source.
    await page.getByLabel('For whom').selectOption('indirect');
    await page.getByLabel('Source of the data (Art. 14(2)(f))').fill('the public business register');
    await page.getByText('The personal data were obtained from: the public business register.').waitFor();
    await expect.poll(() => page.locator('.privacy-notice .register-activity').count()).toBe(14);
    await page.getByLabel('For whom').selectOption('direct');

    // Print calls the browser's print; on paper only the notice is left.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.getByLabel('Language of the notice').isVisible()).toBe(false);
    expect(
      await page.getByRole('heading', { name: 'Information on the processing of personal data' }).isVisible(),
    ).toBe(true);
    await shot(page, 'privacy-notice-print-en', true);
    await page.emulateMedia({ media: 'screen' });

    // The notice in Italian, whatever the UI's language, saved as a version that consents quote.
    await page.getByLabel('Language of the notice').selectOption('it');
    await page.getByRole('heading', { name: 'Informativa sul trattamento dei dati personali' }).waitFor();
    await page.getByRole('button', { name: 'Save as a notice version' }).click();
    await page.locator('.field-error').first().waitFor();
    await page.getByLabel('Version label').fill('2026-12');
    await page.getByRole('button', { name: 'Save as a notice version' }).click();
    await page.getByText('Notice saved as version 2026-12.').waitFor();
    await openPrivacy(page, 'Purposes');
    await page
      .getByTestId('notice-list')
      .getByText(/Informativa sul trattamento dei dati personali · 2026-12 · IT/)
      .waitFor();

    // Three people imported: each owed an Art. 14 notice, with the format as the source.
    await importPeople(page, {
      contacts: 'Contacts',
      transfer: 'Import / export',
      check: 'Check the rows',
      commit: /^Import \(3\)$/,
    });
    await page.getByText('Imported: 3 new, 0 updated, 0 skipped, 0 refused.').waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    const count = page.getByTestId('overview-informing').locator('.privacy-count');
    await expect.poll(() => count.textContent()).toBe('3');
    await page.getByTestId('overview-informing').click();
    const queue = page.getByTestId('informing-list').locator('li');
    await expect.poll(() => queue.count()).toBe(3);
    expect(await queue.first().textContent()).toContain('import: csv');
    expect(await page.getByTestId('informing-list').textContent()).not.toContain('clienti-rossi');
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-informing-en');

    // Marked informed by letter: off the queue, and the overview's count drops.
    const giulia = queue.filter({ hasText: 'Giulia' });
    await giulia.getByLabel('How they were informed').selectOption('letter');
    await giulia.getByRole('button', { name: 'Mark as informed' }).click();
    await page.getByText('Marked as informed.').waitFor();
    await expect.poll(() => queue.count()).toBe(2);
    expect(await page.getByTestId('informing-list').textContent()).not.toContain('Giulia');
    await openPrivacy(page, 'Overview');
    await expect.poll(() => count.textContent()).toBe('2');
    await shot(page, 'privacy-overview-informing-en');

    // The person's page shows where the data came from and how the person was told.
    await page.getByTestId('overview-informing').click();
    await queue.filter({ hasText: 'Carla' }).getByRole('link', { name: 'Carla Bassi' }).click();
    await page
      .getByTestId('person-informing')
      .getByText(/import: csv · obtained on .* · inform by /)
      .waitFor();
    await page.getByTestId('person-informing').getByLabel('How they were informed').selectOption('phone');
    await page.getByTestId('person-informing').getByRole('button', { name: 'Mark as informed' }).click();
    await page
      .getByTestId('person-informing')
      .getByText(/informed on .* \(phone\)/)
      .waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-person-informing-en', true);
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('shows the notice and the Art. 14 queue in Italian', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await openPrivacy(page, 'Finalità');
    await page.getByRole('button', { name: 'Accetta le finalità predefinite' }).click();
    await page.getByText('5 finalità predefinite aggiunte.').waitFor();
    await openPrivacy(page, 'Informativa');
    await page.getByRole('heading', { name: 'Informativa sul trattamento dei dati personali' }).waitFor();
    await page.getByText('I dati del titolare non sono ancora stati inseriti.').waitFor();
    await page.getByText(/il diritto di revocare il consenso in qualsiasi momento/).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'privacy-notice-print-it', true);
    await page.emulateMedia({ media: 'screen' });

    await importPeople(page, {
      contacts: 'Contatti',
      transfer: 'Importa / esporta',
      check: 'Controlla le righe',
      commit: /^Importa \(3\)$/,
    });
    await page.getByText(/^Importati: 3 nuovi/).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await expect
      .poll(() => page.getByTestId('overview-informing').locator('.privacy-count').textContent())
      .toBe('3');
    await page.getByTestId('overview-informing').click();
    const queue = page.getByTestId('informing-list').locator('li');
    await expect.poll(() => queue.count()).toBe(3);
    await queue
      .first()
      .getByText(/da informare entro il/)
      .waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-informing-it');
    await queue.first().getByLabel('Come è stata informata').selectOption('in-person');
    await queue.first().getByRole('button', { name: 'Segna come informata' }).click();
    await page.getByText('Segnata come informata.').waitFor();
    await expect.poll(() => queue.count()).toBe(2);
    expect(app.problems).toEqual([]);
  }, 240_000);
});
