// What an operator sees: one JSON line per game event and per error path, with the game's code
// and never a seat token, in `wrangler dev`'s output as in `wrangler tail`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DevServer } from '../support/server.mjs';
import {
  address, post, Player, PROTOCOL, startedGame, roundStart, sleep, QUICK_RULES, HEARTBEAT_SPELLED_OTHERWISE,
} from '../support/api.mjs';
import { freshLimitWindow } from '../support/limits.mjs';

// Its own server, whose output this file reads.
let server;
before(async () => { server = await DevServer.start(undefined, { logLevel: 'log' }); });
after(async () => { await server?.stop(); });

/** The Worker's JSON lines so far; wrangler prefixes and colours those written as errors. */
function lines() {
  return server.log().split('\n').flatMap((raw) => {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    const json = line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1);
    try {
      const fields = JSON.parse(json);
      return typeof fields.event === 'string' && typeof fields.level === 'string' ? [fields] : [];
    } catch {
      return [];
    }
  });
}

async function lineOf(pred, what) {
  for (let waited = 0; waited < 5000; waited += 100) {
    const found = lines().find(pred);
    if (found) return found;
    await sleep(100);
  }
  assert.fail(`no log line for ${what} in:\n${server.log().slice(-3000)}`);
}

// The two play games of their own at the same time: the first mostly waits on its rounds, the
// second perhaps on a fresh minute of the rate limit.
describe('what an operator sees', { concurrency: true }, () => {
  it('a game logs its creation, start, each settled round and its end, with its code', async () => {
    const rules = { ...QUICK_RULES, max_rounds: 2 };
    const { code, grants, players } = await startedGame(server, ['Ada', 'Bob'], rules);
    await roundStart(players[0], 1);
    await players[0].next((m) => m.type === 'phase' && m.phase.phase === 'over', 30000, 'the end');
    const ofGame = (event) => (l) => l.code === code && l.event === event;
    const created = await lineOf(ofGame('created'), 'created');
    assert.deepEqual(created, { level: 'info', code, event: 'created', visibility: 'private', cap: 3 });
    assert.equal((await lineOf(ofGame('started'), 'started')).players, 2);
    await lineOf((l) => ofGame('round_settled')(l) && l.round === 1, 'round 1 settled');
    await lineOf((l) => ofGame('round_settled')(l) && l.round === 2, 'round 2 settled');
    const ended = await lineOf(ofGame('ended'), 'ended');
    assert.equal(ended.rounds, 2);
    await Promise.all(players.map((p) => p.close()));
    for (const { token } of grants) assert.ok(!server.log().includes(token), 'a seat token was logged');
  });

  it('error paths are logged: a bad seat token, a flood, invalid UTF-8, the usage route, the limit', async () => {
    const { status, body: host } = await post(server, '/api/games', { name: 'Ada', cap: 3 });
    assert.equal(status, 200);

    const forger = new Player(server, host.code);
    await forger.opened;
    forger.send({ type: 'hello', protocol: PROTOCOL, token: 'not-a-seat-token-of-this-game' });
    await forger.closed;
    const badToken = await lineOf((l) => l.code === host.code && l.event === 'bad_seat_token', 'bad seat token');
    assert.equal(badToken.level, 'error');

    const flooder = await Player.connect(server, host.code, host.token);
    for (let i = 0; i < 300; i += 1) flooder.send(HEARTBEAT_SPELLED_OTHERWISE);
    assert.equal((await flooder.closed).code, 1008);
    const flood = await lineOf((l) => l.code === host.code && l.event === 'flood_closed', 'flood close');
    assert.equal(flood.last, 'flood');

    const garbled = await Player.connect(server, host.code, host.token);
    garbled.ws.send(Buffer.from([0x7b, 0xff, 0x7d]), { binary: false });
    assert.equal((await garbled.closed).code, 1007);
    await lineOf((l) => l.code === host.code && l.event === 'invalid_utf8', 'invalid UTF-8');

    await fetch(`${server.url}/api/games/${host.code}/usage`);
    assert.equal((await lineOf((l) => l.event === 'usage_refused', 'usage refused')).code, host.code);

    await freshLimitWindow();
    const from = address();
    for (let i = 0; i < 11; i += 1) await post(server, '/api/games', { name: `H${i}`, cap: 2 }, { from });
    const limited = await lineOf((l) => l.event === 'rate_limited', 'rate limited');
    assert.deepEqual(limited, { level: 'warn', event: 'rate_limited', route: 'create' });
    assert.ok(!server.log().includes(host.token), 'a seat token was logged');
  });
});
