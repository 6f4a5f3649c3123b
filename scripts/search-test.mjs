#!/usr/bin/env node
// Browser test of the search page: types a word into the search box and checks that the
// expected headline comes first, then picks a topic filter and checks the result count
// against the fallback index. No console errors, page errors or failed requests allowed.
// HEADLINE "-" expects no result: the list empty, the status the "nothing found" label.
//
// Usage: node scripts/search-test.mjs SEARCH_URL SITE_DIR WORD HEADLINE [TOPIC]
//   SEARCH_URL  http://127.0.0.1:PORT/prefix/search.html, or file:///…/search.html
//   SITE_DIR    the built site (its assets/search-index.js gives the expected topic count)
// Last line: "search-test: PASS|FAIL — …". Exit 0 on pass, 1 on fail, 2 on bad usage.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const [url, site, word, headline, topic] = process.argv.slice(2);
if (!url || !site || !word || !headline) {
  console.error('usage: node scripts/search-test.mjs SEARCH_URL SITE_DIR WORD HEADLINE [TOPIC]');
  process.exit(2);
}
const deps = process.env.SITE_CHECKS_HOME || path.join(os.homedir(), '.cache', 'site-checks');
const { chromium } = createRequire(path.join(deps, 'package.json'))('playwright-core');

// The fallback index is a script assigning a global: run it in a sandbox to read it.
function records() {
  const sandbox = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(site, 'assets/search-index.js'), 'utf8'), sandbox);
  return sandbox.window.broadsheetSearchIndex;
}
// The sharded index (assets/search/): each file calls broadsheetSearch(name, data).
const sharded = fs.existsSync(path.join(site, 'assets/search/meta.js'));
function shardFile(file) {
  let data;
  vm.runInNewContext(fs.readFileSync(path.join(site, 'assets/search', file), 'utf8'),
    { broadsheetSearch: (_, d) => { data = d; } });
  return data;
}
// How many documents the index lists under a topic.
function topicCount(topic) {
  if (!sharded) return records().filter((r) => r.filters.tag.includes(topic)).length;
  const key = `#tag:${topic}`;
  const cp = (s) => Array.from(s).map((c) => c.codePointAt(0));
  const le = (a, b) => { const x = cp(a), y = cp(b);
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
    return x.length <= y.length; };
  const firsts = shardFile('meta.js').shards;
  let n = 0;
  while (n + 1 < firsts.length && le(firsts[n + 1], key)) n++;
  const entry = shardFile(`t/${n}.js`)[key];
  return entry ? entry[0] : 0;
}
// Bytes of the sharded index a served page fetched.
let indexBytes = 0;
const none = headline === '-';

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
async function check() {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  // Over http the results must come from Pagefind (its fragments), not the fallback.
  const fragments = new Set();
  page.on('request', (r) => {
    const m = r.url().match(/\/pagefind\/([^/]+)\/fragment\//);
    if (m) fragments.add(m[1]);
  });
  const shardFiles = new Set();
  page.on('response', async (r) => {
    const m = r.url().match(/\/assets\/search\/(.+\.js)/);
    if (!m) return;
    shardFiles.add(m[1]);
    indexBytes += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(url, { waitUntil: 'load' });
  const served = url.startsWith('http');
  const box = page.locator('input[type=search]');
  await box.pressSequentially(word, { delay: 20, timeout: 5000 });
  const first = page.locator('.search-results li h2').first();
  const root = page.locator('[data-search]');
  if (none) {
    // Nothing to wait for but the status line saying so.
    const want = ((await root.getAttribute('data-label-none')) || '').replace('{query}', word);
    await page.waitForFunction((w) => document.querySelector('.search-status').textContent.trim() === w,
      want, { timeout: 10000 }).catch(() => {});
    const said = (await page.locator('.search-status').innerText()).trim();
    const shown = await page.locator('.search-results li').count();
    console.log(`typed "${word}": ${shown} result(s), status "${said}"`);
    if (shown || said !== want) problems.push(`expected no result and "${want}", got ${shown} and "${said}"`);
    return;
  }
  await first.waitFor({ timeout: 10000 }).catch(() => {});
  const got = (await first.count()) ? (await first.innerText()).trim() : '(no results)';
  console.log(`typed "${word}": first result "${got}"`);
  if (got !== headline) problems.push(`expected "${headline}" first, got "${got}"`);
  // The count reads right: "1 article found", "2 articles found" (the site's labels).
  const said = (await page.locator('.search-status').innerText()).trim();
  const total = Number((said.match(/\d+/) || ['0'])[0]);
  const form = await root.getAttribute(total === 1 ? 'data-label-result-one' : 'data-label-results');
  if (said !== (form || '').replace('{n}', String(total))) {
    problems.push(`the status says "${said}" for ${total} result(s)`);
  }
  if (served && sharded) {
    console.log(`sharded index: ${shardFiles.size} file(s), ${indexBytes} bytes fetched`);
    if (![...shardFiles].some((f) => f.startsWith('t/'))) problems.push('served, yet no shard was fetched');
    const most = Number(process.env.MAX_INDEX_BYTES || 0);
    if (most && indexBytes > most) problems.push(`the query fetched ${indexBytes} bytes of index, over ${most}`);
  } else if (served) {
    const bundles = (await page.locator('[data-search]').getAttribute('data-pagefind')) || '';
    const shards = bundles.split(' ').filter(Boolean).length;
    console.log(`Pagefind: ${shards} bundle(s) listed; results fetched from ${[...fragments].join(', ') || 'none'}`);
    if (shards && !fragments.size) problems.push('served, yet no Pagefind fragment was fetched');
  }
  if (!topic) return;
  const expected = topicCount(topic);
  if (!expected) throw new Error(`no article in the index has the topic "${topic}"`);
  await box.fill('');
  await page.selectOption('#filter-tag', topic, { timeout: 5000 });
  await page.waitForFunction((n) => document.querySelectorAll('.search-results li').length === n,
    expected, { timeout: 10000 }).catch(() => {});
  const shown = await page.locator('.search-results li').count();
  const status = await page.locator('.search-status').innerText();
  console.log(`topic "${topic}": ${shown} results (${status}), the index lists ${expected}`);
  if (shown !== expected) problems.push(`topic "${topic}": ${shown} results, expected ${expected}`);
}

try {
  await check();
} catch (e) {
  problems.push(String(e.message || e).split('\n')[0]);
} finally {
  await browser.close();
}
const where = url.startsWith('file:') ? 'from disk' : 'served';
if (problems.length) {
  problems.forEach((p) => console.log(`  ${p}`));
  console.log(`search-test: FAIL — ${where}: ${problems.length} problem(s)`);
  process.exit(1);
}
const found = none ? 'finds nothing, and says so' : `finds "${headline}" first`;
console.log(`search-test: PASS — ${where}: "${word}" ${found}${topic && !none ? `, topic "${topic}" filters` : ''}`);
