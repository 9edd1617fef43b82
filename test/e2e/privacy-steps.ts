/** Steps the privacy suites share: screenshots kept for looking at, and the section's tabs. */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';

const results = path.resolve(import.meta.dirname, '../../test-results');

/** A screenshot in test-results/ and, for looking at it, in /tmp; `fullPage` for printed pages. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  if (fullPage) await page.screenshot({ path: path.join(results, `${name}.png`), fullPage: true });
  else await screenshot(page, name);
  await copyFile(path.join(results, `${name}.png`), path.join('/tmp', `${name}.png`));
}

/** Opens a tab of the Privacy section from the sidebar. */
export async function openPrivacy(page: Page, tab: string): Promise<void> {
  await page.locator('nav.sidebar').getByRole('link', { name: 'Privacy' }).click();
  await page
    .getByRole('navigation', { name: /privacy/i })
    .getByRole('link', { name: tab })
    .click();
}
