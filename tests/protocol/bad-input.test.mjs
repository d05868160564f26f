// Every kind of bad input gets its typed answer, abusive sockets are closed with 1008, and
// neither the game nor another game notices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { withServer } from '../support/fixture.mjs';
import {
  createGame, post, Player, PROTOCOL, startedGame, roundStart, QUICK_RULES, HEARTBEAT_SPELLED_OTHERWISE,
} from '../support/api.mjs';

const env = withServer();

/** Sends `frame` and returns the rejection it earns. */
async function rejectionOf(player, frame) {
  const from = player.messages.length;
  player.send(frame);
  const reply = await player.waitFor((m) => m.type === 'rejected', 5000, `a rejection of ${String(frame).slice(0, 40)}`);
  assert.ok(player.messages.length > from);
  return reply.error;
}

test('each bad frame gets its typed reply and changes nothing', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  const ada = await Player.connect(env.server, host.code, host.token);
  const before = (await ada.next((m) => m.type === 'snapshot')).view;

  assert.equal(await rejectionOf(ada, 'x'.repeat(5000)), 'frame_too_large');
  assert.equal(await rejectionOf(ada, '{"type":'), 'bad_json');
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'teleport' })), 'unknown_message');
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'click', count: 'many', at: 0 })), 'unknown_message');
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'hello', protocol: PROTOCOL, token: null })), 'hello_first');
  // The waiting room has no round to number inputs in: they are refused and use up no number.
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'ship', round: 0, tab: 1, seq: 1, at: 10 })), 'out_of_phase');
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'click', round: 0, tab: 1, seq: 2, count: 1, at: 10 })), 'out_of_phase');
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'click', round: 4, tab: 1, seq: 3, count: 1, at: 10 })), 'other_round');
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'start' })), 'not_enough_players');
  assert.equal(await rejectionOf(ada, Buffer.from([1, 2, 3])), 'bad_json');

  // The game is as it was: a fresh look shows the same view, no input number used.
  const again = await Player.connect(env.server, host.code, host.token);
  const after = (await again.next((m) => m.type === 'snapshot')).view;
  assert.deepEqual(after.you.tabs, []);
  const plain = (v) => ({ ...v, players: v.players.map(({ rtt_ms, ...p }) => p) });
  assert.deepEqual(plain(after), plain(before));
  await Promise.all([ada.close(), again.close()]);
});

test('a client of another version is told to reload', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  const old = new Player(env.server, host.code, host.token);
  await old.opened;
  old.send({ type: 'hello', protocol: PROTOCOL + 1, token: host.token });
  assert.equal((await old.next((m) => m.type === 'rejected')).error, 'protocol_mismatch');
  assert.equal((await old.closed).code, 4000);
  const early = new Player(env.server, host.code, host.token);
  await early.opened;
  early.send({ type: 'start' });
  assert.equal((await early.next((m) => m.type === 'rejected')).error, 'hello_first');
  await early.close();
});

test('actions out of phase, twice, or from eliminated players are refused', async () => {
  // Rounds of 6 s: a moment's stall of this process beside other files cannot end a round
  // before what the test sends in it. Round 1 closes early, when everyone has shipped.
  const rules = { ...QUICK_RULES, starting_capital: 5000, burn: 5000, round_ms: 6000, max_rounds: 3 };
  const { players, grants } = await startedGame(env.server, ['Ada', 'Bob', 'Cy'], rules);
  const [ada, bob, cy] = players;
  assert.equal(await rejectionOf(bob, JSON.stringify({ type: 'start' })), 'out_of_phase');
  // Round 1: Ada and Bob earn enough to survive the burn; Cy makes nothing and goes broke.
  await roundStart(ada, 1);
  await roundStart(bob, 1);
  await new Promise((r) => setTimeout(r, 1100));
  for (const p of [ada, bob]) p.send({ type: 'click', count: 25, at: p.elapsed(1) });
  for (const p of [ada, bob]) p.send({ type: 'ship', at: p.elapsed(1) });
  cy.send({ type: 'ship', at: cy.elapsed(1) });
  const results = await cy.next((m) => m.type === 'round_results', 10000, 'results');
  const cyRow = results.summary.rows.find((r) => r.seat === grants[2].seat);
  assert.equal(cyRow.eliminated, true);
  await roundStart(cy, 2);
  // Inputs are numbered per round: one past the next number is refused; one already used counts
  // nothing and is answered with where the count stands.
  await roundStart(bob, 2);
  assert.equal(await rejectionOf(bob, { type: 'click', round: 2, tab: 9, seq: 9, count: 1, at: 10 }), 'seq_ahead');
  for (let i = 0; i < 2; i += 1) {
    bob.send({ type: 'click', round: 2, tab: 9, seq: 1, count: 1, at: bob.elapsed(2) });
    const told = await bob.waitFor((m) => m.type === 'your_clicks' && m.tab === 9);
    assert.deepEqual([told.seq, told.clicks], [1, 1]);
  }
  assert.equal(await rejectionOf(cy, { type: 'click', count: 1, at: 10 }), 'eliminated');
  assert.equal(await rejectionOf(cy, { type: 'ship', at: 10 }), 'eliminated');
  await roundStart(ada, 2);
  ada.send({ type: 'ship', at: ada.elapsed(2) });
  assert.equal(await rejectionOf(ada, { type: 'ship', at: ada.elapsed(2) }), 'already_shipped');
  await Promise.all(players.map((p) => p.close()));
});

