// After the end, "Play again" opens a new game with the same rules and the other player joins it
// with one click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('play again invites everyone on the results screen', async () => {
  const [hostPage, guestPage] = await Promise.all([0, 1].map(async () => (await newContext(env.browser)).newPage()));
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 2, rules: { countdown: 1, round: 3, rounds: 1, burn: 1500 } });
  const firstUrl = hostPage.url();
  await guestPage.goto(await new GamePage(hostPage).inviteLink());
  await new GamePage(guestPage).join('Bob');
  const [host, guest] = [new GamePage(hostPage), new GamePage(guestPage)];
  await Promise.all([host.winner(), guest.winner()]);

  await hostPage.getByTestId('play-again').click();
  await hostPage.waitForURL((url) => url.href !== firstUrl && /\/g\/[a-z2-9]{12}$/.test(url.href));
  await hostPage.getByTestId('start').waitFor();
  await hostPage.getByTestId('rules').filter({ hasText: '$1,500 burn' }).waitFor();

  const join = guestPage.getByTestId('play-again');
  await join.filter({ hasText: 'Join the rematch' }).waitFor();
  await join.click();
  await guestPage.waitForURL(hostPage.url());
  for (const page of [hostPage, guestPage]) {
    await page.getByTestId('player').filter({ hasText: 'Bob' }).waitFor();
    assert.deepEqual(await new GamePage(page).players().allTextContents(), ['Ada', 'Bob']);
  }
  // The host of the rematch is the one who opened it.
  assert.equal(await hostPage.getByTestId('player').filter({ hasText: 'Ada' }).locator('.badge.host').count(), 1);
});
