// Clicks made in the last moments of a round count: the app sends what it still holds when the
// round's time is up on its screen, not at its next once-a-second batch, which would arrive after
// the round has closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { roundStart } from '../support/api.mjs';
import { bobInRound } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('clicks in the last moments of a round are counted', async (t) => {
  // 3.5 s: the batch ticks at 1, 2 and 3 s, so clicks after 3 s are still held at the end.
  const rules = { starting_capital: 30000, burn: 5000, intermission_ms: 1000, round_ms: 3500, max_rounds: 1 };
  const { host, page, bob } = await bobInRound(env, t, rules);

  await roundStart(host, 1);
  await bob.waitForRound();
  // The round says which it is and how long it has left, in words as well as the time bar.
  assert.match(await page.getByTestId('round-status').textContent(), /^Round 1 of 1 · [1-4] s left$/);
  // The product button has focus from the round's start: Space and Enter build without a Tab.
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  assert.equal(await bob.clicks(), 2, 'the keyboard builds at once');
  // Tap about ten times a second, well under the human bound, until 3.3 s into the round on the
  // host's clock; then stop and read the count.
  while (host.elapsed(1) < 3300) {
    await page.getByTestId('product').dispatchEvent('pointerdown');
    await page.waitForTimeout(90);
  }
  const shown = await bob.clicks();
  assert.ok(shown > 20, `tapped ${shown} times`);
  const [row] = (await bob.results()).filter((r) => r.name === 'Bob');
  const refused = await page.getByTestId('rejection').allTextContents();
  assert.equal(row.clicks, shown, `every click shown was counted (refusals: ${refused})`);
});

test('a page busy as the round starts still shows what the round pays', async (t) => {
  const rules = { starting_capital: 30000, burn: 5000, intermission_ms: 1000, round_ms: 4000, max_rounds: 1 };
  const { host, page, bob, sent } = await bobInRound(env, t, rules);
  // Keep Bob's page busy from 200 ms before the round starts to 400 ms after it (the page and the
  // server read the same clock here): the round's message waits 400 ms to be read.
  const countdown = await host.next((m) => m.type === 'phase' && m.phase.phase === 'intermission', 5000, 'countdown');
  await page.evaluate((startsAt) => {
    setTimeout(() => {
      const end = Date.now() + 600;
      while (Date.now() < end) { /* busy */ }
    }, Math.max(0, startsAt - Date.now() - 200));
  }, countdown.phase.starts_at);
  await roundStart(host, 1);
  await bob.waitForRound();
  await bob.build(10, 60);
  await bob.shipAndHear();
  const shipped = await page.getByTestId('price').textContent();
  const [row] = (await bob.results()).filter((r) => r.name === 'Bob');
  assert.equal(row.profit, Number(shipped.replace(/[^0-9-]/g, '')), `shown ${shipped}, paid ${row.profit} in ${row.ms} ms`);
  // The page's own stamp, the price it showed up to the server's word, was near what was paid.
  // Stamped from when the page read the round's message, the ship would be 400 ms short of the
  // server's window and credited that much later; what is left is the message's way in, which on
  // a busy machine can be tens of ms.
  const ship = sent.map((f) => JSON.parse(f)).find((m) => m.type === 'ship');
  console.log(`ship stamped ${ship.at} ms on the page, credited ${row.ms} ms`);
  // The results say the time paid for, which is a second at least.
  assert.ok(row.ms - Math.max(ship.at, 1000) < 150, `stamped ${ship.at} ms, credited ${row.ms} ms`);
});
