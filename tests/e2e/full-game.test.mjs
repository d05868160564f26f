// Three browsers play a private game over its invite link to the end, clicking at different
// speeds; what the results screens show follows the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('a three-player game over the invite link is played to game over', async () => {
  // The round is long enough for the slowest hand here (30 taps 60 ms apart, on a machine busy
  // with three browsers and the runtime) to finish well inside it: a tap the test makes after
  // the round's end would land in the next round and misread both.
  const rules = { capital: 10000, burn: 5000, countdown: 1, round: 8, rounds: 2 };
  const pages = [];
  for (let i = 0; i < 3; i += 1) pages.push(await (await newContext(env.browser)).newPage());
  const [host, bob, cy] = pages.map((p) => new GamePage(p));
  const home = new HomePage(pages[0], env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 3, rules });
  const invite = await host.inviteLink();
  await pages[1].goto(invite);
  await bob.join('Bob');
  await pages[2].goto(invite);
  await cy.join('Cy');
  // The game fills and starts by itself.

  const speeds = [{ taps: 30, gap: 60 }, { taps: 15, gap: 150 }, { taps: 4, gap: 300 }];
  const capital = { Ada: 10000, Bob: 10000, Cy: 10000 };
  for (let round = 1; round <= 2; round += 1) {
    await Promise.all([host, bob, cy].map((g) => g.waitForRound()));
    if (round === 1) await snap(pages[0], 'round');
    const took = await Promise.all([host, bob, cy].map(async (g, i) => {
      const begun = Date.now();
      await g.build(speeds[i].taps, speeds[i].gap);
      if (i !== 1) await g.ship(); // Bob lets the round ship his product.
      return Date.now() - begun;
    }));
    console.log(`round ${round}: taps made and shipped in ${took.join(', ')} ms of a ${rules.round * 1000} ms round`);
    const rows = await host.results();
    if (round === 1) await snap(pages[0], 'round-results');
    for (const row of rows) {
      // Every tap made in time counts, none is made up: all are well within the human bound.
      assert.equal(row.clicks, speeds[['Ada', 'Bob', 'Cy'].indexOf(row.name)].taps, JSON.stringify(row));
      assert.equal(row.profit, Math.floor((500000 * row.clicks) / Math.max(row.ms, 1000)), JSON.stringify(row));
      assert.equal(row.burn, 5000);
      assert.equal(row.capital, capital[row.name] + row.profit - 5000, JSON.stringify(row));
      capital[row.name] = row.capital;
    }
    const bobRow = rows.find((r) => r.name === 'Bob');
    if (bobRow) assert.equal(bobRow.ms, rules.round * 1000, 'an unshipped product ships at the round end');
  }
  const winnerText = await host.winner();
  const best = Math.max(...Object.values(capital));
  const winners = Object.keys(capital).filter((n) => capital[n] === best);
  for (const w of winners) assert.ok(winnerText.includes(w), `${winnerText} names ${w}`);
  await pages[0].getByTestId('chart').waitFor();
  await snap(pages[0], 'game-over');
  assert.equal(await cy.winner(), winnerText);
});