test('a flooding socket is refused, then closed with 1008; its game and others carry on', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  const joined = await post(env.server, `/api/games/${host.code}/join`, { name: 'Bob' });
  const other = await createGame(env.server, 'Zed', 3);
  const ada = await Player.connect(env.server, host.code, host.token);
  const bob = await Player.connect(env.server, host.code, joined.body.token);
  const zed = await Player.connect(env.server, other.code, other.token);
  await Promise.all([ada, bob, zed].map((p) => p.next((m) => m.type === 'snapshot')));

  // A heartbeat spelled otherwise than the app spells it: the runtime answers only the exact
  // frame by itself (heartbeat.test.mjs), and the room counts everything else.
  for (let i = 0; i < 300; i += 1) bob.send(HEARTBEAT_SPELLED_OTHERWISE);
  const closed = await bob.closed;
  assert.equal(closed.code, 1008);
  const floods = bob.messages.filter((m) => m.type === 'rejected' && m.error === 'flood');
  assert.ok(floods.length >= 1, 'told it floods before being closed');
  assert.ok(bob.messages.filter((m) => m.type === 'probe').length <= 61, 'heartbeats past the budget are not served');

  // Bob's seat is still his (the invite does not undo it) and the room goes on.
  await ada.next((m) => m.type === 'presence' && m.seat === joined.body.seat && m.presence === 'away', 5000, 'Bob away');
  // Both rooms still answer: a ship in the waiting room is refused, with its reason.
  for (const p of [ada, zed]) {
    p.send({ type: 'ship', at: 0 });
    await p.waitFor((m) => m.type === 'rejected' && m.error === 'out_of_phase', 5000, 'a refusal');
  }
  await Promise.all([ada.close(), zed.close()]);
});

test('a flooding spectator and a socket before hello are closed with 1008, told why only a few times', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  const ada = await Player.connect(env.server, host.code, host.token);
  await ada.next((m) => m.type === 'snapshot');
  const watcher = await Player.connect(env.server, host.code, null);
  await watcher.next((m) => m.type === 'snapshot');
  const early = new Player(env.server, host.code, host.token);
  await early.opened;
  const began = Date.now();
  // A message valid but refused to a spectator, and anything before hello, by the thousand.
  for (let i = 0; i < 2000; i += 1) {
    watcher.send({ type: 'start' });
    early.send({ type: 'start' });
  }
  const [w, e] = await Promise.all([watcher.closed, early.closed]);
  console.log(`both closed ${Date.now() - began} ms after the first of 4,000 frames`);
  assert.deepEqual([w.code, e.code], [1008, 1008]);
  const floods = (p) => p.messages.filter((m) => m.type === 'rejected' && m.error === 'flood').length;
  assert.ok(floods(watcher) <= 3 && floods(early) <= 3, `told ${floods(watcher)} and ${floods(early)} times`);
  assert.ok(watcher.messages.length < 100 && early.messages.length <= 50, 'no answer per frame');
  // The seat and its game carry on.
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'ship', round: 0, tab: 1, seq: 1, at: 0 })), 'out_of_phase');
  await ada.close();
});

test('an address whose sockets were closed for flooding a game twice is turned away before the upgrade', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  const from = (ip) => ({ headers: { 'CF-Connecting-IP': ip } });
  const ada = await Player.connect(env.server, host.code, host.token, from('198.51.100.23'));
  await ada.next((m) => m.type === 'snapshot');
  // Two spectators in turn from Ada's network, each closed for flooding.
  for (let i = 0; i < 2; i += 1) {
    const pest = await Player.connect(env.server, host.code, null, from('198.51.100.23'));
    for (let n = 0; n < 300; n += 1) pest.send(HEARTBEAT_SPELLED_OTHERWISE);
    assert.equal((await pest.closed).code, 1008);
  }
  // The third is answered 429 instead of an upgrade: it has no socket to send a frame on. The
  // answer is held a second (edge/src/room_api.rs), so a client that asks again at once asks
  // about once a second.
  const asked = Date.now();
  const answer = await new Promise((resolve, reject) => {
    const ws = new WebSocket(`${env.server.wsUrl}/api/games/${host.code}/ws`, from('198.51.100.23'));
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      resolve(res);
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('upgraded'));
    });
  });
  assert.equal(answer.statusCode, 429);
  const held = Date.now() - asked;
  assert.ok(held >= 1000, `answered after ${held} ms`);
  const wait = Number(answer.headers['retry-after']);
  assert.ok(wait >= 1 && wait <= 60, `Retry-After: ${wait}`);
  // Ada's socket, open from that network already, and a socket from another one carry on.
  assert.equal(await rejectionOf(ada, JSON.stringify({ type: 'start' })), 'not_enough_players');
  const bob = await Player.connect(env.server, host.code, null, from('198.51.100.24'));
  await bob.next((m) => m.type === 'snapshot');
  await Promise.all([ada.close(), bob.close()]);
});

test('a text frame that is not UTF-8 closes the socket with 1007; the seat and the room carry on', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  const ada = await Player.connect(env.server, host.code, host.token);
  await ada.next((m) => m.type === 'snapshot');
  // A text frame (not binary) whose bytes are not UTF-8: `{`, two stray bytes, `}`.
  ada.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
  const closed = await ada.closed;
  assert.equal(closed.code, 1007);
  assert.deepEqual(ada.messages.filter((m) => m.type === 'rejected'), [], 'closed, not answered as JSON');

  const back = await Player.connect(env.server, host.code, host.token);
  const snap = await back.next((m) => m.type === 'snapshot');
  assert.deepEqual(snap.view.players.map((p) => p.name), ['Ada']);
  await back.close();
});
