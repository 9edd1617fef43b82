import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createVaultThroughUi, screenViolations, startApp, type AppSession } from './harness';
import { openPrivacy, shot } from './privacy-steps';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('privacy', () => {
  it('sets up the controller and the purposes, records consents on a person and prints the register', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'scrigno-register-'));
    app = await startApp({ pickFolder: async () => folder });
    const { page } = app;
    await createVaultThroughUi(page);

    // The overview says what is missing.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await page.getByText('The controller’s details are missing').waitFor();
    expect(await screenViolations(page)).toEqual([]);

    // The controller: a wrong VAT number is refused beside its field, then saved.
    await openPrivacy(page, 'Controller');
    await page.getByLabel('Name or business name').fill('Bottega Rossi di Maria Rossi');
    await page.getByLabel('Address').fill('Via Garibaldi 12, 40121 Bologna BO');
    await page.getByLabel('VAT number').fill('IT123');
    await page.getByLabel('Email', { exact: true }).fill('info@bottegarossi.example');
    await page.getByRole('button', { name: 'Save the controller’s details' }).click();
    await page.getByText('Not a valid VAT number').waitFor();
    await page.getByLabel('VAT number').fill('IT06363391001');
    await page.getByRole('button', { name: 'Save the controller’s details' }).click();
    await page.getByText('Controller’s details saved.').waitFor();

    // A purpose without a legal basis, or kept for zero months, is refused; then the presets.
    await openPrivacy(page, 'Purposes');
    await page.getByRole('button', { name: 'New purpose' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Newsletter');
    await page.getByLabel('Kept for (months)').fill('0');
    await page.getByRole('button', { name: 'Save the purpose' }).click();
    await page.locator('.field-error', { hasText: 'Choose the legal basis (Art. 6(1) GDPR).' }).waitFor();
    await page.locator('.field-error', { hasText: 'at least 1' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Accept the presets' }).click();
    await page.getByText('5 presets added.').waitFor();
    const rows = page.locator('.privacy-table tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    await page
      .getByRole('row', { name: /Marketing by email and phone/ })
      .getByText('Consent (Art. 6(1)(a))')
      .waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-purposes-en');

    // A notice text version, kept with its fingerprint.
    await page.getByLabel('Title', { exact: true }).fill('Customer privacy notice');
    await page.getByLabel('Version', { exact: true }).fill('2026-12');
    await page
      .getByLabel('Text', { exact: true })
      .fill('We process your data to send you offers, with your consent.');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Notice version saved.').waitFor();
    await page
      .getByTestId('notice-list')
      .getByText(/Customer privacy notice · 2026-12 · EN · [0-9a-f]{16}…/)
      .waitFor();

    // A person: no purpose yet, then marketing; give → withdraw → give is three entries.
    await addPerson(page, 'Giulia', 'Ferri');
    const panel = page.locator('section.person-privacy');
    await panel.getByText('No purpose: this person has no legal basis recorded.').waitFor();
    await panel.getByLabel('Add a purpose').selectOption({ label: 'Marketing by email and phone' });
    await panel.getByRole('button', { name: 'Add a purpose' }).click();
    await panel.getByText('Marketing by email and phone · Consent (Art. 6(1)(a))').waitFor();
    await expect.poll(() => panel.getByRole('button', { name: 'Withdraw consent' }).isDisabled()).toBe(true);
    await panel.getByLabel('Notice text shown').selectOption({ label: 'Customer privacy notice · 2026-12' });
    const ledger = panel.getByTestId('consent-ledger').locator('li');
    for (const [button, count, state] of [
      ['Record consent', 1, 'Consent in force'],
      ['Withdraw consent', 2, 'Withdrawn'],
      ['Record consent', 3, 'Consent in force'],
    ] as const) {
      await panel.getByRole('button', { name: button }).click();
      await expect.poll(() => ledger.count()).toBe(count);
      await panel.getByRole('status').getByText(state).waitFor();
    }
    expect(await ledger.allTextContents()).toEqual([
      expect.stringMatching(
        /^Given · Marketing by email and phone · email · form · .+ · recorded by .+ · notice 2026-12$/,
      ),
      expect.stringMatching(
        /^Withdrawn · Marketing by email and phone · email · form · .+ · recorded by [^·]+ · [^·]+$/,
      ),
      expect.stringMatching(/^Given · /),
    ]);
    await panel.getByText('Ledger intact: 3 entries, chain verified.').waitFor();
    // Withdrawing with no date is refused with its reason; nothing is added.
    await panel.getByLabel('When').fill('');
    await panel.getByRole('button', { name: 'Withdraw consent' }).click();
    await panel.getByText('Enter when the consent was given or withdrawn.').first().waitFor();
    expect(await ledger.count()).toBe(3);
    expect(await screenViolations(page)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'privacy-person-en');

    // The overview: nobody without a purpose now.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await shot(page, 'privacy-overview-en');
    await page.getByRole('link', { name: /0 People without a purpose/ }).click();
    await page.getByText('Nobody.').waitFor();

    // The register, from the command palette: five activities; Print calls the browser's print.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.locator('input').fill('register of processing');
    await palette.getByRole('option', { name: 'Register of processing activities' }).waitFor();
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Register of processing activities' }).waitFor();
    await expect.poll(() => page.locator('.register-activity').count()).toBe(5);
    await page.getByText('Bottega Rossi di Maria Rossi; Via Garibaldi 12').waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // CSV with semicolons for LibreOffice: a file name without personal data, one row per purpose.
    await page.getByRole('button', { name: 'Export CSV for LibreOffice (;)' }).click();
    await page.getByText(/^Register written to /).waitFor();
    const files = await readdir(folder);
    expect(files).toEqual([
      expect.stringMatching(/^scrigno-processing-register-\d{4}-\d\d-\d\d-\d{6}\.csv$/),
    ]);
    const csv = await readFile(path.join(folder, files[0]!), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(6);
    expect(csv).toContain(';(b) the purposes of the processing;');
    await rm(folder, { recursive: true, force: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    await shot(page, 'privacy-register-print-en', true);
    await page.emulateMedia({ media: 'screen' });
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('shows the register and the overview in Italian', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await page.getByText('Mancano i dati del titolare').waitFor();
    await openPrivacy(page, 'Finalità');
    await page.getByRole('button', { name: 'Accetta le finalità predefinite' }).click();
    await page.getByText('5 finalità predefinite aggiunte.').waitFor();
    await page
      .getByRole('row', { name: /Adempimenti contabili e fiscali/ })
      .getByText('Obbligo legale (art. 6, par. 1, lett. c)')
      .waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-purposes-it');
    await openPrivacy(page, 'Registro (art. 30)');
    await expect.poll(() => page.locator('.register-activity').count()).toBe(5);
    await page.getByText('Non compilato: inserisci i dati del titolare in Privacy → Titolare').waitFor();
    await page.getByText('120 mesi dall’ultima registrazione', { exact: false }).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'privacy-register-print-it', true);
    await page.emulateMedia({ media: 'screen' });
    await openPrivacy(page, 'Violazioni');
    await page.getByRole('button', { name: 'Portatile o chiavetta USB smarriti' }).click();
    await page.getByRole('button', { name: 'Salva la registrazione' }).click();
    await page.getByText('Registrazione salvata.').waitFor();
    await page
      .getByTestId('breach-clock')
      .getByText(/^0 h dalla conoscenza: notifica al Garante entro il /)
      .waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-breaches-it');
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await page
      .getByTestId('overview-breach-clock')
      .getByText(/La più urgente: 0 h dalla conoscenza/)
      .waitFor();
    await shot(page, 'privacy-overview-it');
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('records a lost laptop from the assistant and follows its 72-hour clock', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await openPrivacy(page, 'Breaches');
    // A datetime-local value `hours` from now, in the browser's time zone.
    const local = (hours: number) =>
      page.evaluate((h) => {
        const d = new Date(Date.now() + h * 3_600_000);
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      }, hours);

    await page.getByRole('button', { name: 'Lost laptop or USB drive' }).click();
    const form = page.locator('form.privacy-form');
    expect(await form.getByLabel('Short title').inputValue()).toBe('Lost or stolen device');
    expect(await form.getByLabel('Why the people are not informed').inputValue()).toBe('encrypted');
    expect(await form.getByLabel('Details').inputValue()).toContain('locks itself after 10 minutes');
    await form.getByLabel('Approximate number of people').fill('120');
    // Dated in the future: refused, nothing saved.
    await form.getByLabel('When you became aware of it').fill(await local(3));
    await form.getByRole('button', { name: 'Save the entry' }).click();
    await page.getByText('A breach cannot be dated in the future. Nothing was saved.').waitFor();
    await form.getByLabel('When you became aware of it').fill(await local(-50));
    await form.getByRole('button', { name: 'Save the entry' }).click();
    await page.getByText('Entry saved.').waitFor();
    const clock = page.getByTestId('breach-clock');
    await clock.getByText(/^Less than 24 hours left: notify the Garante by /).waitFor();
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'privacy-breaches-en');

    // Past 72 hours it is overdue; notified late, it cannot be closed without the reasons.
    await page.getByRole('button', { name: 'Edit: Lost or stolen device' }).click();
    await form.getByLabel('When you became aware of it').fill(await local(-80));
    await form.getByRole('button', { name: 'Save the entry' }).click();
    await clock.getByText(/^Overdue: the 72 hours ended on /).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
    await page
      .getByTestId('overview-breach-clock')
      .getByText(/The most urgent: Overdue/)
      .waitFor();
    await openPrivacy(page, 'Breaches');
    await page.getByRole('button', { name: 'Edit: Lost or stolen device' }).click();
    await form.getByLabel('Garante notified on').fill(await local(-1));
    await form.getByRole('button', { name: 'Close the entry' }).click();
    await page.getByText('The Garante was not notified within 72 hours').waitFor();
    await form
      .getByLabel('Reasons for the delay (notified after 72 hours)')
      .fill('The loss came to light only when the courier reported it.');
    await form.getByRole('button', { name: 'Close the entry' }).click();
    await page.getByText('Entry closed.').waitFor();
    await clock.getByText('Garante notified after the 72 hours').waitFor();
    expect(app.problems).toEqual([]);
  }, 240_000);
});
