import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

let app: AppSession | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const csv = (rows: string[][]) =>
  Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

async function chooseFile(app: AppSession, name: string, buffer: Buffer) {
  await app.page.locator('#transfer-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

async function openTransfer(app: AppSession) {
  await app.page.getByRole('link', { name: 'Contacts' }).click();
  await app.page.getByRole('link', { name: 'Import / export' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Import and export' }).waitFor();
}

describe('import and export in the browser', () => {
  it('imports a CSV with a mapping preview, problems, duplicates, and undoes an import', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-transfer-'));
    const folder = dir;
    app = await startApp({ pickFolder: async () => folder });
    const { page } = app;
    await createVaultThroughUi(page);
    await openTransfer(app);

    await chooseFile(
      app,
      'clienti.csv',
      csv([
        ['Nome', 'Cognome', 'Email', 'Cellulare', 'Azienda', 'Soprannome'],
        [
          'Niccolò',
          'Ferraris',
          'niccolo.ferraris@example.it',
          '347 123 4567',
          'Officine Adriatiche',
          'Nicco',
        ],
        ['Anna', 'Verdi', 'non-una-email', '', '', ''],
        ['Giulia', 'Bianchi', 'giulia@example.it', '', '', 'Giuli'],
        ['', '', '', '', '', 'Chi è?'],
      ]),
    );
    await page.getByRole('heading', { name: 'Check the columns' }).waitFor();
    expect(await page.getByLabel('Field for column Nome').inputValue()).toBe('givenName');
    expect(await page.getByLabel('Field for column Soprannome').inputValue()).toBe('ignore');
    await page.getByLabel('Field for column Soprannome').selectOption('notes');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'transfer-mapping');

    await page.getByRole('button', { name: 'Check the rows' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    await expect.poll(() => page.locator('.transfer-counts').textContent()).toContain('1 row refused');
    const problems = page
      .getByRole('region', { name: 'Problems' })
      .or(page.locator('section[aria-labelledby="transfer-problems"]'));
    // The bad email is kept to check (the row is imported); a row naming nobody is refused.
    expect(await problems.locator('tbody tr').count()).toBe(2);
    expect(await problems.locator('tbody td').allTextContents()).toEqual([
      '3',
      'Email',
      'non-una-email',
      expect.stringMatching(/email/i),
      'Kept, to check',
      '5',
      '(whole row)',
      '',
      expect.stringMatching(/^Nothing identifies anyone/),
      'Row refused',
    ]);
    await page.getByRole('button', { name: 'Save the refused rows as CSV' }).click();
    await expect.poll(async () => (await readdir(folder)).length).toBe(1);
    const [rejectedName] = await readdir(folder);
    expect(rejectedName).toMatch(/^scrigno-rejected-rows-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/);
    const rejected = await readFile(path.join(folder, rejectedName!), 'utf8');
    expect(rejected).toContain(',,,,,Chi è?');
    expect(rejected).not.toContain('Giulia');
    expect(rejected).not.toContain('Anna');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'transfer-review');

    await page.getByRole('button', { name: 'Import (3)' }).click();
    await page.getByText('Imported: 3 new, 0 updated, 0 skipped, 1 refused.').waitFor();
    await page.getByRole('cell', { name: 'clienti.csv' }).waitFor();

    // A second file: one row repeats an existing email and is set to update.
    await chooseFile(
      app,
      'altri.csv',
      csv([
        ['First Name', 'Last Name', 'E-mail', 'Mobile'],
        ['Niccolo', 'Ferraris', 'NICCOLO.FERRARIS@example.it', '333 999 8888'],
        ['Carla', 'Bassi', 'carla@example.it', ''],
      ]),
    );
    await page.getByRole('button', { name: 'Check the rows' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor();
    await page.getByLabel('What to do with row 2').selectOption('update');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Import (2)' }).click();
    await page.getByText('Imported: 1 new, 1 updated, 0 skipped, 0 refused.').waitFor();

    await page.getByRole('link', { name: 'Contacts' }).click();
    for (const name of ['Niccolò Ferraris', 'Giulia Bianchi', 'Carla Bassi'])
      await page.getByRole('row').filter({ hasText: name }).first().waitFor();
    await page.getByRole('row').filter({ hasText: 'Niccolò Ferraris' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Niccolò Ferraris' }).waitFor();
    await screenshot(page, 'transfer-updated-person');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/999\s?8888/);

    // Undo the first import from the list of past imports: its people go to the trash.
    await openTransfer(app);
    const first = page.getByRole('row').filter({ hasText: 'clienti.csv' });
    await first.getByRole('button').click();
    await first.getByText('Undone').waitFor();
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('row').filter({ hasText: 'Carla Bassi' }).first().waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Giulia Bianchi' }).count()).toBe(0);
    expect(await page.getByRole('row').filter({ hasText: 'Niccolò Ferraris' }).count()).toBe(0);

    // A broken file ends with a message and writes nothing.
    await openTransfer(app);
    await chooseFile(app, 'rotto.csv', Buffer.from('Nome,Note\nAnna,"non finisce'));
    await page.getByRole('alert').filter({ hasText: 'cut off' }).waitFor();
    expect(app.problems).toEqual([]);
  });

  it('exports CSV, vCard, iCalendar and the archive to a folder, and the archive restores into a fresh vault', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-transfer-'));
    const folder = dir;
    app = await startApp({ pickFolder: async () => folder });
    const { page } = app;
    await createVaultThroughUi(page);
    await openTransfer(app);
    await chooseFile(
      app,
      'a.csv',
      csv([
        ['Nome', 'Cognome', 'Email', 'Note'],
        ['Niccolò', 'Ferraris', 'niccolo@example.it', '=HYPERLINK("x")'],
        ['Anna', 'Verdi', 'anna@example.it', ''],
      ]),
    );
    await page.getByRole('button', { name: 'Check the rows' }).click();
    await page.getByRole('button', { name: 'Import (2)' }).click();
    await page.getByText('Imported: 2 new', { exact: false }).waitFor();

    await page.getByLabel('Separator').selectOption(';');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByText(/^Saved scrigno-people-.*\.csv\.$/).waitFor();
    await page.getByRole('button', { name: 'Export vCards' }).click();
    await page.getByText(/^Saved scrigno-contacts-vcard4-.*\.vcf\.$/).waitFor();
    await page.getByRole('button', { name: 'Export calendar' }).click();
    await page.getByText(/^Saved scrigno-calendar-.*\.ics\.$/).waitFor();
    // A weak passphrase cannot protect an archive of everything; an unprotected one needs an
    // explicit acknowledgement.
    const exportArchiveButton = page.getByRole('button', { name: 'Export archive' });
    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await page.getByLabel('Repeat the passphrase').fill('short');
    expect(await exportArchiveButton.isDisabled()).toBe(true);
    await page.getByLabel('Not encrypted').check();
    await page.getByText('Anyone who gets this file can read every record').waitFor();
    expect(await exportArchiveButton.isDisabled()).toBe(true);
    await page.getByLabel('I understand: save the archive unprotected').check();
    await exportArchiveButton.click();
    await page.getByText(/^Saved scrigno-archive-.*\.zip\.$/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'transfer-export');

    const files = await readdir(folder);
    const read = (prefix: string) =>
      readFile(
        path.join(
          folder,
          files.find((f) => f.startsWith(prefix))!,
        ),
      );
    const people = (await read('scrigno-people-')).toString('utf8');
    expect(people.charCodeAt(0)).toBe(0xfeff);
    expect(people).toContain('First Name;Last Name;');
    expect(people).toContain(`'=HYPERLINK`);
    const vcf = (await read('scrigno-contacts-vcard4-')).toString('utf8');
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect((await read('scrigno-calendar-')).toString('utf8')).toContain('BEGIN:VCALENDAR');
    const zipBytes = await read('scrigno-archive-');
    const zip = unzipSync(new Uint8Array(zipBytes));
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'README.txt',
        'data/scrigno.json',
        'data/scrigno.schema.json',
      ]),
    );
    for (const f of files) expect(f).not.toMatch(/niccol|ferraris|anna|verdi/i);

    // A fresh vault in a new profile reads the archive back.
    await app.close();
    app = await startApp({ pickFolder: async () => folder });
    await createVaultThroughUi(app.page);
    await openTransfer(app);

    // First an edited copy: a broken email address, with the manifest's hash made to match. The records
    // are checked in the background and the import may be started meanwhile; either way the
    // check refuses the archive and nothing is written.
    // The address becomes a number: the records no longer have the shape the import expects.
    const data = new TextDecoder()
      .decode(zip['data/scrigno.json'])
      .replace('"address":"anna@example.it"', '"address":7');
    expect(data).toContain('"address":7');
    const dataBytes = new TextEncoder().encode(data);
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as {
      files: { path: string; size: number; sha256: string }[];
    };
    const listed = manifest.files.find((f) => f.path === 'data/scrigno.json')!;
    listed.size = dataBytes.length;
    listed.sha256 = createHash('sha256').update(dataBytes).digest('hex');
    const edited = zipSync({
      ...zip,
      'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
      'data/scrigno.json': dataBytes,
    });
    await app.page
      .locator('#transfer-file')
      .setInputFiles({ name: 'edited.zip', mimeType: 'application/zip', buffer: Buffer.from(edited) });
    // A small archive may be refused before the button can be pressed.
    await app.page
      .getByRole('button', { name: 'Import the archive' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await app.page.getByRole('alert').filter({ hasText: 'records Scrigno cannot accept' }).waitFor();
    await app.page.getByRole('link', { name: 'Contacts' }).click();
    await app.page.getByRole('button', { name: 'New person' }).waitFor();
    expect(
      await app.page
        .getByRole('row')
        .filter({ hasText: /Anna Verdi|Niccolò Ferraris/ })
        .count(),
    ).toBe(0);
    await openTransfer(app);

    await app.page
      .locator('#transfer-file')
      .setInputFiles({ name: 'archive.zip', mimeType: 'application/zip', buffer: zipBytes });
    await app.page.getByRole('button', { name: 'Import the archive' }).click();
    await app.page.getByText('Imported: 2 new', { exact: false }).waitFor();
    await app.page.getByRole('link', { name: 'Contacts' }).click();
    await app.page.getByRole('row').filter({ hasText: 'Anna Verdi' }).first().waitFor();
  });
});
