// The WebSocket closing handshake (RFC 6455 §5.5.1): a client that sends a Close frame gets one
// back at once, in every phase of a game, seated or watching, before hello or after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { withServer } from '../support/fixture.mjs';
import { createGame, Player, PROTOCOL, startedGame, roundStart, QUICK_RULES } from '../support/api.mjs';

const env = withServer();

/**
 * Opens a socket on `code`, says hello with `token` (or not at all, for `undefined`), then sends
 * Close with `code`: resolves with the code the server answered with and how long it took. `ws`
 * waits 30 s for the answer before it gives up with 1006.
 */
async function closeHandshake(code, token, closeCode = 1000) {
  const ws = new WebSocket(`${env.server.wsUrl}/api/games/${code}/ws`);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  if (token !== undefined) {
    const snapshot = new Promise((resolve) => ws.on('message', (d) => { if (JSON.parse(String(d)).type === 'snapshot') resolve(); }));
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL, token }));
    await snapshot;
  }
  const sent = Date.now();
  const closed = new Promise((resolve) => ws.once('close', (answered) => resolve({ code: answered, ms: Date.now() - sent })));
  ws.close(closeCode, 'bye');
  return closed;
}

function assertAnswered({ code, ms }, expected, what) {
  assert.equal(code, expected, `${what}: closed with ${code}`);
  assert.ok(ms < 1000, `${what}: answered in ${ms} ms`);
}

test('a close is answered in the waiting room, by seat, spectator and a socket that never said hello', async () => {
  const host = await createGame(env.server, 'Ada', 3);
  assertAnswered(await closeHandshake(host.code, host.token), 1000, 'seated');
  assertAnswered(await closeHandshake(host.code, null), 1000, 'spectator');
  assertAnswered(await closeHandshake(host.code, undefined), 1000, 'before hello');
  // The client's own code comes back where a server may send it.
  assertAnswered(await closeHandshake(host.code, host.token, 4001), 4001, 'application code');
});

test('a close is answered in the countdown, the round, the results and after the end', async () => {
  const rules = { ...QUICK_RULES, max_rounds: 2 };
  const { code, grants, players } = await startedGame(env.server, ['Ada', 'Bob'], rules);
  const [ada] = players;
  assertAnswered(await closeHandshake(code, grants[0].token), 1000, 'countdown');
  await roundStart(ada, 1);
  assertAnswered(await closeHandshake(code, grants[1].token), 1000, 'round');
  await ada.next((m) => m.type === 'phase' && m.phase.phase === 'results', 10000, 'the results');
  assertAnswered(await closeHandshake(code, grants[0].token), 1000, 'results');
  await ada.next((m) => m.type === 'phase' && m.phase.phase === 'over', 20000, 'the end');
  assertAnswered(await closeHandshake(code, grants[0].token), 1000, 'over');
  // The player whose second socket closed is still there on the first.
  const snap = await Player.connect(env.server, code, grants[1].token);
  assert.equal((await snap.next((m) => m.type === 'snapshot')).view.phase.phase, 'over');
  await Promise.all([...players, snap].map((p) => p.close()));
});
