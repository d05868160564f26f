// The invite's other ways in, which measure no time and so run beside other files: a code typed
// on the home page opens the game with the seat taken, and Copy puts the link on the clipboard.
// (join-by-invite.test.mjs times the link itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('joining by a typed code takes one step: the game opens with the seat taken', async () => {
  const context = await newContext(env.browser);
  const hostContext = await newContext(env.browser);
  const hostPage = await hostContext.newPage();
  const hostHome = new HomePage(hostPage, env.server.url);
  await hostHome.open();
  await hostHome.createGame('Ada');
  const code = await hostPage.getByTestId('code').textContent();
  const page = await context.newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.setName('Cy');
  // Typed as a friend would read it out: upper case, with its dashes.
  await page.getByTestId('code').fill(code.toUpperCase());
  await page.getByTestId('join-code').click();
  await page.waitForURL(/\/g\/[a-z2-9]{12}$/);
  await page.getByTestId('player').filter({ hasText: 'Cy' }).locator('.badge.you').waitFor({ timeout: 5000 });
  assert.equal(await page.getByTestId('join').count(), 0, 'no second Join to press');
  await hostPage.getByTestId('player').filter({ hasText: 'Cy' }).waitFor({ timeout: 2000 });

  // A code nobody made is answered on the home page itself.
  await home.open();
  await page.getByTestId('code').fill('abcd-efgh-jkmn');
  await page.getByTestId('join-code').click();
  await page.getByTestId('error').filter({ hasText: 'No game with that code.' }).waitFor({ timeout: 5000 });
  await context.close();
  await hostContext.close();
});

test('Copy puts the invite link on the clipboard and says so, and a player arriving keeps it', async (t) => {
  const context = await newContext(env.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  t.after(() => context.close());
  const page = await context.newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.createGame('Ada');
  const game = new GamePage(page);
  await game.players().first().waitFor();
  const copy = page.getByTestId('copy');
  assert.equal(await copy.textContent(), 'Copy');
  await copy.click();
  await page.getByTestId('copy').filter({ hasText: 'Copied' }).waitFor({ timeout: 2000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await game.inviteLink());
  // A second player arriving changes the room but not the invite: "Copied" stays.
  const guest = await (await newContext(env.browser)).newPage();
  t.after(() => guest.context().close());
  await guest.goto(await game.inviteLink());
  await new GamePage(guest).join('Bob');
  await game.players().nth(1).waitFor();
  assert.equal(await copy.textContent(), 'Copied');
});
