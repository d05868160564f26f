// Page objects: what a player does on each screen, by role or data-testid.
import { newContext } from './browser.mjs';
import { Player, createGame } from './api.mjs';

/**
 * A private game hosted by 'Ada' over the API (her socket is `host`), open in a browser page of
 * its own at the game's link, both closed after test `t`.
 */
export async function hostedGame(env, t, { cap = 2, rules } = {}) {
  const grant = await createGame(env.server, 'Ada', cap, rules);
  const host = await Player.connect(env.server, grant.code, grant.token);
  t.after(() => host.close());
  const context = await newContext(env.browser);
  t.after(() => context.close());
  const page = await context.newPage();
  // Every frame the page sends, as it left: what the page itself claimed.
  const sent = [];
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(String(payload))));
  await page.goto(`${env.server.url}/g/${grant.code}`);
  return { grant, host, page, sent };
}

/** As `hostedGame`, with Bob joined in the page and round 1 begun; Bob's page object. */
export async function bobInRound(env, t, rules) {
  const { host, page, sent } = await hostedGame(env, t, { cap: 2, rules });
  const bob = new GamePage(page);
  await bob.join('Bob');
  await host.next((m) => m.type === 'player_joined' && m.player.name === 'Bob', 5000, 'Bob');
  host.send({ type: 'start' });
  return { host, page, bob, sent };
}
export class HomePage {
  constructor(page, base) { this.page = page; this.base = base; }
  async open() { await this.page.goto(`${this.base}/`); }
  async setName(name) { await this.page.getByTestId('name').fill(name); }

  /** Fills the rules form; `rules` in the form's units (dollars, seconds, rounds). */
  async setRules(rules) {
    await this.page.getByText('Rules', { exact: true }).click();
    const fields = { capital: 'rule-capital', burn: 'rule-burn', countdown: 'rule-countdown', round: 'rule-round', rounds: 'rule-rounds' };
    for (const [key, id] of Object.entries(fields)) {
      if (rules[key] !== undefined) {
        const input = this.page.getByTestId(id);
        await input.fill(String(rules[key]));
        await input.dispatchEvent('change');
      }
    }
  }

  /** Creates a private game; `rules` in the form's units (dollars, seconds, rounds). */
  async createGame(name, { cap, rules } = {}) {
    await this.setName(name);
    if (cap) await this.page.getByTestId('cap').selectOption(String(cap));
    if (rules) await this.setRules(rules);
    await this.page.getByTestId('create').click();
    await this.page.waitForURL(/\/g\/[a-z2-9]{12}$/);
  }

  /** Practice against three bots, with `rules` as for `createGame`. */
  async practice(name, rules) {
    await this.setName(name);
    if (rules) await this.setRules(rules);
    await this.page.getByTestId('practice').click();
    await this.page.waitForURL(/\/g\/[a-z2-9]{12}$/);
  }

  async quickPlay(name) {
    await this.setName(name);
    await this.page.getByTestId('quick-play').click();
    await this.page.waitForURL(/\/g\/[a-z2-9]{12}$/);
  }
}

export class GamePage {
  constructor(page) { this.page = page; }
  async inviteLink() { return this.page.getByTestId('invite').inputValue(); }
  async join(name) {
    await this.page.getByTestId('join-name').fill(name);
    await this.page.getByTestId('join').click();
  }
  players() { return this.page.getByTestId('player').locator('.name'); }
  async start() { await this.page.getByTestId('start').click(); }

  /** Waits for the product button of a round to be usable. */
  async waitForRound(timeout = 20000) {
    await this.page.getByTestId('product').and(this.page.locator(':enabled')).waitFor({ timeout });
  }

  /** Taps the product `times` times, `gapMs` apart, as a finger would. */
  async build(times, gapMs) {
    const product = this.page.getByTestId('product');
    for (let i = 0; i < times; i += 1) {
      await product.dispatchEvent('pointerdown');
      if (gapMs) await this.page.waitForTimeout(gapMs);
    }
  }

  async ship() { await this.page.getByTestId('ship').click(); }

  /** Ships, and waits for the server's word of where it credited the ship: the button then
   * reads "Shipped" and the price is what the round pays. */
  async shipAndHear() {
    await this.ship();
    await this.page.getByTestId('ship').filter({ hasText: /^Shipped$/ }).waitFor({ timeout: 5000 });
  }
  async clicks() { return Number(await this.page.getByTestId('clicks').textContent()); }

  /** The rows of the latest round results: name, clicks, ms, profit, burn, capital. */
  async results(timeout = 20000) {
    await this.page.getByTestId('results').waitFor({ timeout });
    return this.page.getByTestId('results').evaluate((table) => {
      const burn = Number(table.querySelector('caption').dataset.burn);
      const money = (s) => Number(s.replace(/[^0-9-]/g, ''));
      return [...table.querySelectorAll('[data-testid=result-row]')].map((r) => {
        const cell = (id) => r.querySelector(`[data-testid=${id}]`);
        return { name: cell('row-name').textContent, clicks: Number(cell('row-clicks').textContent),
          ms: Number(cell('row-ms').dataset.ms), profit: money(cell('row-profit').textContent), burn,
          capital: money(cell('capital').textContent) };
      });
    });
  }

  async winner(timeout = 30000) {
    const w = this.page.getByTestId('winner');
    await w.waitFor({ timeout });
    return w.textContent();
  }
}

/**
 * Plays every round of the game on `game`'s page until game over: `taps` taps `gapMs` apart, then
 * ship. A player gone broke watches the rest. Answers the rounds played and the winner's line.
 */
export async function playToTheEnd(game, { taps, gapMs }) {
  const { page } = game;
  const product = page.getByTestId('product').and(page.locator(':enabled'));
  const winner = page.getByTestId('winner');
  const played = new Set();
  for (;;) {
    // A round to play, or the end; generous: a round, its results and a countdown.
    await product.or(winner).first().waitFor({ timeout: 60000 });
    if (await winner.count()) break;
    const status = await page.getByTestId('round-status').textContent();
    played.add(Number(/^Round (\d+)/.exec(status)[1]));
    // Taps only while this round's button is open: on a slow machine the round can end mid-way, and
    // a tap that waited for the next round's button would play that round unseen.
    for (let i = 0; i < taps && (await product.count()); i += 1) {
      await product.dispatchEvent('pointerdown', undefined, { timeout: 200 }).catch(() => {});
      if (gapMs) await page.waitForTimeout(gapMs);
    }
    if (await page.getByTestId('ship').isEnabled({ timeout: 200 }).catch(() => false)) {
      await page.getByTestId('ship').click({ timeout: 1000 }).catch(() => {});
    }
    await product.waitFor({ state: 'detached', timeout: 60000 }).catch(() => {});
    await page.getByTestId('results').or(winner).first().waitFor({ timeout: 60000 });
  }
  return { rounds: played.size, winner: await winner.textContent() };
}
