// A game played through under the page's Content-Security-Policy and Trusted Types, in two
// browsers (the host from the home page, a guest through the invite link the Worker answers),
// with a hostile name in the room: not one policy report in either console, no script of a
// player's run. And what the same screens keep for a keyboard and a screen reader: the host's
// form keeps focus and the level picked as the room becomes startable, and one announcer in the
// page says the round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext, snap } from '../support/browser.mjs';
import { HomePage, GamePage, playToTheEnd } from '../support/pages.mjs';

const env = withServerAndBrowser();

/** A page that keeps every console message, page error and policy violation it sees. */
async function watchedPage() {
  const page = await (await newContext(env.browser)).newPage();
  const said = [];
  page.on('console', (m) => said.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => said.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return { page, said };
}

const POLICY = /Content Security Policy|Content-Security-Policy|Trusted ?Type|TrustedHTML|violation|Refused to|Permissions-Policy|pwned/i;

test('a game plays through under the policy with not one report, a hostile name kept as text', async () => {
  const ada = await watchedPage();
  const home = new HomePage(ada.page, env.server.url);
  await home.open();
  assert.ok(await ada.page.evaluate(() => typeof window.trustedTypes?.createPolicy === 'function'));
  await home.createGame('Ada', { cap: 3, rules: { countdown: 1, round: 3, rounds: 2 } });
  const adaGame = new GamePage(ada.page);
  // The host's form: a level picked, the Add bot button focused, then a guest arrives and the
  // room becomes startable; the focus and the level stay where they were.
  await ada.page.getByTestId('bot-level').selectOption('easy');
  await ada.page.getByTestId('add-bot').focus();
  assert.ok(await ada.page.getByTestId('start').isDisabled());

  const bob = await watchedPage();
  await bob.page.goto(await adaGame.inviteLink());
  const bobGame = new GamePage(bob.page);
  const hostile = '<svg onload=pwned=1>';
  await bobGame.join(hostile);
  await ada.page.getByTestId('start').and(ada.page.locator(':enabled')).waitFor({ timeout: 5000 });
  assert.equal(await ada.page.evaluate(() => document.activeElement?.dataset.testid), 'add-bot');
  assert.equal(await ada.page.getByTestId('bot-level').inputValue(), 'easy');
  assert.deepEqual(await adaGame.players().allTextContents(), ['Ada', hostile]);
  await snap(ada.page, 'defended-waiting-room');

  // A bot fills the game, which starts; both play it to the end.
  await ada.page.keyboard.press('Enter');
  await adaGame.waitForRound(10000);
  await ada.page.getByTestId('announce').filter({ hasText: /^Round 1 — build!$/ }).waitFor({ timeout: 5000 });
  const [adaEnd, bobEnd] = await Promise.all([
    playToTheEnd(adaGame, { taps: 15, gapMs: 80 }),
    playToTheEnd(bobGame, { taps: 10, gapMs: 80 }),
  ]);
  assert.equal(adaEnd.rounds, 2);
  assert.equal(bobEnd.rounds, 2);
  await ada.page.getByTestId('announce').filter({ hasText: /^Game over\./ }).waitFor({ timeout: 5000 });
  await snap(bob.page, 'defended-over');
  for (const { page, said } of [ada, bob]) {
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'no script of a player ran');
    const reports = said.filter((line) => POLICY.test(line));
    assert.deepEqual(reports, [], 'no policy report in the console');
    assert.deepEqual(said.filter((line) => line.startsWith('pageerror')), []);
  }
});

test('HTML written past the painter is refused by the page', async () => {
  const { page, said } = await watchedPage();
  await page.goto(`${env.server.url}/`);
  await page.getByTestId('quick-play').waitFor();
  const refused = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      return false;
    } catch (e) {
      return e instanceof TypeError;
    }
  });
  assert.ok(refused, 'a plain string is no HTML under require-trusted-types-for');
  assert.ok(said.some((line) => POLICY.test(line)), 'and the page reports it');
});
