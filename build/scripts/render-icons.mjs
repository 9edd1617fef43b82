// Renders build/icon.svg to the PNG icons electron-builder packs (build/icon.png and
// build/icons/<n>x<n>.png) with Debian's Chromium. Run by hand after editing the SVG:
//   node build/scripts/render-icons.mjs
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const buildDir = fileURLToPath(new URL('..', import.meta.url));
const svg = await readFile(join(buildDir, 'icon.svg'), 'utf8');
const userDataDir = await mkdtemp(join(tmpdir(), 'scrigno-icons-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const size of [512, 256, 128, 64, 32, 16]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    // omitBackground keeps the corners outside the rounded tile transparent.
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    await writeFile(join(buildDir, 'icons', `${size}x${size}.png`), png);
    if (size === 512) await writeFile(join(buildDir, 'icon.png'), png);
  }
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
