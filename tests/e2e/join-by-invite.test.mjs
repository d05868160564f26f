// Two browsers meet: one creates a game, the other opens its invite link and joins; both
// player lists show both names within a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('a second player joins over the invite link and both see both names', async () => {
  const hostContext = await newContext(env.browser);
  const guestContext = await newContext(env.browser);
  const hostPage = await hostContext.newPage();
  const guestPage = await guestContext.newPage();

  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada');
  const host = new GamePage(hostPage);
  await host.players().first().waitFor();
  const invite = await host.inviteLink();
  assert.match(invite, /\/g\/[a-z2-9]{12}$/);
  await snap(hostPage, 'waiting-room-host');

  await guestPage.goto(invite);
  const guest = new GamePage(guestPage);
  await guest.join('Bob');
  const joinedAt = Date.now();
  // Both lists must show both names; the one-second budget is what players would notice.
  await Promise.all([
    hostPage.getByTestId('player').filter({ hasText: 'Bob' }).waitFor({ timeout: 1000 }),
    guestPage.getByTestId('player').filter({ hasText: 'Ada' }).waitFor({ timeout: 1000 }),
  ]);
  const took = Date.now() - joinedAt;
  assert.deepEqual(await host.players().allTextContents(), ['Ada', 'Bob']);
  assert.deepEqual(await guest.players().allTextContents(), ['Ada', 'Bob']);
  console.log(`both names shown on both pages ${took} ms after the join click`);
  // Each page says what the game waits for: the host's Start, named on the guest's page.
  await guestPage.getByTestId('waiting-for').filter({ hasText: 'Waiting for Ada to start the game.' }).waitFor({ timeout: 2000 });
  await hostPage.getByTestId('waiting-for').filter({ hasText: 'Press Start' }).waitFor({ timeout: 2000 });
  // Money reads as people write it.
  assert.match(await guestPage.getByTestId('rules').textContent(), /\$30,000 to start, \$5,000 burn/);
  await snap(guestPage, 'waiting-room-guest');
  await hostContext.close();
  await guestContext.close();
});
