#!/usr/bin/env node
// Screenshots of a built site for review: each PAGE at 375 px and 1280 px wide, light and dark.
//
// Usage: node scripts/screenshots.mjs SITE_DIR OUT_DIR [--readme] PAGE...
//   PAGE is a path inside SITE_DIR (index.html, articles/x.html); pages open from file://.
// Writes OUT_DIR/<page-name>-<width>-<light|dark>.png (full page). With --readme, writes only
// OUT_DIR/front-page.png: the first PAGE's top, 1100x860, light (small enough to commit).
// Needs playwright-core from the shared checks (../shared/checks/install.sh puts it in
// $SITE_CHECKS_HOME) and /usr/bin/chromium.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const readme = args.includes('--readme');
const [site, out, ...pages] = args.filter((a) => a !== '--readme');
if (!site || !out || pages.length === 0) {
  console.error('usage: node scripts/screenshots.mjs SITE_DIR OUT_DIR PAGE...');
  process.exit(2);
}
const deps = process.env.SITE_CHECKS_HOME || path.join(os.homedir(), '.cache', 'site-checks');
const { chromium } = createRequire(path.join(deps, 'package.json'))('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
let written = 0;
try {
  if (readme) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
    await page.goto(pathToFileURL(path.resolve(site, pages[0])).href, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(out, 'front-page.png') });
    console.log(`screenshots: ${path.join(out, 'front-page.png')} written`);
    process.exit(0);
  }
  for (const scheme of ['light', 'dark']) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const rel of pages) {
        await page.goto(pathToFileURL(path.resolve(site, rel)).href, { waitUntil: 'load' });
        const name = rel.replace(/\.html$/, '').replace(/[/\\]/g, '-');
        const file = path.join(out, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written += 1;
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots: ${written} written into ${out}`);
