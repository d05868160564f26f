// After shipping, the price a player sees is the one the round pays: the server's credit, not
// the page's guess. It measures no time, so it runs beside other files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { roundStart } from '../support/api.mjs';
import { bobInRound } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('after shipping, the price shown stands, and it is what the round pays', async (t) => {
  const rules = { starting_capital: 30000, burn: 5000, intermission_ms: 1000, round_ms: 4000, max_rounds: 1 };
  const { host, page, bob } = await bobInRound(env, t, rules);
  await roundStart(host, 1);
  await bob.waitForRound();
  await bob.build(8, 60);
  await page.waitForTimeout(500);
  await bob.shipAndHear();
  const price = page.getByTestId('price');
  const shipped = await price.textContent();
  await page.waitForTimeout(800);
  assert.equal(await price.textContent(), shipped, 'the price no longer falls');
  const [row] = (await bob.results()).filter((r) => r.name === 'Bob');
  assert.equal(row.profit, Number(shipped.replace(/[^0-9-]/g, '')), `shown ${shipped}, paid ${row.profit}`);
});
