// Quick play under a crowd: twelve players asking at the same moment fill two public games of
// six, and nobody lands in a game that has started or is over its cap. Each test asks a
// matchmaker of its own, so that no other test's waiting player is matched with its players.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { ownMatchmaker, post, Player } from '../support/api.mjs';

const env = withServer();

test('twelve simultaneous quick-play requests make two full games of six', async () => {
  const headers = ownMatchmaker();
  const names = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
  const answers = await Promise.all(names.map((name) => post(env.server, '/api/quick-play', { name }, { headers })));
  for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
  const byGame = new Map();
  for (const { body } of answers) byGame.set(body.code, [...(byGame.get(body.code) ?? []), body]);
  assert.deepEqual([...byGame.values()].map((seats) => seats.length), [6, 6]);

  // Each game holds exactly its six, and being full it has started its first countdown.
  for (const [code, seats] of byGame) {
    const info = await (await fetch(`${env.server.url}/api/games/${code}`)).json();
    assert.equal(info.visibility, 'public');
    assert.equal(info.players.length, 6);
    assert.equal(info.phase.phase, 'intermission');
    assert.deepEqual(new Set(seats.map((s) => s.seat)).size, 6);
  }

  // The next player is not put into either started game.
  const next = await post(env.server, '/api/quick-play', { name: 'P13' }, { headers });
  assert.equal(next.status, 200);
  assert.ok(!byGame.has(next.body.code));
});

test('two quick-play players meet, and the public countdown starts at the second', async () => {
  const headers = ownMatchmaker();
  const [a, b] = await Promise.all([
    post(env.server, '/api/quick-play', { name: 'Ann' }, { headers }),
    post(env.server, '/api/quick-play', { name: 'Ben' }, { headers }),
  ]);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(b.status, 200, JSON.stringify(b.body));
  assert.equal(a.body.code, b.body.code);
  const ann = await Player.connect(env.server, a.body.code, a.body.token);
  const snap = await ann.next((m) => m.type === 'snapshot');
  assert.equal(snap.view.phase.phase, 'waiting');
  assert.equal(typeof snap.view.phase.starts_at, 'number');
  const left = snap.view.phase.starts_at - snap.now;
  assert.ok(left > 15_000 && left <= 20_000, `countdown of ${left} ms`);
  await ann.close();
});
