// What goes wrong is said plainly, in the browser: a game that does not exist (and the page
// stops knocking on it), a game that started without you, and a refused join.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { createGame, joinGame } from '../support/api.mjs';
import { GamePage, HomePage, hostedGame } from '../support/pages.mjs';

const env = withServerAndBrowser();

for (const width of [360, 1280]) {
  test(`a game that does not exist is said to be missing, and not retried (${width} px)`, async (t) => {
    const context = await newContext(env.browser, { viewport: { width, height: 740 } });
    t.after(() => context.close());
    const page = await context.newPage();
    let sockets = 0;
    page.on('websocket', () => { sockets += 1; });
    await page.goto(`${env.server.url}/g/abcdefghjkmn`);
    await page.getByTestId('trouble').filter({ hasText: 'Game not found' }).waitFor({ timeout: 5000 });
    const tried = sockets;
    await page.waitForTimeout(3000);
    assert.equal(sockets, tried, `no socket opened after the game was found missing (${tried} before)`);
    await snap(page, `not-found-${width}`);
  });
}

test('a game that filled up and started says so where the code was typed', async (t) => {
  // A private game starts the moment its last seat is taken, so "full" reaches a latecomer as
  // "already started".
  const grant = await createGame(env.server, 'Ada', 2);
  await joinGame(env.server, grant.code, 'Bob');
  const context = await newContext(env.browser, { viewport: { width: 360, height: 740 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.setName('Cy');
  await page.getByTestId('code').fill(grant.code);
  await page.getByTestId('join-code').click();
  await page.getByTestId('error').filter({ hasText: 'This game has already started.' }).waitFor({ timeout: 5000 });
  await snap(page, 'started-360');
});

test('a refused name is answered with the reason, and the form stays', async (t) => {
  const { page } = await hostedGame(env, t, { cap: 4 });
  // Nothing but invisible characters: no name at all once the server has cleaned it.
  await new GamePage(page).join('\u200b\u200b');
  await page.getByTestId('join-error').waitFor({ timeout: 5000 });
  assert.match(await page.getByTestId('join-error').textContent(), /name/i);
  assert.equal(await page.getByTestId('join').count(), 1);
  await snap(page, 'refused-name-1280');
});
