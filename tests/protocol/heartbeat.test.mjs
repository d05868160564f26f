// Heartbeats are answered by the runtime itself (`setWebSocketAutoResponse`): the room is not
// woken for them, learns when each socket was last answered whenever its timer fires, and still
// closes a socket that went silent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { createGame, joinGame, Player, PROTOCOL, HEARTBEAT, sleep } from '../support/api.mjs';

const env = withServer();

async function usage(code) {
  const res = await fetch(`${env.server.url}/api/games/${code}/usage`, {
    headers: { Authorization: `Bearer ${env.server.usageSecret}` },
  });
  assert.equal(res.status, 200);
  return res.json();
}

const count = (player, type, from = 0) => player.messages.slice(from).filter((m) => m.type === type).length;

/** Resolves to whether `player`'s socket is still open. */
const stillOpen = (player) => Promise.race([player.closed.then(() => false), sleep(0).then(() => true)]);

// Each on games of its own, so they run side by side.
describe('heartbeats', { concurrency: true }, () => {
  test('heartbeats are answered without the room, and a quiet player stays online and timed', async () => {
    const host = await createGame(env.server, 'Ada', 3);
    const bob = await joinGame(env.server, host.code, 'Bob');
    const players = await Promise.all([host.token, bob.token].map((t) => Player.connect(env.server, host.code, t)));
    await Promise.all(players.map((p) => p.next((m) => m.type === 'snapshot')));
    await sleep(500);
    const before = await usage(host.code);
    const from = players.map((p) => p.messages.length);

    // Longer than a socket may stay silent (10 s), saying nothing but heartbeats (every 2 s).
    await sleep(12_500);
    const after = await usage(host.code);

    const heard = players.map((p, i) => count(p, 'heard', from[i]));
    const probes = players.map((p, i) => count(p, 'probe', from[i]));
    console.log(`heard ${heard}, probes ${probes}; room messages ${before.socket_messages} → ${after.socket_messages}, timers ${before.timers} → ${after.timers}`);
    assert.ok(heard.every((n) => n >= 5), `every heartbeat answered: ${heard}`);
    // The room was told only the probes' answers, never a heartbeat.
    assert.ok(after.socket_messages - before.socket_messages <= probes[0] + probes[1], JSON.stringify({ before, after, probes }));
    // It still times every seat's round trip, probing when its timer reads the runtime's answers.
    assert.ok(probes.every((n) => n >= 1), `probed: ${probes}`);
    assert.deepEqual(await Promise.all(players.map(stillOpen)), [true, true]);
    const away = players[0].messages.filter((m) => m.type === 'presence' && m.presence === 'away');
    assert.deepEqual(away, [], 'nobody shown away');
    await Promise.all(players.map((p) => p.close()));
  });

  test('a socket whose heartbeats stop is closed as silent and its player shown away', async () => {
    const host = await createGame(env.server, 'Ada', 3);
    const grant = await joinGame(env.server, host.code, 'Bob');
    const ada = await Player.connect(env.server, host.code, host.token);
    // Bob's client sits on its probes: once his heartbeats stop, he says nothing at all.
    const bob = new Player(env.server, host.code, grant.token, { probeDelayMs: 60_000 });
    await bob.opened;
    bob.send({ type: 'hello', protocol: PROTOCOL, token: grant.token });
    await bob.next((m) => m.type === 'snapshot');
    // Six seconds of heartbeats, longer in all than a socket may stay silent once they stop.
    let last;
    for (let i = 0; i < 4; i += 1) {
      await sleep(2_000);
      bob.send(HEARTBEAT);
      last = Date.now();
    }
    const closed = await Promise.race([bob.closed, sleep(20_000).then(() => null)]);
    const after = Date.now() - last;
    console.log(`Bob closed ${after} ms after his last heartbeat: ${JSON.stringify(closed)}`);
    assert.equal(closed?.code, 1001);
    // Ten seconds after the last thing heard from him, found by the room's timer: not sooner,
    // which would mean his heartbeats were not heard, and not much later.
    assert.ok(after >= 9_500 && after <= 15_000, `closed ${after} ms after`);
    await ada.next((m) => m.type === 'presence' && m.seat === grant.seat && m.presence === 'away', 5000, 'Bob away');
    await ada.close();
  });

  test('a flood of heartbeats is answered by the runtime and never reaches a room', async () => {
    const host = await createGame(env.server, 'Ada', 3);
    const grant = await joinGame(env.server, host.code, 'Bob');
    const other = await createGame(env.server, 'Zed', 3);
    const ada = await Player.connect(env.server, host.code, host.token);
    const bob = await Player.connect(env.server, host.code, grant.token);
    const zed = await Player.connect(env.server, other.code, other.token);
    await Promise.all([ada, bob, zed].map((p) => p.next((m) => m.type === 'snapshot')));
    const before = await usage(host.code);

    const frames = 20_000;
    const from = bob.messages.length;
    for (let i = 0; i < frames; i += 1) bob.send(HEARTBEAT);
    // Meanwhile both rooms answer a refused ship, each its own player.
    const replies = await Promise.all([ada, zed].map(async (p) => {
      const sent = Date.now();
      p.send({ type: 'ship', at: 0 });
      await p.waitFor((m) => m.type === 'rejected' && m.error === 'out_of_phase', 10_000, 'a refusal');
      return Date.now() - sent;
    }));
    const answered = await (async () => {
      const until = Date.now() + 20_000;
      while (count(bob, 'heard', from) < frames && Date.now() < until) await sleep(100);
      return count(bob, 'heard', from);
    })();
    const after = await usage(host.code);
    console.log(`${answered} of ${frames} heartbeats answered; replies in the same room ${replies[0]} ms, another room ${replies[1]} ms; room messages ${before.socket_messages} → ${after.socket_messages}`);
    // Each, and those of Bob's own heartbeat every 2 s.
    assert.ok(answered >= frames, `the runtime answered each: ${answered}`);
    // Nothing of the flood reached the room: a refused ship and a probe's answer or two did.
    assert.ok(after.socket_messages - before.socket_messages <= 10, JSON.stringify({ before, after }));
    await Promise.all([ada, bob, zed].map((p) => p.close()));
  });
});
