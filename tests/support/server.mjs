// Starts `wrangler dev` (workerd, the real Workers runtime) on free loopback ports with its own
// state directory, and stops it, killing its whole process group, whatever happens.
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The lowest port picked here: below it, ports that other services keep. */
const FIRST_PORT = 10000;

/** Where the kernel starts numbering the ports it picks itself (`listen(0)`, outgoing connections). */
function kernelPortsFrom() {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low > FIRST_PORT + 1000) return low;
  } catch {
    // Not Linux: its usual range.
  }
  return 32768;
}

/** Whether `port` on loopback can be listened on now. */
function canListen(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * A loopback port free now, for wrangler to listen on a second or so later. Picked below the
 * range the kernel numbers its own sockets from: a port the kernel handed out for `listen(0)`
 * was once taken, between this check and wrangler's bind, by a socket another file opened, and
 * wrangler failed to start ("Address already in use"). Down here only other files pick, at
 * random among some 20,000, and each checks first. A server restarted on its port keeps it the
 * same way while it is down.
 */
export async function freePort() {
  const from = FIRST_PORT;
  const to = kernelPortsFrom();
  for (let tries = 0; tries < 100; tries += 1) {
    const port = from + randomInt(to - from);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

/**
 * The game's config for a server that serves what is built already: wrangler.toml without its
 * `[build]` table, paths made absolute. The test command builds once before the tests
 * (`CLIX_BUILT=1`); a file run on its own lets wrangler build first.
 */
function configFor(dir) {
  if (process.env.CLIX_BUILT !== '1') return null;
  let inBuild = false;
  const lines = [];
  for (const line of readFileSync(join(root, 'wrangler.toml'), 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) inBuild = trimmed === '[build]';
    if (inBuild) continue;
    const path = line.match(/^\s*(main|directory)\s*=\s*"(.*)"\s*$/);
    lines.push(path ? `${path[1]} = "${join(root, path[2])}"` : line);
  }
  const config = join(dir, 'wrangler.toml');
  writeFileSync(config, lines.join('\n'));
  return config;
}

async function waitUntilUp(url, child, log, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not come up in ${deadlineMs} ms:\n${log()}`);
}

/**
 * A running `wrangler dev`. `stateDir` keeps Durable Object storage across restarts; `logLevel`
 * `log` lets the Worker's own log lines through to `log()`; `vars` are the Worker's vars, by name.
 */
export class DevServer {
  constructor(stateDir, { logLevel, vars = {} } = {}) {
    this.logLevel = logLevel ?? process.env.WRANGLER_LOG_LEVEL ?? 'warn';
    this.vars = vars;
    this.stateDir = stateDir ?? mkdtempSync(join(tmpdir(), 'clix-state-'));
    this.ownsState = !stateDir;
    this.child = null;
    // The operator's secret for the usage route, made up per server.
    this.usageSecret = randomBytes(16).toString('hex');
    this.scratch = mkdtempSync(join(tmpdir(), 'clix-config-'));
    this.config = configFor(this.scratch);
  }

  static async start(stateDir, options) {
    const server = new DevServer(stateDir, options);
    await server.boot();
    return server;
  }

  /** Starts the runtime; with `samePort`, on the port it had, as pages already open expect. */
  async boot({ samePort = false } = {}) {
    this.port = samePort && this.port ? this.port : await freePort();
    const inspector = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.wsUrl = `ws://127.0.0.1:${this.port}`;
    let output = '';
    this.child = spawn(
      join(root, 'node_modules', '.bin', 'wrangler'),
      ['dev', ...(this.config ? ['-c', this.config] : []),
        '--ip', '127.0.0.1', '--port', String(this.port), '--inspector-port', String(inspector),
        '--persist-to', this.stateDir, '--show-interactive-dev-session=false',
        '--var', `USAGE_SECRET:${this.usageSecret}`,
        ...Object.entries(this.vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
        '--log-level', this.logLevel],
      { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
        // Its temporary files in the scratch directory, removed on stop: miniflare leaves a
        // directory in the system's for every server it starts.
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', TMPDIR: this.scratch } },
    );
    const keep = (chunk) => { output = (output + chunk).slice(-200000); };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.log = () => output;
    await waitUntilUp(`${this.url}/`, this.child, this.log, 180_000);
  }

  /** Kills the runtime at once, as a crash would. */
  async kill(signal = 'SIGKILL') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async stop() {
    await this.kill('SIGTERM');
    if (this.ownsState) rmSync(this.stateDir, { recursive: true, force: true });
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * The server the test command started for every file that can share one (`tests/run.mjs`), or,
 * for a file run on its own, a server of its own.
 */
export async function sharedServer() {
  const url = process.env.CLIX_SERVER_URL;
  if (!url) return DevServer.start();
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    usageSecret: process.env.CLIX_USAGE_SECRET,
    // Stopped by the runner once every file is done.
    async stop() {},
  };
}
