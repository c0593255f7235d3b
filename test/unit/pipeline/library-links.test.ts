import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAse } from '../../../src/main/core/colour/ase.ts';
import { openPress } from '../../../src/main/core/colour/press.ts';
import type { Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openStudio } from './fixtures/studio.ts';

/** A two-colour mark on white: a red disc and a blue bar. */
async function twoColourLogo(path: string): Promise<void> {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#ffffff"/>' +
    '<circle cx="140" cy="200" r="100" fill="#d62828"/><rect x="260" y="80" width="90" height="240" fill="#1d4ed8"/></svg>';
  await sharp(Buffer.from(svg)).png().toFile(path);
}

describe('pipeline and library', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  beforeEach(async () => {
    dir = await tempDir('marque-pipeline-library-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('a palette job records its colours in the library; processors using the palette get it and re-run when it changes', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const png = join(dir.path, 'mark.png');
    await twoColourLogo(png);
    const [outcome] = (await studio.library.importPaths([png])).outcomes;
    if (!outcome || outcome.status === 'failed') throw new Error('import failed');
    const id = outcome.logo.id;

    // The intake measured the palette at import: processors get it before any palette job.
    const measured = studio.library.paletteOf(id)?.colors.map((c) => c.hex) ?? [];
    expect(measured).toEqual(['#d62828', '#1d4ed8']);
    const before = await studio.pipeline.runToCompletion(id, 'test-palette-echo', {});
    expect(await readFile((await studio.pipeline.outputFile(before.id, 'palette.txt')).path, 'utf8')).toBe(
      measured.join(','),
    );
    // A palette the designer sets is what processors get next.
    studio.organise.setPalette(id, [{ hex: '#101010', share: 1 }], false);
    const set = await studio.pipeline.runToCompletion(id, 'test-palette-echo', {});
    expect(set.fromCache).toBe(false);
    expect(await readFile((await studio.pipeline.outputFile(set.id, 'palette.txt')).path, 'utf8')).toBe('#101010');

    const palette = await studio.pipeline.runToCompletion(id, 'palette', {});
    const extracted = (palette.facts as { palette: { colors: { hex: string }[] } }).palette.colors.map((c) => c.hex);
    expect(extracted.length).toBeGreaterThanOrEqual(2);
    const stored = studio.library.paletteOf(id);
    expect(stored?.colors.map((c) => c.hex)).toEqual(extracted);

    const after = await studio.pipeline.runToCompletion(id, 'test-palette-echo', {});
    expect(after.fromCache).toBe(false);
    expect(await readFile((await studio.pipeline.outputFile(after.id, 'palette.txt')).path, 'utf8')).toBe(
      extracted.join(','),
    );
    const again = await studio.pipeline.runToCompletion(id, 'test-palette-echo', {});
    expect(again.fromCache).toBe(true);
    // Made three times from three palettes, it is one output in the details panel: the newest.
    const echoes = (await studio.pipeline.outputs(id)).filter((o) => o.recipe === 'test-palette-echo');
    expect(echoes.map((o) => o.jobId)).toEqual([again.id]);
  });

  it('with a swatch book loaded, the palette job stores each colour’s press CMYK and nearest named ink; a new press re-runs print recipes', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const png = join(dir.path, 'mark.png');
    await twoColourLogo(png);
    const [outcome] = (await studio.library.importPaths([png])).outcomes;
    if (!outcome || outcome.status === 'failed') throw new Error('import failed');
    const id = outcome.logo.id;
    await studio.handlers['print.addSwatchBook'](
      {
        fileName: 'House.ase',
        base64: Buffer.from(
          writeAse('House', [
            { name: 'House Red', hex: '#d52a2a' },
            { name: 'House Blue', hex: '#1e4fd6' },
          ]),
        ).toString('base64'),
      },
      { mode: 'desktop', clientAddress: null },
    );
    await studio.pipeline.runToCompletion(id, 'palette', {});
    const stored = studio.library.paletteOf(id);
    const press = await openPress(studio.print.setup());
    for (const colour of stored?.colors ?? []) {
      expect(colour.cmyk).toEqual(press.cmyk(colour.rgb));
      expect(colour.ink?.name).toBe(colour.rgb[0] > colour.rgb[2] ? 'House Red' : 'House Blue');
      expect(colour.ink?.deltaE00).toBeLessThan(3);
    }
    const first = await studio.pipeline.runToCompletion(id, 'pdf', { variants: ['black'] });
    expect((await studio.pipeline.runToCompletion(id, 'pdf', { variants: ['black'] })).fromCache).toBe(true);
    studio.print.configure({ intent: 'perceptual' });
    const again = await studio.pipeline.runToCompletion(id, 'pdf', { variants: ['black'] });
    expect(again.fromCache).toBe(false);
    expect(again.id).not.toBe(first.id);
  });

  it('outputs made from an older master show as stale once the master is replaced', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const first = join(dir.path, 'first.png');
    const second = join(dir.path, 'second.png');
    await sharp({ create: { width: 300, height: 200, channels: 4, background: '#2a9d8f' } })
      .png()
      .toFile(first);
    await sharp({ create: { width: 200, height: 300, channels: 4, background: '#e9c46a' } })
      .png()
      .toFile(second);
    const [outcome] = (await studio.library.importPaths([first])).outcomes;
    if (!outcome || outcome.status === 'failed') throw new Error('import failed');
    const id = outcome.logo.id;
    const old = await studio.pipeline.runToCompletion(id, 'thumbnail-png', { size: 100 });
    expect((await studio.pipeline.outputs(id)).map((o) => o.stale)).toEqual([false]);

    await studio.library.replaceMaster(id, second);
    const outputs = await studio.pipeline.outputs(id);
    expect(outputs.map((o) => [o.jobId, o.stale, o.staleReason])).toEqual([[old.id, true, 'master-changed']]);
    const fresh = await studio.pipeline.runToCompletion(id, 'thumbnail-png', { size: 100 });
    expect(fresh.fromCache).toBe(false);
    const meta = await sharp((await studio.pipeline.outputFile(fresh.id, 'preview-100.png')).path).metadata();
    expect([meta.width, meta.height]).toEqual([67, 100]);
    const now = await studio.pipeline.outputs(id);
    expect(now.find((o) => o.jobId === fresh.id)?.stale).toBe(false);
    expect(now.find((o) => o.jobId === old.id)?.stale).toBe(true);
  });
});
