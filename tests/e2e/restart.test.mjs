// The runtime is SIGKILLed a moment after a player's last taps and comes back on the same state:
// the pages reconnect by themselves, keep every tap on screen (those made while it was down too),
// and the round pays exactly what the screen showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser({ own: true });

test('taps made just before and during a kill of the runtime are shown and paid', async () => {
  const [hostPage, guestPage] = await Promise.all([0, 1].map(async () => (await newContext(env.browser)).newPage()));
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
  // The server is down; the player keeps tapping.
  await guest.build(3, 80);
  assert.equal(await guest.clicks(), 15);
  await env.server.boot({ samePort: true });

  // The pages come back by themselves (whenever they do, taps and the ship wait in their journal).
  await guest.build(2, 80);
  assert.equal(await guest.clicks(), 17, 'the screen counts every tap');
  await guest.ship();
  await host.ship();
  const rows = await guest.results(30000);
  assert.equal(rows.find((r) => r.name === 'Bob').clicks, 17, 'and the round pays every one');
  assert.equal((await host.results()).find((r) => r.name === 'Bob').clicks, 17);
});
