// A reload in the middle of a round brings the player back to their seat, with their clicks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('reloading mid-round keeps the seat and what was built', async () => {
  const [hostPage, guestPage] = await Promise.all([0, 1].map(async () => (await newContext(env.browser)).newPage()));
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 2, rules: { countdown: 1, round: 20, rounds: 1 } });
  const host = new GamePage(hostPage);
  await guestPage.goto(await host.inviteLink());
  const guest = new GamePage(guestPage);
  await guest.join('Bob');

  await guest.waitForRound();
  await guest.build(8, 80);
  assert.equal(await guest.clicks(), 8);
  // At once: the app holds clicks for up to a second (CLICK_BATCH_MS) and sends what it holds
  // as the page goes away.
  await guestPage.reload();
  await guest.waitForRound();
  assert.equal(await guest.clicks(), 8, 'the server-counted clicks come back');
  await guest.build(3, 80);
  assert.equal(await guest.clicks(), 11);
  const me = guestPage.getByTestId('player').filter({ hasText: 'Bob' });
  assert.equal(await me.locator('.badge.you').count(), 1, 'still in the same seat');
  await guest.ship();
  await hostPage.getByTestId('player').filter({ hasText: 'Bob' }).locator('.badge.shipped').waitFor();
});
