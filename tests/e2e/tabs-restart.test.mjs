// The runtime is SIGKILLed between two tabs' taps of one seat: both tabs come back by
// themselves, each sends again what the server had not stored, and the round pays every tap of
// both, as both tabs showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { bobInTabs, showsClicks } from '../support/tabs.mjs';

const env = withServerAndBrowser({ own: true });

test('a kill of the runtime between two tabs\' taps loses neither tab\'s', async (t) => {
  const { host, bob } = await bobInTabs(env, t, 2);
  await Promise.all(bob.map((tab) => tab.waitForRound()));
  await bob[0].build(6, 50);
  await showsClicks(bob[1], 6);
  // Tab 2's taps have not even left the page when the runtime dies; tab 1's are counted but
  // perhaps not stored.
  await bob[1].build(5, 40);
  await env.server.kill();
  await showsClicks(bob[1], 11);
  await env.server.boot({ samePort: true });
  await Promise.all(bob.map((tab) => tab.waitForRound(30000)));
  await bob[0].build(2, 60);
  await bob[1].build(2, 60);
  for (const tab of bob) await showsClicks(tab, 15, 10000);
  await bob[1].ship();
  await host.ship();
  const rows = await bob[0].results(30000);
  assert.equal(rows.find((r) => r.name === 'Bob').clicks, 15, 'the round pays every tap of both tabs');
});
