// Runs the protocol and browser test files against one `wrangler dev` that they share (files that
// need their own start it themselves), and stops it whatever happens.
//
// Most files only wait on rounds and countdowns, so they run six at a time, the longest first.
// The files that measure time (round trips, stamps, a budget in ms) run first, the browser ones
// one at a time, with only protocol files beside them (sockets and JSON, light on the CPU, three
// at a time): two files at once, browsers included, made honest round trips jump by 130 ms, where
// the protocol files beside them moved no timed figure here. Measured here, the whole run with
// the timed browser files beside the timed protocol ones (since taken back, below): four at a
// time 119 s, six 103 s, eight 103 s; more buys nothing, and the load it adds is what timings
// feel first.
// Each file's report is printed whole once it is done, with how long it took.
//
// Usage: node tests/run.mjs [file ...]   (every tests/protocol and tests/e2e file by default)
//        CLIX_TEST_JOBS=1 node tests/run.mjs   (every file one at a time)
// Options go on to `node --test`, e.g. --test-name-pattern=tabs.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DevServer, root } from './support/server.mjs';
import { launchServer } from './support/browser.mjs';

/** Files that measure time, run alone. */
const TIMED = [
  'protocol/fair-timing.test.mjs', // the credit of a late prober, in ms
  'protocol/full-game.test.mjs', // honest stamps credited as sent, within 50 ms
  'e2e/round-end.test.mjs', // a busy page's ship stamp within 150 ms; the last moments of a round
  'e2e/join-by-invite.test.mjs', // both names on both pages within a second
];

/**
 * Protocol files that flood the shared server on purpose: the runtime and its front busy for a
 * moment held a page's ship 300 ms on its way, so they never run beside a file that measures time.
 */
const FLOODS = ['protocol/bad-input.test.mjs', 'protocol/heartbeat.test.mjs'];

/** The longest of the other files, longest first: started first, they do not finish last. */
const LONGEST = [
  'e2e/bots-quick-play.test.mjs',
  'e2e/full-game.test.mjs',
  'e2e/responsive.test.mjs',
  'e2e/dead-link.test.mjs',
  'e2e/limits.test.mjs',
  'e2e/practice.test.mjs',
  'e2e/tabs-restart.test.mjs',
  'e2e/tabs.test.mjs',
  'e2e/restart.test.mjs',
  'e2e/accessibility.test.mjs',
  'e2e/defended.test.mjs',
  'e2e/rematch.test.mjs',
  'e2e/home.test.mjs',
  'protocol/restart.test.mjs',
  'protocol/bots.test.mjs',
  'protocol/logs.test.mjs',
  'protocol/heartbeat.test.mjs',
  'protocol/close.test.mjs',
  'protocol/bad-input.test.mjs',
  'protocol/winners.test.mjs',
];

const jobs = Math.max(1, Number(process.env.CLIX_TEST_JOBS ?? 6));
/** Protocol files beside a file that measures time: sockets and JSON, light on the CPU. */
const QUIET_JOBS = Math.min(jobs, 3);
const args = process.argv.slice(2);
const options = args.filter((a) => a.startsWith('-'));
const named = args.filter((a) => !a.startsWith('-')).map((f) => relative(join(root, 'tests'), join(process.cwd(), f)));
// Named one by one: Node 20 takes no glob, and Node 22+ takes a directory for a test file.
const files = named.length > 0
  ? named
  : ['protocol', 'e2e'].flatMap((dir) => readdirSync(join(root, 'tests', dir))
    .filter((name) => name.endsWith('.test.mjs'))
    .sort()
    .map((name) => `${dir}/${name}`));
const rank = (file) => (LONGEST.includes(file) ? LONGEST.indexOf(file) : LONGEST.length);
const timed = files.filter((f) => TIMED.includes(f));
// Protocol files first: they run beside the timed ones.
const quietFirst = (f) => (f.startsWith('protocol/') ? 0 : 1);
const rest = files.filter((f) => !TIMED.includes(f)).sort((a, b) => quietFirst(a) - quietFirst(b) || rank(a) - rank(b));

