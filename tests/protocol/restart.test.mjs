// The runtime dies in the middle of a round and comes back on the same state: the game resumes
// where it was, its timers honoured, and finishes. What the server had counted but not yet stored
// comes back from the client, which keeps every input until the server says it is stored.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DevServer } from '../support/server.mjs';
import { Player, startedGame, roundStart, sleep, QUICK_RULES } from '../support/api.mjs';

let server;
after(async () => { await server?.stop(); });

test('killing wrangler dev mid-round loses nothing and the game still ends', async () => {
  server = await DevServer.start();
  const rules = { ...QUICK_RULES, round_ms: 8000, max_rounds: 2 };
  const { code, grants, players } = await startedGame(server, ['Ada', 'Bob'], rules);
  const [ada, bob] = players;
  await roundStart(ada, 1);
  await sleep(500);
  // Numbered as the app's tab numbers it: the same tab sends it again after the restart.
  const click = { type: 'click', round: 1, tab: 7, seq: 1, count: 5, at: ada.elapsed(1) };
  ada.send(click);
  await ada.next((m) => m.type === 'your_clicks' && m.clicks === 5);
  bob.send({ type: 'ship', at: bob.elapsed(1) });
  await ada.next((m) => m.type === 'shipped' && m.seat === grants[1].seat);
  const endsAt = ada.messages.find((m) => m.type === 'phase' && m.phase.phase === 'round').phase.ends_at;

  await server.kill('SIGKILL');
  await server.boot();

  const ada2 = await Player.connect(server, code, grants[0].token);
  const snap = await ada2.next((m) => m.type === 'snapshot', 10000, 'snapshot after restart');
  const row = snap.view.players.find((p) => p.seat === grants[1].seat);
  // The round waits for the players who were online to come back, even past its end.
  assert.equal(snap.view.phase.phase, 'round', JSON.stringify(snap.view.phase));
  assert.equal(snap.view.phase.ends_at, endsAt);
  // Bob's ship was stored before anyone heard of it.
  assert.equal(row.shipped, true);
  // Ada's clicks were stored, or her client sends them again, as the app's journal does.
  const tab = snap.view.you.tabs.find((t) => t.tab === 7) ?? { seq: 0, saved: 0 };
  if (tab.saved < 1) {
    assert.ok(tab.seq < 1, 'what was not stored is not counted');
    ada2.send(click);
    await ada2.next((m) => m.type === 'your_clicks' && m.clicks === 5, 5000, 'the clicks counted again');
  }
  const bob2 = await Player.connect(server, code, grants[1].token);
  const round1 = await ada2.next((m) => m.type === 'snapshot' && m.view.history.length >= 1
    || m.type === 'round_results' && m.summary.round === 1, 20000, 'round 1 settled');
  const rows = round1.type === 'snapshot' ? round1.view.history[0].rows : round1.summary.rows;
  const adaRow = rows.find((r) => r.seat === grants[0].seat);
  assert.equal(adaRow.clicks, 5, 'clicks made before the crash count');
  assert.equal(adaRow.ms, rules.round_ms, 'the unshipped product shipped at the round end');
  const over = await ada2.next((m) => m.type === 'game_over' || (m.type === 'snapshot' && m.view.phase.phase === 'over'), 30000, 'game over');
  assert.ok(over);
  await Promise.all([ada2.close(), bob2.close(), ada.closed, bob.closed]);
});
