// Debian's Chromium driven by playwright-core: no test tool downloads a browser of its own.
//
// Its headless shell (Debian's `chromium-headless-shell`, the same Blink and V8 as `chromium`, and
// what Playwright itself runs for headless tests) rather than the whole browser run headless:
// the whole browser sets up everything a tab of a window has for each page. Measured here, a new
// page cost 0.49 CPU-s before it loaded anything, and a game's link 1.42 CPU-s, against 0.13 and
// 0.45 CPU-s in the shell; the browser tests open pages by the hundred. The binary itself, not
// Debian's /usr/bin/chromium-headless-shell: that script runs it as a child without `exec`, so a
// driver that stops the script leaves the browser running. The whole browser where the shell is
// not installed (scripts/setup.sh installs it on Debian).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server.mjs';
import { address } from './api.mjs';

export const artifacts = join(root, 'test-results');

const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

const options = {
  executablePath: process.env.CHROMIUM_BIN
    ?? [HEADLESS_SHELL, '/usr/bin/chromium'].find((bin) => existsSync(bin)),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/**
 * The browser for a file's tests: the one the test command started for every file
 * (`tests/run.mjs`), whose contexts this file's `close()` then closes, or, for a file run on its
 * own, a browser of its own.
 */
export async function launch() {
  const shared = process.env.CLIX_BROWSER_WS;
  return shared ? chromium.connect(shared) : chromium.launch(options);
}

/** A browser that files connect to (`CLIX_BROWSER_WS`), rather than each starting one. */
export function launchServer() {
  return chromium.launchServer(options);
}

/**
 * A browser context for one player, at an address of its own (see `address` in api.mjs). It asks
 * for reduced motion unless `options` say otherwise: the round's time bar is a transition that
 * repaints every frame, about a tenth of a core for each page in a round, and only
 * responsive.test.mjs looks at motion (on a phone that asks for less of it, and on a desktop).
 */
export function newContext(browser, options = {}) {
  return browser.newContext({
    reducedMotion: 'reduce',
    ...options,
    extraHTTPHeaders: { 'CF-Connecting-IP': address(), ...options.extraHTTPHeaders },
  });
}

/** Saves a screenshot of `page` under test-results/ for people to look at. */
export async function snap(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
