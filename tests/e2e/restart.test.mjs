// The runtime is SIGKILLed a moment after a player's last taps and comes back on the same state:
// the pages say the player is paused while the link is down, reconnect by themselves, keep every
// tap on screen, and the round pays exactly what the screen showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { snap } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser({ own: true });

test('taps made just before a kill of the runtime are shown and paid; meanwhile the player is paused', async () => {
  const [hostPage, guestPage] = await Promise.all([0, 1].map(async () => (await newContext(env.browser)).newPage()));
  await guestPage.setViewportSize({ width: 360, height: 740 });
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 2, rules: { countdown: 1, round: 25, rounds: 1 } });
  const host = new GamePage(hostPage);
  await guestPage.goto(await host.inviteLink());
  const guest = new GamePage(guestPage);
  await guest.join('Bob');
  await guest.waitForRound();

  // Twelve quick taps, then the kill: the last batch has not even left the page.
  await guest.build(12, 40);
  const killAt = Date.now();
  await env.server.kill();
  console.log(`killed ${Date.now() - killAt} ms after the last tap`);
  assert.equal(await guest.clicks(), 12);
  // The server is down: the page says the player is paused, stops the price and the buttons,
  // and no longer claims anyone is online.
  await guestPage.getByTestId('paused').waitFor({ timeout: 5000 });
  assert.equal(await guestPage.getByTestId('price').textContent(), '—', 'no price falls while paused');
  assert.ok(await guestPage.getByTestId('product').isDisabled(), 'Build is off while paused');
  assert.ok(await guestPage.getByTestId('ship').isDisabled(), 'and Ship');
  assert.deepEqual(await guestPage.getByTestId('presence').allTextContents(), ['unknown', 'unknown']);
  await snap(guestPage, 'paused-360');
  await guest.build(3, 80);
  assert.equal(await guest.clicks(), 12, 'a paused button counts nothing');
  await env.server.boot({ samePort: true });

  // The pages come back by themselves, with the taps kept in their journal.
  await guest.waitForRound(30000);
  assert.equal(await guestPage.getByTestId('paused').count(), 0);
  await guest.build(2, 80);
  assert.equal(await guest.clicks(), 14, 'the screen counts every tap');
  await guest.ship();
  await host.ship();
  const rows = await guest.results(30000);
  assert.equal(rows.find((r) => r.name === 'Bob').clicks, 14, 'and the round pays every one');
  assert.equal((await host.results()).find((r) => r.name === 'Bob').clicks, 14);
});
