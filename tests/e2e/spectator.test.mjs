// Opening the link of a running game shows it live, as a spectator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('a late arrival watches the running game', async () => {
  const [hostPage, guestPage, latePage] = await Promise.all([0, 1, 2].map(async () => (await newContext(env.browser)).newPage()));
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 2, rules: { countdown: 1, round: 15, rounds: 1 } });
  const invite = await new GamePage(hostPage).inviteLink();
  await guestPage.goto(invite);
  await new GamePage(guestPage).join('Bob');
  const host = new GamePage(hostPage);
  await host.waitForRound();

  await latePage.goto(invite);
  await latePage.getByText('You are watching this game.').waitFor();
  const late = new GamePage(latePage);
  assert.deepEqual(await late.players().allTextContents(), ['Ada', 'Bob']);
  assert.equal(await latePage.getByTestId('product').count(), 0, 'no product to build');
  await host.ship();
  // Live: Ada's shipment shows up on the spectator's standings.
  await latePage.getByTestId('player').filter({ hasText: 'Ada' }).locator('.badge.shipped').waitFor();
  await snap(latePage, 'spectator');
});
