import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { decodeFrame } from '../../shared/host/wire';
import { startWebHost, type WebHost } from '../../electron/web/server';

const repo = path.resolve(import.meta.dirname, '../..');

/** Flags for Debian's Chromium on a closed, headless machine. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Finds Chromium: CHROMIUM_PATH, then Debian's /usr/bin/chromium; a clear error otherwise. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install Debian\'s "chromium" package ' +
        '(apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
  return found;
}

/** A running app in web mode with one browser profile. */
export interface AppSession {
  readonly host: WebHost;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly profileDir: string;
  readonly dataDir: string;
  /** Console errors and page errors seen so far (CSP violations show up here). */
  readonly problems: string[];
  /** Closes the browser, keeping the profile, and opens it again (a restart). */
  restart(): Promise<AppSession>;
  close(): Promise<void>;
}

interface StartOptions {
  locale?: string;
  profileDir?: string;
  dataDir?: string;
  pickFolder?: () => Promise<string | null>;
  /** Keep the port across a restart: the browser keeps data per origin. */
  port?: number;
  /** Install Playwright's fake clock before the app loads (to test timeouts). */
  fakeClock?: boolean;
}

/** Starts the web-mode host over the built renderer and opens it in a fresh Chromium profile. */
export async function startApp(options: StartOptions = {}): Promise<AppSession> {
  // SCRIGNO_RENDERER_DIR lets a suite run against a renderer built elsewhere (vite build --outDir).
  const rendererDir = process.env.SCRIGNO_RENDERER_DIR ?? path.join(repo, 'dist/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run "npm run build" first (npm test does it).');
  }
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'scrigno-profile-')));
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'scrigno-data-')));
  const host = await startWebHost({
    rendererDir,
    dataDir,
    version: '0.0.0-test',
    locale: options.locale ?? 'en-GB',
    port: options.port,
    pickFolder: options.pickFolder ? () => options.pickFolder!() : undefined,
  });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs,
    locale: options.locale ?? 'en-GB',
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  if (options.fakeClock) await context.clock.install();
  await page.goto(host.url);
  const session: AppSession = {
    host,
    context,
    page,
    profileDir,
    dataDir,
    problems,
    restart: async () => {
      await context.close();
      await host.close();
      return startApp({ ...options, profileDir, dataDir, port: Number(new URL(host.origin).port) });
    },
    close: async () => {
      await context.close();
      await host.close();
      await rm(profileDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Runs axe-core in the page and returns its violations (id, impact, affected nodes). */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  const source = await readFile(path.join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    // Toasts fade in and out: mid-animation opacity gives false contrast failures, so the
    // transient toaster region is left out.
    const result = await axe.run({ exclude: [['[data-sonner-toaster]']] } as unknown as Document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** Saves a screenshot under test-results/ for people to look at. */
/** The host call a page's request carries (`{ channel, input }`), or null if it is not one. */
export function hostCallOf(request: Request): { channel?: unknown; input?: unknown } | null {
  const body = request.postDataBuffer();
  if (!request.url().endsWith('/host/call') || !body) return null;
  return decodeFrame(new Uint8Array(body)) as { channel?: unknown; input?: unknown };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(repo, 'test-results', `${name}.png`) });
}

/** A passphrase zxcvbn rates as strong, for tests. */
export const testPassphrase = 'Mulino verde sotto la luna, 42 volte!';

/**
 * Goes through first run in the UI: passphrase twice, then the recovery kit. Returns the
 * recovery key as shown. Works in either language (it fills fields by position).
 */
export async function createVaultThroughUi(page: Page, passphrase = testPassphrase): Promise<string> {
  const inputs = page.locator('form input[type="password"]');
  await inputs.first().waitFor();
  await inputs.nth(0).fill(passphrase);
  await inputs.nth(1).fill(passphrase);
  await page.locator('form button[type="submit"]').click();
  const key = page.getByTestId('recovery-key');
  await key.waitFor({ timeout: 60_000 });
  const recoveryKey = (await key.textContent())!.trim();
  await page.locator('input[type="checkbox"]').check();
  await page.locator('.recovery-kit button.button:not(.secondary)').click();
  await page.locator('nav.sidebar').waitFor();
  return recoveryKey;
}

/** Locks through the shell's Lock button (English UI) and waits for the lock screen. */
export async function lockNow(app: AppSession): Promise<void> {
  await app.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await app.page.getByRole('heading', { name: 'Scrigno is locked' }).waitFor();
}

/** Unlocks from the lock screen with the passphrase. */
export async function unlockThroughUi(page: Page, passphrase = testPassphrase): Promise<void> {
  const input = page.locator('form input[type="password"]');
  await input.first().waitFor();
  await input.first().fill(passphrase);
  await page.locator('form button[type="submit"]').click();
  await page.locator('nav.sidebar').waitFor({ timeout: 60_000 });
}

/** The action button of the toast that says `text`. */
export function toastButton(page: Page, text: string, button: string) {
  return page.locator('[data-sonner-toast]').filter({ hasText: text }).getByRole('button', { name: button });
}

/** Axe over the screen with the toasts closed first (their colours belong to the shared toaster). */
export async function screenViolations(page: Page) {
  // One at a time from the first: a toast may also leave on its own meanwhile (reminders do).
  const close = page.locator('[data-sonner-toast]:not([data-removed="true"]) button[data-close-button]');
  for (let left = await close.count(); left > 0 && (await close.count()) > 0; left--)
    await close.first().dispatchEvent('click');
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached' });
  return axeViolations(page);
}

/**
 * The trash flow every list screen shares, with rows `a` and `b` (of three) selected: Move to
 * trash is one command, so one Undo brings both back; trashed again, the trash view lists both and
 * Restore takes `b` back. `shown` reads the list's record count; `shot` names the screenshot.
 */
export async function bulkTrashAndRestore(
  page: Page,
  shown: () => Promise<string | null>,
  a: string,
  b: string,
  shot: string,
): Promise<void> {
  const bar = page.getByRole('region', { name: 'Selection' });
  await bar.getByRole('button', { name: 'Move to trash' }).click();
  await page.getByText('2 records moved to the trash.').waitFor();
  await expect.poll(shown).toBe('1 record');
  await toastButton(page, '2 records moved to the trash.', 'Undo').click();
  await expect.poll(shown).toBe('3 records');
  await page.getByRole('checkbox', { name: `Select ${a}` }).check();
  await page.getByRole('checkbox', { name: `Select ${b}` }).check();
  await bar.getByRole('button', { name: 'Move to trash' }).click();
  await expect.poll(shown).toBe('1 record');

  await page.getByRole('checkbox', { name: 'Show trash' }).check();
  await expect.poll(shown).toBe('2 records');
  await page.getByRole('checkbox', { name: `Select ${b}` }).check();
  expect(await screenViolations(page)).toEqual([]);
  await screenshot(page, shot);
  await bar.getByRole('button', { name: 'Restore' }).click();
  await page.getByText('1 record restored from the trash.').waitFor();
  await expect.poll(shown).toBe('1 record');
  await page.getByRole('checkbox', { name: 'Show trash' }).uncheck();
  await expect.poll(shown).toBe('2 records');
}

/**
 * Export of a list's selection (rows `a` and `b`, not `other`) into `folder`, the only file there:
 * the file name carries the list and the time only, the CSV holds exactly the selected rows.
 */
export async function exportSelection(
  page: Page,
  folder: string,
  list: string,
  [a, b]: readonly [string, string],
  other: string,
): Promise<void> {
  await page
    .getByRole('region', { name: 'Selection' })
    .getByRole('button', { name: 'Export selection (CSV)' })
    .click();
  await page.getByText(new RegExp(`2 records written to scrigno-${list}-selection-`)).waitFor();
  const files = await readdir(folder);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(new RegExp(`^scrigno-${list}-selection-\\d{4}-\\d\\d-\\d\\d-\\d{6}\\.csv$`));
  const text = await readFile(path.join(folder, files[0]!), 'utf8');
  expect(text).toContain(a);
  expect(text).toContain(b);
  expect(text).not.toContain(other);
}

/**
 * Creates a person from the Contacts list, with a name and, if given, a phone as typed, and waits
 * for their page.
 */
export async function addPerson(
  page: Page,
  given: string,
  family: string,
  extra: { phone?: string } = {},
): Promise<void> {
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(given);
  await dialog.getByLabel('Last name').fill(family);
  if (extra.phone) await dialog.getByLabel('Phone').fill(extra.phone);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
}
