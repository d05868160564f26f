// What one socket's flood costs the runtime: a `wrangler dev` of its own, one seated socket that
// writes N frames at once, and the CPU time of the runtime's processes (every workerd under the
// server, read from /proc) from before the first frame until the runtime is done with them.
// Three kinds of frame: the heartbeat as the app sends it (answered by the runtime alone), the
// same message spelled otherwise (it reaches the room, which closes the flooder), and a refused
// `start`. A report, not a test: docs/PERFORMANCE.md quotes it. Run scripts/build.sh first.
//
//   node scripts/frame-cost.mjs [frames]
import { readFileSync, readdirSync } from 'node:fs';
import { DevServer } from '../tests/support/server.mjs';
import { createGame, Player, PROTOCOL, HEARTBEAT, HEARTBEAT_SPELLED_OTHERWISE, sleep } from '../tests/support/api.mjs';

const frames = Number(process.argv[2] ?? 20_000);
const ticks = 100; // USER_HZ on Linux

/** The pids under `root`, itself included. */
function tree(root) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const out = [root];
  for (let i = 0; i < out.length; i += 1) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/** CPU seconds (user + system) of the workerd processes under `root`. */
function runtimeCpu(root) {
  let sum = 0;
  for (const pid of tree(root)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      sum += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch { /* gone */ }
  }
  return sum;
}

/** Waits until the runtime's CPU stops moving: it has worked through what it was sent. */
async function settled(root) {
  let last = runtimeCpu(root);
  for (;;) {
    await sleep(1_000);
    const now = runtimeCpu(root);
    if (now - last < 0.02) return now;
    last = now;
  }
}

const server = await DevServer.start();
try {
  for (const [kind, frame] of [
    ['heartbeat, as the app sends it', HEARTBEAT],
    ['heartbeat spelled otherwise', HEARTBEAT_SPELLED_OTHERWISE],
    ['start, refused', JSON.stringify({ type: 'start' })],
  ]) {
    const host = await createGame(server, 'Ada', 3);
    const p = new Player(server, host.code, host.token);
    await p.opened;
    p.send({ type: 'hello', protocol: PROTOCOL, token: host.token });
    await p.next((m) => m.type === 'snapshot');
    const before = await settled(server.child.pid);
    for (let i = 0; i < frames; i += 1) p.send(frame);
    const after = await settled(server.child.pid);
    const open = await Promise.race([p.closed.then(() => false), sleep(0).then(() => true)]);
    const answers = p.messages.length;
    const cpu = after - before;
    console.log(`${kind.padEnd(32)} ${frames} frames: runtime CPU ${cpu.toFixed(2)} s, ${(cpu / frames * 1e6).toFixed(0)} µs a frame; ${answers} answers; socket ${open ? 'open' : 'closed'}`);
    if (open) await p.close();
  }
} finally {
  await server.stop();
}
