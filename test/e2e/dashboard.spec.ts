import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createVaultThroughUi, screenshot, screenViolations, startApp, type AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function addDeal(page: Page, title: string, value: string) {
  await page.getByRole('button', { name: 'New deal' }).click();
  const dialog = page.getByRole('dialog', { name: 'New deal' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Value').fill(value);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the dashboard', () => {
  it('is the home page, shows empty states, then charts with text alternatives', async () => {
    app = await startApp();
    const { page } = app;
    await createVaultThroughUi(page);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(page.url()).toContain('#/dashboard');
    await page.getByText('No open deals yet.').waitFor();
    await page.getByText('No deal closed in the last 12 months.').waitFor();
    await page.getByText('No activity recorded in the last 12 weeks.').waitFor();
    expect(await page.getByTestId('tasks-overdue').locator('dd').textContent()).toBe('0');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-empty');

    await page.getByRole('link', { name: 'Deals' }).click();
    await addDeal(page, 'Impianto fotovoltaico', '2,000');
    await addDeal(page, 'Manutenzione', '500');
    await page.getByRole('button', { name: /Manutenzione/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark won' }).click();
    await page.getByText('Deal won').waitFor();

    await page.getByRole('link', { name: 'Overview' }).click();
    const pipeline = page.getByRole('figure', { name: 'Pipeline value by stage' });
    await pipeline
      .getByTestId('dash-pipeline-chart')
      .locator('svg .recharts-bar-rectangle')
      .first()
      .waitFor();
    // The text alternative carries the same figures.
    const leadRow = pipeline.getByRole('row', { name: /^Lead/ });
    expect(await leadRow.getByRole('cell').allTextContents()).toEqual(['€2,000', '€200']);
    const results = page.getByRole('figure', { name: 'Won and lost, last 12 months' });
    await results.getByTestId('dash-results-chart').locator('svg .recharts-bar-rectangle').first().waitFor();
    const month = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit' }).format(new Date());
    expect(
      await results
        .getByRole('row', { name: new RegExp(`^${month}`) })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['€500', '€0']);
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-charts');

    // Dark theme keeps the charts readable.
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await screenViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-charts-dark');
    expect(app.problems).toEqual([]);
  });
});
