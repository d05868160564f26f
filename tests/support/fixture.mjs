// What every test file needs around its tests: its own `wrangler dev` and, for browser flows,
// one Chromium, started before the file's tests and always stopped after them.
import { before, after } from 'node:test';
import { DevServer } from './server.mjs';
import { launch } from './browser.mjs';

/** A server for the file's tests: `env.server` once they run. */
export function withServer() {
  const env = {};
  before(async () => { env.server = await DevServer.start(); });
  after(async () => { await env.server?.stop(); });
  return env;
}

/** A server and a browser for the file's tests: `env.server` and `env.browser`. */
export function withServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await DevServer.start();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
