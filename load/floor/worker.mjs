// The floor: the least a Durable Object can do for a room of players, to compare the game with.
// No game logic: every message a socket sends is answered with one frame to every socket of the
// room, as large as the game's typical answer to that message. Each frame names its sender and
// the message's number on that socket, so that every player can tell which action it answers.
import { DurableObject } from 'cloudflare:workers';

// Bytes of the game's answer to each client message, as `clix-load game` measured them (see
// load/README.md): `your_clicks` for a click batch, `shipped` for a ship, the first countdown's
// `phase` for start, `probe` for a heartbeat, a 3-player `snapshot` for hello.
const REPLY_BYTES = { click: 64, ship: 57, start: 120, heartbeat: 56, hello: 714 };
const OTHER_BYTES = 64;

export class Floor extends DurableObject {
  async fetch(request) {
    const id = Number(new URL(request.url).searchParams.get('id') ?? 0);
    const pair = new WebSocketPair();
    // The hibernation API, as the game uses: an idle room costs nothing.
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment({ id, n: 0 });
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketMessage(ws, message) {
    // The count lives in the attachment, so that it survives hibernation.
    const me = ws.deserializeAttachment();
    me.n += 1;
    ws.serializeAttachment(me);
    let type = '';
    try {
      type = JSON.parse(message).type;
    } catch {
      // Not JSON: answered at the default size.
    }
    const head = `{"round":0,"now":${Date.now()},"type":"echo","from":${me.id},"n":${me.n}`;
    const frame = padded(head, REPLY_BYTES[type] ?? OTHER_BYTES);
    for (const peer of this.ctx.getWebSockets()) {
      try {
        peer.send(frame);
      } catch {
        // A socket closing under us is not worth stopping for.
      }
    }
  }

  webSocketClose(ws, code) {
    try {
      ws.close(code, 'bye');
    } catch {
      // Already closed.
    }
  }
}

/// `head` closed as JSON, with a filler field making it `size` bytes when it is shorter.
function padded(head, size) {
  const room = size - head.length - ',"p":""}'.length;
  return room > 0 ? `${head},"p":"${'x'.repeat(room)}"}` : `${head}}`;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/') return new Response('ok');
    const room = url.pathname.match(/^\/floor\/([^/]+)\/ws$/);
    if (!room || request.headers.get('Upgrade') !== 'websocket') {
      return new Response('not found', { status: 404 });
    }
    return env.FLOOR.get(env.FLOOR.idFromName(room[1])).fetch(request);
  },
};
