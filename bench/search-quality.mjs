#!/usr/bin/env node
// Compares two built copies of one site, one searched by Pagefind and one by the sharded
// index: for each query, the top ten results by relevance in a headless browser, and the
// bytes of index each page fetched. Many articles of a news corpus score within a few
// per cent of each other on a query, so the order of near-equals says little; the
// quality figure is judged by Pagefind's own scores (read from its API in the page,
// bundle by bundle): the sum of the scores Pagefind gives the sharded index's top ten
// over the sum of Pagefind's own top ten (1.00: as good by Pagefind's measure; a result
// outside Pagefind's best 300 counts 0).
//
// Usage: node bench/search-quality.mjs PAGEFIND_URL SHARDS_URL QUERY...
//   each URL is a served search page (http://127.0.0.1:PORT/search.html).
// Needs playwright-core from the shared checks (../shared/checks/README.md).
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const [pagefindUrl, shardsUrl, ...queries] = process.argv.slice(2);
if (!pagefindUrl || !shardsUrl || !queries.length) {
  console.error('usage: node bench/search-quality.mjs PAGEFIND_URL SHARDS_URL QUERY...');
  process.exit(2);
}
const deps = process.env.SITE_CHECKS_HOME || path.join(os.homedir(), '.cache', 'site-checks');
const { chromium } = createRequire(path.join(deps, 'package.json'))('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

// The top ten links and the status line for `query`, and the index bytes fetched.
async function top(url, query) {
  const page = await browser.newPage();
  let bytes = 0;
  page.on('response', async (r) => {
    if (!/\/(pagefind|assets\/search)\//.test(r.url())) return;
    bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  const u = new URL(url);
  u.searchParams.set('q', query);
  u.searchParams.set('sort', 'relevance');
  await page.goto(u.href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.search-status').textContent.trim() !== '',
    null, { timeout: 30000 }).catch(() => {});
  await page.waitForLoadState('networkidle');
  const links = await page.$$eval('.search-results li h2 a', (as) => as.slice(0, 10).map((a) => new URL(a.href).pathname));
  const status = (await page.locator('.search-status').innerText()).trim();
  await page.close();
  return { links, status, bytes };
}

// Pagefind's results for `query` scoring at least its tenth best, with their scores.
async function pagefindTop(url, query) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const found = await page.evaluate(async (q) => {
    const mods = document.querySelector('[data-search]').dataset.pagefind.split(' ')
      .map((m) => new URL(m, location.href).href);
    const pf = await import(mods[0]);
    const all = [];
    for (const m of mods) {
      const shard = pf.createInstance({ basePath: m.replace(/pagefind\.js$/, '') });
      await shard.init();
      const r = await shard.search(q);
      r.results.forEach((x) => all.push(x));
    }
    all.sort((a, b) => b.score - a.score);
    const top = all.slice(0, 300);
    const data = await Promise.all(top.map((x) => x.data()));
    return data.map((d, i) => [new URL(d.url, location.href).pathname, top[i].score]);
  }, query);
  await page.close();
  return new Map(found);
}

let same = 0, overlap = 0, good = 0;
console.log('| query | Pagefind: found | shards: found | top 1 same | top 10 shared | Pagefind score of the top 10 | Pagefind bytes | shards bytes |');
console.log('| --- | --- | --- | --- | ---: | ---: | ---: | ---: |');
for (const q of queries) {
  const a = await top(pagefindUrl, q);
  const b = await top(shardsUrl, q);
  const shared = a.links.filter((l) => b.links.includes(l)).length;
  const first = a.links[0] && a.links[0] === b.links[0];
  const best = await pagefindTop(pagefindUrl, q);
  const norm = (l) => l.replace(/\/index\.html$/, '/');
  const scoreOf = (l) => best.get(l) || best.get(norm(l)) || 0;
  const ideal = [...best.values()].slice(0, 10).reduce((x, y) => x + y, 0);
  const within = ideal ? b.links.reduce((x, l) => x + scoreOf(l), 0) / ideal : 1;
  good += within;
  same += first ? 1 : 0;
  overlap += shared / Math.max(1, Math.min(10, a.links.length));
  console.log(`| ${q} | ${a.status} | ${b.status} | ${first ? 'yes' : 'no'} | ${shared}/${a.links.length} | ${within.toFixed(2)} | ${a.bytes} | ${b.bytes} |`);
}
console.log(`\n${same}/${queries.length} same first result; mean top-10 overlap ${(100 * overlap / queries.length).toFixed(0)}%; ` +
  `mean of Pagefind's score of the top ten: ${(good / queries.length).toFixed(2)}`);
await browser.close();
