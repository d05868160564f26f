// Two players meet in a private game through the HTTP API and the WebSocket, against the real
// Worker under `wrangler dev`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { createGame, post, Player } from '../support/api.mjs';

const env = withServer();

test('a host creates a game and a second player joins by its code; both see both', async () => {
  const host = await createGame(env.server, 'Ada');
  assert.match(host.code, /^[a-z2-9]{12}$/);
  assert.equal(host.name, 'Ada');
  const ada = await Player.connect(env.server, host.code, host.token);
  const snapshot = await ada.next((m) => m.type === 'snapshot');
  assert.deepEqual(snapshot.view.players.map((p) => p.name), ['Ada']);
  assert.equal(snapshot.view.you.seat, host.seat);
  assert.equal(snapshot.round, 0);
  assert.equal(typeof snapshot.now, 'number');

  const joined = await post(env.server, `/api/games/${host.code}/join`, { name: '  Bob\u0007 ' });
  assert.equal(joined.status, 200);
  assert.equal(joined.body.name, 'Bob');
  const seen = await ada.next((m) => m.type === 'player_joined');
  assert.equal(seen.player.name, 'Bob');

  const bob = await Player.connect(env.server, host.code, joined.body.token);
  const bobView = await bob.next((m) => m.type === 'snapshot');
  assert.deepEqual(bobView.view.players.map((p) => p.name), ['Ada', 'Bob']);
  assert.equal(bobView.view.host, host.seat);
  await ada.next((m) => m.type === 'presence' && m.seat === joined.body.seat && m.presence === 'online');
  await Promise.all([ada.close(), bob.close()]);
});

test('unknown codes, bad names and bad bodies get typed errors', async () => {
  const missing = await post(env.server, '/api/games/abcdefghjkmn/join', { name: 'Cy' });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error, 'not_found');

  const host = await createGame(env.server, 'Ada', 2);
  const blank = await post(env.server, `/api/games/${host.code}/join`, { name: '   ' });
  assert.equal(blank.status, 400);
  assert.equal(blank.body.error, 'bad_name');

  const garbage = await fetch(`${env.server.url}/api/games`, { method: 'POST', body: '{nope' });
  assert.equal(garbage.status, 400);
  assert.equal((await garbage.json()).error, 'bad_request');

  const outOfBounds = await post(env.server, '/api/games', { name: 'Ada', cap: 11 });
  assert.equal(outOfBounds.status, 400);

  await post(env.server, `/api/games/${host.code}/join`, { name: 'Bob' });
  const late = await post(env.server, `/api/games/${host.code}/join`, { name: 'Cy' });
  assert.equal(late.status, 409);
  assert.equal(late.body.error, 'started');
});

test('a room reports what it handled, to its operator only', async () => {
  const host = await createGame(env.server, 'Ada');
  const ada = await Player.connect(env.server, host.code, host.token);
  // The client answers the probe itself; the round trip it measures is then announced.
  await ada.next((m) => m.type === 'presence' && m.rtt_ms !== null);
  await ada.close();
  const usageOf = (code, secret) => fetch(`${env.server.url}/api/games/${code}/usage`,
    secret === undefined ? {} : { headers: { Authorization: `Bearer ${secret}` } });
  // Knowing the code is not enough, nor is a guess.
  for (const secret of [undefined, '', 'wrong', `${env.server.usageSecret}x`]) {
    const refused = await usageOf(host.code, secret);
    assert.equal(refused.status, 403, `secret ${secret}`);
    assert.equal((await refused.json()).error, 'forbidden');
  }
  const res = await usageOf(host.code, env.server.usageSecret);
  assert.equal(res.status, 200);
  const usage = await res.json();
  // Hello and the probe's answer, at least.
  assert.ok(usage.socket_messages >= 2, JSON.stringify(usage));
  // The create, the socket's upgrade and this call.
  assert.ok(usage.requests >= 3, JSON.stringify(usage));
  assert.ok(usage.storage_writes >= 1, JSON.stringify(usage));
  assert.ok(usage.since <= Date.now());
  const missing = await usageOf('abcdefghjkmn', env.server.usageSecret);
  assert.equal(missing.status, 404);
});
