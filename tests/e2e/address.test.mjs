// The address bar: the app's own links and the browser's back and forward move between the home
// page and a game inside the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

/** A mark on the page's window: it survives moves inside the page and no document load. */
const mark = (page) => page.evaluate(() => { window.stayed = true; });
const stayed = (page) => page.evaluate(() => window.stayed === true);

test('back and forward move between home and a game without loading the page again', async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  await mark(page);
  await home.createGame('Ada');
  const game = new GamePage(page);
  await game.players().first().waitFor();
  const link = page.url();

  await page.goBack();
  await page.getByTestId('quick-play').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await page.goForward();
  await page.getByTestId('start').waitFor();
  assert.equal(page.url(), link);
  assert.equal(await game.players().count(), 1, 'the same seat, not a second one');
  assert.ok(await stayed(page), 'no document was loaded on the way');

  // The brand at the top is a link home, followed inside the page too.
  await page.getByRole('link', { name: 'Startup CliX' }).click();
  await page.getByTestId('quick-play').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.ok(await stayed(page));
});

test("a missing game's Home link opens the home page inside the page", async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${env.server.url}/g/abcdefghjkmn`);
  await page.getByTestId('trouble').waitFor();
  await mark(page);
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByTestId('quick-play').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.ok(await stayed(page), 'home opened inside the page');
  await page.goBack();
  await page.getByTestId('trouble').waitFor();
});
