// Nobody waits alone: a lone quick-play player sees bots join once 15 s have passed, with the
// countdown, and plays a whole game against them, the bots marked wherever a name shows. The wait for bots
// and their countdown are the game's own; the public game itself is played by short rules here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage, playToTheEnd } from '../support/pages.mjs';

// Its own server: a player left waiting by another file would keep this one company. Its public
// games are two rounds of 3 s (ten of 10 s by default), so the whole game takes seconds.
const rules = { starting_capital: 30000, burn: 5000, intermission_ms: 1000, round_ms: 3000, max_rounds: 2 };
const env = withServerAndBrowser({ own: true, vars: { PUBLIC_RULES: JSON.stringify(rules) } });

test('a lone quick-play player gets bots after 15 s and plays a whole game against them', async () => {
  const page = await (await newContext(env.browser, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })).newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  const pressed = Date.now();
  await home.quickPlay('Ann');
  const game = new GamePage(page);
  await page.getByTestId('waiting-for').waitFor();
  assert.match(await page.getByTestId('waiting-for').textContent(), /[Bb]ots join/);
  // How soon after 15 s they show is printed, not asserted: under a loaded machine the page's
  // join and paint take their time. Sooner than 15 s after the press would break the rule.
  await page.getByTestId('bot').nth(2).waitFor({ timeout: 30000 });
  const joinedAfter = Date.now() - pressed;
  console.log(`bots shown ${joinedAfter} ms after Quick play was pressed`);
  assert.ok(joinedAfter >= 15000, `bots joined after ${joinedAfter} ms, before the player had waited 15 s`);
  assert.equal(await page.getByTestId('player').count(), 4);
  assert.equal(await page.getByTestId('bot').count(), 3);
  // The countdown shows, and the bots' names are no one else's.
  await page.getByTestId('countdown').waitFor();
  const names = await game.players().allTextContents();
  assert.equal(new Set(names).size, 4, names.join());
  assert.ok(names.includes('Ann'));
  await snap(page, 'bots-joined-360');

  const { rounds, winner } = await playToTheEnd(game, { taps: 40, gapMs: 120 });
  assert.equal(rounds, rules.max_rounds, `${rounds} rounds`);
  // Final standings: four, the three bots marked, their results counted like anyone's.
  const standings = page.getByTestId('standing');
  assert.equal(await standings.count(), 4);
  assert.equal(await standings.getByTestId('bot').count(), 3);
  const rows = await game.results(1000);
  assert.ok(rows.filter((r) => r.name !== 'Ann').every((r) => r.clicks > 0), JSON.stringify(rows));
  assert.ok(winner.length > 0);
  await snap(page, 'bots-game-over-360');
});
