import type { Locator, Page } from 'playwright-core';

/** The Export screen: recipes, destination, template, preview and run. */
export class ExportPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  recipe(title: string | RegExp): Locator {
    return this.page.getByRole('checkbox', { name: title });
  }
  get destination(): Locator {
    return this.page.getByRole('textbox', { name: /^Folder/ });
  }
  get template(): Locator {
    return this.page.getByRole('textbox', { name: 'Naming template' });
  }
  get zip(): Locator {
    return this.page.getByRole('checkbox', { name: 'One zip file' });
  }
  async queueRecipes(): Promise<void> {
    await this.page.getByRole('button', { name: 'Queue recipes' }).click();
  }
  async preview(): Promise<void> {
    await this.page.getByRole('button', { name: 'Preview files' }).click();
  }
  async run(): Promise<void> {
    await this.page.getByRole('button', { name: /^Export \d/ }).click();
  }
  get plan(): Locator {
    return this.page.getByTestId('export-plan');
  }
  get summary(): Locator {
    return this.page.getByTestId('export-summary');
  }
}

/** The Queue screen: one row per job with its state. */
export class QueuePage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  /** Every job row shown, across batches. */
  jobs(): Locator {
    return this.page.locator('.job');
  }
  /** One batch (one enqueue or export request) by its heading, e.g. "PNG for 2 logos". */
  batch(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }
  filter(label: 'All' | 'Running' | 'Queued' | 'Failed' | 'Done'): Locator {
    return this.page.getByRole('group', { name: 'Show jobs' }).getByRole('button', { name: new RegExp(`^${label} `) });
  }
  get summary(): Locator {
    return this.page.locator('.page__header [role=status]');
  }
  jobsInState(state: string): Locator {
    return this.page.locator(`.job[data-job-state="${state}"]`);
  }
}
