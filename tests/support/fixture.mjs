// What every test file needs around its tests: a `wrangler dev` and, for browser flows, one
// Chromium, started before the file's tests and always stopped after them.
//
// Files share the test command's server unless they ask for their own (`{ own: true }`): those
// that restart the runtime, read its log, or give the Worker vars of their own
// (`{ own: true, vars }`). A test of quick play asks a matchmaker of its own instead
// (`ownMatchmaker` in api.mjs).
import { before, after } from 'node:test';
import { DevServer, sharedServer } from './server.mjs';

const serverFor = (own, vars) => (own ? DevServer.start(undefined, { vars }) : sharedServer());

/** A server for the file's tests: `env.server` once they run. */
export function withServer({ own = false, vars } = {}) {
  const env = {};
  before(async () => { env.server = await serverFor(own, vars); });
  after(async () => { await env.server?.stop(); });
  return env;
}

/** A server and a browser for the file's tests: `env.server` and `env.browser`. */
export function withServerAndBrowser({ own = false, vars } = {}) {
  const env = {};
  before(async () => {
    env.server = await serverFor(own, vars);
    // Imported here: Playwright takes a while to load, and protocol files need none of it.
    const { launch } = await import('./browser.mjs');
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
