// The rate limiting binding under `wrangler dev` counts in windows aligned to the wall clock's
// minute, as the binding's period is a minute. A test that spends an address's allowance starts
// with at least 20 s of its window left, so that the window cannot turn over in its middle and
// hand the address a fresh allowance.
import { sleep } from './api.mjs';

export async function freshLimitWindow() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await sleep(60_000 - intoMinute + 50);
}
