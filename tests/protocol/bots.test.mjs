// Bots over the real runtime: a practice game starts at once with three of them; a private
// game's host seats and unseats them, nobody else; a lone quick-play player gets them after
// 15 s and a person arriving before the start takes a bot's place; previews count them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from '../support/fixture.mjs';
import { createGame, joinGame, ownMatchmaker, post, Player, QUICK_RULES } from '../support/api.mjs';

const env = withServer();

const bots = (view) => view.players.filter((p) => p.bot);

test('practice starts at once against a bot of each level, played by the room', async (t) => {
  const { status, body: grant } = await post(env.server, '/api/games', { name: 'Ada', cap: 9, rules: QUICK_RULES, practice: true });
  assert.equal(status, 200, JSON.stringify(grant));
  const ada = await Player.connect(env.server, grant.code, grant.token);
  t.after(() => ada.close());
  const { view } = await ada.next((m) => m.type === 'snapshot');
  assert.equal(view.cap, 4, 'the host and three bots, whatever cap was asked');
  assert.notEqual(view.phase.phase, 'waiting');
  assert.deepEqual(bots(view).map((b) => b.bot).sort(), ['easy', 'sharp', 'steady']);
  assert.equal(view.host, grant.seat);
  // The bots play round 1 by themselves: their rows have clicks, within the bound.
  const { summary } = await ada.next((m) => m.type === 'round_results', 15000, 'round 1 results');
  const botRows = summary.rows.filter((r) => r.seat !== grant.seat);
  assert.equal(botRows.length, 3);
  assert.ok(botRows.every((r) => r.clicks > 0 && r.clicks <= 20 * 3 + 5), JSON.stringify(botRows));
  // The invite link's preview counts them as bots.
  const page = await (await fetch(`${env.server.url}/g/${grant.code}`)).text();
  assert.match(page, /with 1 player and 3 bots/);
});

test('the host adds and removes bots; nobody else can, and a bot seat is no one\'s to take', async (t) => {
  const host = await createGame(env.server, 'Ada', 4, QUICK_RULES);
  const bob = await joinGame(env.server, host.code, 'Bob');
  const ada = await Player.connect(env.server, host.code, host.token);
  const bobSocket = await Player.connect(env.server, host.code, bob.token);
  t.after(() => Promise.all([ada.close(), bobSocket.close()]));
  await Promise.all([ada, bobSocket].map((p) => p.next((m) => m.type === 'snapshot')));
  bobSocket.send({ type: 'add_bot', level: 'easy' });
  const refused = await bobSocket.next((m) => m.type === 'rejected', 5000, 'a refusal');
  assert.equal(refused.error, 'not_host');
  ada.send({ type: 'add_bot', level: 'sharp' });
  const { player } = await ada.next((m) => m.type === 'player_joined' && m.player.bot, 5000, 'the bot');
  assert.equal(player.bot, 'sharp');
  ada.send({ type: 'remove_bot', seat: bob.seat });
  assert.equal((await ada.next((m) => m.type === 'rejected', 5000, 'a refusal')).error, 'not_a_bot');
  ada.send({ type: 'remove_bot', seat: player.seat });
  await ada.next((m) => m.type === 'player_left' && m.seat === player.seat, 5000, 'the bot gone');
  // An empty token, a bot's, opens nothing.
  const mallory = await Player.connect(env.server, host.code, '');
  assert.equal((await mallory.next((m) => m.type === 'rejected', 5000, 'a refusal')).error, 'bad_token');
  await mallory.closed;
});

test('a lone quick-play player gets bots after 15 s; a person arriving before the start takes a bot\'s place', async (t) => {
  // A matchmaker no other test has left a player with.
  const headers = ownMatchmaker();
  // The 15 s count from Ann's match, which her request made: a busy machine may take a while to
  // open her socket after it, so the wait is measured from the request.
  const asked = Date.now();
  const { body: ann } = await post(env.server, '/api/quick-play', { name: 'Ann' }, { headers });
  const annSocket = await Player.connect(env.server, ann.code, ann.token);
  t.after(() => annSocket.close());
  await annSocket.next((m) => m.type === 'snapshot');
  const connected = Date.now();
  const third = await annSocket.next((m) => m.type === 'player_joined' && m.player.bot
    && annSocket.messages.filter((x) => x.type === 'player_joined' && x.player.bot).length === 3, 17000, 'three bots');
  assert.ok(third);
  const now = Date.now();
  assert.ok(now - asked >= 15000 && now - connected <= 16500,
    `bots ${now - asked} ms after the request, ${now - connected} ms after the socket's snapshot`);
  const countdown = await annSocket.next((m) => m.type === 'phase' && m.phase.phase === 'waiting' && m.phase.starts_at, 2000, 'the countdown');
  assert.ok(countdown.phase.starts_at - countdown.now <= 3000);
  const { body: bob } = await post(env.server, '/api/quick-play', { name: 'Bob' }, { headers });
  assert.equal(bob.code, ann.code, 'Bob is matched into Ann\'s game');
  const info = await (await fetch(`${env.server.url}/api/games/${ann.code}`)).json();
  assert.equal(info.players.length, 4, 'Bob took a bot\'s seat, not a free one');
  assert.equal(bots(info).length, 2);
  const bobSocket = await Player.connect(env.server, ann.code, bob.token);
  t.after(() => bobSocket.close());
  await bobSocket.next((m) => m.type === 'phase' && m.phase.phase === 'intermission', 6000, 'the start');
});
