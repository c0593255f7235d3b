import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../../../src/main/core/studio.ts';
import { defaultShortName } from '../../../src/shared/favicon.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openStudio } from '../pipeline/fixtures/studio.ts';

describe('defaultShortName', () => {
  it('breaks at a word boundary, never leaving a trailing separator', () => {
    expect(defaultShortName('studio-nord-logo-final')).toBe('studio-nord');
    expect(defaultShortName('Acme Widgets International')).toBe('Acme Widgets');
    expect(defaultShortName('north_star.brand.mark')).toBe('north_star');
    expect(defaultShortName('Acme Widgets')).toBe('Acme Widgets');
  });

  it('keeps an over-long first word whole rather than a fragment of it', () => {
    expect(defaultShortName('Supercalifragilistic-logo')).toBe('Supercalifragilistic');
  });
});

const WORDMARK =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="120"><rect x="0" y="0" width="120" height="120" fill="#0b3d91"/>' +
  '<rect x="150" y="30" width="440" height="60" fill="#0b3d91"/></svg>';

describe('favicon.preview', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  beforeEach(async () => {
    dir = await tempDir('marque-favicon-studio-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('runs the real recipe with the options and reports the pack checker on its files', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const path = join(dir.path, 'studio-nord-logo-final.svg');
    await writeFile(path, WORDMARK);
    const [outcome] = (await studio.library.importPaths([path])).outcomes;
    if (!outcome || outcome.status === 'failed') throw new Error('import failed');
    const context = { mode: 'browser' as const, clientAddress: null };

    const plain = await studio.handlers['favicon.preview']({ logoId: outcome.logo.id, options: {} }, context);
    expect(plain.job.state).toBe('done');
    expect(plain.job.facts).toMatchObject({ shortName: 'studio-nord' });
    expect(plain.report.ok).toBe(true);
    expect(plain.report.checks.map((c) => c.file)).toContain('apple-touch-icon.png');

    const options = { basePath: '/static/icons/', shortName: 'Nord', themeColor: '#112233' };
    const custom = await studio.handlers['favicon.preview']({ logoId: outcome.logo.id, options }, context);
    expect(custom.job.options).toMatchObject(options);
    expect(custom.job.facts).toMatchObject({ shortName: 'Nord', themeColor: '#112233' });
    // The checker resolved the manifest's /static/icons/ URLs to the pack's files.
    expect(custom.report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(custom.report.checks.some((c) => c.file === 'web-app-manifest-512x512.png' && c.ok)).toBe(true);
  });
});
