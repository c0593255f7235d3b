import type { Locator, Page } from 'playwright-core';

export type ScreenName = 'Library' | 'Trash' | 'Queue' | 'Export' | 'Share & Settings';

/** The shell around every screen: sidebar, status bar, toasts. */
export class ShellPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  get sidebar(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }
  get statusBar(): Locator {
    return this.page.locator('footer.statusbar');
  }
  async open(screen: ScreenName): Promise<void> {
    await this.sidebar.getByRole('button', { name: screen, exact: true }).click();
  }
  heading(): Locator {
    return this.page.locator('main h1').first();
  }
}
