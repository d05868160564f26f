// Runs every protocol and browser test file, one at a time, against one `wrangler dev` that they
// share (files that need their own start it themselves), and stops it whatever happens.
// Usage: node tests/run.mjs [file ...]   (every tests/protocol and tests/e2e file by default)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DevServer, root } from './support/server.mjs';

// Named one by one: Node 20 takes no glob, and Node 22+ takes a directory for a test file.
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : ['protocol', 'e2e'].flatMap((dir) => readdirSync(join(root, 'tests', dir))
    .filter((name) => name.endsWith('.test.mjs'))
    .sort()
    .map((name) => relative(process.cwd(), join(root, 'tests', dir, name))));

const server = await DevServer.start();
let code = 1;
try {
  // One file at a time: two at once made honest round trips jump by 130 ms and failed timing
  // tests. Forced exit: a failed test may leave sockets open, which must fail the run, not hang it.
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-force-exit', ...files], {
    stdio: 'inherit',
    env: { ...process.env, CLIX_SERVER_URL: server.url, CLIX_USAGE_SECRET: server.usageSecret },
  });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  code = await new Promise((resolve) => child.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
} finally {
  await server.stop();
}
process.exit(code);
