// A socket whose path died without a word (a phone changing networks): the page notices that the
// runtime stopped answering its messages, opens another, and every tap counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from '../support/fixture.mjs';
import { newContext } from '../support/browser.mjs';
import { HomePage, GamePage } from '../support/pages.mjs';

const env = withServerAndBrowser();

test('a socket that goes silent is given up within seconds, and the taps made on it count', async () => {
  const page = await (await newContext(env.browser)).newPage();
  // Every game socket goes through here. Once `cut`, the sockets open then pass nothing either
  // way and stay open, as a path that died does; sockets opened after pass everything.
  let cut = false;
  let cutAt = Infinity;
  const opened = [];
  await page.routeWebSocket(/\/api\/games\/[a-z0-9]+\/ws$/, (ws) => {
    const server = ws.connectToServer();
    const born = { at: Date.now(), dead: () => cut && born.at < cutAt };
    opened.push(born);
    ws.onMessage((m) => { if (!born.dead()) server.send(m); });
    server.onMessage((m) => { if (!born.dead()) ws.send(m); });
    // Nor does a close cross a dead path: the room closing the socket as silent is never heard.
    ws.onClose((code, reason) => { if (!born.dead()) server.close({ code, reason }); });
    server.onClose((code, reason) => { if (!born.dead()) ws.close({ code, reason }); });
  });

  const home = new HomePage(page, env.server.url);
  await home.open();
  await home.practice('Ada', { countdown: 1, round: 25, rounds: 1 });
  const game = new GamePage(page);
  await game.waitForRound(10_000);
  await game.build(5, 60);
  await page.waitForTimeout(1_500);
  assert.equal(opened.length, 1);

  cut = true;
  cutAt = Date.now();
  // Made on a socket that no longer reaches the room: kept by the page until it is told they
  // are stored.
  await game.build(5, 60);
  assert.equal(await game.clicks(), 10);
  const until = Date.now() + 20_000;
  while (opened.length < 2 && Date.now() < until) await page.waitForTimeout(200);
  const after = opened.length > 1 ? opened[1].at - cutAt : null;
  console.log(`a new socket ${after} ms after the old one went silent`);
  assert.equal(opened.length, 2, 'a second socket was opened');
  // Nine seconds of silence, the once-a-second check and the first retry's wait.
  assert.ok(after >= 8_000 && after <= 12_000, `after ${after} ms`);

  // Until the new socket has the room's word, the page says it is paused and the product takes
  // no tap (a tap dispatched on it then would count nowhere, on screen or in the room).
  await page.locator('[data-testid=product]:not([disabled])').waitFor();
  await game.build(2, 60);
  assert.equal(await game.clicks(), 12);
  await game.shipAndHear();
  const rows = await game.results(40_000);
  const ada = rows.find((r) => r.name === 'Ada');
  assert.equal(ada.clicks, 12, JSON.stringify(rows));
});
