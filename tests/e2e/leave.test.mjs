// "Leave game" asks first; leaving the waiting room frees the seat and hands over the host badge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('the host leaves the waiting room after confirming; the next player hosts', async () => {
  const [hostPage, guestPage] = await Promise.all([0, 1].map(async () => (await env.browser.newContext()).newPage()));
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 3 });
  await guestPage.goto(await new GamePage(hostPage).inviteLink());
  await new GamePage(guestPage).join('Bob');
  await hostPage.getByTestId('player').filter({ hasText: 'Bob' }).waitFor();

  // Saying no to the question changes nothing.
  hostPage.once('dialog', (d) => d.dismiss());
  await hostPage.getByTestId('leave').click();
  await hostPage.waitForTimeout(500);
  assert.deepEqual(await new GamePage(guestPage).players().allTextContents(), ['Ada', 'Bob']);

  hostPage.once('dialog', (d) => d.accept());
  await hostPage.getByTestId('leave').click();
  await hostPage.waitForURL(`${env.server.url}/`);
  const guest = new GamePage(guestPage);
  await guestPage.getByTestId('player').filter({ hasText: 'Ada' }).waitFor({ state: 'detached' });
  assert.deepEqual(await guest.players().allTextContents(), ['Bob']);
  await guestPage.getByTestId('player').filter({ hasText: 'Bob' }).locator('.badge.host').waitFor();
});
