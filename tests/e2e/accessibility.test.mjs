// WCAG 2.1 A and AA, colour contrast included, checked by axe-core on every screen of a game,
// on a phone and on a desktop. Any violation fails with the rule, the element and axe's advice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { root } from '../support/server.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe on the page as it is; returns how many colour pairs it checked. */
async function audit(page, screen) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${
    v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')}`);
  assert.deepEqual(found, [], `${screen}: WCAG violations`);
  const contrast = result.passes.find((p) => p.id === 'color-contrast');
  return contrast ? contrast.nodes.length : 0;
}

// The two widths play games of their own at the same time: each mostly waits on its rounds.
describe('WCAG AA on a phone and a desktop', { concurrency: true }, () => {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    it(`every screen meets WCAG AA at ${width}×${height}`, async () => {
      const context = await newContext(env.browser, { viewport: { width, height } });
      const page = await context.newPage();
      const other = await (await newContext(env.browser)).newPage();
      const checked = {};

      const home = new HomePage(page, env.server.url);
      await home.open();
      await page.getByTestId('create').waitFor();
      checked.home = await audit(page, 'home');

      await home.createGame('Ada', { cap: 2, rules: { countdown: 3, round: 8, rounds: 1 } });
      await page.getByTestId('invite').waitFor();
      checked.waiting = await audit(page, 'waiting room');

      await other.goto(await new GamePage(page).inviteLink());
      await new GamePage(other).join('Bob');
      const game = new GamePage(page);
      await page.getByTestId('countdown').waitFor({ timeout: 20000 });
      checked.countdown = await audit(page, 'countdown');

      await game.waitForRound();
      await game.build(5, 30);
      checked.round = await audit(page, 'round');
      await game.ship();
      checked.shipped = await audit(page, 'round, shipped');

      await game.winner();
      checked.over = await audit(page, 'game over');
      // Every screen had text whose contrast axe could measure: a check that saw nothing proves nothing.
      for (const [screen, n] of Object.entries(checked)) assert.ok(n > 0, `${screen}: no contrast checked`);
      console.log(`contrast pairs checked at ${width}px: ${JSON.stringify(checked)}`);
      await context.close();
    });
  }
});
