// The rate limiting binding under `wrangler dev` counts in windows aligned to the wall clock's
// minute, as the binding's period is a minute. A test that spends an address's allowance starts
// with at least 12 s of its window left, so that the window cannot turn over in its middle and
// hand the address a fresh allowance: the longest of them, a page refused after ten games, takes
// a few seconds on a loaded machine, and every second of margin is a second more of waiting, in
// a fifth of the runs, for the files that wait.
import { sleep } from './api.mjs';

export async function freshLimitWindow() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 48_000) await sleep(60_000 - intoMinute + 50);
}
