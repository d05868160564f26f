// A second visit asks the network for none of the app's code: everything under /pkg/ is named by
// its content and kept for good. Only the document is asked again, and it names the version to
// load, so a new version is picked up at the next visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { createGame } from '../support/api.mjs';

const env = withServerAndBrowser();

/** The page's wasm and what each cost on the wire: 0 bytes when the browser's cache served it. */
const wasmTransfers = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('.wasm'))
  .map((e) => ({ path: new URL(e.name).pathname, bytes: e.transferSize })));

test("a second visit to a game's link makes no request for wasm, and a new version is picked up", async (t) => {
  const grant = await createGame(env.server, 'Host');
  const link = `${env.server.url}/g/${grant.code}`;
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();

  const first = await page.goto(link);
  assert.match(first.headers()['cache-control'] ?? '', /max-age=0|no-cache/, 'the document is asked for each time');
  await page.getByTestId('player').filter({ hasText: 'Host' }).waitFor();
  const fetched = await wasmTransfers(page);
  assert.equal(fetched.length, 2, JSON.stringify(fetched));
  assert.ok(fetched.every((f) => f.bytes > 0), `the first visit downloads them: ${JSON.stringify(fetched)}`);
  const asset = await page.request.get(`${env.server.url}${fetched[0].path}`);
  assert.match(asset.headers()['cache-control'], /immutable/);

  // The same browser comes back: the wasm comes from its cache, with no request at all (a
  // revalidation would cost a round trip and show bytes on the wire).
  const requested = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('.wasm')) requested.push(r.url()); });
  await page.goto(link);
  await page.getByTestId('player').filter({ hasText: 'Host' }).waitFor();
  const again = await wasmTransfers(page);
  assert.equal(again.length, 2, JSON.stringify(again));
  assert.deepEqual(again.map((f) => f.bytes), [0, 0], `served from the cache: ${JSON.stringify(again)}`);

  // A deploy publishes under a new version: the document, asked for every time (checked above),
  // names it, and every file the page loads is under the version its document names, so a new
  // version's files are new names the cache has never held.
  const version = fetched[0].path.split('/')[2];
  const document = await (await page.request.get(link)).text();
  assert.ok(document.includes(`/pkg/${version}/app.js`), 'the document names its version');
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/pkg/')));
  assert.ok(loaded.length >= 4 && loaded.every((p) => p.startsWith(`/pkg/${version}/`)), JSON.stringify(loaded));
});
