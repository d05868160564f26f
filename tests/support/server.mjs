// Starts `wrangler dev` (workerd, the real Workers runtime) on free loopback ports with its own
// state directory, and stops it, killing its whole process group, whatever happens.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
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

/** A running `wrangler dev`. `stateDir` keeps Durable Object storage across restarts. */
export class DevServer {
  constructor(stateDir) {
    this.stateDir = stateDir ?? mkdtempSync(join(tmpdir(), 'clix-state-'));
    this.ownsState = !stateDir;
    this.child = null;
  }

  static async start(stateDir) {
    const server = new DevServer(stateDir);
    await server.boot();
    return server;
  }

  async boot() {
    this.port = await freePort();
    const inspector = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.wsUrl = `ws://127.0.0.1:${this.port}`;
    let output = '';
    this.child = spawn(
      join(root, 'node_modules', '.bin', 'wrangler'),
      ['dev', '--ip', '127.0.0.1', '--port', String(this.port), '--inspector-port', String(inspector),
        '--persist-to', this.stateDir, '--show-interactive-dev-session=false', '--log-level', process.env.WRANGLER_LOG_LEVEL ?? 'warn'],
      { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } },
    );
    const keep = (chunk) => { output = (output + chunk).slice(-20000); };
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
  }
}
