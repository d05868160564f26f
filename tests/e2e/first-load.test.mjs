// What a first visit downloads. The home page fetches the app alone; the game's code is a file of
// its own, fetched once on the way into a game, and at once (alongside the app) on a game's link.
// The sizes themselves are printed by scripts/size.sh, not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { createGame } from '../support/api.mjs';
import { HomePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

/** Paths of the files under /pkg/ that `page` requests, in order. */
function recordWasm(page) {
  const seen = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pkg/') && path.endsWith('.wasm')) seen.push(path);
  });
  return seen;
}

// Published under the version's hash and named by content, so a page never loads another
// version's game code.
const isGameChunk = (path) => /^\/pkg\/[0-9a-f]{12}\/split_game-[0-9a-f]{12}\.wasm$/.test(path);
const isApp = (path) => /^\/pkg\/[0-9a-f]{12}\/app_bg\.wasm$/.test(path);

test('the home page leaves the game code for later, and fetches it once on the way in', async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  const wasm = recordWasm(page);
  const home = new HomePage(page, env.server.url);
  await home.open();
  await page.getByTestId('quick-play').and(page.locator(':enabled')).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(wasm.length, 1, `the home page fetched only the app: ${wasm}`);
  assert.ok(isApp(wasm[0]), wasm[0]);

  await home.quickPlay('Ann');
  await page.getByTestId('player').filter({ hasText: 'Ann' }).waitFor();
  assert.equal(wasm.filter(isGameChunk).length, 1, `the game code, once: ${wasm}`);
  assert.equal(wasm.length, 2, `nothing else: ${wasm}`);
});

test("a game's link fetches the game code and the invite's QR code alongside the app, once", async (t) => {
  const grant = await createGame(env.server, 'Host');
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  const wasm = recordWasm(page);
  const qr = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/qr.svg')) qr.push(r.url()); });
  await page.goto(`${env.server.url}/g/${grant.code}`);
  await page.getByTestId('player').filter({ hasText: 'Host' }).waitFor();
  assert.equal(wasm.length, 2, `the app and the game code: ${wasm}`);
  // The invite's QR code too, the largest paint of a waiting room: asked for by the document,
  // and that answer is the one the waiting room shows.
  await page.waitForFunction(() => document.querySelector('img.qr')?.complete);
  assert.deepEqual(qr, [`${env.server.url}/api/games/${grant.code}/qr.svg`]);
  assert.ok(wasm.some(isApp));
  assert.ok(wasm.some(isGameChunk));
  // The preload in the document asked for it before the app ran: the loader's own fetch was
  // served from that, or there would be a third request.
  const preloaded = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel=preload]')].map((l) => new URL(l.href).pathname));
  assert.ok(preloaded.some(isGameChunk), `preloads: ${preloaded}`);
  assert.ok(preloaded.includes(`/api/games/${grant.code}/qr.svg`), `preloads: ${preloaded}`);
});

test("a game's file that fails to arrive is said plainly, and Try again fetches it", async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  const wasm = recordWasm(page);
  let refused = 0;
  await page.route('**/pkg/*/split_game-*.wasm', (route) => {
    refused += 1;
    return route.abort('connectionfailed');
  });
  const home = new HomePage(page, env.server.url);
  await home.open();
  // A private game of its own: what other tests left on the server does not matter.
  await home.createGame('Cyd');
  await page.getByTestId('trouble').filter({ hasText: 'The game did not load' }).waitFor();
  assert.equal(refused, 1);

  // The network is back: the same page, no reload, gets the game.
  await page.unroute('**/pkg/*/split_game-*.wasm');
  await page.getByTestId('retry').click();
  await page.getByTestId('player').filter({ hasText: 'Cyd' }).waitFor();
  assert.equal(wasm.filter(isGameChunk).length, 2, `fetched again: ${wasm}`);
  assert.equal(wasm.filter(isApp).length, 1, 'the app was not reloaded');
});
