// Two players press Quick play and land in the same public game, with its start countdown shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';
import { ownMatchmaker } from '../support/api.mjs';

const env = withServerAndBrowser();

test('quick play pairs two players in one public game', async () => {
  // A matchmaker of their own: a player left waiting by another file would be matched with them.
  const extraHTTPHeaders = ownMatchmaker();
  const pages = await Promise.all([0, 1].map(async () => (await newContext(env.browser, { extraHTTPHeaders })).newPage()));
  const homes = pages.map((p) => new HomePage(p, env.server.url));
  await Promise.all(homes.map((h) => h.open()));
  await Promise.all([homes[0].quickPlay('Ann'), homes[1].quickPlay('Ben')]);
  assert.equal(pages[0].url(), pages[1].url());
  for (const page of pages) {
    const game = new GamePage(page);
    await page.getByTestId('player').filter({ hasText: 'Ben' }).waitFor();
    // Seats go in order of arrival, and the two arrived together.
    assert.deepEqual((await game.players().allTextContents()).sort(), ['Ann', 'Ben']);
    await page.getByTestId('countdown').waitFor();
    const seconds = Number((await page.getByTestId('countdown').textContent()).match(/\d+/)[0]);
    assert.ok(seconds > 10 && seconds <= 20, `starts in ${seconds} s`);
    // A public game has no host to press Start.
    assert.equal(await page.getByTestId('start').count(), 0);
  }
  await snap(pages[0], 'quick-play-waiting');
});
