// From a 360 px phone to a desktop: no screen scrolls sideways. Screenshots of each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

async function overflow(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
}

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`home, waiting room and round fit ${width}×${height}`, async () => {
    const context = await newContext(env.browser, { viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500 });
    const other = await (await newContext(env.browser)).newPage();
    const page = await context.newPage();
    const home = new HomePage(page, env.server.url);
    await home.open();
    await page.getByTestId('create').waitFor();
    assert.equal(await overflow(page), 0, 'home');
    await snap(page, `home-${width}`);

    await home.createGame('A very long name indeed', { cap: 2, rules: { countdown: 1, round: 10, rounds: 1 } });
    await page.getByTestId('invite').waitFor();
    assert.equal(await overflow(page), 0, 'waiting room');
    await snap(page, `waiting-${width}`);

    await other.goto(await new GamePage(page).inviteLink());
    await new GamePage(other).join('Bob');
    const game = new GamePage(page);
    await game.waitForRound();
    await game.build(3, 50);
    assert.equal(await overflow(page), 0, 'round');
    await snap(page, `round-${width}`);
    await context.close();
  });
}
