// Debian's Chromium driven by playwright-core: no test tool downloads a browser of its own.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server.mjs';
import { address } from './api.mjs';

export const artifacts = join(root, 'test-results');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A browser context for one player, at an address of its own (see `address` in api.mjs). */
export function newContext(browser, options = {}) {
  return browser.newContext({ ...options, extraHTTPHeaders: { 'CF-Connecting-IP': address(), ...options.extraHTTPHeaders } });
}

/** Saves a screenshot of `page` under test-results/ for people to look at. */
export async function snap(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
