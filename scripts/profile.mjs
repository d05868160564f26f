// The body of scripts/profile.sh: opens a game's link in Debian's Chromium under `wrangler dev`
// with V8's sampling profiler running from before the document is asked for until the waiting
// room's invite is painted, and prints the functions that took the main thread longest (self
// time, unthrottled). Function names from the release build: wasm-bindgen's imports by name,
// the wasm by index (`./scripts/where-bytes.sh` builds with names). A report, not a test.
import { DevServer } from '../tests/support/server.mjs';
import { createGame } from '../tests/support/api.mjs';
import { launch, newContext } from '../tests/support/browser.mjs';

const top = Number(process.argv[2] ?? 20);
const server = await DevServer.start();
const browser = await launch();
try {
  const grant = await createGame(server, 'Host');
  const context = await newContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(`${server.url}/g/${grant.code}`);
  await page.locator('img.qr').waitFor();
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  console.log('ms (self)  function');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
