import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const csv = (rows: string[][]) =>
  Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

describe('imports that keep everything (Italian UI)', () => {
  it('imports rows with values that do not validate, counts them exactly, and the user corrects one on the person page', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    // Every console line the page writes: the problems list must never reach one.
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    // First run asks for the default country, proposing the browser locale's.
    await page.getByLabel('Paese predefinito').waitFor();
    expect(await page.getByLabel('Paese predefinito').inputValue()).toBe('IT');
    await screenshot(page, 'imports-keep-first-run-it');
    await createVaultThroughUi(page);

    await page.getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('link', { name: 'Importa / esporta' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importa ed esporta' }).waitFor();
    expect(await page.getByLabel('Paese predefinito').inputValue()).toBe('IT');
    await page.locator('#transfer-file').setInputFiles({
      name: 'rubrica.csv',
      mimeType: 'text/csv',
      buffer: csv([
        ['Nome', 'Cognome', 'Email', 'Cellulare', 'Azienda', 'Paese', 'Etichette'],
        ['Mario', 'Rossi', 'mario(at)example.it', '555 555 1111', '', 'U.S.A.', 'Clienti'],
        ['', '', 'solo@example.it', '', '', '', ''],
        ['', '', '', '12', 'Officine Adriatiche', '', ''],
        ['Anna', 'Verdi', 'anna@example.it', '347 123 4567', '', 'Terra di Mezzo', 'Clienti'],
        ['', '', '', '', '', '', 'Clienti'],
      ]),
    });
    await page.getByRole('heading', { name: 'Controlla le colonne' }).waitFor();
    expect(await page.getByLabel('Campo per la colonna Etichette').inputValue()).toBe('tags');
    await page.getByRole('button', { name: 'Controlla le righe' }).click();

    const counts = page.locator('.transfer-counts li');
    await expect
      .poll(() => counts.allTextContents())
      .toEqual([
        '3 contatti pronti',
        '1 organizzazione',
        '0 possibili doppioni',
        '1 riga scartata',
        '4 valori conservati com’erano scritti, da verificare',
      ]);
    const problems = page.locator('section[aria-labelledby="transfer-problems"] tbody tr');
    const rows = await problems.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      ['2', 'Email', 'mario(at)example.it', expect.stringMatching(/email/i), 'Conservato, da verificare'],
      ['2', 'Cellulare', '555 555 1111', expect.stringMatching(/telefono/i), 'Conservato, da verificare'],
      ['4', 'Cellulare', '12', expect.stringMatching(/telefono/i), 'Conservato, da verificare'],
      ['5', 'Paese', 'Terra di Mezzo', 'Paese non riconosciuto.', 'Conservato, da verificare'],
      ['6', '(tutta la riga)', '', expect.stringMatching(/^Niente identifica qualcuno/), 'Riga rifiutata'],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'imports-keep-review-it');

    await page.getByRole('button', { name: 'Importa (4)' }).click();
    await page
      .getByText(
        'Importati: 3 nuovi, 0 aggiornati, 0 saltati, 1 scartati. Organizzazioni create: 1. Valori da verificare: 4.',
      )
      .waitFor();

    // The email-only row is a person named by the email; the organization-only row an organization.
    await page.getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('row').filter({ hasText: 'solo@example.it' }).first().waitFor();
    await page.getByRole('link', { name: 'Organizzazioni' }).click();
    await page.getByRole('row').filter({ hasText: 'Officine Adriatiche' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Officine Adriatiche' }).waitFor();
    // The organization keeps its row's bad phone to check too; dismissing it takes it away.
    const orgCheck = page.locator('section.to-check');
    expect(await orgCheck.locator('li .to-check-value').allTextContents()).toEqual(['12']);
    await orgCheck.getByRole('button', { name: 'Scarta: Telefono 12' }).click();
    await expect.poll(() => page.locator('section.to-check').count()).toBe(0);

    await page.getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('row').filter({ hasText: 'Mario Rossi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mario Rossi' }).waitFor();
    const toCheck = page.locator('section.to-check');
    await toCheck.getByRole('heading', { name: 'Da verificare' }).waitFor();
    expect(await toCheck.locator('li .to-check-value').allTextContents()).toEqual([
      'mario(at)example.it',
      '555 555 1111',
    ]);
    // Never given an Italian prefix, and its label is a tag now.
    expect(await page.locator('main').textContent()).not.toContain('+39');
    await page.locator('main').getByText('Clienti').first().waitFor();

    // Correct the phone: a wrong correction is refused beside the field, the right one lands.
    await toCheck.getByRole('button', { name: 'Correggi: Telefono 555 555 1111' }).click();
    const input = toCheck.getByLabel('Valore corretto: Telefono');
    await input.fill('555 555 1111');
    await toCheck.getByRole('button', { name: 'Salva' }).click();
    await toCheck.getByRole('alert').filter({ hasText: 'numero di telefono' }).waitFor();
    await input.fill('+1 212 555 1234');
    await toCheck.getByRole('button', { name: 'Salva' }).click();
    const call = page.getByRole('link', { name: 'Chiama +1 212 555 1234' });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:+12125551234');
    expect(await call.textContent()).toBe('+1 212 555 1234');
    expect(await toCheck.locator('li .to-check-value').allTextContents()).toEqual(['mario(at)example.it']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'imports-keep-person-it');

    // The same page in English.
    await page.getByRole('link', { name: 'Impostazioni' }).click();
    await page.getByLabel('Lingua').selectOption('en');
    expect(await page.getByLabel('Default country').inputValue()).toBe('IT');
    await screenshot(page, 'imports-keep-settings-en');
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('row').filter({ hasText: 'Mario Rossi' }).first().click();
    await page.locator('section.to-check').getByRole('heading', { name: 'To check' }).waitFor();
    await screenshot(page, 'imports-keep-person-en');
    expect(app.problems).toEqual([]);
    for (const value of ['mario(at)example.it', '555 555 1111', 'Terra di Mezzo'])
      expect(consoleLines.join('\n')).not.toContain(value);
  });
});
