// Printing in the web mode: the same command the desktop app turns into an A4 PDF opens the
// browser's print dialog here, and the print stylesheet leaves only the page's content on A4.
import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createVaultThroughUi, screenshot, startApp, type AppSession } from './harness';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Replaces the browser's print dialog (it would block the page) with a counter. */
async function countPrints(app: AppSession): Promise<() => Promise<number>> {
  await app.page.evaluate(() => {
    window.print = () => {
      const w = window as unknown as { printed?: number };
      w.printed = (w.printed ?? 0) + 1;
    };
  });
  return () => app.page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0);
}

describe('printing in the browser', () => {
  it('prints a person card from the palette, with the app frame left out of the page', async () => {
    app = await startApp({ locale: 'en-GB' });
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(page, 'Ada', 'Print');
    const printed = await countPrints(app);
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').locator('input').fill('pdf');
    await page.getByRole('option', { name: /Print or save as PDF/ }).waitFor();
    await screenshot(page, 'print-palette-en');
    await page.keyboard.press('Enter');
    await expect.poll(printed).toBe(1);
    // Ctrl+P is the command's own shortcut.
    await page.keyboard.press('Control+p');
    await expect.poll(printed).toBe(2);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: 'Ada Print' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Edit' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '← Back' }).isVisible()).toBe(false);
    await screenshot(page, 'print-person-en');
    // The page size the stylesheet asks for: A4.
    const pageRule = await page.evaluate(() =>
      [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .find((rule) => rule instanceof CSSPageRule)
        ?.cssText.replace(/\s+/g, ' '),
    );
    expect(pageRule).toMatch(/size: a4/i);
    expect(app.problems).toEqual([]);
  });

  it('offers the same command in Italian', async () => {
    app = await startApp({ locale: 'it-IT' });
    const { page } = app;
    await createVaultThroughUi(page);
    const printed = await countPrints(app);
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').locator('input').fill('stampa');
    await page.getByRole('option', { name: /Stampa o salva in PDF/ }).waitFor();
    await screenshot(page, 'print-palette-it');
    await page.keyboard.press('Enter');
    await expect.poll(printed).toBe(1);
  });
});
