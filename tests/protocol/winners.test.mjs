// When the last players go broke in the same round, the game is won by the richest of them, not
// by a player who went broke earlier (SPEC §1). No stamp or round trip is measured here: unlike
// full-game.test.mjs, it runs beside other files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { QUICK_RULES, startedGame, roundStart, sleep } from '../support/api.mjs';

const env = withServer();

test('when the last players go broke together, the richest of them wins, not an earlier loser', async () => {
  // Rounds of 6 s, which everyone's ships close early: a moment's stall of this process beside
  // other files cannot end round 1 before its clicks.
  const rules = { ...QUICK_RULES, starting_capital: 5000, burn: 5000, round_ms: 6000, max_rounds: 5 };
  const { players, grants } = await startedGame(env.server, ['Ada', 'Bob', 'Cy'], rules);
  const [ada, bob, cy] = players;
  // Round 1: Cy makes nothing and is out at $0; Ada and Bob earn a little and stay in.
  await Promise.all([ada, bob, cy].map((p) => roundStart(p, 1)));
  await sleep(1100);
  ada.send({ type: 'click', count: 4, at: ada.elapsed(1) });
  bob.send({ type: 'click', count: 2, at: bob.elapsed(1) });
  for (const p of [ada, bob, cy]) p.send({ type: 'ship', at: p.elapsed(1) });
  const first = await ada.next((m) => m.type === 'round_results' && m.summary.round === 1, 10000, 'results 1');
  const rowOf = (summary, i) => summary.rows.find((r) => r.seat === grants[i].seat);
  assert.deepEqual([0, 1, 2].map((i) => rowOf(first.summary, i).eliminated), [false, false, true]);
  assert.equal(rowOf(first.summary, 2).capital, 0);

  // Round 2: neither builds anything, and both go broke below Cy's $0.
  await Promise.all([ada, bob].map((p) => roundStart(p, 2)));
  for (const p of [ada, bob]) p.send({ type: 'ship', at: p.elapsed(2) });
  const second = await ada.next((m) => m.type === 'round_results' && m.summary.round === 2, 10000, 'results 2');
  const [adaRow, bobRow] = [rowOf(second.summary, 0), rowOf(second.summary, 1)];
  assert.ok(adaRow.eliminated && bobRow.eliminated);
  assert.ok(adaRow.capital > bobRow.capital && adaRow.capital < 0, JSON.stringify(second.summary));

  const over = await bob.next((m) => m.type === 'game_over', 10000, 'game over');
  assert.deepEqual(over.winners, [grants[0].seat], 'Ada, the richest of the two who went broke last');
  await Promise.all(players.map((p) => p.close()));
});
