// The access and portability package (Art. 15, 20) in Chromium, in Italian: a vault holding a
// meeting and a deal shared with another person is imported; the person's package is opened from
// the keyboard, its report read and looked at, the zip saved and opened (the person's data in
// it, none of the other participant's), and the report printed on A4 in both languages.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deal, RecordBase } from '../../shared/domain';
import { accessPackagePaths, archiveTables, buildArchive, type ArchiveRecords } from '../../shared/formats';
import { accessFixture, otherParticipant } from '../fixtures/access';
import { generateDataset } from '../fixtures/generate';
import { exampleOrganization } from '../fixtures/records';
import { addPerson, createVaultThroughUi, screenViolations, startApp, type AppSession } from './harness';
import { shot } from './privacy-steps';

const results = path.resolve(import.meta.dirname, '../../test-results');
let app: AppSession | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** An unprotected archive holding the fixture vault: Niccolò, Bruno, their shared meeting and deal. */
async function fixtureArchive(): Promise<{ bytes: Buffer; personId: string }> {
  const f = await accessFixture();
  const pipeline = generateDataset({ contacts: 1, seed: 7 }).pipelines[0]!;
  const deals = [...f.source.deals].map((d): Deal => ({
    ...d,
    pipelineId: pipeline.id,
    stageId: pipeline.stages[0]!.id,
  }));
  const records = Object.fromEntries(archiveTables.map((t) => [t, [] as RecordBase[]])) as {
    -readonly [T in keyof ArchiveRecords]: RecordBase[];
  };
  records.people = [f.person, f.other];
  records.organizations = [exampleOrganization()];
  records.pipelines = [pipeline];
  records.deals = deals;
  records.activities = [...f.source.activities];
  records.tasks = [...f.source.tasks];
  records.purposes = [
    f.source.purpose('00000000000000000000000000000501')!,
    f.source.purpose('00000000000000000000000000000502')!,
  ];
  records['person-purposes'] = [...f.source.personPurposes];
  records.consents = [...f.source.consents];
  records['indirect-notices'] = [...f.source.indirectNotices];
  records['privacy-controller'] = [f.controller];
  const bytes = await buildArchive({
    records,
    appVersion: '0.0.0-test',
    now: Date.UTC(2026, 2, 1),
    sha256: async (b) => createHash('sha256').update(b).digest('hex'),
  });
  return { bytes: Buffer.from(bytes), personId: f.person.id };
}

/** Prints the page to an A4 PDF with Chromium and, where pdftoppm exists, to PNG pages to look at. */
async function printToPdf(page: Page, name: string): Promise<Buffer> {
  const file = path.join(results, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', path: file, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));
  if (pdftoppm)
    execFileSync(pdftoppm, ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(results, name)]);
  return pdf;
}

