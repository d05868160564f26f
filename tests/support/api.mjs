// A protocol-level client: the HTTP API and the game's WebSocket, as a test sees them.
import WebSocket from 'ws';
import { randomInt } from 'node:crypto';

export const PROTOCOL = 4;
/** The heartbeat as the app sends it, which the runtime answers with `HEARTBEAT_ANSWER` itself. */
export const HEARTBEAT = '{"type":"heartbeat"}';
export const HEARTBEAT_ANSWER = '{"type":"heard"}';
/** A heartbeat the runtime does not recognise, so it reaches the room like any message. */
export const HEARTBEAT_SPELLED_OTHERWISE = '{"type": "heartbeat"}';

/**
 * A made-up client address. New games are limited per address; `wrangler dev` takes the
 * `CF-Connecting-IP` header as given (Cloudflare's edge sets it itself), so each request of a
 * test comes from a player of its own unless it says otherwise.
 */
export function address() {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/**
 * Headers that bring requests to a matchmaker of their own. Quick play is matched per Cloudflare
 * location (`cf.colo`), which `wrangler dev` takes from miniflare's `MF-CF-Blob` header (the edge
 * sets `cf` itself and takes no such header): a test of quick play on a shared server meets
 * nobody another test left waiting.
 */
export function ownMatchmaker() {
  return { 'MF-CF-Blob': JSON.stringify({ colo: `T${randomInt(1e9)}` }) };
}

export async function post(server, path, body, { from = address(), headers } = {}) {
  const res = await fetch(server.url + path, {
    method: 'POST', body: JSON.stringify(body), headers: { 'CF-Connecting-IP': from, ...headers },
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export async function createGame(server, name, cap = 4, rules) {
  const { status, body } = await post(server, '/api/games', { name, cap, rules });
  if (status !== 200) throw new Error(`create failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Takes a seat in game `code` over HTTP. */
export async function joinGame(server, code, name) {
  const { status, body } = await post(server, `/api/games/${code}/join`, { name });
  if (status !== 200) throw new Error(`join failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * One socket on a game: keeps every message, answers probes, and can wait for a message.
 * `headers` go with the socket's upgrade; `probeDelayMs` holds back every probe's answer, as a
 * client inflating its round trip would.
 */
export class Player {
  constructor(server, code, token, { headers, probeDelayMs = 0 } = {}) {
    this.messages = [];
    this.waiters = [];
    // When this socket saw each round start, on its own clock: what click and ship stamps count from.
    this.seenAt = new Map();
    this.ws = new WebSocket(`${server.wsUrl}/api/games/${code}/ws`, { headers });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    this.ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === 'probe') {
        const ack = () => this.send({ type: 'probe_ack', nonce: msg.nonce });
        if (probeDelayMs > 0) setTimeout(ack, probeDelayMs); else ack();
      }
      if (msg.type === 'phase' && msg.phase.phase === 'round') this.seenAt.set(`round:${msg.phase.round}`, Date.now());
      // Joining mid-round: the round started when the server says, on this clock.
      if (msg.type === 'snapshot' && msg.view.phase.phase === 'round') {
        this.seenAt.set(`round:${msg.view.phase.round}`, Date.now() - (msg.now - msg.view.phase.started_at));
      }
      // The round being played and this socket's last input number in it, as the app's journal
      // keeps them: a click or ship sent without a number gets the next one. Each socket is a tab
      // of its own, numbering its own inputs.
      // (The waiting room's phase names no round: it is round 0.)
      if (msg.type === 'phase' && (msg.phase.round ?? 0) !== this.round) {
        this.round = msg.phase.round ?? 0;
        this.seq = 0;
      }
      if (msg.type === 'snapshot') {
        if ((msg.view.phase.round ?? 0) !== this.round) this.seq = 0;
        this.round = msg.view.phase.round ?? 0;
        this.seq = Math.max(this.seq, msg.view.you?.tabs?.find((t) => t.tab === this.tab)?.seq ?? 0);
      }
      if (msg.type === 'your_clicks' && msg.tab === this.tab) this.seq = Math.max(this.seq, msg.seq);
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => !w(msg));
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.token = token;
    this.round = 0;
    this.seq = 0;
    this.tab = 1 + Math.floor(Math.random() * 0xfffffff0);
  }

  static async connect(server, code, token, options) {
    const player = new Player(server, code, token, options);
    await player.opened;
    player.send({ type: 'hello', protocol: PROTOCOL, token: token ?? null });
    // A heartbeat every two seconds whatever else is sent (the app sends one after 3 s of quiet),
    // so the server knows this socket is alive.
    player.heartbeat = setInterval(() => player.send(HEARTBEAT), 2000);
    player.closed.then(() => clearInterval(player.heartbeat));
    return player;
  }

  send(msg) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if ((msg?.type === 'click' || msg?.type === 'ship') && msg.seq === undefined) {
      this.seq += 1;
      msg = { type: msg.type, round: this.round, tab: this.tab, seq: this.seq, ...msg };
    }
    if ((msg?.type === 'click' || msg?.type === 'ship') && msg.tab === undefined) msg = { tab: this.tab, ...msg };
    this.ws.send(typeof msg === 'string' || Buffer.isBuffer(msg) ? msg : JSON.stringify(msg));
  }

  /** Resolves with the first message (already received or to come) that `pred` accepts. */
  next(pred, timeoutMs = 5000, what = 'a message') {
    const seen = this.messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(pred, timeoutMs, what);
  }

  /** Resolves with the first message from now on that `pred` accepts. */
  waitFor(pred, timeoutMs = 5000, what = 'a message') {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push((msg) => {
        if (!pred(msg)) return false;
        clearTimeout(timer);
        resolve(msg);
        return true;
      });
    });
  }

  /** Milliseconds since round `round` started on this socket's screen. */
  elapsed(round) {
    const seen = this.seenAt.get(`round:${round}`);
    return seen === undefined ? undefined : Date.now() - seen;
  }

  /** Closes politely; a peer that does not answer the close within a second is cut off. */
  close() {
    clearInterval(this.heartbeat);
    this.ws.close();
    const cut = setTimeout(() => this.ws.terminate(), 1000);
    return this.closed.finally(() => clearTimeout(cut));
  }

  /** The connection dies without a word, as when a laptop lid closes. */
  drop() {
    clearInterval(this.heartbeat);
    this.ws.terminate();
    return this.closed;
  }
}

/** Rules that keep a protocol test short: one-second countdowns and three-second rounds. */
export const QUICK_RULES = { starting_capital: 30000, burn: 5000, intermission_ms: 1000, round_ms: 3000, max_rounds: 3 };

/** Creates a private game for `names` (the first hosts), connects everyone and starts it. */
export async function startedGame(server, names, rules = QUICK_RULES) {
  const host = await createGame(server, names[0], names.length === 2 ? 3 : names.length + 1, rules);
  const grants = [host];
  for (const name of names.slice(1)) {
    const { status, body } = await post(server, `/api/games/${host.code}/join`, { name });
    if (status !== 200) throw new Error(`join failed: ${status} ${JSON.stringify(body)}`);
    grants.push(body);
  }
  const players = [];
  for (const g of grants) {
    const p = await Player.connect(server, host.code, g.token);
    await p.next((m) => m.type === 'snapshot');
    players.push(p);
  }
  players[0].send({ type: 'start' });
  // Started once everyone has heard of the first countdown.
  await Promise.all(players.map((p) => p.next((m) => m.type === 'phase' && m.phase.phase === 'intermission', 5000, 'the countdown')));
  return { code: host.code, grants, players };
}

/** Waits for round `round` to start for `player` and returns the local time it saw it. */
export async function roundStart(player, round) {
  await player.next((m) => m.type === 'phase' && m.phase.phase === 'round' && m.phase.round === round, 15000, `round ${round}`);
  const seenAt = player.seenAt.get(`round:${round}`);
  return seenAt;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
