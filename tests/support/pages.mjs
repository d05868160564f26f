// Page objects: what a player does on each screen, by role or data-testid.
export class HomePage {
  constructor(page, base) { this.page = page; this.base = base; }
  async open() { await this.page.goto(`${this.base}/`); }
  async createGame(name) {
    await this.page.getByTestId('name').fill(name);
    await this.page.getByTestId('create').click();
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
}