describe('the access and portability package', () => {
  it('is generated from the person page, holds their data and not the other participant’s, and prints on A4', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scrigno-access-'));
    const folder = dir;
    app = await startApp({ locale: 'it-IT', pickFolder: async () => folder });
    const { page } = app;
    await createVaultThroughUi(page);
    const archive = await fixtureArchive();

    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('link', { name: 'Importa / esporta' }).click();
    await page
      .locator('#transfer-file')
      .setInputFiles({ name: 'archivio.zip', mimeType: 'application/zip', buffer: archive.bytes });
    await page.getByRole('button', { name: 'Importa l’archivio' }).click();
    await page.getByText(/^Importati: 2 nuovi/).waitFor({ timeout: 60_000 });

    // The person's page offers the package; the palette reaches it from the keyboard.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Contatti' }).click();
    await page.getByRole('row').filter({ hasText: 'Niccolò Rossi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Niccolò Rossi' }).waitFor();
    await page.getByRole('link', { name: 'Pacchetto di accesso e portabilità…' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').locator('input').fill('portabilità');
    await page.getByRole('option', { name: /Pacchetto di accesso e portabilità/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/privacy/access/${archive.personId}$`));

    // The report, in Italian by default, with every point of Art. 15(1).
    const report = page.getByTestId('access-report');
    await page.getByRole('heading', { name: 'Accesso ai dati personali e portabilità dei dati' }).waitFor();
    await report.getByRole('heading', { name: '3. a) Le finalità del trattamento' }).waitFor();
    await report.getByText(/Garante per la protezione dei dati personali/).waitFor();
    await report.getByText(/Nessuno: non è adottata alcuna decisione/).waitFor();
    expect(await report.locator('section').count()).toBe(15);
    expect(await page.getByTestId('access-counts').textContent()).toContain(
      'Altre persone escluse dai record condivisi: 1.',
    );
    const shownText = (await page.locator('main').textContent())!.toLowerCase();
    expect(shownText).not.toContain(otherParticipant.familyName.toLowerCase());
    expect(shownText).not.toContain(otherParticipant.email);
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'access-package-it', true);

    // One action saves the zip where the user chose, and says where it went.
    await page.getByRole('button', { name: 'Genera il pacchetto…' }).click();
    await page.getByText(/^Pacchetto salvato come scrigno-access-\d{4}-\d\d-\d\d-\d{6}\.zip\.$/).waitFor();
    const files = await readdir(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toMatch(/niccol|rossi|bruno|canarino/i);
    const zip = unzipSync(new Uint8Array(await readFile(path.join(folder, files[0]!))));
    expect(Object.keys(zip).sort()).toEqual(Object.values(accessPackagePaths).sort());
    const text = (p: string) => strFromU8(zip[p]!);
    const document = JSON.parse(text(accessPackagePaths.data)) as {
      person: { id: string; familyName: string; emails: { address: string }[] };
      activities: { participantIds: string[]; subject?: string }[];
      deals: { personIds: string[] }[];
      consents: unknown[];
    };
    expect(document.person.familyName).toBe('Rossi');
    expect(document.person.emails[0]!.address).toBe('Niccolo.Rossi@officine.it');
    expect(document.activities).toHaveLength(2);
    for (const a of document.activities) expect(a.participantIds).toEqual([archive.personId]);
    expect(document.deals[0]!.personIds).toEqual([archive.personId]);
    expect(document.consents).toHaveLength(2);
    expect(text(accessPackagePaths.vcard)).toContain('FN:Niccolò Rossi');
    expect(text(accessPackagePaths.calendar)).toContain('BEGIN:VEVENT');
    expect(text(accessPackagePaths.report)).toContain('a) Le finalità del trattamento');
    for (const p of Object.keys(zip)) {
      const content = text(p).toLowerCase();
      for (const canary of [
        otherParticipant.familyName,
        otherParticipant.email,
        otherParticipant.phone,
        otherParticipant.id,
      ])
        expect(content, `${canary} in ${p}`).not.toContain(canary.toLowerCase());
    }

    // Printing: the browser's print in the web mode; on paper only the report, on A4.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Stampa o salva il resoconto in PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.keyboard.press('Control+p');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Genera il pacchetto…' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Lingua del resoconto').isVisible()).toBe(false);
    expect(
      await page
        .getByRole('heading', { name: 'Accesso ai dati personali e portabilità dei dati' })
        .isVisible(),
    ).toBe(true);
    await shot(page, 'access-report-print-it', true);
    const it = await printToPdf(page, 'access-report-it');
    expect(it.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 210 × 297 mm: 595.3 × 841.9 points (Chromium rounds to its own pixel grid).
    const boxes = [...it.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, width, height] of boxes) {
      expect(Math.abs(Number(width) - 595.3)).toBeLessThan(2);
      expect(Math.abs(Number(height) - 841.9)).toBeLessThan(2);
    }

    // The report in English, whatever the UI's language.
    await page.getByLabel('Lingua del resoconto').selectOption('en');
    await page.getByRole('heading', { name: 'Access to personal data and data portability' }).waitFor();
    await report.getByRole('heading', { name: '3. (a) The purposes of the processing' }).waitFor();
    await shot(page, 'access-package-en', true);
    const en = await printToPdf(page, 'access-report-en');
    expect(en.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(path.join(results, 'access-package.zip'), await readFile(path.join(folder, files[0]!)));
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('opens from the person page’s button in English, and says what is missing for a person with no purpose', async () => {
    app = await startApp({ locale: 'en-GB' });
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(page, 'Ada', 'Lovelace', { phone: '+44 20 7946 0958' });
    await shot(page, 'access-person-page-en');
    await page.getByRole('link', { name: 'Access and portability package…' }).click();
    await page.getByRole('heading', { name: 'Access and portability package' }).waitFor();
    const report = page.getByTestId('access-report');
    await report.getByRole('heading', { name: '3. (a) The purposes of the processing' }).waitFor();
    await report.getByText('No purpose is recorded for you.').first().waitFor();
    await report.getByText('The controller’s details have not been filled in yet.').waitFor();
    await report.getByText(/The personal data were collected from you \(recorded by hand/).waitFor();
    expect(await page.getByLabel('Language of the report').inputValue()).toBe('en');
    expect(await screenViolations(page)).toEqual([]);
    await shot(page, 'access-package-ui-en', true);
    await page.keyboard.press('Control+Shift+L');
    await shot(page, 'access-package-ui-en-dark');
    await page.getByRole('link', { name: '← Back to the person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    expect(app.problems).toEqual([]);
  }, 120_000);
});
