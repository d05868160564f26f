// Three players play a whole game through the protocol; every player's money is checked against
// the rules, round by round, down to the winner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { QUICK_RULES, startedGame, roundStart, sleep } from '../support/api.mjs';

const env = withServer();

/** Clicks `rate` times a second in 250 ms batches for `forMs`, then ships; returns what it did. */
async function playRound(player, round, rate, forMs, ships) {
  await roundStart(player, round);
  let sent = 0;
  while (player.elapsed(round) + 250 <= forMs) {
    await sleep(250);
    const count = Math.round((rate * 250) / 1000);
    player.send({ type: 'click', count, at: player.elapsed(round) });
    sent += count;
  }
  let claimed = null;
  let sentAt = null;
  if (ships) {
    claimed = player.elapsed(round);
    player.send({ type: 'ship', at: claimed });
    // When it left, on the round's timeline by the server's own start: the server and this test
    // read the same clock.
    const started = player.messages.findLast((m) => m.type === 'phase' && m.phase.round === round)?.phase.started_at;
    sentAt = Date.now() - started;
  }
  return { sent, claimed, sentAt };
}

test('a three-player game is played to its end and the money follows the rules', async () => {
  const rules = { ...QUICK_RULES, starting_capital: 12000, burn: 5000, max_rounds: 3 };
  const { players, grants } = await startedGame(env.server, ['Ada', 'Bob', 'Cy'], rules);
  // Ada clicks fast and ships early, Bob clicks steadily and lets the round ship for him, Cy barely clicks.
  const plans = [
    { rate: 16, forMs: 2000, ships: true },
    { rate: 8, forMs: 2800, ships: false },
    { rate: 4, forMs: 1500, ships: true },
  ];
  const capital = new Map(grants.map((g) => [g.seat, rules.starting_capital]));
  const out = new Set();
  // The round each eliminated seat went broke in, and the last round played.
  const brokeIn = new Map();
  let lastRound = 0;
  for (let round = 1; round <= rules.max_rounds; round += 1) {
    lastRound = round;
    const playing = players.filter((_, i) => !out.has(grants[i].seat));
    const done = await Promise.all(playing.map((p) => {
      const i = players.indexOf(p);
      return playRound(p, round, plans[i].rate, plans[i].forMs, plans[i].ships);
    }));
    const results = await players[0].next((m) => m.type === 'round_results' && m.summary.round === round, 10000, `results ${round}`);
    assert.equal(results.summary.rows.length, playing.length);
    playing.forEach((p, k) => {
      const i = players.indexOf(p);
      const row = results.summary.rows.find((r) => r.seat === grants[i].seat);
      // The server counted exactly what was sent: it stayed under the human bound.
      assert.equal(row.clicks, done[k].sent, `clicks of ${grants[i].name} in round ${round}`);
      if (done[k].claimed === null) {
        assert.equal(row.ms, rules.round_ms, 'an unshipped product ships at the round length');
      } else {
        // An honest stamp is credited as is. Where this busy test process took the round's
        // start late (its stamps then fall short of the server's window by as much), it is
        // credited later, but never later than the moment it was sent, give or take delivery.
        const { claimed, sentAt } = done[k];
        const latest = Math.max(claimed * 1.02 + 5, sentAt + 50);
        assert.ok(row.ms >= claimed && row.ms <= latest, `ms ${row.ms} for ${claimed}, sent at ${sentAt}`);
      }
      assert.equal(row.profit, Math.floor((500000 * row.clicks) / Math.max(row.ms, 1000)));
      assert.equal(row.burn, rules.burn);
      assert.equal(row.capital, capital.get(row.seat) + row.profit - rules.burn);
      assert.equal(row.eliminated, row.capital < 1);
      capital.set(row.seat, row.capital);
      if (row.eliminated) {
        out.add(row.seat);
        brokeIn.set(row.seat, round);
      }
    });
    if (players.length - out.size <= 1) break;
  }
  const over = await players[1].next((m) => m.type === 'game_over', 15000, 'game over');
  // SPEC §1: the last active player; several after the last round, the richest of them; none
  // left, the richest of those who went broke together in the last round.
  const active = grants.filter((g) => !out.has(g.seat));
  const pool = active.length > 0 ? active : grants.filter((g) => brokeIn.get(g.seat) === lastRound);
  assert.ok(pool.length > 0);
  const best = Math.max(...pool.map((g) => capital.get(g.seat)));
  const expected = pool.filter((g) => capital.get(g.seat) === best).map((g) => g.seat);
  assert.deepEqual(over.winners, expected);
  for (const p of players) {
    const final = await p.next((m) => m.type === 'phase' && m.phase.phase === 'over', 5000, 'over');
    assert.equal(typeof final.phase.ended_at, 'number');
  }
  await Promise.all(players.map((p) => p.close()));
});
