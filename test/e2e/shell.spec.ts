import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { menuCommandIds, type MenuCommandId } from '../../shared/commands/catalog';
import {
  addPerson,
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
    // The sections, then import/export and the trash at the bottom of the sidebar.
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      ...sections.map(([en]) => en),
      'Import and export',
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

/** What a command can visibly do, read from the page and the host. */
interface Observed {
  hash: string;
  theme: string | null;
  lang: string | null;
  /** Whether a dialog is open, and the palette's title when it is the palette. */
  dialog: boolean;
  palette: string | null;
  active: string;
  accept: string | null;
  pressed: string;
  exported: number;
  popups: number;
  /** How many times the page asked the browser to print (`window.print`, counted). */
  printed: number;
}

async function observe(app: AppSession, popups: number): Promise<Observed> {
  const exportDir = path.join(app.dataDir, 'folders', 'export');
  const exported = (await readdir(exportDir).catch(() => [])).length;
  const inPage = await app.page.evaluate(() => ({
    hash: location.hash,
    theme: document.documentElement.dataset.theme ?? null,
    lang: document.documentElement.getAttribute('lang'),
    dialog: document.querySelector('[role="dialog"]') !== null,
    palette: document.querySelector('[cmdk-input]')?.getAttribute('aria-label') ?? null,
    active: document.activeElement?.id ?? '',
    accept: document.querySelector<HTMLInputElement>('#transfer-file')?.accept ?? null,
    pressed: [...document.querySelectorAll('.view-switch [aria-pressed="true"]')]
      .map((b) => b.textContent)
      .join(),
    printed: (window as unknown as { printed?: number }).printed ?? 0,
  }));
  return { ...inPage, exported, popups };
}

/** Runs a command the way the Electron menu does: a `menu:command` host event. */
const fromMenu = (app: AppSession, commandId: MenuCommandId) => app.host.emit('menu:command', { commandId });

/** What each menu command must have done, given the state before (the walk skips `vault.lock`). */
function expected(id: MenuCommandId, before: Observed): Partial<Observed> {
  const transfer = { hash: '#/transfer' };
  if (id.startsWith('nav.')) return { hash: `#/${id.slice(4)}` };
  switch (id) {
    case 'app.palette':
      return { palette: 'Run a command' };
    case 'app.toggle-theme':
      return { theme: before.theme === 'dark' ? 'light' : 'dark' };
    case 'app.language-it':
      return { lang: 'it' };
    case 'app.language-en':
      return { lang: 'en' };
    case 'deals.switch-view':
      return { pressed: before.pressed === 'Board' ? 'List' : 'Board' };
    case 'tasks.switch-view':
      return { pressed: before.pressed === 'Groups' ? 'List' : 'Groups' };
    case 'contacts.create':
      return { hash: '#/contacts/new', dialog: true };
    case 'organizations.create':
      return { hash: '#/organizations/new', dialog: true };
    case 'deals.create':
      return { hash: '#/deals/new', dialog: true };
    case 'tasks.create':
      return { hash: '#/tasks/new', dialog: true };
    case 'activities.log':
      return { palette: 'Log an activity about…' };
    case 'import.csv':
      return { ...transfer, active: 'transfer-file', accept: '.csv,.tsv,.txt,text/csv' };
    case 'import.vcard':
      return { ...transfer, active: 'transfer-file', accept: '.vcf,.vcard,text/vcard' };
    case 'import.archive':
      return { ...transfer, active: 'transfer-file', accept: '.zip,application/zip' };
    case 'export.csv':
    case 'export.vcard':
    case 'export.ical':
      return { ...transfer, exported: before.exported + 1 };
    case 'export.archive':
      return { ...transfer, active: 'transfer-archive-p1' };
    case 'help.gdpr-text':
      return { popups: before.popups + 1 };
    case 'app.print':
      return { printed: before.printed + 1 };
    default:
      throw new Error(`no expected effect for ${id}`);
  }
}

describe('menu commands in the browser', () => {
  it('on every section page, each menu command either acts or is reported disabled', async () => {
    app = await startApp();
    const { page, context } = app;
    let popups = 0;
    await context.route('https://eur-lex.europa.eu/**', (route) =>
      route.fulfill({ contentType: 'text/plain', body: 'GDPR' }),
    );
    context.on('page', (popup) => {
      popups++;
      void popup.close();
    });
    await createVaultThroughUi(page);
    // The browser's print dialog would block the page: count the requests instead.
    await page.evaluate(() => {
      window.print = () => {
        const w = window as unknown as { printed?: number };
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    const reported = () => app!.host.menuEnabled();
    // Back on a page only once it is drawn: a command sent while the last page is still shown
    // would rightly act there.
    const goTo = async (hash: string, heading: string) => {
      await page.evaluate((h) => (location.hash = h), hash);
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(hash);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      await expect.poll(() => page.locator('#transfer-file').count()).toBe(0);
    };
    const pages = [
      ['dashboard', 'Overview'],
      ['contacts', 'Contacts'],
      ['organizations', 'Organizations'],
      ['deals', 'Deals'],
      ['tasks', 'Tasks'],
      ['privacy', 'Privacy'],
      ['backups', 'Backups'],
      ['settings', 'Settings'],
      ['trash', 'Trash'],
    ] as const;
    const walked = new Set<MenuCommandId>();
    for (const [name, heading] of pages) {
      const home = `#/${name}`;
      await goTo(home, heading);
      // The menu state follows the page: each layout switch only on its own page.
      await expect
        .poll(() => [reported()?.['deals.switch-view'], reported()?.['tasks.switch-view']], { message: name })
        .toEqual([name === 'deals', name === 'tasks']);
      const disabled: MenuCommandId[] = [];
      for (const id of menuCommandIds) {
        if (id === 'vault.lock') continue;
        walked.add(id);
        const before = await observe(app, popups);
        const enabled = reported()![id];
        fromMenu(app, id);
        if (!enabled) {
          disabled.push(id);
          // Disabled really means nothing happens.
          await new Promise((r) => setTimeout(r, 150));
          expect(await observe(app, popups), `${id} on ${name}`).toEqual(before);
          continue;
        }
        await expect
          .poll(() => observe(app!, popups), { message: `${id} on ${name}` })
          .toMatchObject(expected(id, before));
        // Back to how the page was, for the next command.
        if (id === 'app.toggle-theme' || id.endsWith('.switch-view')) {
          fromMenu(app, id);
          await expect
            .poll(() => observe(app!, popups))
            .toMatchObject({ theme: before.theme, pressed: before.pressed });
        }
        const after = await observe(app, popups);
        if (after.palette) await page.keyboard.press('Escape');
        if (after.hash !== home) await goTo(home, heading);
        await expect.poll(() => page.locator('[role="dialog"]').count()).toBe(0);
      }
      // Nothing is undoable yet, and only the other page's layout switch cannot act here.
      const others = ['deals.switch-view', 'tasks.switch-view'].filter((c) => !c.startsWith(`${name}.`));
      expect(disabled.sort(), name).toEqual(['edit.undo', ...others].sort());
    }
    expect(walked.size).toBe(menuCommandIds.length - 1);
    expect(app.problems).toEqual([]);
  }, 900_000);

  it('enables Undo once something can be undone, and greys everything when locked', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await expect.poll(() => app!.host.menuEnabled()?.['vault.lock']).toBe(true);
    expect(app.host.menuEnabled()!['edit.undo']).toBe(false);
    await addPerson(page, 'Ada', 'Negri');
    await expect.poll(() => app!.host.menuEnabled()?.['edit.undo']).toBe(true);
    fromMenu(app, 'edit.undo');
    await page.getByText('Undone.').waitFor();
    await page.getByText('In the trash', { exact: true }).waitFor();
    await expect.poll(() => app!.host.menuEnabled()?.['edit.undo']).toBe(false);
    fromMenu(app, 'vault.lock');
    await page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
    await expect.poll(() => Object.values(app!.host.menuEnabled()!).some(Boolean)).toBe(false);
  });

  it('shows in the palette what cannot act on this page, greyed, and never runs it', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.locator('input').fill('switch');
    const option = palette.getByRole('option', { name: /Deals: switch between board and list/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-disabled')).toBe('true');
    expect(await option.textContent()).toContain('Not available here');
    // The theme switch can act anywhere: enabled, and the one Enter would run.
    const theme = palette.getByRole('option', { name: /Switch light\/dark theme/ });
    expect(await theme.getAttribute('aria-disabled')).toBe('false');
    expect(await theme.getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: '/tmp/palette-disabled-command.png' });
    await screenshot(page, 'palette-disabled-command');
    expect(await axeViolations(page)).toEqual([]);
    await palette.locator('input').fill('deals switch');
    await expect.poll(() => palette.getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await option.click({ force: true });
    expect(await page.evaluate(() => location.hash)).toBe('#/dashboard');
    // On the deals page the same command switches the layout.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+4');
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
    await page.keyboard.press('Control+k');
    await palette.locator('input').fill('deals switch');
    await palette.getByRole('option', { name: /Deals: switch/ }).waitFor();
    expect(await palette.getByRole('option', { name: /Deals: switch/ }).getAttribute('aria-disabled')).toBe(
      'false',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.view-switch [aria-pressed="true"]').textContent()).toBe('List');
  });

  it('imports a CSV from the overview: the palette opens the file dialog on the import page', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').locator('input').fill('import csv');
    await page.getByRole('option', { name: /Import contacts from CSV/ }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    const dialog = await chooser;
    await page.getByRole('heading', { level: 1, name: 'Import and export' }).waitFor();
    expect(await page.locator('#transfer-file').getAttribute('accept')).toBe('.csv,.tsv,.txt,text/csv');
    await dialog.setFiles({
      name: 'clienti.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Nome,Cognome\r\nLea,Conti\r\n', 'utf8'),
    });
    await page.getByRole('heading', { name: 'Check the columns' }).waitFor();
  });

  it('logs an activity from the overview: choose the person, land in her quick-add form', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(page, 'Livia', 'Sarti');
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.locator('input').fill('log an activity');
    await palette.getByRole('option', { name: /Log an activity/ }).waitFor();
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog');
    await picker.getByText('Choose the person or organization the activity is about.').waitFor();
    expect(await picker.locator('input').getAttribute('aria-label')).toBe('Log an activity about…');
    await picker.locator('input').fill('livia');
    await picker.getByRole('option', { name: /Livia Sarti/ }).waitFor();
    // Only people and organizations, never commands.
    expect(await picker.getByRole('option').allTextContents()).toEqual(['Livia Sarti']);
    await screenshot(page, 'palette-activity-subject');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Livia Sarti' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-activity-kind')))
      .toBe(true);
    expect(app.problems).toEqual([]);
  });

  it('shows a failed screen to the user and prints nothing of its error to the console', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await addPerson(page, 'Ilaria', 'Fontana');
    // Any date formatting during render now fails with an error that quotes a canary.
    await page.evaluate(() => {
      const failing = function () {
        throw new Error('CANARY-boundary-4411 Ilaria Fontana');
      };
      Object.defineProperty(Intl, 'DateTimeFormat', { value: failing });
    });
    // The person's page formats the dates of her history as it renders.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('cell', { name: 'Ilaria Fontana', exact: true }).click();
    await page.getByRole('alert').getByText('Something went wrong on this screen').waitFor();
    await screenshot(page, 'error-boundary');
    expect(app.problems.filter((p) => /CANARY|Ilaria/.test(p))).toEqual([]);
  });
});
