// The home page: it remembers the name a player last played under, keeps a hostile one as text,
// holds its buttons off while a request is on the way, and takes the rules from its form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('the name played under comes back on the next visit, as text', async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  const home = new HomePage(page, env.server.url);
  const name = 'Zoë "<b>x</b>" & co';
  await home.open();
  await home.createGame(name);
  await new GamePage(page).players().first().waitFor();
  await page.goto(`${env.server.url}/`);
  assert.equal(await page.getByTestId('name').inputValue(), name);
  assert.equal(await page.locator('.home b').count(), 0, 'no markup from a name');
});

test('the buttons are held off while a request is on the way, and the reason is shown', async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  let answer;
  const answered = new Promise((resolve) => { answer = resolve; });
  await page.route('**/api/quick-play', async (route) => {
    await answered;
    await route.abort('failed');
  });
  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.setName('Ada');
  await page.getByTestId('quick-play').click();
  for (const id of ['quick-play', 'create', 'practice', 'join-code']) {
    assert.ok(await page.getByTestId(id).isDisabled(), `${id} held off`);
  }
  answer();
  await page.getByTestId('error').waitFor();
  assert.equal(await page.getByTestId('error').textContent(), 'Could not reach the server. Check your connection.');
  assert.ok(await page.getByTestId('create').isEnabled(), 'buttons back once answered');
  assert.match(page.url(), /\/$/);
});

test("practice takes the form's rules, a number beyond its bounds taken to the nearest", async (t) => {
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  const home = new HomePage(page, env.server.url);
  await home.open();
  // Practice is not a form's submit, so the browser's own checks of the number fields do not
  // run: the page bounds them itself.
  await home.practice('Ada', { capital: 12000, burn: 999999, round: 7, rounds: 0 });
  const code = new URL(page.url()).pathname.split('/').pop();
  const info = await (await fetch(`${env.server.url}/api/games/${code}`)).json();
  assert.deepEqual(
    [info.rules.starting_capital, info.rules.burn, info.rules.round_ms, info.rules.max_rounds],
    [12000, 50000, 7000, 1],
  );
});
