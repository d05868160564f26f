// From a 360 px phone to a desktop: no screen scrolls sideways, and the tables fit whole (no
// column cut off at the edge). Screenshots of every screen of a game land in test-results/. The
// phone asks for reduced motion: the tap's pulse and the winner's moment are off there, on on the
// desktop.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

async function overflow(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
}

/** How far each table reaches past its card's content box, in px (0 when it fits). */
async function tablesOverflow(page) {
  return page.locator('table').evaluateAll((tables) => tables.map((t) => {
    const card = t.closest('.card');
    const style = getComputedStyle(card);
    const inner = card.getBoundingClientRect().right - parseFloat(style.paddingRight);
    return Math.max(0, Math.ceil(t.getBoundingClientRect().right - inner));
  }));
}

// The two widths play games of their own at the same time: each mostly waits on its rounds.
describe('screens that fit a phone and a desktop', { concurrency: true }, () => {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    it(`every screen of a game fits ${width}×${height}`, async () => {
      const phone = width < 500;
      const context = await newContext(env.browser, { viewport: { width, height }, isMobile: phone, hasTouch: phone, reducedMotion: phone ? 'reduce' : 'no-preference' });
      const animation = (locator) => locator.evaluate((e) => getComputedStyle(e).animationName);
      const otherContext = await newContext(env.browser);
      const other = await otherContext.newPage();
      const page = await context.newPage();
      const home = new HomePage(page, env.server.url);
      await home.open();
      await page.getByTestId('create').waitFor();
      assert.equal(await overflow(page), 0, 'home');
      await snap(page, `home-${width}`);

      await home.createGame('A very long name indeed', { cap: 2, rules: { countdown: 2, round: 6, rounds: 2 } });
      await page.getByTestId('invite').waitFor();
      await page.locator('img.qr').evaluate((img) => img.decode());
      assert.equal(await overflow(page), 0, 'waiting room');
      await snap(page, `waiting-${width}`);

      await other.goto(await new GamePage(page).inviteLink());
      // The last seat taken, a private game starts by itself.
      await new GamePage(other).join('Bob');
      await page.getByTestId('countdown').waitFor();
      assert.equal(await overflow(page), 0, 'countdown');
      await snap(page, `countdown-${width}`);

      const game = new GamePage(page);
      await game.waitForRound();
      await game.build(9, 40);
      // Every tap restarts the count's pulse (two equal animations, alternating).
      const pulse = await animation(page.getByTestId('clicks'));
      if (phone) assert.equal(pulse, 'none'); else assert.match(pulse, /^pulse-[ab]$/);
      assert.equal(await overflow(page), 0, 'round');
      await snap(page, `round-${width}`);
      await game.ship();
      await page.getByTestId('ship').filter({ hasText: 'Shipped' }).waitFor();
      await snap(page, `round-shipped-${width}`);

      await page.getByTestId('results').waitFor({ timeout: 15000 });
      assert.equal(await overflow(page), 0, 'results');
      assert.deepEqual(await tablesOverflow(page), [0], 'the results table fits whole');
      await snap(page, `results-${width}`);

      await game.winner();
      await page.getByTestId('chart').waitFor();
      // This player won: their moment plays, unless motion is to be reduced.
      await page.getByTestId('you-won').waitFor();
      assert.equal(await animation(page.locator('.moment i').first()), phone ? 'none' : 'fall');
      assert.equal(await overflow(page), 0, 'game over');
      assert.deepEqual(await tablesOverflow(page), [0, 0], 'the standings and the last round fit whole');
      await snap(page, `over-${width}`);
      await context.close();
      await otherContext.close();
    });
  }
});
