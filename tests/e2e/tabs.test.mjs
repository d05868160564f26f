// One seat open in several tabs of one browser: every tab is live, a tap in any of them counts
// once, every tab shows the seat's count before the ship, and the round pays it; a reload of one
// tab mid-round loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap } from '../support/browser.mjs';
import { bobInTabs, showsClicks } from '../support/tabs.mjs';

const env = withServerAndBrowser();

test('two tabs of one seat tapping in turn count every tap, and both show them before the ship', async (t) => {
  const { host, bob } = await bobInTabs(env, t, 2);
  await Promise.all(bob.map((tab) => tab.waitForRound()));
  for (let i = 0; i < 30; i += 1) {
    await bob[i % 2].build(1, 60);
  }
  for (const tab of bob) await showsClicks(tab, 30);
  await snap(bob[1].page, 'second-tab-1280');
  await bob[0].ship();
  await host.ship();
  const rows = await bob[1].results(30000);
  assert.equal(rows.find((r) => r.name === 'Bob').clicks, 30, 'the round pays both tabs\' taps');
});

test('three tabs, one of them reloaded mid-round: every tap counts once', async (t) => {
  const { host, bob } = await bobInTabs(env, t, 3);
  await Promise.all(bob.map((tab) => tab.waitForRound()));
  for (let i = 0; i < 12; i += 1) {
    await bob[i % 3].build(1, 60);
  }
  // Tab 3 reloads at once after its taps, before its batch would have gone by the clock.
  await bob[2].build(2, 30);
  await bob[2].page.reload();
  await bob[2].waitForRound();
  for (let i = 0; i < 6; i += 1) {
    await bob[i % 3].build(1, 60);
  }
  for (const tab of bob) await showsClicks(tab, 20);
  await bob[2].ship();
  await host.ship();
  const rows = await bob[0].results(30000);
  assert.equal(rows.find((r) => r.name === 'Bob').clicks, 20);
});
