// Practice starts a game against three bots at once, and a private game's host adds and removes
// bots in the waiting room; bots are marked wherever a name shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage, playToTheEnd } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('practice starts at once against three bots and plays to game over, and its result is shared', async () => {
  const page = await (await newContext(env.browser, { permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.practice('Ada', { countdown: 1, round: 3, rounds: 2 });
  const game = new GamePage(page);
  // No waiting room: the countdown of round 1 is on, or the round itself.
  const started = Date.now();
  await game.waitForRound(6000);
  assert.ok(Date.now() - started < 6000);
  assert.equal(await page.getByTestId('start').count(), 0);
  const bots = page.getByTestId('players').getByTestId('bot');
  assert.equal(await bots.count(), 3);
  assert.deepEqual(
    (await bots.evaluateAll((marks) => marks.map((m) => m.title))).sort(),
    ['A bot, easy', 'A bot, sharp', 'A bot, steady'],
  );
  await snap(page, 'practice-round');
  const { rounds } = await playToTheEnd(game, { taps: 20, gapMs: 100 });
  assert.equal(rounds, 2);
  const rows = await game.results(1000);
  assert.equal(rows.length, 4);
  assert.ok(rows.filter((r) => r.name !== 'Ada').every((r) => r.clicks > 0), JSON.stringify(rows));
  assert.equal(await page.getByTestId('standing').getByTestId('bot').count(), 3);
  await snap(page, 'practice-over');
  // Share result: the game's link, whose preview shows the result. This Chromium has no share
  // sheet, so the link is copied; where there is one, the sheet gets the link.
  const link = new URL(page.url()).href.split(/[?#]/)[0];
  assert.match(link, /\/g\/[a-z0-9]{12}$/);
  const share = page.getByTestId('share-result');
  assert.equal(await share.textContent(), 'Share result');
  assert.equal(await page.evaluate(() => 'share' in navigator), false);
  await share.click();
  await page.getByTestId('share-result').filter({ hasText: 'Link copied' }).waitFor({ timeout: 2000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await page.evaluate(() => {
    navigator.share = (data) => {
      window.shared = data;
      return Promise.resolve();
    };
  });
  await share.click();
  assert.equal(await page.evaluate(() => window.shared?.url), link);
});

for (const width of [360, 1280]) {
  test(`the host adds and removes bots in the waiting room (${width} px)`, async () => {
    const page = await (await newContext(env.browser, { viewport: { width, height: 800 } })).newPage();
    const home = new HomePage(page, env.server.url);
    await home.open();
    await home.createGame('Ada', { cap: 3, rules: { countdown: 1, round: 3, rounds: 1 } });
    const game = new GamePage(page);
    await page.getByTestId('bot-level').selectOption('sharp');
    await page.getByTestId('add-bot').click();
    const mark = page.getByTestId('players').getByTestId('bot');
    await mark.waitFor();
    assert.equal(await mark.getAttribute('title'), 'A bot, sharp');
    assert.equal(await page.getByTestId('player').count(), 2);
    await snap(page, `waiting-with-a-bot-${width}`);
    // Taken out again, by keyboard: the button is reachable and says whom it takes.
    const remove = page.getByTestId('remove-bot');
    assert.match(await remove.getAttribute('aria-label'), /^Take .+ out$/);
    await remove.focus();
    await page.keyboard.press('Enter');
    await mark.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('player').count(), 1);
    // Two bots fill the game, which starts as a full game does.
    await page.getByTestId('add-bot').click();
    await mark.first().waitFor();
    await page.getByTestId('add-bot').click();
    await game.waitForRound(8000);
    assert.equal(await page.getByTestId('players').getByTestId('bot').count(), 2);
  });
}
