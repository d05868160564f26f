// A player whose network has opened too many games is told so on the home page, and can still
// join a friend's game.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { address, createGame, post } from '../support/api.mjs';
import { freshLimitWindow } from '../support/limits.mjs';
import { HomePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('the home page says why a new game was refused', async (t) => {
  await freshLimitWindow();
  const from = address();
  const context = await newContext(env.browser, { extraHTTPHeaders: { 'CF-Connecting-IP': from } });
  t.after(() => context.close());
  const page = await context.newPage();
  // Someone else on the same network has opened the allowance's ten games.
  for (let i = 0; i < 10; i += 1) {
    const answer = await post(env.server, '/api/games', { name: `Host ${i}`, cap: 2 }, { from });
    assert.equal(answer.status, 200);
  }
  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.setName('Ada');
  await page.getByTestId('create').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /Too many new games from your network/);
  assert.match(page.url(), /\/$/, 'still on the home page');
  await snap(page, 'home-too-many-games');

  // Joining a friend's game takes no allowance.
  const friend = await createGame(env.server, 'Friend');
  await page.goto(`${env.server.url}/g/${friend.code}`);
  await page.getByTestId('join-name').fill('Ada');
  await page.getByTestId('join').click();
  await page.getByTestId('player').filter({ hasText: 'Ada' }).waitFor();
});
