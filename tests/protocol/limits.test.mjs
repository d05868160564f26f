// Abuse is bounded: new games are limited per client address, and names lose what could hide in
// them or reorder the text around them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { address, createGame, post, Player } from '../support/api.mjs';
import { freshLimitWindow } from '../support/limits.mjs';

const env = withServer();

test('an address opens ten games a minute, then gets 429 with Retry-After; others are not held back', async () => {
  await freshLimitWindow();
  const from = address();
  const opened = [];
  for (let i = 0; i < 10; i += 1) {
    const answer = await post(env.server, '/api/games', { name: `Host ${i}`, cap: 2 }, { from });
    assert.equal(answer.status, 200, `game ${i + 1}: ${JSON.stringify(answer.body)}`);
    opened.push(answer.body);
  }
  const refused = await post(env.server, '/api/games', { name: 'Host 11', cap: 2 }, { from });
  assert.equal(refused.status, 429);
  assert.equal(refused.body.error, 'too_many');
  assert.match(refused.body.reason, /try again/i);
  assert.equal(refused.headers.get('retry-after'), '60');
  // Quick play and a rematch draw on the same allowance: each may open a game.
  const quick = await post(env.server, '/api/quick-play', { name: 'Quick' }, { from });
  assert.equal(quick.status, 429);
  const rematch = await post(env.server, `/api/games/${opened[0].code}/rematch`, { name: 'Again' }, { from });
  assert.equal(rematch.status, 429);
  // Taking a seat opens nothing, so it is not limited; nor is anyone else.
  const seat = await post(env.server, `/api/games/${opened[0].code}/join`, { name: 'Guest' }, { from });
  assert.equal(seat.status, 200, JSON.stringify(seat.body));
  const elsewhere = await post(env.server, '/api/games', { name: 'Neighbour', cap: 2 }, { from: address() });
  assert.equal(elsewhere.status, 200);
});

test('names lose bidirectional controls and invisible characters, on the server', async () => {
  const host = await createGame(env.server, '\u202eevil');
  assert.equal(host.name, 'evil');
  const guest = await post(env.server, `/api/games/${host.code}/join`, { name: 'a\u2066b\u2069c\u200b' });
  assert.equal(guest.status, 200);
  assert.equal(guest.body.name, 'abc');
  const invisible = await post(env.server, `/api/games/${host.code}/join`, { name: '\u200b\u2060\u3164' });
  assert.equal(invisible.status, 400);
  assert.equal(invisible.body.error, 'bad_name');
  const ada = await Player.connect(env.server, host.code, host.token);
  const snap = await ada.next((m) => m.type === 'snapshot');
  assert.deepEqual(snap.view.players.map((p) => p.name), ['evil', 'abc']);
  await ada.close();
});
