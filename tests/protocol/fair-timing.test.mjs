// Fair timing against a lying client: one that answers the server's probes 900 ms late looks
// 900 ms further away, but is credited no more round trip than the network measured of its path.
// Under `wrangler dev` there is no edge to measure it, so the test injects the measure the way
// only wrangler dev takes it: miniflare's `MF-CF-Blob` header, the `cf` object it hands the
// Worker (Cloudflare's edge sets `cf` itself and takes no such header).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { createGame, post, Player, roundStart, sleep, QUICK_RULES } from '../support/api.mjs';

const env = withServer();

const measured = (clientTcpRtt) => ({ 'MF-CF-Blob': JSON.stringify({ colo: 'TST', clientTcpRtt }) });

/**
 * A game of an honest player and one that answers probes 900 ms late, both with `headers` on
 * their sockets. Both ship about 2 s into the round on their screens, the liar claiming 0 ms.
 * Returns what the liar was shown as round trip, its screen time at the ship, and its row.
 */
async function liarShips(headers) {
  const rules = { ...QUICK_RULES, round_ms: 6000, max_rounds: 1 };
  // A seat to spare, so that the game starts when the host says, once both sockets are measured.
  const host = await createGame(env.server, 'Honest', 3, rules);
  const seat = await post(env.server, `/api/games/${host.code}/join`, { name: 'Liar' });
  const honest = await Player.connect(env.server, host.code, host.token, { headers });
  const liar = await Player.connect(env.server, host.code, seat.body.token, { headers, probeDelayMs: 900 });
  // The liar's first probe answer is in: everyone is shown its inflated round trip.
  const shown = await honest.next((m) => m.type === 'presence' && m.seat === seat.body.seat && m.rtt_ms !== null, 5000, 'the liar measured');
  honest.send({ type: 'start' });
  await Promise.all([roundStart(honest, 1), roundStart(liar, 1)]);
  await sleep(2000 - liar.elapsed(1));
  const sentAt = liar.elapsed(1);
  liar.send({ type: 'ship', at: 0 });
  honest.send({ type: 'ship', at: honest.elapsed(1) });
  const results = await honest.next((m) => m.type === 'round_results', 15000, 'results');
  await Promise.all([honest.close(), liar.close()]);
  return { shownRtt: shown.rtt_ms, sentAt, row: results.summary.rows.find((r) => r.seat === seat.body.seat) };
}

test('a client answering probes late is credited no more than the network measured', async () => {
  const { shownRtt, sentAt, row } = await liarShips(measured(20));
  assert.ok(shownRtt >= 900, `shown ${shownRtt} ms`);
  console.log(`liar shown ${shownRtt} ms, shipped at ${sentAt} ms on its screen, credited ${row.ms} ms`);
  // Credited at most the 20 ms measured, plus the local hop (a few ms here; 50 allowed), and the
  // 1% window: nowhere near the 900 ms it pretends.
  const floor = ((sentAt - 20 - 50) * 100) / 101;
  assert.ok(row.ms >= floor, `credited ${row.ms} ms for a ship at ${sentAt} ms (at least ${floor.toFixed(0)})`);
});

test('without a network measure, a client answering probes late is credited at most 150 ms', async () => {
  const { shownRtt, sentAt, row } = await liarShips(undefined);
  assert.ok(shownRtt >= 900, `shown ${shownRtt} ms`);
  console.log(`liar shown ${shownRtt} ms, shipped at ${sentAt} ms on its screen, credited ${row.ms} ms`);
  const floor = ((sentAt - 150) * 100) / 101;
  assert.ok(row.ms >= floor, `credited ${row.ms} ms for a ship at ${sentAt} ms (at least ${floor.toFixed(0)})`);
  // Probes are still credited up to the cap, which keeps honest players that far away whole:
  // more than 100 ms of it here.
  assert.ok(row.ms < ((sentAt - 100) * 100) / 101, `credited ${row.ms} ms for a ship at ${sentAt} ms`);
});