const server = await DevServer.start();
// One Chromium for every browser file, each in contexts of its own: a browser started per file
// cost about a second of CPU each.
let browser = null;
const running = new Set();
let stopped = false;
const stop = () => {
  stopped = true;
  for (const child of running) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const color = process.stdout.isTTY;
const bold = (s) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const total = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
const failed = [];

/** Runs one file; prints its report, less node's summary, once it is done. */
function runFile(file) {
  const began = Date.now();
  // Forced exit: a failed test may leave sockets open, which must fail the run, not hang it.
  const child = spawn(process.execPath, ['--test', '--test-force-exit', '--test-reporter=spec', ...options,
    relative(process.cwd(), join(root, 'tests', file))], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CLIX_SERVER_URL: server.url,
      CLIX_USAGE_SECRET: server.usageSecret,
      ...(browser ? { CLIX_BROWSER_WS: browser.wsEndpoint() } : {}),
      ...(color ? { FORCE_COLOR: '1' } : {}),
    },
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return new Promise((resolve) => child.once('close', (status, signal) => {
    running.delete(child);
    const counts = {};
    const report = output.split('\n').filter((line) => {
      const count = /^ℹ (\w+) ([\d.]+)$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
      if (count) counts[count[1]] = Number(count[2]);
      return !count;
    });
    for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
    const ok = status === 0 && !signal;
    if (!ok) failed.push(file);
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    console.log(`${bold(`${ok ? '▶' : '✖'} ${file}`)} (${seconds} s)\n${report.join('\n').trimEnd()}`);
    resolve();
  }));
}

/** Runs `list`, `concurrency` files at a time, in its order. */
async function runAll(list, concurrency) {
  const queue = [...list];
  const worker = async () => {
    while (queue.length > 0 && !stopped) await runFile(queue.shift());
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
}

/**
 * Runs `list` in its order, `jobs` files at a time; while `quietOnly()` holds, only files that
 * `quiet` accepts, `quietJobs` at a time. Resolves once every file ran; `pump` is called again
 * when `quietOnly()` turns false.
 */
function runPool(list, { jobs, quietJobs, quiet, quietOnly }) {
  const pending = [...list];
  let active = 0;
  let resolve;
  const done = new Promise((r) => { resolve = r; });
  const pump = () => {
    const only = quietOnly();
    while (!stopped && active < (only ? quietJobs : jobs)) {
      const i = pending.findIndex((f) => !only || quiet(f));
      if (i < 0) break;
      const [file] = pending.splice(i, 1);
      active += 1;
      runFile(file).then(() => {
        active -= 1;
        pump();
      });
    }
    if (active === 0 && (pending.length === 0 || stopped) && !only) resolve();
  };
  pump();
  return { done, pump };
}

const began = Date.now();
try {
  if (files.some((f) => f.startsWith('e2e/'))) browser = await launchServer();
  console.log(bold(`${timed.length} file(s) that measure time, the browser ones one at a time, beside protocol files `
    + `${QUIET_JOBS} at a time; then the rest, ${jobs} at a time`));
  let timing = timed.length > 0;
  const pool = runPool(rest, {
    jobs,
    quietJobs: QUIET_JOBS,
    quiet: (f) => f.startsWith('protocol/') && !FLOODS.includes(f),
    quietOnly: () => timing,
  });
  // The protocol files among them at once (each a few sockets, as light as the files beside
  // them), then the browser files one at a time. Not side by side: with a browser file beside
  // it, full-game.test.mjs once had an honest ship arrive 54 ms after it was sent, where it
  // allows 50.
  const timedProtocol = timed.filter((f) => f.startsWith('protocol/'));
  await runAll(timedProtocol, timedProtocol.length);
  await runAll(timed.filter((f) => !timedProtocol.includes(f)), 1);
  timing = false;
  pool.pump();
  await pool.done;
} finally {
  await browser?.close();
  await server.stop();
}
const seconds = Math.round((Date.now() - began) / 1000);
console.log(`\nℹ files ${files.length}\nℹ tests ${total.tests}\nℹ pass ${total.pass}\nℹ fail ${total.fail}`
  + `${total.cancelled ? `\nℹ cancelled ${total.cancelled}` : ''}\nℹ duration ${seconds} s`);
if (failed.length > 0) console.log(`failed: ${failed.join(' ')}`);
process.exit(failed.length > 0 || stopped ? 1 : 0);
