// "Leave game" asks first; leaving the waiting room frees the seat and hands over the host badge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('the host leaves the waiting room after confirming; the next player hosts', async () => {
  const [hostPage, guestPage] = await Promise.all([0, 1].map(async () => (await newContext(env.browser)).newPage()));
  // What the host's page sends on its game socket.
  const sent = [];
  hostPage.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(String(payload))));
  const leaves = () => sent.filter((f) => f.includes('"leave"')).length;
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 3 });
  await guestPage.goto(await new GamePage(hostPage).inviteLink());
  await new GamePage(guestPage).join('Bob');
  await hostPage.getByTestId('player').filter({ hasText: 'Bob' }).waitFor();

  // Saying no to the question changes nothing. The page would send its leave from inside the
  // click's handler, so once the click is done, a leave that went out has been seen going.
  const gameUrl = hostPage.url();
  let asked = null;
  hostPage.once('dialog', (d) => { asked = d.message(); return d.dismiss(); });
  await hostPage.getByTestId('leave').click();
  assert.match(asked ?? '', /Leave this waiting room\?/);
  assert.equal(leaves(), 0, 'no leave was sent');
  assert.equal(hostPage.url(), gameUrl);
  await hostPage.getByTestId('player').filter({ hasText: 'Ada' }).locator('.badge.host').waitFor();
  assert.deepEqual(await new GamePage(guestPage).players().allTextContents(), ['Ada', 'Bob']);

  hostPage.once('dialog', (d) => d.accept());
  await hostPage.getByTestId('leave').click();
  assert.equal(leaves(), 1, 'one leave, on yes');
  await hostPage.waitForURL(`${env.server.url}/`);
  const guest = new GamePage(guestPage);
  await guestPage.getByTestId('player').filter({ hasText: 'Ada' }).waitFor({ state: 'detached' });
  assert.deepEqual(await guest.players().allTextContents(), ['Bob']);
  await guestPage.getByTestId('player').filter({ hasText: 'Bob' }).locator('.badge.host').waitFor();
});
