// The body of scripts/lighthouse.sh: boots `wrangler dev` as the tests do, makes a game to have
// a link, and runs Lighthouse's performance category on both pages, `runs` times each (default
// 3), printing every run and the median; then accessibility, best practices and SEO once each.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DevServer, root } from '../tests/support/server.mjs';
import { createGame } from '../tests/support/api.mjs';

const tools = join(root, '.tools', 'lighthouse', 'node_modules');
const { default: lighthouse } = await import(pathToFileURL(join(tools, 'lighthouse', 'core', 'index.js')));
const chromeLauncher = await import(pathToFileURL(join(tools, 'chrome-launcher', 'dist', 'index.js')));

const runs = Number(process.argv[2] ?? 3);
const server = await DevServer.start();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const grant = await createGame(server, 'Host');
  const pages = [['home page', `${server.url}/`], ["a game's link", `${server.url}/g/${grant.code}`]];
  console.log('page            run  score  LCP (s)  bytes');
  for (const [name, url] of pages) {
    const results = [];
    for (let i = 1; i <= runs; i += 1) {
      // Defaults: mobile form factor, simulated throttling (slow 4G, 4× CPU slowdown).
      const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error' });
      const row = {
        score: Math.round(lhr.categories.performance.score * 100),
        lcp: lhr.audits['largest-contentful-paint'].numericValue / 1000,
        bytes: lhr.audits['total-byte-weight'].numericValue,
        // What the paint measured was: the element, and the phases of its time (load delay, render delay).
        element: lhr.audits['largest-contentful-paint-element'].details?.items?.[0]?.items?.[0]?.node?.snippet,
        // The other measures the score weighs, with the score each got.
        others: ['first-contentful-paint', 'speed-index', 'total-blocking-time', 'cumulative-layout-shift']
          .map((id) => `${id} ${lhr.audits[id].displayValue} (${Math.round(lhr.audits[id].score * 100)})`).join(', '),
        phases: (lhr.audits['largest-contentful-paint-element'].details?.items?.[1]?.items ?? [])
          .map((p) => `${p.phase} ${Math.round(p.timing)} ms`).join(', '),
      };
      results.push(row);
      console.log(`${name.padEnd(15)} ${String(i).padStart(3)}  ${String(row.score).padStart(5)}  ${row.lcp.toFixed(2).padStart(7)}  ${row.bytes}`);
    }
    console.log(`${name.padEnd(15)} med  ${String(median(results.map((r) => r.score))).padStart(5)}  ${median(results.map((r) => r.lcp)).toFixed(2).padStart(7)}  ${median(results.map((r) => r.bytes))}`);
    console.log(`  largest paint: ${results.at(-1).element} (${results.at(-1).phases})`);
    console.log(`  and: ${results.at(-1).others}`);
    // The three other categories, once: they do not move from run to run.
    const { lhr: rest } = await lighthouse(url, {
      port: chrome.port, onlyCategories: ['accessibility', 'best-practices', 'seo'], logLevel: 'error',
    });
    const categories = Object.values(rest.categories);
    console.log(`  ${categories.map((c) => `${c.id} ${Math.round(c.score * 100)}`).join(', ')}`);
    const short = categories.flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 && rest.audits[r.id].score !== null
      && rest.audits[r.id].score < 1).map((r) => r.id));
    if (short.length) console.log(`  below full marks: ${short.join(', ')}`);
  }
} finally {
  chrome.kill();
  await server.stop();
}
