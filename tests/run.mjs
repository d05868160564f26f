// Runs the protocol and browser test files against one `wrangler dev` that they share (files that
// need their own start it themselves), and stops it whatever happens.
//
// Most files only wait on rounds and countdowns, so they run four at a time, the longest first
// (at six, a cold run lost a round's taps and a flood's answers to the load). The files that
// measure time (round trips, stamps, a budget in ms) run before them, one at a time with nothing
// else running: two files at once made honest round trips jump by 130 ms.
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

/** The longest of the other files, longest first: started first, they do not finish last. */
const LONGEST = [
  'e2e/bots-quick-play.test.mjs',
  'e2e/full-game.test.mjs',
  'e2e/responsive.test.mjs',
  'e2e/restart.test.mjs',
  'protocol/restart.test.mjs',
  'e2e/dead-link.test.mjs',
  'protocol/bots.test.mjs',
  'e2e/accessibility.test.mjs',
  'e2e/tabs-restart.test.mjs',
  'e2e/tabs.test.mjs',
  'e2e/practice.test.mjs',
  'protocol/heartbeat.test.mjs',
  'protocol/logs.test.mjs',
  'e2e/defended.test.mjs',
  'e2e/trouble.test.mjs',
  'protocol/close.test.mjs',
  'protocol/limits.test.mjs',
  'e2e/limits.test.mjs',
];

const jobs = Math.max(1, Number(process.env.CLIX_TEST_JOBS ?? 4));
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
const rest = files.filter((f) => !TIMED.includes(f)).sort((a, b) => rank(a) - rank(b));

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

const began = Date.now();
try {
  if (files.some((f) => f.startsWith('e2e/'))) browser = await launchServer();
  if (timed.length > 0) {
    console.log(bold(`${timed.length} file(s) that measure time, one at a time`));
    await runAll(timed, 1);
  }
  if (rest.length > 0) {
    console.log(bold(`\n${rest.length} file(s), ${jobs} at a time`));
    await runAll(rest, jobs);
  }
} finally {
  await browser?.close();
  await server.stop();
}
const seconds = Math.round((Date.now() - began) / 1000);
console.log(`\nℹ files ${files.length}\nℹ tests ${total.tests}\nℹ pass ${total.pass}\nℹ fail ${total.fail}`
  + `${total.cancelled ? `\nℹ cancelled ${total.cancelled}` : ''}\nℹ duration ${seconds} s`);
if (failed.length > 0) console.log(`failed: ${failed.join(' ')}`);
process.exit(failed.length > 0 || stopped ? 1 : 0);
