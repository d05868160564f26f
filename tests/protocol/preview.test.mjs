// A game's link pasted into a chat previews the game: its document's title and description say
// whose game it is and how many seats are free, that it is being played, or how it ended, with
// a picture of the game in that state, drawn once and kept; a hostile name stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { createGame, joinGame, startedGame } from '../support/api.mjs';

const env = withServer();

/** A picture's answer, checked to be a PNG of 1200 × 630; its headers and its bytes. */
async function picture(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(png.subarray(12, 16).toString(), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
  return { headers: res.headers, png };
}

/** The preview tags of `/g/{code}`, fetched as a chat's crawler would: title, description, image. */
async function preview(code) {
  const res = await fetch(`${env.server.url}/g/${code}`, { headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  const html = await res.text();
  const meta = (attr, name) => html.match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`))?.[1];
  return {
    html,
    titles: [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]),
    description: meta('name', 'description'),
    ogTitle: meta('property', 'og:title'),
    image: meta('property', 'og:image'),
  };
}

test('a waiting game is previewed with its host and free seats, a hostile name as text', async () => {
  const grant = await createGame(env.server, '<img src=x onerror="Eve', 4);
  await joinGame(env.server, grant.code, 'Bob');
  const p = await preview(grant.code);
  // maud's escaping: `'` stays as it is, harmless in text and in double-quoted attributes.
  assert.deepEqual(p.titles, ["Join &lt;img src=x onerror=&quot;Eve's game of Startup CliX"]);
  assert.equal(p.ogTitle, p.titles[0]);
  assert.match(p.description, /^2 seats free of 4\. /);
  assert.ok(!p.html.includes('<img src=x'), 'no markup from a name');
  // The picture of this waiting room, named by its state: drawn once, then kept.
  assert.match(p.image, new RegExp(`^${env.server.url}/api/games/${grant.code}/cards/waiting-[0-9a-f]{16}\\.png$`));
  const first = await picture(p.image);
  assert.equal(first.headers.get('x-card'), 'drawn');
  assert.match(first.headers.get('cache-control'), /max-age=3600/);
  const again = await picture(p.image);
  assert.equal(again.headers.get('x-card'), 'kept');
  assert.ok(again.png.equals(first.png));
  const head = await fetch(p.image, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-type'), 'image/png');
  // A third player: another picture under another name; the old name leads to it.
  await joinGame(env.server, grant.code, 'Cy');
  const later = await preview(grant.code);
  assert.notEqual(later.image, p.image);
  assert.equal((await picture(later.image)).headers.get('x-card'), 'drawn');
  const stale = `${env.server.url}/api/games/${grant.code}/cards/waiting-0000000000000000.png`;
  const moved = await fetch(stale, { redirect: 'manual' });
  assert.equal(moved.status, 307);
  assert.equal(moved.headers.get('location'), later.image);
  // And the page is still the app.
  assert.match(p.html, /<script type="module">import init from '\/pkg\/[0-9a-f]{12}\/app\.js'/);
});

test('a running game says it is being played, and a finished one how it ended', async () => {
  const rules = { starting_capital: 30000, burn: 5000, intermission_ms: 1000, round_ms: 3000, max_rounds: 1 };
  const game = await startedGame(env.server, ['Ada', 'Bob'], rules);
  try {
    const running = await preview(game.code);
    assert.deepEqual(running.titles, ["Ada's game of Startup CliX, being played"]);
    assert.match(running.description, /^Round 1 of 1 with 2 players\. /);
    assert.match(running.image, /\/cards\/round-1-[0-9a-f]{16}\.png$/);
    await picture(running.image);
    await Promise.all(game.players.map((p) => p.next((m) => m.type === 'game_over', 15000, 'the end')));
    const over = await preview(game.code);
    assert.deepEqual(over.titles, ["Ada's game of Startup CliX is over"]);
    assert.match(over.description, /^(Ada|Bob) won with \$[0-9,]+ after 1 round\.|shared the win/);
    // The result's picture is kept for good: a finished game changes no more.
    assert.match(over.image, new RegExp(`/api/games/${game.code}/cards/over-[0-9a-f]{16}\\.png$`));
    const result = await picture(over.image);
    assert.equal(result.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  } finally {
    for (const p of game.players) p.close();
  }
});

test('a code nobody made gets the app\'s own document, and no picture', async () => {
  const p = await preview('abcdefghjkmn');
  assert.deepEqual(p.titles, ['Startup CliX']);
  const card = await fetch(`${env.server.url}/api/games/abcdefghjkmn/cards/waiting-0000000000000000.png`);
  assert.equal(card.status, 404);
  assert.equal((await card.json()).error, 'not_found');
  const bad = await fetch(`${env.server.url}/api/games/abcdefghjkmn/cards/..%2f..%2fetc.png`);
  assert.equal(bad.status, 404);
});
