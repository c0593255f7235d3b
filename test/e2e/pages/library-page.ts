import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { dropPayload } from './harness.ts';

/** The Library screen as a designer uses it: import, search, filter, select, tag, trash. */
export class LibraryPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  get grid(): Locator {
    return this.page.getByRole('listbox', { name: 'Logos' });
  }
  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search logos' });
  }
  get details(): Locator {
    return this.page.getByRole('complementary', { name: 'Details' });
  }
  get emptyState(): Locator {
    return this.page.getByTestId('empty-library');
  }
  get count(): Locator {
    return this.page.locator('.toolbar__count');
  }

  /** A tile by the logo's name (its thumbnail's alt text). */
  tile(name: string): Locator {
    return this.grid.locator(`[role=option][data-logo-name="${name}"]`);
  }
  tiles(): Locator {
    return this.grid.locator('[role=option][data-logo-name]');
  }
  async tileNames(): Promise<string[]> {
    return this.tiles().evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-logo-name') ?? ''));
  }
  selectedTiles(): Locator {
    return this.grid.locator('[role=option][aria-selected=true]');
  }

  /**
   * Selects every tile with Ctrl+A on the grid until `count` are selected: a toast can hold the
   * focus for a moment after an import, and pressing again is harmless.
   */
  async selectAll(count: number): Promise<void> {
    await expect
      .poll(async () => {
        await this.grid.focus();
        await this.page.keyboard.press('Control+a');
        return this.selectedTiles().count();
      })
      .toBe(count);
  }

  /** Imports through the hidden file input (what the Import button and Cmd/Ctrl+O open). */
  async importFiles(paths: readonly string[]): Promise<void> {
    await this.page.getByTestId('import-input').setInputFiles([...paths]);
  }

  /** Drops files on the window the way the OS does: dragenter, dragover, drop with a DataTransfer of Files. */
  async dropFiles(paths: readonly string[]): Promise<void> {
    const payload = await dropPayload(paths);
    await this.page.evaluate((files) => {
      const data = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], file.name, { type: file.type }));
      }
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, payload);
    await this.page.locator('.drop-overlay').waitFor({ state: 'visible' });
    await this.page.evaluate((files) => {
      const data = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], file.name, { type: file.type }));
      }
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, payload);
  }

  /** Waits until this many tiles exist and every visible thumbnail decoded. */
  async waitForTiles(count: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('[role=option][data-logo-name] img')];
        return imgs.length === n && imgs.every((img) => img.complete && img.naturalWidth > 0);
      },
      count,
      { timeout: 60_000 },
    );
  }

  async typeSearch(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** Opens the toolbar's "More filters" popover (kind, format, collection, sort) unless it is open. */
  async openFilters(): Promise<Locator> {
    const button = this.page.getByRole('button', { name: /^Filters/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    return this.page.getByRole('group', { name: 'More filters' });
  }

  async kind(label: 'All' | 'Vector' | 'Raster'): Promise<void> {
    const filters = await this.openFilters();
    await filters.getByRole('button', { name: label, exact: true }).click();
  }

  async format(label: string): Promise<void> {
    const filters = await this.openFilters();
    await filters.getByLabel('Format').selectOption({ label });
  }

  async addTag(tag: string): Promise<void> {
    const input = this.details.getByRole('textbox', { name: /Add a tag/ });
    await input.fill(tag);
    await input.press('Enter');
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByRole('region', { name: 'Notifications' }).getByText(text);
  }

  async openTrash(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Trash' }).click();
  }
  async openLibrary(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  }
}
