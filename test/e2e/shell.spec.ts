import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  createVaultThroughUi,
  screenshot,
  startApp,
  unlockThroughUi,
  type AppSession,
} from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const sections = [
  ['Overview', 'Panoramica'],
  ['Contacts', 'Contatti'],
  ['Organizations', 'Organizzazioni'],
  ['Deals', 'Trattative'],
  ['Tasks', 'Compiti'],
  ['Privacy', 'Privacy'],
  ['Backups', 'Backup'],
  ['Settings', 'Impostazioni'],
] as const;

describe('app shell in the browser', () => {
  it('navigates every section from the sidebar, with no accessibility violations', async () => {
    app = await startApp({ locale: 'en-GB' });
    const { page } = app;
    await createVaultThroughUi(page);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const [english] of sections) {
      await nav.getByRole('link', { name: english, exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(english);
      expect(await axeViolations(page), english).toEqual([]);
    }
    await screenshot(page, 'shell-settings-en');
    expect(app.problems).toEqual([]);
  });

  it('runs a command from the palette (Ctrl+K) and by its own shortcut', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByRole('dialog').locator('input');
    await input.fill('organiz');
    await screenshot(page, 'palette-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Organizations');
    await expect.poll(() => input.count()).toBe(0);
    await page.keyboard.press('Control+5');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tasks');
  });

  it('follows the system language, switches language in Settings and remembers it', async () => {
    app = await startApp({ locale: 'it-IT' });
    let page = app.page;
    await createVaultThroughUi(page);
    await page.getByRole('heading', { name: 'Panoramica' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    await page.getByRole('link', { name: 'Impostazioni' }).click();
    await screenshot(page, 'shell-settings-it');
    await page.getByLabel('Lingua').selectOption('en');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // The sections, then the trash at the bottom of the sidebar.
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      ...sections.map(([en]) => en),
      'Trash',
    ]);
    app = await app.restart();
    page = app.page;
    await unlockThroughUi(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('switches language from the palette and the theme by shortcut, staying accessible in dark mode', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').locator('input').fill('italian');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Panoramica' }).waitFor();
    const before = await page.locator('html').getAttribute('data-theme');
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).not.toBe(before);
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Impostazioni' }).waitFor();
    await screenshot(page, `shell-settings-it-${before === 'dark' ? 'light' : 'dark'}`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the host information, proving the loopback transport works', async () => {
    app = await startApp();
    await createVaultThroughUi(app.page);
    await app.page.getByRole('link', { name: 'Settings' }).click();
    await expect
      .poll(() => app!.page.getByTestId('app-version').textContent())
      .toBe('Version 0.0.0-test · web mode');
  });

  it('refuses to work for a page opened without the launch token', async () => {
    app = await startApp();
    const other = await app.context.newPage();
    await other.goto(app.host.origin + '/');
    await other.getByRole('alert').waitFor();
    expect(await other.getByRole('alert').textContent()).toContain('not authorised');
    await other.close();
  });
});
