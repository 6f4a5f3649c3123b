#!/usr/bin/env node
// Browser test of the sign-up page (driven by scripts/subscribe-test.sh): the reader finds
// the e-mail field by its label, types an address, presses Enter; the list service must
// receive a POST carrying the configured field names. Then, at 320 px wide, the page must
// not scroll sideways and Tab must reach every header menu link.
//
// Usage: node scripts/subscribe-test.mjs SUBSCRIBE_URL REQUESTS_LOG LIST_PORT
// Last line: "subscribe-test: PASS|FAIL — …". Exit 0 on pass, 1 on fail, 2 on bad usage.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, log, listPort] = process.argv.slice(2);
if (!url || !log || !listPort) {
  console.error('usage: node scripts/subscribe-test.mjs SUBSCRIBE_URL REQUESTS_LOG LIST_PORT');
  process.exit(2);
}
const deps = process.env.SITE_CHECKS_HOME || path.join(os.homedir(), '.cache', 'site-checks');
const { chromium } = createRequire(path.join(deps, 'package.json'))('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];
const address = 'reader@example.org';
try {
  // 1. Sign up, without JavaScript: the form must work as plain HTML.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  const field = page.getByLabel(/e-mail/i);
  if ((await field.getAttribute('autocomplete')) !== 'email') problems.push('the e-mail field has no autocomplete="email"');
  await field.fill(address);
  await Promise.all([
    page.waitForURL(`http://127.0.0.1:${listPort}/**`, { timeout: 10000 }),
    field.press('Enter'),
  ]);
  if (!(await page.textContent('body')).includes('subscribed')) problems.push('the list service did not answer');
  const requests = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  if (requests.length !== 1) {
    problems.push(`the list service received ${requests.length} requests, not 1`);
  } else {
    const [req] = requests;
    const form = new URLSearchParams(req.body);
    if (req.path !== '/subscribe') problems.push(`posted to ${req.path}, not /subscribe`);
    if (!String(req.type).startsWith('application/x-www-form-urlencoded')) problems.push(`posted as ${req.type}`);
    if (form.get('EMAIL') !== address) problems.push(`EMAIL field is ${form.get('EMAIL')} in ${req.body}`);
    if (form.get('list') !== 'morning') problems.push(`hidden list field is ${form.get('list')} in ${req.body}`);
    if ([...form.keys()].length !== 2) problems.push(`unexpected fields in ${req.body}`);
  }
  await context.close();

  // 2. At 320 px wide with a long menu: nothing scrolls sideways, Tab reaches every link.
  const narrow = await browser.newPage({ viewport: { width: 320, height: 640 } });
  await narrow.goto(url, { waitUntil: 'load' });
  const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
  if (width > 320) problems.push(`at 320 px the page is ${width} px wide`);
  const links = await narrow.$$eval('header nav a', (as) => as.map((a) => a.href));
  if (links.length < 8) problems.push(`the header menu has ${links.length} links, expected the long menu`);
  const current = await narrow.$$eval('header nav a[aria-current="page"]', (as) => as.map((a) => a.textContent.trim()));
  if (current.length !== 1) problems.push(`aria-current marks ${JSON.stringify(current)}, expected the sign-up entry`);
  const reached = new Set();
  for (let i = 0; i < 60 && reached.size < links.length; i++) {
    await narrow.keyboard.press('Tab');
    const href = await narrow.evaluate(() => document.activeElement && document.activeElement.href);
    if (href && links.includes(href)) reached.add(href);
  }
  if (reached.size !== new Set(links).size) problems.push(`Tab reached ${reached.size} of ${new Set(links).size} menu links`);
  const offscreen = await narrow.$$eval('header nav a', (as) => as.filter((a) => { const r = a.getBoundingClientRect(); return r.right > 320 || r.left < 0 || r.width === 0; }).map((a) => a.textContent.trim()));
  if (offscreen.length) problems.push(`menu links outside 320 px: ${offscreen.join(', ')}`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.log(`  ${p}`);
  console.log(`subscribe-test: FAIL — ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('subscribe-test: PASS — the form posted EMAIL and list to the list service; the menu fits 320 px and Tab reaches it');
