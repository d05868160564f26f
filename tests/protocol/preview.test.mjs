// A game's link pasted into a chat previews the game: its document's title and description say
// whose game it is and how many seats are free, that it is being played, or how it ended, with
// an image; a hostile name stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { createGame, joinGame, startedGame } from '../support/api.mjs';

const env = withServer();

/** The preview tags of `/g/{code}`: title, description, image. */
async function preview(code) {
  const res = await fetch(`${env.server.url}/g/${code}`);
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
  assert.equal(p.image, `${env.server.url}/preview.png`);
  const image = await fetch(p.image);
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/png');
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
    await Promise.all(game.players.map((p) => p.next((m) => m.type === 'game_over', 15000, 'the end')));
    const over = await preview(game.code);
    assert.deepEqual(over.titles, ["Ada's game of Startup CliX is over"]);
    assert.match(over.description, /^(Ada|Bob) won with \$[0-9,]+ after 1 round\.|shared the win/);
  } finally {
    for (const p of game.players) p.close();
  }
});

test('a code nobody made gets the app\'s own document', async () => {
  const p = await preview('abcdefghjkmn');
  assert.deepEqual(p.titles, ['Startup CliX']);
});
