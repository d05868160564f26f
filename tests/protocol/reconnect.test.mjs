// A player who drops mid-round comes back to their own seat with the whole state; a socket
// without the seat's token cannot act for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { Player, startedGame, roundStart, sleep, QUICK_RULES } from '../support/api.mjs';

const env = withServer();

test('a dropped player returns to the same seat with the full state', async () => {
  const rules = { ...QUICK_RULES, round_ms: 6000 };
  const { code, grants, players } = await startedGame(env.server, ['Ada', 'Bob'], rules);
  const [ada, bob] = players;
  await roundStart(bob, 1);
  await sleep(300);
  bob.send({ type: 'click', count: 4, at: bob.elapsed(1) });
  await bob.next((m) => m.type === 'your_clicks' && m.clicks === 4);
  await bob.drop();
  await ada.next((m) => m.type === 'presence' && m.seat === grants[1].seat && m.presence === 'away', 5000, 'Bob away');

  const back = await Player.connect(env.server, code, grants[1].token);
  const snap = await back.next((m) => m.type === 'snapshot');
  assert.equal(snap.view.you.seat, grants[1].seat);
  assert.equal(snap.view.you.clicks, 4, 'clicks made before the drop are kept');
  assert.equal(snap.view.phase.phase, 'round');
  assert.equal(snap.round, 1);
  assert.deepEqual(snap.view.players.map((p) => p.name), ['Ada', 'Bob']);
  await ada.next((m) => m.type === 'presence' && m.seat === grants[1].seat && m.presence === 'online'
    && ada.messages.indexOf(m) > ada.messages.findIndex((x) => x.type === 'presence' && x.presence === 'away'), 5000, 'Bob back');

  // Someone with the invite but not the token: refused, closed, and the seat is untouched.
  const impostor = await Player.connect(env.server, code, 'f'.repeat(32));
  const refused = await impostor.next((m) => m.type === 'rejected');
  assert.equal(refused.error, 'bad_token');
  assert.equal((await impostor.closed).code, 1008);

  // A spectator (no token) sees the game but cannot act in it.
  const watcher = await Player.connect(env.server, code, null);
  const seen = await watcher.next((m) => m.type === 'snapshot');
  assert.equal(seen.view.you, null);
  watcher.send({ type: 'ship', at: 1000 });
  assert.equal((await watcher.next((m) => m.type === 'rejected')).error, 'not_a_player');

  back.send({ type: 'click', count: 2, at: back.elapsed(1) ?? 0 });
  await back.next((m) => m.type === 'your_clicks' && m.clicks === 6, 5000, 'clicks counted after return');
  await Promise.all([ada.close(), back.close(), watcher.close()]);
});
