// Draws public/preview.png, the 1200×630 image of every link preview, with Debian's Chromium:
// run by hand when the card changes (`node scripts/preview-image.mjs`), and the PNG committed.
import { join } from 'node:path';
import { root } from '../tests/support/server.mjs';
import { launch } from '../tests/support/browser.mjs';

const card = `<!doctype html><html><head><style>
  body { margin: 0; width: 1200px; height: 630px; background: #14213d; color: #fff;
    font-family: system-ui, "DejaVu Sans", sans-serif; display: flex; flex-direction: column;
    justify-content: center; padding: 0 96px; box-sizing: border-box; }
  h1 { font-size: 112px; margin: 0; letter-spacing: -2px; }
  h1 span { color: #fca311; }
  p { font-size: 44px; margin: 24px 0 0; color: #e5e7eb; }
  .bar { position: absolute; left: 0; bottom: 0; height: 28px; width: 100%; background: #fca311; }
  .button { display: inline-block; margin-top: 48px; padding: 22px 44px; border-radius: 22px;
    background: #fca311; color: #0b1324; font-size: 44px; font-weight: 800; width: fit-content; }
</style></head><body>
  <h1>Startup Cli<span>X</span></h1>
  <p>Build. Ship. Don't go broke.<br>A multiplayer clicker, played live with friends.</p>
  <div class="button">Join the game</div>
  <div class="bar"></div>
</body></html>`;

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(card);
  await page.screenshot({ path: join(root, 'public', 'preview.png') });
} finally {
  await browser.close();
}
