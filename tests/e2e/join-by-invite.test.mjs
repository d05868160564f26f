// Two browsers meet: one creates a game, the other opens its invite link and joins; both
// player lists show both names within a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { snap, newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('a second player joins over the invite link and both see both names', async () => {
  const hostContext = await newContext(env.browser);
  const guestContext = await newContext(env.browser);
  const hostPage = await hostContext.newPage();
  const guestPage = await guestContext.newPage();

  const home = new HomePage(hostPage, env.server.url);
  await home.open();
  await home.createGame('Ada');
  const host = new GamePage(hostPage);
  await host.players().first().waitFor();
  const invite = await host.inviteLink();
  assert.match(invite, /\/g\/[a-z2-9]{12}$/);
  await snap(hostPage, 'waiting-room-host');

  await guestPage.goto(invite);
  const guest = new GamePage(guestPage);
  await guest.join('Bob');
  const joinedAt = Date.now();
  // Both lists must show both names; the one-second budget is what players would notice.
  await Promise.all([
    hostPage.getByTestId('player').filter({ hasText: 'Bob' }).waitFor({ timeout: 1000 }),
    guestPage.getByTestId('player').filter({ hasText: 'Ada' }).waitFor({ timeout: 1000 }),
  ]);
  const took = Date.now() - joinedAt;
  assert.deepEqual(await host.players().allTextContents(), ['Ada', 'Bob']);
  assert.deepEqual(await guest.players().allTextContents(), ['Ada', 'Bob']);
  console.log(`both names shown on both pages ${took} ms after the join click`);
  // Each page says what the game waits for: the host's Start, named on the guest's page.
  await guestPage.getByTestId('waiting-for').filter({ hasText: 'Waiting for Ada to start the game.' }).waitFor({ timeout: 2000 });
  await hostPage.getByTestId('waiting-for').filter({ hasText: 'Press Start' }).waitFor({ timeout: 2000 });
  // Money reads as people write it.
  assert.match(await guestPage.getByTestId('rules').textContent(), /\$30,000 to start, \$5,000 burn/);
  await snap(guestPage, 'waiting-room-guest');
  await hostContext.close();
  await guestContext.close();
});

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
