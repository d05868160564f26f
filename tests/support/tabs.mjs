// One seat in several tabs of one browser (one context, so one localStorage and one token).
import assert from 'node:assert/strict';
import { newContext } from './browser.mjs';
import { HomePage, GamePage } from './pages.mjs';

/** Ada hosts a one-round game; Bob joins it from its link in `tabs` tabs of one browser. */
export async function bobInTabs(env, t, tabs) {
  const hostContext = await newContext(env.browser);
  const bobContext = await newContext(env.browser);
  t.after(() => Promise.all([hostContext.close(), bobContext.close()]));
  const hostPage = await hostContext.newPage();
  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada', { cap: 2, rules: { countdown: 1, round: 25, rounds: 1 } });
  const host = new GamePage(hostPage);
  const link = await host.inviteLink();
  const first = await bobContext.newPage();
  await first.goto(link);
  await new GamePage(first).join('Bob');
  await first.getByTestId('player').filter({ hasText: 'Bob' }).locator('.badge.you').waitFor();
  const pages = [first];
  for (let i = 1; i < tabs; i += 1) {
    // The link opened again: the same seat, from this browser's token.
    const page = await bobContext.newPage();
    await page.goto(link);
    pages.push(page);
  }
  return { host, hostPage, bob: pages.map((page) => new GamePage(page)) };
}

/** Waits until `game` shows `count` clicks (the seat's count, every tab's taps together). */
export async function showsClicks(game, count, timeout = 5000) {
  await game.page.waitForFunction(
    (n) => document.querySelector('[data-testid=clicks]')?.textContent === String(n), count, { timeout },
  ).catch(async () => assert.fail(`a tab shows ${await game.clicks()} clicks, not ${count}`));
}
