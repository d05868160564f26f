// A protocol-level client: the HTTP API and the game's WebSocket, as a test sees them.
import WebSocket from 'ws';

export const PROTOCOL = 1;

export async function post(server, path, body) {
  const res = await fetch(server.url + path, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

export async function createGame(server, name, cap = 4, rules) {
  const { status, body } = await post(server, '/api/games', { name, cap, rules });
  if (status !== 200) throw new Error(`create failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** One socket on a game: keeps every message, answers probes, and can wait for a message. */
export class Player {
  constructor(server, code, token) {
    this.messages = [];
    this.waiters = [];
    this.ws = new WebSocket(`${server.wsUrl}/api/games/${code}/ws`);
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    this.ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === 'probe') this.send({ type: 'probe_ack', nonce: msg.nonce });
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => !w(msg));
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.token = token;
  }

  static async connect(server, code, token) {
    const player = new Player(server, code, token);
    await player.opened;
    player.send({ type: 'hello', protocol: PROTOCOL, token: token ?? null });
    return player;
  }

  send(msg) {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
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

  close() {
    this.ws.close();
    return this.closed;
  }
}
